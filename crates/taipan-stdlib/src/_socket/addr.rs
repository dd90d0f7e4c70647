//! Socket addresses between Python and C, as CPython's `getsockaddrarg`
//! and `makesockaddr`: AF_UNIX paths (str, bytes-like, the Linux abstract
//! namespace as bytes with a leading NUL), AF_INET `(host, port)` and
//! AF_INET6 `(host, port[, flowinfo[, scope_id]])`, host names resolved
//! with `getaddrinfo` (`''` is INADDR_ANY, `'<broadcast>'` the broadcast
//! address).

use std::net::{Ipv4Addr, Ipv6Addr};
use taipan_vm::exceptions::{self as exc, PyResult};
use taipan_vm::modules::native;
use taipan_vm::modules::posix;
use taipan_vm::objects::{bytearray, bytes, int, str as pystr, tuple};
use taipan_vm::runtime::rt;
use taipan_vm::types::type_name;
use taipan_vm::Value;

/// A C socket address with its length.
pub(crate) struct SockAddr {
    pub storage: libc::sockaddr_storage,
    pub len: libc::socklen_t,
}

impl SockAddr {
    /// An empty address with room for any family.
    pub fn empty() -> SockAddr {
        // SAFETY: sockaddr_storage is plain data; all-zero bytes are a valid value.
        let storage = unsafe { std::mem::zeroed() };
        SockAddr { storage, len: std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t }
    }

    pub fn as_ptr(&self) -> *const libc::sockaddr {
        &self.storage as *const _ as *const libc::sockaddr
    }

    pub fn as_mut_ptr(&mut self) -> *mut libc::sockaddr {
        &mut self.storage as *mut _ as *mut libc::sockaddr
    }

    fn family(&self) -> i32 {
        self.storage.ss_family as i32
    }

    /// The address as `T` (one of the `sockaddr_*` types).
    pub fn view<T: Copy>(&self) -> T {
        // SAFETY: sockaddr_storage is at least as large and as aligned as
        // every sockaddr_* type, and they are plain data.
        unsafe { *(&self.storage as *const _ as *const T) }
    }

    pub fn set<T: Copy>(&mut self, v: T) {
        // SAFETY: as in `view`; the write stays inside `storage`.
        unsafe { *(&mut self.storage as *mut _ as *mut T) = v };
        self.len = std::mem::size_of::<T>() as libc::socklen_t;
    }

    /// Copies `len` bytes of a C address (from getaddrinfo).
    pub fn from_raw(p: *const libc::sockaddr, len: libc::socklen_t) -> SockAddr {
        let mut a = SockAddr::empty();
        let n = (len as usize).min(std::mem::size_of::<libc::sockaddr_storage>());
        // SAFETY: `p` points to `len` readable bytes (the caller's contract)
        // and `n` fits the storage.
        unsafe { std::ptr::copy_nonoverlapping(p as *const u8, a.as_mut_ptr() as *mut u8, n) };
        a.len = n as libc::socklen_t;
        a
    }
}

/// Python's form of a C address (`makesockaddr`); None for an empty one.
pub(crate) fn to_python(a: &SockAddr) -> PyResult<Value> {
    if a.len == 0 {
        return Ok(rt().none.clone());
    }
    match a.family() {
        libc::AF_INET => {
            let sin: libc::sockaddr_in = a.view();
            let ip = super::names::ntop(libc::AF_INET, &sin.sin_addr.s_addr.to_ne_bytes());
            Ok(tuple::new(vec![pystr::from_string(ip), int::from_i64(u16::from_be(sin.sin_port) as i64)]))
        }
        libc::AF_INET6 => {
            let sin6: libc::sockaddr_in6 = a.view();
            let ip = super::names::ntop(libc::AF_INET6, &sin6.sin6_addr.s6_addr);
            Ok(tuple::new(vec![
                pystr::from_string(ip),
                int::from_i64(u16::from_be(sin6.sin6_port) as i64),
                int::from_i64(u32::from_be(sin6.sin6_flowinfo) as i64),
                int::from_i64(sin6.sin6_scope_id as i64),
            ]))
        }
        libc::AF_UNIX => Ok(unix_path(a)),
        f => Ok(tuple::new(vec![int::from_i64(f as i64), bytes::new(Vec::new())])),
    }
}

