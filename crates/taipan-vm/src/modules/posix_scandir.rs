//! `posix.scandir` and `posix.DirEntry`: the directory is read when
//! `scandir()` is called; the iterator hands out one `DirEntry` per name
//! (with the file type the directory listing gave, so `is_dir()` usually
//! needs no `stat`) and works as a context manager.

use super::native::{self, bind, boolean, given, none};
use super::posix::{decode_fs, path_arg, stat_result, PathArg, Target};
use crate::exceptions::{self as exc, PyResult};
use crate::objects::{int, m, mk, str as pystr, Method};
use crate::runtime::rt;
use crate::value::Value;
use std::cell::{OnceCell, RefCell};
use std::collections::VecDeque;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::DirEntryExt;

/// The payload of a `DirEntry`.
pub struct DirEntryData {
    name: Value,
    path: Value,
    /// The full path for the system.
    full: Vec<u8>,
    ino: u64,
    file_type: Option<std::fs::FileType>,
}

/// The payload of the `ScandirIterator`.
pub struct ScandirData {
    entries: RefCell<VecDeque<Value>>,
}

crate::interp_static! {
    static TYPES: OnceCell<(Value, Value)> = const { OnceCell::new() };
}

const ENTRY_METHODS: &[Method] = &[
    m("__repr__", entry_repr),
    m("__fspath__", |a, _| Ok(this(&a[0])?.path.clone())),
    m("inode", |a, _| Ok(int::from_bigint(this(&a[0])?.ino.into()))),
    mk("is_dir", entry_is_dir),
    mk("is_file", entry_is_file),
    m("is_symlink", entry_is_symlink),
    mk("stat", entry_stat),
];

const ITER_METHODS: &[Method] = &[
    m("__iter__", |a, _| Ok(a[0].clone())),
    m("__next__", iter_next),
    m("__enter__", |a, _| Ok(a[0].clone())),
    m("__exit__", iter_close),
    m("close", iter_close),
];

fn types() -> (Value, Value) {
    TYPES.with(|t| {
        t.get_or_init(|| {
            let object = &rt().types.object;
            let entry = native::new_type::<DirEntryData>(
                "DirEntry",
                "posix",
                object,
                0,
                ENTRY_METHODS,
                &[
                    ("name", |v| Ok(this(v)?.name.clone()), None),
                    ("path", |v| Ok(this(v)?.path.clone()), None),
                ],
            );
            let it =
                native::new_type::<ScandirData>("ScandirIterator", "posix", object, 0, ITER_METHODS, &[]);
            (entry, it)
        })
        .clone()
    })
}

/// The `posix.DirEntry` type.
pub fn dir_entry_type() -> Value {
    types().0
}

fn this(v: &Value) -> PyResult<&DirEntryData> {
    v.downcast::<DirEntryData>().ok_or_else(|| exc::type_error("expected a DirEntry"))
}

/// `scandir(path='.')`.
pub fn scandir(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = bind("scandir", &args[1..], kwnames, &["path"], 0)?;
    let p = match given(&a[0]) {
        None => PathArg { bytes: b".".to_vec(), is_bytes: false, orig: pystr::new(".") },
        Some(v) => match path_arg("scandir", "path", v, true)? {
            Target::Path(p) => p,
            Target::Fd(_) => return Err(exc::not_implemented_error("scandir: fd unavailable")),
        },
    };
    let (entry_ty, iter_ty) = types();
    let mut entries = VecDeque::new();
    for e in std::fs::read_dir(p.os()).map_err(|e| p.error(e))? {
        let e = e.map_err(|e| p.error(e))?;
        let name = e.file_name();
        let mut full = p.bytes.clone();
        if !full.ends_with(b"/") {
            full.push(b'/');
        }
        full.extend_from_slice(name.as_bytes());
        let data = DirEntryData {
            name: decode_fs(name.as_bytes(), p.is_bytes),
            path: decode_fs(&full, p.is_bytes),
            full,
            ino: e.ino(),
            file_type: e.file_type().ok(),
        };
        entries.push_back(crate::heap::alloc(&entry_ty, data));
    }
    Ok(crate::heap::alloc(&iter_ty, ScandirData { entries: RefCell::new(entries) }))
}

fn iter_next(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = args[0].downcast::<ScandirData>().ok_or_else(|| exc::type_error("expected a ScandirIterator"))?;
    let next = d.entries.borrow_mut().pop_front();
    next.ok_or_else(|| exc::stop_iteration(none()))
}

fn iter_close(args: &[Value], _: &[Value]) -> PyResult<Value> {
    if let Some(d) = args[0].downcast::<ScandirData>() {
        d.entries.borrow_mut().clear();
    }
    Ok(none())
}

fn entry_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let r = crate::ops::repr_string(&this(&args[0])?.name)?;
    Ok(pystr::from_string(format!("<DirEntry {r}>")))
}

fn follow_arg(fname: &str, args: &[Value], kwnames: &[Value]) -> PyResult<bool> {
    let a = bind(fname, &args[1..], kwnames, &["follow_symlinks"], 0)?;
    match &a[0] {
        Some(v) => crate::ops::truthy(v),
        None => Ok(true),
    }
}

/// The entry's metadata (following symlinks or not); None when it vanished.
fn metadata(d: &DirEntryData, follow: bool) -> std::io::Result<std::fs::Metadata> {
    let p = OsStr::from_bytes(&d.full);
    if follow {
        std::fs::metadata(p)
    } else {
        std::fs::symlink_metadata(p)
    }
}

fn test_type(args: &[Value], follow: bool, pred: fn(&std::fs::FileType) -> bool) -> PyResult<Value> {
    let d = this(&args[0])?;
    let is_link = d.file_type.is_some_and(|t| t.is_symlink());
    if let (Some(t), false) = (d.file_type, follow && is_link) {
        return Ok(boolean(pred(&t)));
    }
    Ok(boolean(metadata(d, follow).map(|md| pred(&md.file_type())).unwrap_or(false)))
}

fn entry_is_dir(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let follow = follow_arg("is_dir", args, kwnames)?;
    test_type(args, follow, |t| t.is_dir())
}

fn entry_is_file(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let follow = follow_arg("is_file", args, kwnames)?;
    test_type(args, follow, |t| t.is_file())
}

fn entry_is_symlink(args: &[Value], _: &[Value]) -> PyResult<Value> {
    test_type(args, false, |t| t.is_symlink())
}

fn entry_stat(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let follow = follow_arg("stat", args, kwnames)?;
    let d = this(&args[0])?;
    let md =
        metadata(d, follow).map_err(|e| crate::objects::os_error::from_io_error(&e, Some(d.path.clone())))?;
    stat_result(&md)
}
