//! Name resolution through the C library (`getaddrinfo`, `getnameinfo`,
//! `gethostname`, `gethostbyname[_ex]`, `gethostbyaddr`, services and
//! protocols, interface indexes) and the address-text conversions
//! (`inet_aton`/`ntoa`/`pton`/`ntop`). Look-ups block, so they run inside
//! `gil::allow_threads` on owned C strings.

use super::addr::{self, SockAddr};
use super::{gai_error, last_error};
use std::ffi::{CStr, CString};
use taipan_vm::exceptions::{self as exc, PyResult};
use taipan_vm::modules::native::{self, bind};
use taipan_vm::objects::os_error::from_errno;
use taipan_vm::objects::{bytes, int, list, str as pystr, tuple};
use taipan_vm::types::type_name;
use taipan_vm::{gil, Value};

/// One `getaddrinfo` result.
pub(crate) struct AddrInfo {
    pub family: i32,
    pub socktype: i32,
    pub proto: i32,
    pub canonname: String,
    pub addr: SockAddr,
}

/// `getaddrinfo(3)`: the results, or `gaierror`.
pub(crate) fn lookup(
    host: Option<&str>,
    port: Option<&str>,
    family: i32,
    socktype: i32,
    proto: i32,
    flags: i32,
) -> PyResult<Vec<AddrInfo>> {
    let c = |s: &str| CString::new(s).map_err(|_| exc::value_error("embedded null character"));
    let host = host.map(c).transpose()?;
    let port = port.map(c).transpose()?;
    // SAFETY: addrinfo is plain data; all-zero bytes are a valid value.
    let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
    hints.ai_family = family;
    hints.ai_socktype = socktype;
    hints.ai_protocol = proto;
    hints.ai_flags = flags;
    let mut res: *mut libc::addrinfo = std::ptr::null_mut();
    let code = gil::allow_threads(|| {
        let h = host.as_ref().map_or(std::ptr::null(), |s| s.as_ptr());
        let p = port.as_ref().map_or(std::ptr::null(), |s| s.as_ptr());
        // SAFETY: the strings are NUL-terminated and outlive the call; `res` receives a list we free below.
        unsafe { libc::getaddrinfo(h, p, &hints, &mut res) }
    });
    if code != 0 {
        return Err(gai_error(code));
    }
    let mut out = Vec::new();
    let mut p = res;
    while !p.is_null() {
        // SAFETY: `p` walks the list getaddrinfo returned, which stays valid until freeaddrinfo.
        let ai = unsafe { &*p };
        let canonname = if ai.ai_canonname.is_null() {
            String::new()
        } else {
            // SAFETY: ai_canonname is a NUL-terminated string owned by the list.
            unsafe { CStr::from_ptr(ai.ai_canonname) }.to_string_lossy().into_owned()
        };
        out.push(AddrInfo {
            family: ai.ai_family,
            socktype: ai.ai_socktype,
            proto: ai.ai_protocol,
            canonname,
            addr: SockAddr::from_raw(ai.ai_addr, ai.ai_addrlen),
        });
        p = ai.ai_next;
    }
    // SAFETY: `res` came from a successful getaddrinfo and is freed once.
    unsafe { libc::freeaddrinfo(res) };
    Ok(out)
}