/// An AF_UNIX address: bytes in the abstract namespace, else str.
fn unix_path(a: &SockAddr) -> Value {
    let sun: libc::sockaddr_un = a.view();
    let offset = std::mem::size_of::<libc::sa_family_t>();
    let n = (a.len as usize).saturating_sub(offset).min(sun.sun_path.len());
    let raw: Vec<u8> = sun.sun_path[..n].iter().map(|&c| c as u8).collect();
    if raw.first() == Some(&0) {
        return bytes::new(raw);
    }
    let end = raw.iter().position(|&b| b == 0).unwrap_or(raw.len());
    posix::decode_fs(&raw[..end], false)
}

/// The C address for `v` in `family` (`getsockaddrarg`); `caller` names
/// the method in messages.
pub(crate) fn from_python(family: i32, v: &Value, caller: &str) -> PyResult<SockAddr> {
    match family {
        libc::AF_UNIX => unix_addr(v),
        libc::AF_INET => inet_addr(v, caller),
        libc::AF_INET6 => inet6_addr(v, caller),
        _ => Err(super::os_error(format!("{caller}(): bad family"))),
    }
}

fn unix_addr(v: &Value) -> PyResult<SockAddr> {
    let path = if pystr::as_str(v).is_some() || pystr::text(v).is_some() {
        posix::encode_fs(v)?
    } else if let Some(b) = bytes::as_bytes(v) {
        b.to_vec()
    } else if let Some(b) = bytearray::data(v) {
        b.0.borrow().clone()
    } else {
        let fs = posix::fspath(v).ok().filter(|p| pystr::text(p).is_some() || bytes::as_bytes(p).is_some());
        match fs {
            Some(p) => return unix_addr(&p),
            None => {
                return Err(exc::type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    type_name(v)
                )))
            }
        }
    };
    // SAFETY: sockaddr_un is plain data; all-zero bytes are a valid value.
    let mut sun: libc::sockaddr_un = unsafe { std::mem::zeroed() };
    let abstract_ns = path.first() == Some(&0);
    if path.len() > sun.sun_path.len() || (!abstract_ns && path.len() == sun.sun_path.len()) {
        return Err(super::os_error("AF_UNIX path too long"));
    }
    sun.sun_family = libc::AF_UNIX as libc::sa_family_t;
    for (dst, &b) in sun.sun_path.iter_mut().zip(&path) {
        *dst = b as libc::c_char;
    }
    let mut a = SockAddr::empty();
    a.set(sun);
    // The length excludes the terminating NUL, so an empty path autobinds.
    a.len = (std::mem::size_of::<libc::sa_family_t>() + path.len()) as libc::socklen_t;
    Ok(a)
}

/// The (host, port) items of an AF_INET/AF_INET6 address tuple.
fn address_tuple<'a>(v: &'a Value, fam: &str, caller: &str) -> PyResult<&'a [Value]> {
    tuple::items(v).ok_or_else(|| {
        exc::type_error(format!("{caller}(): {fam} address must be tuple, not {}", type_name(v)))
    })
}

fn port_arg(v: &Value, caller: &str) -> PyResult<u16> {
    let n = native::int_arg(v, "")?;
    u16::try_from(n).map_err(|_| exc::overflow_error(format!("{caller}(): port must be 0-65535.")))
}

/// The text of a host argument (str, bytes or bytearray).
pub(crate) fn host_text(v: &Value) -> PyResult<String> {
    if let Some(s) = pystr::as_str(v) {
        return Ok(s.to_string());
    }
    if let Some(b) = bytes::as_bytes(v) {
        return Ok(String::from_utf8_lossy(b).into_owned());
    }
    if let Some(b) = bytearray::data(v) {
        return Ok(String::from_utf8_lossy(&b.0.borrow()).into_owned());
    }
    Err(exc::type_error(format!("str, bytes or bytearray expected, not {}", type_name(v))))
}

