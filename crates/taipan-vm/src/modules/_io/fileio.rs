//! `_io.FileIO`: raw, unbuffered binary I/O on a file descriptor. The
//! descriptor is closed when the object is closed or freed (if `closefd`).

use super::super::native::{self, bind, boolean, given, int_arg, none, BASETYPE, HAS_DICT};
use super::super::posix::{path_arg, sys, Target};
use super::{bytes_arg, size_arg, unsupported};
use crate::exceptions::{self as exc, PyResult};
use crate::objects::os_error::from_errno;
use crate::objects::{bytes, int, m, mk, new_method, str as pystr, Getter, Method, Setter};
use crate::value::Value;
use std::cell::Cell;

/// The payload of a `FileIO`.
pub struct FileIoData {
    /// The descriptor; -1 when closed (or not yet opened).
    fd: Cell<i32>,
    readable: Cell<bool>,
    writable: Cell<bool>,
    appending: Cell<bool>,
    created: Cell<bool>,
    closefd: Cell<bool>,
    /// -1 unknown, 0 no, 1 yes.
    seekable: Cell<i8>,
}

impl Drop for FileIoData {
    fn drop(&mut self) {
        let fd = self.fd.get();
        if fd >= 0 && self.closefd.get() {
            let _ = sys::close(fd);
        }
    }
}

const METHODS: &[Method] = &[
    new_method(fileio_new),
    mk("__init__", fileio_init),
    mk("read", fileio_read),
    m("readall", fileio_readall),
    m("readinto", fileio_readinto),
    m("write", fileio_write),
    mk("seek", fileio_seek),
    m("tell", fileio_tell),
    mk("truncate", fileio_truncate),
    m("close", fileio_close),
    m("fileno", |a, _| Ok(int::from_i64(open_fd(&a[0])? as i64))),
    m("isatty", |a, _| Ok(boolean(sys::isatty(open_fd(&a[0])?)))),
    m("readable", |a, _| {
        open_fd(&a[0])?;
        Ok(boolean(this(&a[0])?.readable.get()))
    }),
    m("writable", |a, _| {
        open_fd(&a[0])?;
        Ok(boolean(this(&a[0])?.writable.get()))
    }),
    m("seekable", fileio_seekable),
    m("__repr__", fileio_repr),
    m("_dealloc_warn", |_, _| Ok(none())),
];

const GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    ("closed", |v| Ok(boolean(this(v)?.fd.get() < 0)), None),
    ("closefd", |v| Ok(boolean(this(v)?.closefd.get())), None),
    ("mode", |v| Ok(pystr::new(mode_string(this(v)?))), None),
    ("_blksize", |v| Ok(int::from_i64(blksize(this(v)?.fd.get()))), None),
];

/// Creates the `FileIO` class.
pub fn new_type(base: &Value) -> Value {
    native::new_type::<FileIoData>("FileIO", "_io", base, BASETYPE | HAS_DICT, METHODS, GETSETS)
}

fn this(v: &Value) -> PyResult<&FileIoData> {
    v.downcast::<FileIoData>().ok_or_else(|| exc::type_error("descriptor requires a '_io.FileIO' object"))
}

/// The open descriptor, or CPython's ValueError for a closed file.
fn open_fd(v: &Value) -> PyResult<i32> {
    let fd = this(v)?.fd.get();
    if fd < 0 {
        return Err(exc::value_error("I/O operation on closed file"));
    }
    Ok(fd)
}

fn blksize(fd: i32) -> i64 {
    use std::os::unix::fs::MetadataExt;
    sys::fstat(fd).map(|md| md.blksize() as i64).unwrap_or(super::DEFAULT_BUFFER_SIZE as i64)
}

fn mode_string(d: &FileIoData) -> &'static str {
    let plus = d.readable.get() && d.writable.get();
    match (d.created.get(), d.appending.get(), d.readable.get()) {
        (true, _, _) => {
            if d.readable.get() {
                "xb+"
            } else {
                "xb"
            }
        }
        (_, true, _) => {
            if d.readable.get() {
                "ab+"
            } else {
                "ab"
            }
        }
        (_, _, true) if plus => "rb+",
        (_, _, true) => "rb",
        _ => "wb",
    }
}

fn fileio_new(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = FileIoData {
        fd: Cell::new(-1),
        readable: Cell::new(false),
        writable: Cell::new(false),
        appending: Cell::new(false),
        created: Cell::new(false),
        closefd: Cell::new(true),
        seekable: Cell::new(-1),
    };
    crate::objects::object::alloc_subclass(&args[0], d)
}