/// `getaddrinfo(host, port, family=0, type=0, proto=0, flags=0)`.
pub(super) fn getaddrinfo(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let names = ["host", "port", "family", "type", "proto", "flags"];
    let a = bind("getaddrinfo", &args[1..], kwnames, &names, 2)?;
    let host = match native::given(&a[0]) {
        None => None,
        Some(h) if pystr::as_str(h).is_some() || bytes::as_bytes(h).is_some() => Some(addr::host_text(h)?),
        Some(_) => return Err(exc::type_error("getaddrinfo() argument 1 must be string or None")),
    };
    let port = match native::given(&a[1]) {
        None => None,
        Some(p) if taipan_vm::objects::int::is_int(p) => Some(native::int_arg(p, "")?.to_string()),
        Some(p) if pystr::as_str(p).is_some() || bytes::as_bytes(p).is_some() => Some(addr::host_text(p)?),
        Some(_) => return Err(super::os_error("Int or String expected")),
    };
    let int_at = |i: usize| a[i].as_ref().map_or(Ok(0), |v| native::int_arg(v, "").map(|n| n as i32));
    let found = lookup(host.as_deref(), port.as_deref(), int_at(2)?, int_at(3)?, int_at(4)?, int_at(5)?)?;
    let mut rows = Vec::with_capacity(found.len());
    for r in found {
        rows.push(tuple::new(vec![
            int::from_i64(r.family as i64),
            int::from_i64(r.socktype as i64),
            int::from_i64(r.proto as i64),
            pystr::from_string(r.canonname),
            addr::to_python(&r.addr)?,
        ]));
    }
    Ok(list::new(rows))
}

/// `getnameinfo(sockaddr, flags)` → (host, port).
pub(super) fn getnameinfo(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("getnameinfo", args, 3, 3)?;
    let flags = native::int_arg(&args[2], "")? as i32;
    let a = nameinfo_address(&args[1])?;
    let (host, service) = name_info(&a, true, flags).map_err(gai_error)?;
    Ok(tuple::new(vec![pystr::from_string(host), pystr::from_string(service)]))
}

/// libc `getnameinfo` of `a` with the interpreter lock released: the host
/// and (when `want_service`) the service text, or getnameinfo's error code.
fn name_info(a: &SockAddr, want_service: bool, flags: i32) -> Result<(String, String), i32> {
    let mut hbuf = vec![0u8; libc::NI_MAXHOST as usize];
    let mut sbuf = vec![0u8; if want_service { 32 } else { 0 }];
    let code = gil::allow_threads(|| {
        let serv = if want_service { sbuf.as_mut_ptr() as *mut libc::c_char } else { std::ptr::null_mut() };
        // SAFETY: the address and both buffers are valid for the lengths
        // passed (a null service buffer has length 0).
        unsafe {
            libc::getnameinfo(
                a.as_ptr(),
                a.len,
                hbuf.as_mut_ptr() as *mut libc::c_char,
                hbuf.len() as libc::socklen_t,
                serv,
                sbuf.len() as libc::socklen_t,
                flags,
            )
        }
    });
    if code != 0 {
        return Err(code);
    }
    Ok((c_text(&hbuf), if want_service { c_text(&sbuf) } else { String::new() }))
}

/// getnameinfo's sockaddr: `(host, port[, flowinfo[, scope_id]])`, the
/// host resolved numerically (CPython's checks and messages).
fn nameinfo_address(v: &Value) -> PyResult<SockAddr> {
    let illegal = || exc::type_error("getnameinfo(): illegal sockaddr argument");
    let items = tuple::items(v).ok_or_else(|| exc::type_error("getnameinfo() argument 1 must be a tuple"))?;
    if !(2..=4).contains(&items.len()) || pystr::as_str(&items[0]).is_none() {
        return Err(illegal());
    }
    let host = addr::host_text(&items[0])?;
    let port = native::int_arg(&items[1], "")?;
    let extra = |i: usize| items.get(i).map_or(Ok(0), |x| native::int_arg(x, "")).map(|n| n as u32);
    let (flowinfo, scope_id) = (extra(2)?, extra(3)?);
    let found = lookup(
        Some(&host),
        Some(&port.to_string()),
        libc::AF_UNSPEC,
        libc::SOCK_DGRAM,
        0,
        libc::AI_NUMERICHOST,
    )?;
    let first = found.into_iter().next().ok_or_else(|| gai_error(libc::EAI_NONAME))?;
    if first.family == libc::AF_INET && items.len() != 2 {
        return Err(super::os_error("IPv4 sockaddr must be 2 tuple"));
    }
    let mut a = first.addr;
    if first.family == libc::AF_INET6 {
        let mut sin6: libc::sockaddr_in6 = a.view();
        sin6.sin6_flowinfo = flowinfo.to_be();
        sin6.sin6_scope_id = scope_id;
        a.set(sin6);
    }
    Ok(a)
}