fn inet_addr(v: &Value, caller: &str) -> PyResult<SockAddr> {
    let items = address_tuple(v, "AF_INET", caller)?;
    let [host, port] = items else {
        return Err(exc::type_error("AF_INET address must be a pair (host, port)"));
    };
    let host = host_text(host)?;
    let port = port_arg(port, caller)?;
    let ip = match host.as_str() {
        "" => Ipv4Addr::UNSPECIFIED,
        "<broadcast>" => Ipv4Addr::BROADCAST,
        h => match h.parse::<Ipv4Addr>() {
            Ok(ip) => ip,
            Err(_) => resolve_v4(h)?,
        },
    };
    // SAFETY: sockaddr_in is plain data; all-zero bytes are a valid value.
    let mut sin: libc::sockaddr_in = unsafe { std::mem::zeroed() };
    sin.sin_family = libc::AF_INET as libc::sa_family_t;
    sin.sin_port = port.to_be();
    sin.sin_addr.s_addr = u32::from(ip).to_be();
    let mut a = SockAddr::empty();
    a.set(sin);
    Ok(a)
}

fn inet6_addr(v: &Value, caller: &str) -> PyResult<SockAddr> {
    let items = address_tuple(v, "AF_INET6", caller)?;
    if !(2..=4).contains(&items.len()) {
        return Err(exc::type_error("AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])"));
    }
    let host = host_text(&items[0])?;
    let port = port_arg(&items[1], caller)?;
    let flowinfo = match items.get(2) {
        Some(f) => native::int_arg(f, "")?,
        None => 0,
    };
    let flowinfo = u32::try_from(flowinfo)
        .ok()
        .filter(|f| *f <= 0xfffff)
        .ok_or_else(|| exc::overflow_error(format!("{caller}(): flowinfo must be 0-1048575.")))?;
    let scope_id = match items.get(3) {
        Some(s) => native::int_arg(s, "")? as u32,
        None => 0,
    };
    let ip = match host.as_str() {
        "" => Ipv6Addr::UNSPECIFIED,
        h => match h.parse::<Ipv6Addr>() {
            Ok(ip) => ip,
            Err(_) => resolve_v6(h)?,
        },
    };
    // SAFETY: sockaddr_in6 is plain data; all-zero bytes are a valid value.
    let mut sin6: libc::sockaddr_in6 = unsafe { std::mem::zeroed() };
    sin6.sin6_family = libc::AF_INET6 as libc::sa_family_t;
    sin6.sin6_port = port.to_be();
    sin6.sin6_flowinfo = flowinfo.to_be();
    sin6.sin6_scope_id = scope_id;
    sin6.sin6_addr.s6_addr = ip.octets();
    let mut a = SockAddr::empty();
    a.set(sin6);
    Ok(a)
}

/// The first address `getaddrinfo` gives for `host` in `family`.
pub(crate) fn resolve(host: &str, family: i32) -> PyResult<SockAddr> {
    let found = super::names::lookup(Some(host), None, family, 0, 0, 0)?;
    found.into_iter().next().map(|r| r.addr).ok_or_else(|| super::gai_error(libc::EAI_NONAME))
}

fn resolve_v4(host: &str) -> PyResult<Ipv4Addr> {
    let a = resolve(host, libc::AF_INET)?;
    let sin: libc::sockaddr_in = a.view();
    Ok(Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr)))
}

fn resolve_v6(host: &str) -> PyResult<Ipv6Addr> {
    let a = resolve(host, libc::AF_INET6)?;
    let sin6: libc::sockaddr_in6 = a.view();
    Ok(Ipv6Addr::from(sin6.sin6_addr.s6_addr))
}

/// The IPv4 address of a resolved AF_INET address, as text.
pub(crate) fn ipv4_text(a: &SockAddr) -> String {
    let sin: libc::sockaddr_in = a.view();
    Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr)).to_string()
}
