//! The `taipan` command line (to be written: `taipan script.py`, `-c CODE`).

fn main() {
    eprintln!("taipan: running programs is not implemented yet");
    std::process::exit(2);
}