/// The text before the first NUL of a C buffer.
fn c_text(buf: &[u8]) -> String {
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    String::from_utf8_lossy(&buf[..end]).into_owned()
}

pub(super) fn gethostname(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("gethostname", args, 1, 1)?;
    let mut buf = vec![0u8; 1024];
    // SAFETY: `buf` has `buf.len()` writable bytes.
    if unsafe { libc::gethostname(buf.as_mut_ptr() as *mut libc::c_char, buf.len()) } < 0 {
        return Err(last_error());
    }
    Ok(taipan_vm::modules::posix::decode_fs(c_text(&buf).as_bytes(), false))
}

fn hostname_arg(v: &Value, fname: &str) -> PyResult<String> {
    if pystr::as_str(v).is_some() || bytes::as_bytes(v).is_some() {
        return addr::host_text(v);
    }
    Err(exc::type_error(format!(
        "{fname}() argument 1 must be str, bytes or bytearray, not {}",
        type_name(v)
    )))
}

/// `gethostbyname(name)`: an IPv4 address as text.
pub(super) fn gethostbyname(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("gethostbyname", args, 2, 2)?;
    let host = hostname_arg(&args[1], "gethostbyname")?;
    let a = addr::resolve(&host, libc::AF_INET)?;
    Ok(pystr::from_string(addr::ipv4_text(&a)))
}

/// `gethostbyname_ex(name)` → (name, aliases, addresses), IPv4 only.
pub(super) fn gethostbyname_ex(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("gethostbyname_ex", args, 2, 2)?;
    let host = hostname_arg(&args[1], "gethostbyname_ex")?;
    let found = lookup(Some(&host), None, libc::AF_INET, libc::SOCK_STREAM, 0, libc::AI_CANONNAME)?;
    let name = found.first().map(|r| r.canonname.clone()).filter(|n| !n.is_empty()).unwrap_or(host);
    let mut ips: Vec<String> = Vec::new();
    for r in &found {
        let ip = addr::ipv4_text(&r.addr);
        if !ips.contains(&ip) {
            ips.push(ip);
        }
    }
    let ips = ips.into_iter().map(pystr::from_string).collect();
    Ok(tuple::new(vec![pystr::from_string(name), list::new(Vec::new()), list::new(ips)]))
}

/// `gethostbyaddr(ip_or_name)` → (name, aliases, addresses).
pub(super) fn gethostbyaddr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("gethostbyaddr", args, 2, 2)?;
    let host = hostname_arg(&args[1], "gethostbyaddr")?;
    let a = addr::resolve(&host, libc::AF_UNSPEC)?;
    let py_addr = addr::to_python(&a)?;
    let ip = tuple::items(&py_addr).and_then(|t| t.first().cloned()).unwrap_or_else(|| pystr::new(&host));
    let Ok((name, _)) = name_info(&a, false, libc::NI_NAMEREQD) else {
        let args = [int::from_i64(1), pystr::new("Unknown host")];
        return Err(match taipan_vm::call::call(&super::exception_types().0, &args, &[]) {
            Ok(e) => exc::PyErr(e),
            Err(e) => e,
        });
    };
    Ok(tuple::new(vec![pystr::from_string(name), list::new(Vec::new()), list::new(vec![ip])]))
}

/// `getservbyname(name[, proto])`.
pub(super) fn getservbyname(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("getservbyname", args, 2, 3)?;
    let name = native::str_arg(&args[1], "getservbyname", "servicename")?;
    let proto = args.get(2).map(|p| native::str_arg(p, "getservbyname", "protocolname")).transpose()?;
    let socktype = match proto.as_deref() {
        Some("udp") => libc::SOCK_DGRAM,
        _ => libc::SOCK_STREAM,
    };
    let found = lookup(None, Some(&name), libc::AF_INET, socktype, 0, 0)
        .map_err(|_| super::os_error("service/proto not found"))?;
    let port = match found.first().map(|r| addr::to_python(&r.addr)).transpose()? {
        Some(t) => tuple::items(&t).and_then(|t| t.get(1).cloned()),
        None => None,
    };
    port.ok_or_else(|| super::os_error("service/proto not found"))
}

