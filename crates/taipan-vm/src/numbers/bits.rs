//! (being written: see numbers/mod.rs)
