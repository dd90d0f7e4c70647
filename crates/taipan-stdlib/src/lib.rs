//! The native modules of Taipan's standard library: the modules CPython
//! writes in C (`itertools`, `_collections`, `math`, …), one file per
//! module, listed once in `MODULES`. The pure-Python rest of the standard
//! library comes from a CPython 3.11 `Lib/` found at run time (DESIGN.md).
//! The modules the interpreter needs to boot (`sys`, `gc`, `marshal`,
//! `_imp`, `_io`, …) live in `taipan_vm::modules` instead.
//!
//! An embedder makes these importable with `register()` before running code.

pub mod _abc;
pub mod _blake2;
pub mod _codecs;
pub mod _collections;
pub mod _contextvars;
pub mod _json;
pub mod _multiprocessing;
pub mod _operator;
pub mod _posixsubprocess;
pub mod _random;
pub mod _signal;
pub mod _socket;
pub mod _string;
pub mod _struct;
pub mod array;
pub mod atexit;
pub mod binascii;
mod c_args;
pub mod errno;
pub mod fcntl;
pub mod hash_object;
pub mod itertools;
pub mod math;
mod math_float;
pub mod resource;
pub mod select;
pub mod sre;
pub mod termios;
mod termios_constants;
pub mod time;
pub mod unicodedata;
mod unicodedata_data;
mod unicodedata_normalize;

use taipan_vm::modules::ModuleInit;

/// The standard library's native modules, sorted by name (one source of truth).
pub const MODULES: &[(&str, ModuleInit)] = &[
    ("_abc", _abc::module),
    ("_blake2", _blake2::module),
    ("_codecs", _codecs::module),
    ("_collections", _collections::module),
    ("_contextvars", _contextvars::module),
    ("_json", _json::module),
    ("_md5", hash_object::md5_module),
    ("_multiprocessing", _multiprocessing::module),
    ("_operator", _operator::module),
    ("_posixsubprocess", _posixsubprocess::module),
    ("_random", _random::module),
    ("_sha1", hash_object::sha1_module),
    ("_sha256", hash_object::sha256_module),
    ("_sha3", hash_object::sha3_module),
    ("_sha512", hash_object::sha512_module),
    ("_signal", _signal::module),
    ("_socket", _socket::module),
    ("_sre", sre::module),
    ("_string", _string::module),
    ("_struct", _struct::module),
    ("array", array::module),
    ("atexit", atexit::module),
    ("binascii", binascii::module),
    ("errno", errno::module),
    ("fcntl", fcntl::module),
    ("itertools", itertools::module),
    ("math", math::module),
    ("resource", resource::module),
    ("select", select::module),
    ("termios", termios::module),
    ("time", time::module),
    ("unicodedata", unicodedata::module),
];

/// Makes every module in `MODULES` importable.
pub fn register() {
    taipan_vm::modules::register(MODULES);
}