/// `getservbyport(port[, proto])`.
pub(super) fn getservbyport(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("getservbyport", args, 2, 3)?;
    let port = native::int_arg(&args[1], "")?;
    let port =
        u16::try_from(port).map_err(|_| exc::overflow_error("getservbyport: port must be 0-65535."))?;
    let udp = args.get(2).and_then(pystr::as_str) == Some("udp");
    // SAFETY: sockaddr_in is plain data; all-zero bytes are a valid value.
    let mut sin: libc::sockaddr_in = unsafe { std::mem::zeroed() };
    sin.sin_family = libc::AF_INET as libc::sa_family_t;
    sin.sin_port = port.to_be();
    let mut sbuf = vec![0u8; 64];
    let flags = if udp { libc::NI_DGRAM } else { 0 };
    // SAFETY: the address and the buffer are valid for the lengths passed.
    let code = unsafe {
        libc::getnameinfo(
            &sin as *const _ as *const libc::sockaddr,
            std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t,
            std::ptr::null_mut(),
            0,
            sbuf.as_mut_ptr() as *mut libc::c_char,
            sbuf.len() as libc::socklen_t,
            flags,
        )
    };
    let name = c_text(&sbuf);
    if code != 0 || name == port.to_string() {
        return Err(super::os_error("port/proto not found"));
    }
    Ok(pystr::from_string(name))
}

/// `getprotobyname(name)`.
pub(super) fn getprotobyname(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("getprotobyname", args, 2, 2)?;
    let name = native::str_arg(&args[1], "getprotobyname", "protocolname")?;
    let n = match name.as_str() {
        "ip" => 0,
        "icmp" => 1,
        "igmp" => 2,
        "tcp" => 6,
        "udp" => 17,
        "ipv6" => 41,
        "icmpv6" | "ipv6-icmp" => 58,
        "sctp" => 132,
        "raw" => 255,
        _ => return Err(super::os_error("protocol not found")),
    };
    Ok(int::from_i64(n))
}

pub(super) fn if_nametoindex(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("if_nametoindex", args, 2, 2)?;
    let name = native::str_arg(&args[1], "if_nametoindex", "oname")?;
    let c = CString::new(name).map_err(|_| exc::value_error("embedded null byte"))?;
    // SAFETY: `c` is NUL-terminated.
    let i = unsafe { libc::if_nametoindex(c.as_ptr()) };
    if i == 0 {
        return Err(super::os_error("no interface with this name"));
    }
    Ok(int::from_i64(i as i64))
}

pub(super) fn if_indextoname(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("if_indextoname", args, 2, 2)?;
    let i = native::int_arg(&args[1], "")?;
    let i = u32::try_from(i).map_err(|_| exc::overflow_error("index out of range"))?;
    let mut buf = vec![0u8; libc::IF_NAMESIZE + 1];
    // SAFETY: `buf` holds IF_NAMESIZE bytes plus one.
    if unsafe { libc::if_indextoname(i, buf.as_mut_ptr() as *mut libc::c_char) }.is_null() {
        return Err(last_error());
    }
    Ok(pystr::from_string(c_text(&buf)))
}

// ---- address text ----

/// An address's text by `inet_ntop(3)` (AF_INET: 4 bytes, AF_INET6: 16).
pub(crate) fn ntop(family: i32, packed: &[u8]) -> String {
    let mut buf = [0u8; 64];
    // SAFETY: `packed` has the size the family needs (the callers' contract,
    // checked in `inet_ntop`) and `buf` has room for any address text.
    let p = unsafe {
        inet_ntop_c(
            family,
            packed.as_ptr() as *const libc::c_void,
            buf.as_mut_ptr() as *mut libc::c_char,
            buf.len() as libc::socklen_t,
        )
    };
    if p.is_null() {
        return String::new();
    }
    c_text(&buf)
}

