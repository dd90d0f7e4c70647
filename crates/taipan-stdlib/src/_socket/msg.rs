//! `socket.sendmsg`/`recvmsg` and `CMSG_LEN`/`CMSG_SPACE`: scatter/gather
//! data plus ancillary data (`(level, type, data)` triples; SCM_RIGHTS
//! passes descriptors, which `socket.send_fds`/`recv_fds` and
//! `multiprocessing.reduction` rely on).
//!
//! The control buffer is laid out by hand with the C library's rules: each
//! message is a `cmsghdr` (length, level, type) followed by its data, and
//! starts at a multiple of `size_t`'s alignment.

use super::addr::{self, SockAddr};
use super::sock::{sock_call, this};
use taipan_vm::exceptions::{self as exc, PyResult};
use taipan_vm::modules::native::{self, none};
use taipan_vm::objects::{bytes, int, list, tuple};
use taipan_vm::runtime::rt;
use taipan_vm::Value;

const ALIGN: usize = std::mem::size_of::<usize>();
/// `CMSG_ALIGN(sizeof(struct cmsghdr))`.
const HEADER: usize = std::mem::size_of::<libc::cmsghdr>().div_ceil(ALIGN) * ALIGN;

fn align(n: usize) -> usize {
    n.div_ceil(ALIGN) * ALIGN
}

/// `CMSG_LEN(n)` (`space`: `CMSG_SPACE(n)`).
pub(super) fn cmsg_len_fn(args: &[Value], space: bool) -> PyResult<Value> {
    let fname = if space { "CMSG_SPACE" } else { "CMSG_LEN" };
    taipan_vm::objects::check_args(fname, args, 2, 2)?;
    let n = native::int_arg(&args[1], "")?;
    let out_of_range = || exc::overflow_error(format!("{fname}() argument out of range"));
    let n = usize::try_from(n).map_err(|_| out_of_range())?;
    // CPython's limits: the result must fit a C int (its SOCKLEN_T_LIMIT).
    let limit = i32::MAX as usize;
    let total = if space { align(n).checked_add(HEADER) } else { n.checked_add(HEADER) };
    let most = if space { limit - (HEADER + ALIGN) } else { limit - HEADER };
    match total.filter(|t| *t <= limit && n <= most) {
        Some(t) => Ok(int::from_usize(t)),
        None => Err(out_of_range()),
    }
}

/// The control buffer for `ancdata` (an iterable of (level, type, data)).
fn control_buffer(ancdata: &Value) -> PyResult<Vec<u8>> {
    let mut buf = Vec::new();
    for item in taipan_vm::ops::collect(ancdata)? {
        let items = tuple::items(&item).filter(|t| t.len() == 3).ok_or_else(|| {
            exc::type_error("[sendmsg() ancillary data items]() argument must be sequence of length 3")
        })?;
        let level = native::int_arg(&items[0], "")? as i32;
        let kind = native::int_arg(&items[1], "")? as i32;
        let data = super::bytes_like(&items[2])?;
        let start = buf.len();
        buf.resize(start + HEADER + align(data.len()), 0);
        buf[start..start + ALIGN].copy_from_slice(&(HEADER + data.len()).to_ne_bytes());
        buf[start + ALIGN..start + ALIGN + 4].copy_from_slice(&level.to_ne_bytes());
        buf[start + ALIGN + 4..start + ALIGN + 8].copy_from_slice(&kind.to_ne_bytes());
        buf[start + HEADER..start + HEADER + data.len()].copy_from_slice(&data);
    }
    Ok(buf)
}

/// The (level, type, data) triples of a received control buffer.
fn parse_control(buf: &[u8]) -> Vec<Value> {
    let mut out = Vec::new();
    let mut off = 0;
    while off + HEADER <= buf.len() {
        let word = |at: usize| <[u8; ALIGN]>::try_from(&buf[at..at + ALIGN]).map(usize::from_ne_bytes);
        let half = |at: usize| <[u8; 4]>::try_from(&buf[at..at + 4]).map(i32::from_ne_bytes);
        let (Ok(len), Ok(level), Ok(kind)) = (word(off), half(off + ALIGN), half(off + ALIGN + 4)) else {
            break;
        };
        if len < HEADER {
            break;
        }
        let end = (off + len).min(buf.len());
        let data = buf[off + HEADER..end].to_vec();
        out.push(tuple::new(vec![int::from_i64(level as i64), int::from_i64(kind as i64), bytes::new(data)]));
        off += align(len);
    }
    out
}