/// The flags of a FileIO mode string, as CPython's `_io_FileIO___init___impl`.
fn parse_mode(d: &FileIoData, mode: &str) -> PyResult<i32> {
    let bad =
        || exc::value_error("Must have exactly one of create/read/write/append mode and at most one plus");
    let (mut rwa, mut plus, mut flags) = (false, false, 0);
    for c in mode.chars() {
        match c {
            'x' | 'r' | 'w' | 'a' => {
                if rwa {
                    return Err(bad());
                }
                rwa = true;
                match c {
                    'x' => {
                        d.created.set(true);
                        d.writable.set(true);
                        flags |= libc::O_EXCL | libc::O_CREAT;
                    }
                    'r' => d.readable.set(true),
                    'w' => {
                        d.writable.set(true);
                        flags |= libc::O_CREAT | libc::O_TRUNC;
                    }
                    _ => {
                        d.writable.set(true);
                        d.appending.set(true);
                        flags |= libc::O_APPEND | libc::O_CREAT;
                    }
                }
            }
            'b' => {}
            '+' => {
                if plus {
                    return Err(bad());
                }
                d.readable.set(true);
                d.writable.set(true);
                plus = true;
            }
            _ => return Err(exc::value_error(format!("invalid mode: {mode}"))),
        }
    }
    if !rwa {
        return Err(bad());
    }
    flags |= match (d.readable.get(), d.writable.get()) {
        (true, true) => libc::O_RDWR,
        (true, false) => libc::O_RDONLY,
        _ => libc::O_WRONLY,
    };
    Ok(flags | libc::O_CLOEXEC)
}

/// `FileIO(file, mode='r', closefd=True, opener=None)`.
fn fileio_init(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    let d = this(me)?;
    let a = bind("FileIO", &args[1..], kwnames, &["file", "mode", "closefd", "opener"], 1)?;
    if d.fd.get() >= 0 {
        if d.closefd.get() {
            let _ = sys::close(d.fd.get());
        }
        d.fd.set(-1);
    }
    let file = a[0].clone().expect("required");
    let mode = match &a[1] {
        Some(v) => native::str_arg(v, "FileIO", "mode")?,
        None => "r".to_string(),
    };
    let closefd = match &a[2] {
        Some(v) => crate::ops::truthy(v)?,
        None => true,
    };
    if crate::objects::float::to_f64(&file).is_some() && !int::is_int(&file) {
        return Err(exc::type_error("integer argument expected, got float"));
    }
    let flags = parse_mode(d, &mode)?;
    let fd = match path_arg("FileIO", "file", &file, true) {
        Ok(Target::Fd(fd)) => {
            if fd < 0 {
                return Err(exc::value_error("negative file descriptor"));
            }
            d.closefd.set(closefd);
            fd
        }
        Ok(Target::Path(p)) => {
            if !closefd {
                return Err(exc::value_error("Cannot use closefd=False with file name"));
            }
            d.closefd.set(true);
            match given(&a[3]) {
                Some(opener) => {
                    let r = crate::call::call(opener, &[file.clone(), int::from_i64(flags as i64)], &[])?;
                    let fd = int_arg(&r, "")?;
                    if fd < 0 {
                        return Err(exc::value_error(format!("opener returned {fd}")));
                    }
                    fd as i32
                }
                None => sys::open(&p, flags, 0o666)?,
            }
        }
        Err(e) if pystr::is_str(&file) || bytes::as_bytes(&file).is_some() => return Err(e),
        Err(_) => {
            return Err(exc::type_error(format!(
                "expected str, bytes or os.PathLike object, not {}",
                crate::types::type_name(&file)
            )))
        }
    };
    d.fd.set(fd);
    match super::super::posix_at::sys::fstat(fd) {
        // CPython tolerates fstat errors other than EBADF (issue #25717).
        Err(libc::EBADF) => {
            d.fd.set(-1);
            return Err(from_errno(libc::EBADF, None, None));
        }
        Ok(st) if st.st_mode & libc::S_IFMT == libc::S_IFDIR => {
            if d.closefd.get() {
                let _ = sys::close(fd);
            }
            d.fd.set(-1);
            return Err(from_errno(libc::EISDIR, Some(file), None));
        }
        _ => {}
    }
    crate::attr::generic_setattr(me, &pystr::intern("name"), file)?;
    if d.appending.get() {
        let _ = sys::lseek(fd, 0, libc::SEEK_END);
    }
    Ok(none())
}

fn check_readable(v: &Value) -> PyResult<i32> {
    let fd = open_fd(v)?;
    if !this(v)?.readable.get() {
        return Err(unsupported("File not open for reading"));
    }
    Ok(fd)
}

fn fileio_read(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let fd = check_readable(&args[0])?;
    let a = bind("read", &args[1..], kwnames, &["size"], 0)?;
    match size_arg(a[0].as_ref())? {
        None => read_all(fd),
        Some(n) => match sys::read(fd, n) {
            Err(e) if is_eagain(&e) => Ok(none()),
            r => r.map(bytes::new),
        },
    }
}

fn is_eagain(e: &crate::exceptions::PyErr) -> bool {
    crate::types::is_instance(e.value(), &crate::runtime::rt().exc.blocking_io_error)
}