/// `inet_pton(3)`: the packed address, or None when the text is invalid.
fn pton(family: i32, text: &str) -> Option<Vec<u8>> {
    let c = CString::new(text).ok()?;
    let mut buf = [0u8; 16];
    // SAFETY: `c` is NUL-terminated and `buf` has room for an IPv6 address.
    let r = unsafe { inet_pton_c(family, c.as_ptr(), buf.as_mut_ptr() as *mut libc::c_void) };
    let n = if family == libc::AF_INET { 4 } else { 16 };
    (r == 1).then(|| buf[..n].to_vec())
}

pub(super) fn inet_aton(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("inet_aton", args, 2, 2)?;
    let text = native::str_arg(&args[1], "inet_aton", "")?;
    let c = CString::new(text).map_err(|_| exc::value_error("embedded null character"))?;
    // SAFETY: in_addr is plain data; all-zero bytes are a valid value.
    let mut addr: libc::in_addr = unsafe { std::mem::zeroed() };
    // SAFETY: `c` is NUL-terminated and `addr` is a valid in_addr.
    if unsafe { inet_aton_c(c.as_ptr(), &mut addr) } == 0 {
        return Err(super::os_error("illegal IP address string passed to inet_aton"));
    }
    Ok(bytes::new(addr.s_addr.to_ne_bytes().to_vec()))
}

extern "C" {
    #[link_name = "inet_aton"]
    fn inet_aton_c(cp: *const libc::c_char, inp: *mut libc::in_addr) -> libc::c_int;
    #[link_name = "inet_ntop"]
    fn inet_ntop_c(
        af: libc::c_int,
        src: *const libc::c_void,
        dst: *mut libc::c_char,
        size: libc::socklen_t,
    ) -> *const libc::c_char;
    #[link_name = "inet_pton"]
    fn inet_pton_c(af: libc::c_int, src: *const libc::c_char, dst: *mut libc::c_void) -> libc::c_int;
}

pub(super) fn inet_ntoa(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("inet_ntoa", args, 2, 2)?;
    let packed = taipan_vm::modules::_io::bytes_arg(&args[1])?;
    if packed.len() != 4 {
        return Err(super::os_error("packed IP wrong length for inet_ntoa"));
    }
    Ok(pystr::from_string(ntop(libc::AF_INET, &packed)))
}

fn check_family(family: i64) -> PyResult<i32> {
    match family as i32 {
        f @ (libc::AF_INET | libc::AF_INET6) if family == f as i64 => Ok(f),
        _ => Err(from_errno(libc::EAFNOSUPPORT, None, None)),
    }
}

pub(super) fn inet_pton(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("inet_pton", args, 3, 3)?;
    let family = native::int_arg(&args[1], "")?;
    let text = native::str_arg(&args[2], "inet_pton", "")?;
    let family = check_family(family)?;
    match pton(family, &text) {
        Some(b) => Ok(bytes::new(b)),
        None => Err(super::os_error("illegal IP address string passed to inet_pton")),
    }
}

pub(super) fn inet_ntop(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("inet_ntop", args, 3, 3)?;
    let family = native::int_arg(&args[1], "")?;
    let packed = taipan_vm::modules::_io::bytes_arg(&args[2])?;
    let family = match family as i32 {
        f @ (libc::AF_INET | libc::AF_INET6) if family == f as i64 => f,
        _ => return Err(exc::value_error(format!("unknown address family {family}"))),
    };
    let want = if family == libc::AF_INET { 4 } else { 16 };
    if packed.len() != want {
        return Err(exc::value_error("invalid length of packed IP address string"));
    }
    Ok(pystr::from_string(ntop(family, &packed)))
}