/// `sendmsg(buffers[, ancdata[, flags[, address]]])` → bytes sent.
pub(super) fn sock_sendmsg(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("sendmsg", args, 2, 5)?;
    let s = this(&args[0])?;
    let buffers: Vec<Vec<u8>> =
        taipan_vm::ops::collect(&args[1])?.iter().map(super::bytes_like).collect::<PyResult<_>>()?;
    let control = match args.get(2) {
        Some(a) => control_buffer(a)?,
        None => Vec::new(),
    };
    let flags = match args.get(3) {
        Some(f) => native::int_arg(f, "")? as i32,
        None => 0,
    };
    let address = match args.get(4).filter(|a| !a.is(&rt().none)) {
        Some(a) => Some(addr::from_python(s.family.get(), a, "sendmsg")?),
        None => None,
    };
    // Kept 8-aligned for the kernel's cmsghdr reads.
    let mut control_words = vec![0u64; control.len().div_ceil(8)];
    // SAFETY: `control_words` has at least `control.len()` bytes.
    unsafe {
        std::ptr::copy_nonoverlapping(control.as_ptr(), control_words.as_mut_ptr() as *mut u8, control.len())
    };
    let n = sock_call(s, true, |fd| {
        let mut iov: Vec<libc::iovec> = buffers
            .iter()
            .map(|b| libc::iovec { iov_base: b.as_ptr() as *mut libc::c_void, iov_len: b.len() })
            .collect();
        // SAFETY: msghdr is plain data; all-zero bytes are a valid value.
        let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
        msg.msg_iov = iov.as_mut_ptr();
        msg.msg_iovlen = iov.len();
        if !control.is_empty() {
            msg.msg_control = control_words.as_mut_ptr() as *mut libc::c_void;
            msg.msg_controllen = control.len();
        }
        if let Some(a) = &address {
            msg.msg_name = a.as_ptr() as *mut libc::c_void;
            msg.msg_namelen = a.len;
        }
        // SAFETY: every pointer in `msg` is valid for the lengths it gives.
        let r = unsafe { libc::sendmsg(fd, &msg, flags) };
        (r, r)
    })?;
    Ok(int::from_i64(n as i64))
}

/// `recvmsg(bufsize[, ancbufsize[, flags]])` → (data, ancdata, msg_flags, address).
pub(super) fn sock_recvmsg(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("recvmsg", args, 2, 4)?;
    let s = this(&args[0])?;
    let size = native::int_arg(&args[1], "")?;
    let size = usize::try_from(size).map_err(|_| exc::value_error("negative buffer size in recvmsg()"))?;
    let anc = match args.get(2) {
        Some(a) => native::int_arg(a, "")?,
        None => 0,
    };
    let anc = usize::try_from(anc).map_err(|_| exc::value_error("negative buffer size in recvmsg()"))?;
    let flags = match args.get(3) {
        Some(f) => native::int_arg(f, "")? as i32,
        None => 0,
    };
    let mut data = exc::try_vec::<u8>(size)?;
    data.resize(size, 0);
    let mut control_words = exc::try_vec::<u64>(anc.div_ceil(8))?;
    control_words.resize(anc.div_ceil(8), 0);
    let (n, msg_flags, controllen, a) = sock_call(s, false, |fd| {
        let mut a = SockAddr::empty();
        let mut iov = libc::iovec { iov_base: data.as_mut_ptr() as *mut libc::c_void, iov_len: size };
        // SAFETY: msghdr is plain data; all-zero bytes are a valid value.
        let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
        msg.msg_iov = &mut iov;
        msg.msg_iovlen = 1;
        msg.msg_name = a.as_mut_ptr() as *mut libc::c_void;
        msg.msg_namelen = a.len;
        if anc > 0 {
            msg.msg_control = control_words.as_mut_ptr() as *mut libc::c_void;
            msg.msg_controllen = anc;
        }
        // SAFETY: every pointer in `msg` is valid for the lengths it gives.
        let r = unsafe { libc::recvmsg(fd, &mut msg, flags) };
        a.len = msg.msg_namelen;
        (r, (r, msg.msg_flags, msg.msg_controllen, a))
    })?;
    data.truncate(n as usize);
    let control: Vec<u8> =
        control_words.iter().flat_map(|w| w.to_ne_bytes()).take(controllen.min(anc)).collect();
    let address = if a.len == 0 { none() } else { addr::to_python(&a)? };
    Ok(tuple::new(vec![
        bytes::new(data),
        list::new(parse_control(&control)),
        int::from_i64(msg_flags as i64),
        address,
    ]))
}