fn read_all(fd: i32) -> PyResult<Value> {
    let mut out = Vec::new();
    let mut chunk = super::DEFAULT_BUFFER_SIZE;
    loop {
        let b = sys::read(fd, chunk)?;
        if b.is_empty() {
            break;
        }
        out.extend_from_slice(&b);
        chunk = (out.len()).clamp(super::DEFAULT_BUFFER_SIZE, 1 << 20);
    }
    Ok(bytes::new(out))
}

fn fileio_readinto(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("readinto", args, 2, 2)?;
    let fd = check_readable(&args[0])?;
    let n = super::buffer_len(&args[1])?;
    match sys::read(fd, n) {
        Err(e) if is_eagain(&e) => Ok(none()),
        r => Ok(int::from_usize(super::fill_buffer(&args[1], &r?)?)),
    }
}

fn fileio_readall(args: &[Value], _: &[Value]) -> PyResult<Value> {
    read_all(open_fd(&args[0])?)
}

fn fileio_write(args: &[Value], _: &[Value]) -> PyResult<Value> {
    crate::objects::check_args("write", args, 2, 2)?;
    open_fd(&args[0])?;
    let data = bytes_arg(&args[1])?;
    Ok(write_bytes(&args[0], &data)?.map_or_else(none, int::from_usize))
}

/// `write(data)` from Rust: how many bytes went out (None when the
/// descriptor would block).
pub fn write_bytes(me: &Value, data: &[u8]) -> PyResult<Option<usize>> {
    let fd = open_fd(me)?;
    if !this(me)?.writable.get() {
        return Err(unsupported("File not open for writing"));
    }
    match sys::write(fd, data) {
        Err(e) if is_eagain(&e) => Ok(None),
        r => r.map(Some),
    }
}

/// Whether `v` is an exact `FileIO` (its methods may then be called from Rust).
pub fn is_exact(v: &Value) -> bool {
    super::exact::<FileIoData>(v).is_some()
}

/// `closed` of an exact `FileIO` without a lookup (None for other objects).
pub fn closed_direct(v: &Value) -> Option<bool> {
    super::exact::<FileIoData>(v).map(|d| d.fd.get() < 0)
}

fn fileio_seek(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let fd = open_fd(&args[0])?;
    let a = bind("seek", &args[1..], kwnames, &["pos", "whence"], 1)?;
    let pos_v = a[0].as_ref().expect("required");
    if crate::objects::float::to_f64(pos_v).is_some() && !int::is_int(pos_v) {
        return Err(exc::type_error("an integer is required"));
    }
    let pos = int_arg(pos_v, "")?;
    let whence = match &a[1] {
        Some(v) => int_arg(v, "")? as i32,
        None => 0,
    };
    Ok(int::from_i64(sys::lseek(fd, pos, whence)?))
}

fn fileio_tell(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(int::from_i64(sys::lseek(open_fd(&args[0])?, 0, libc::SEEK_CUR)?))
}

fn fileio_truncate(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let fd = open_fd(&args[0])?;
    if !this(&args[0])?.writable.get() {
        return Err(unsupported("File not open for writing"));
    }
    let a = bind("truncate", &args[1..], kwnames, &["size"], 0)?;
    let size = match given(&a[0]) {
        Some(v) => int_arg(v, "")?,
        None => sys::lseek(fd, 0, libc::SEEK_CUR)?,
    };
    sys::ftruncate(fd, size)?;
    Ok(int::from_i64(size))
}

fn fileio_close(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = this(&args[0])?;
    let fd = d.fd.get();
    if fd < 0 {
        return Ok(none());
    }
    d.fd.set(-1);
    if d.closefd.get() {
        sys::close(fd)?;
    }
    Ok(none())
}

fn fileio_seekable(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let fd = open_fd(&args[0])?;
    let d = this(&args[0])?;
    if d.seekable.get() < 0 {
        d.seekable.set(i8::from(sys::lseek(fd, 0, libc::SEEK_CUR).is_ok()));
    }
    Ok(boolean(d.seekable.get() == 1))
}

fn fileio_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    let d = this(me)?;
    let cls = crate::types::type_of(me);
    let tname = format!(
        "{}.{}",
        crate::objects::object::type_module_name(&cls),
        crate::types::type_payload(&cls).qualname.borrow()
    );
    if d.fd.get() < 0 {
        return Ok(pystr::from_string(format!("<{tname} [closed]>")));
    }
    let closefd = if d.closefd.get() { "True" } else { "False" };
    let mode = mode_string(d);
    let text = match crate::attr::getattr_opt(me, &pystr::intern("name"))? {
        Some(name) => {
            format!("<{tname} name={} mode='{mode}' closefd={closefd}>", crate::ops::repr_string(&name)?)
        }
        None => format!("<{tname} fd={} mode='{mode}' closefd={closefd}>", d.fd.get()),
    };
    Ok(pystr::from_string(text))
}
