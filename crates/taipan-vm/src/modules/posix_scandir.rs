//! `posix.scandir` and `posix.DirEntry`: the directory is read when
//! `scandir()` is called; the iterator hands out one `DirEntry` per name
//! (with the file type the directory listing gave, so `is_dir()` usually
//! needs no `stat`) and works as a context manager.

use super::native::{self, boolean, none};
use super::posix::{decode_fs, stat_result, Target};
use super::posix_at::{dir_target, flag_arg, parse, read_entries, sys};
use crate::exceptions::{self as exc, PyResult};
use crate::objects::os_error::from_errno;
use crate::objects::{int, m, mk, str as pystr, Method};
use crate::runtime::rt;
use crate::value::Value;
use std::cell::{Cell, OnceCell, RefCell};
use std::collections::VecDeque;
use std::ffi::CString;

/// The payload of a `DirEntry`.
pub struct DirEntryData {
    name: Value,
    path: Value,
    /// What to give `fstatat`: the full path, or the name under `dir_fd`.
    stat_path: CString,
    dir_fd: i32,
    ino: u64,
    /// The `d_type` the listing gave (`DT_UNKNOWN` when it gave none).
    d_type: u8,
    /// `stat()` and `lstat()` results once fetched, with their `st_mode`.
    stat: RefCell<Option<(Value, u32)>>,
    lstat: RefCell<Option<(Value, u32)>>,
}

/// The payload of the `ScandirIterator`.
pub struct ScandirData {
    entries: RefCell<VecDeque<Value>>,
    /// Exhausted or closed (a finalised open iterator warns, as CPython's).
    closed: Cell<bool>,
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
    m("__del__", iter_del),
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
            // Its `__del__` warns about an unclosed iterator.
            crate::types::type_payload(&it).has_finalizer.set(true);
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

/// `scandir(path=None)`: a path, or a directory descriptor (the entries'
/// `path` is then their name, and `stat` works relative to the descriptor).
pub fn scandir(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = parse("scandir", args, kwnames, &["path"], 0, 1)?;
    let t = dir_target("scandir", &a[0])?;
    let (entry_ty, iter_ty) = types();
    let mut entries = VecDeque::new();
    for raw in read_entries(&t)? {
        let data = match &t {
            Target::Fd(fd) => DirEntryData {
                name: decode_fs(&raw.name, false),
                path: decode_fs(&raw.name, false),
                stat_path: CString::new(raw.name).unwrap_or_default(),
                dir_fd: *fd,
                ino: raw.ino,
                d_type: raw.d_type,
                stat: RefCell::new(None),
                lstat: RefCell::new(None),
            },
            Target::Path(p) => {
                let mut full = p.bytes.clone();
                if !full.ends_with(b"/") {
                    full.push(b'/');
                }
                full.extend_from_slice(&raw.name);
                DirEntryData {
                    name: decode_fs(&raw.name, p.is_bytes),
                    path: decode_fs(&full, p.is_bytes),
                    stat_path: CString::new(full).unwrap_or_default(),
                    dir_fd: libc::AT_FDCWD,
                    ino: raw.ino,
                    d_type: raw.d_type,
                    stat: RefCell::new(None),
                    lstat: RefCell::new(None),
                }
            }
        };
        entries.push_back(crate::heap::alloc(&entry_ty, data));
    }
    Ok(crate::heap::alloc(&iter_ty, ScandirData { entries: RefCell::new(entries), closed: Cell::new(false) }))
}

fn iter_next(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = args[0].downcast::<ScandirData>().ok_or_else(|| exc::type_error("expected a ScandirIterator"))?;
    let next = d.entries.borrow_mut().pop_front();
    next.ok_or_else(|| {
        d.closed.set(true);
        exc::stop_iteration(none())
    })
}

fn iter_close(args: &[Value], _: &[Value]) -> PyResult<Value> {
    if let Some(d) = args[0].downcast::<ScandirData>() {
        d.entries.borrow_mut().clear();
        d.closed.set(true);
    }
    Ok(none())
}

/// Finalisation: an iterator neither exhausted nor closed emits a
/// ResourceWarning ("unclosed scandir iterator …").
fn iter_del(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let Some(d) = args[0].downcast::<ScandirData>() else { return Ok(none()) };
    if !d.closed.get() {
        d.closed.set(true);
        d.entries.borrow_mut().clear();
        let r = crate::ops::repr_string(&args[0])?;
        super::_warnings::warn(&rt().exc.resource_warning, &format!("unclosed scandir iterator {r}"), 1)?;
    }
    Ok(none())
}

fn entry_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let r = crate::ops::repr_string(&this(&args[0])?.name)?;
    Ok(pystr::from_string(format!("<DirEntry {r}>")))
}

fn follow_arg(fname: &str, args: &[Value], kwnames: &[Value]) -> PyResult<bool> {
    let a = parse(fname, args, kwnames, &["follow_symlinks"], 0, 0)?;
    flag_arg(&a[0], true)
}

/// The entry's `stat` (following symlinks or not), fetched once.
fn entry_stat_cached(d: &DirEntryData, follow: bool) -> PyResult<(Value, u32)> {
    let follow = follow && is_symlink(d)?;
    let cell = if follow { &d.stat } else { &d.lstat };
    if let Some(r) = cell.borrow().as_ref() {
        return Ok(r.clone());
    }
    let st = sys::fstatat(d.dir_fd, &d.stat_path, follow)
        .map_err(|e| from_errno(e, Some(d.path.clone()), None))?;
    let r = (stat_result(&st)?, st.st_mode);
    *cell.borrow_mut() = Some(r.clone());
    Ok(r)
}

fn is_symlink(d: &DirEntryData) -> PyResult<bool> {
    if d.d_type != libc::DT_UNKNOWN {
        return Ok(d.d_type == libc::DT_LNK);
    }
    Ok(entry_stat_cached(d, false)?.1 & libc::S_IFMT == libc::S_IFLNK)
}

/// Whether the entry is of file type `kind` (`S_IFDIR`, …); a vanished
/// entry is of no type.
fn test_type(d: &DirEntryData, follow: bool, kind: u32) -> PyResult<Value> {
    let dt_kind = if kind == libc::S_IFDIR { libc::DT_DIR } else { libc::DT_REG };
    if d.d_type != libc::DT_UNKNOWN && !(follow && d.d_type == libc::DT_LNK) {
        return Ok(boolean(d.d_type == dt_kind));
    }
    match entry_stat_cached(d, follow) {
        Ok((_, mode)) => Ok(boolean(mode & libc::S_IFMT == kind)),
        Err(e) if e.matches(&rt().exc.file_not_found_error) => Ok(boolean(false)),
        Err(e) => Err(e),
    }
}

fn entry_is_dir(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let follow = follow_arg("is_dir", args, kwnames)?;
    test_type(this(&args[0])?, follow, libc::S_IFDIR)
}

fn entry_is_file(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let follow = follow_arg("is_file", args, kwnames)?;
    test_type(this(&args[0])?, follow, libc::S_IFREG)
}

fn entry_is_symlink(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(boolean(is_symlink(this(&args[0])?)?))
}

fn entry_stat(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let follow = follow_arg("stat", args, kwnames)?;
    Ok(entry_stat_cached(this(&args[0])?, follow)?.0)
}
