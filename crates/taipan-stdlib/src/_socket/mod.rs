//! The `_socket` module (CPython's `Modules/socketmodule.c` on Linux),
//! which `Lib/socket.py` wraps: the `socket` type, the module functions
//! (`socketpair`, `dup`, `close`, name resolution, `inet_*`, byte-order
//! conversions, `CMSG_LEN`/`CMSG_SPACE`, the default timeout), the
//! exceptions (`error` = OSError, `timeout` = TimeoutError, `herror`,
//! `gaierror`) and the constants.
//!
//! Files: `sock.rs` is the socket type (timeouts waited for with `poll`,
//! as CPython's `sock_call`), `msg.rs` its `sendmsg`/`recvmsg`, `addr.rs`
//! converts socket addresses between Python and C, `names.rs` is name
//! resolution and the address-text functions. Every blocking system call
//! runs inside `gil::allow_threads`; EINTR runs the signal handlers and
//! retries (PEP 475).

mod addr;
mod msg;
mod names;
mod sock;

use std::cell::OnceCell;
use std::sync::atomic::{AtomicU64, Ordering};
use taipan_vm::exceptions::{self as exc, PyResult};
use taipan_vm::modules::native::{self, none};
use taipan_vm::objects::os_error::from_errno;
use taipan_vm::objects::{dict, int, m, mk, str as pystr, Method};
use taipan_vm::runtime::rt;
use taipan_vm::Value;

use crate::select::last_errno;

macro_rules! libc_constants {
    ($($name:ident),* $(,)?) => {
        &[$((stringify!($name), libc::$name as i64)),*]
    };
}

/// The constants, with the C library's values.
const CONSTANTS: &[(&str, i64)] = libc_constants![
    AF_UNSPEC,
    AF_UNIX,
    AF_INET,
    AF_INET6,
    AF_NETLINK,
    AF_PACKET,
    AF_ALG,
    AF_APPLETALK,
    AF_AX25,
    AF_BRIDGE,
    AF_CAN,
    AF_IPX,
    AF_IRDA,
    AF_KEY,
    AF_LLC,
    AF_PPPOX,
    AF_RDS,
    AF_ROSE,
    AF_SECURITY,
    AF_SNA,
    AF_TIPC,
    AF_VSOCK,
    AF_WANPIPE,
    AF_X25,
    AF_ATMPVC,
    AF_ATMSVC,
    AF_ECONET,
    AF_NETBEUI,
    AF_NETROM,
    AF_ASH,
    AF_ROUTE,
    PF_CAN,
    PF_PACKET,
    PF_RDS,
    SOCK_STREAM,
    SOCK_DGRAM,
    SOCK_RAW,
    SOCK_RDM,
    SOCK_SEQPACKET,
    SOCK_CLOEXEC,
    SOCK_NONBLOCK,
    SOL_SOCKET,
    SOL_IP,
    SOL_TCP,
    SOL_UDP,
    SOL_ALG,
    SOL_TIPC,
    SOMAXCONN,
    SO_ACCEPTCONN,
    SO_BINDTODEVICE,
    SO_BROADCAST,
    SO_DEBUG,
    SO_DOMAIN,
    SO_DONTROUTE,
    SO_ERROR,
    SO_INCOMING_CPU,
    SO_KEEPALIVE,
    SO_LINGER,
    SO_MARK,
    SO_OOBINLINE,
    SO_PASSCRED,
    SO_PASSSEC,
    SO_PEERCRED,
    SO_PEERSEC,
    SO_PRIORITY,
    SO_PROTOCOL,
    SO_RCVBUF,
    SO_RCVLOWAT,
    SO_RCVTIMEO,
    SO_REUSEADDR,
    SO_REUSEPORT,
    SO_SNDBUF,
    SO_SNDLOWAT,
    SO_SNDTIMEO,
    SO_TYPE,
    SCM_RIGHTS,
    SCM_CREDENTIALS,
    MSG_CMSG_CLOEXEC,
    MSG_CONFIRM,
    MSG_CTRUNC,
    MSG_DONTROUTE,
    MSG_DONTWAIT,
    MSG_EOR,
    MSG_ERRQUEUE,
    MSG_FASTOPEN,
    MSG_MORE,
    MSG_NOSIGNAL,
    MSG_OOB,
    MSG_PEEK,
    MSG_TRUNC,
    MSG_WAITALL,
    SHUT_RD,
    SHUT_WR,
    SHUT_RDWR,
    IPPROTO_IP,
    IPPROTO_ICMP,
    IPPROTO_IGMP,
    IPPROTO_IPIP,
    IPPROTO_TCP,
    IPPROTO_EGP,
    IPPROTO_PUP,
    IPPROTO_UDP,
    IPPROTO_IDP,
    IPPROTO_TP,
    IPPROTO_IPV6,
    IPPROTO_ROUTING,
    IPPROTO_FRAGMENT,
    IPPROTO_RSVP,
    IPPROTO_GRE,
    IPPROTO_ESP,
    IPPROTO_AH,
    IPPROTO_ICMPV6,
    IPPROTO_NONE,
    IPPROTO_DSTOPTS,
    IPPROTO_PIM,
    IPPROTO_SCTP,
    IPPROTO_UDPLITE,
    IPPROTO_MPTCP,
    IPPROTO_RAW,
    IPPROTO_HOPOPTS,
    IP_TOS,
    IP_TTL,
    IP_HDRINCL,
    IP_OPTIONS,
    IP_RECVOPTS,
    IP_RETOPTS,
    IP_RECVTOS,
    IP_MULTICAST_IF,
    IP_MULTICAST_TTL,
    IP_MULTICAST_LOOP,
    IP_ADD_MEMBERSHIP,
    IP_DROP_MEMBERSHIP,
    IP_TRANSPARENT,
    IP_BIND_ADDRESS_NO_PORT,
    IPV6_MULTICAST_HOPS,
    IPV6_MULTICAST_IF,
    IPV6_MULTICAST_LOOP,
    IPV6_UNICAST_HOPS,
    IPV6_V6ONLY,
    IPV6_CHECKSUM,
    IPV6_DONTFRAG,
    IPV6_DSTOPTS,
    IPV6_HOPLIMIT,
    IPV6_HOPOPTS,
    IPV6_NEXTHOP,
    IPV6_PATHMTU,
    IPV6_PKTINFO,
    IPV6_RECVDSTOPTS,
    IPV6_RECVHOPLIMIT,
    IPV6_RECVHOPOPTS,
    IPV6_RECVPATHMTU,
    IPV6_RECVPKTINFO,
    IPV6_RECVRTHDR,
    IPV6_RECVTCLASS,
    IPV6_RTHDR,
    IPV6_RTHDRDSTOPTS,
    IPV6_TCLASS,
    TCP_NODELAY,
    TCP_MAXSEG,
    TCP_CORK,
    TCP_KEEPIDLE,
    TCP_KEEPINTVL,
    TCP_KEEPCNT,
    TCP_SYNCNT,
    TCP_LINGER2,
    TCP_DEFER_ACCEPT,
    TCP_WINDOW_CLAMP,
    TCP_INFO,
    TCP_QUICKACK,
    TCP_CONGESTION,
    TCP_FASTOPEN,
    TCP_USER_TIMEOUT,
    TCP_NOTSENT_LOWAT,
    AI_PASSIVE,
    AI_CANONNAME,
    AI_NUMERICHOST,
    AI_NUMERICSERV,
    AI_V4MAPPED,
    AI_ALL,
    AI_ADDRCONFIG,
    NI_NUMERICHOST,
    NI_NUMERICSERV,
    NI_NOFQDN,
    NI_NAMEREQD,
    NI_DGRAM,
    NI_MAXHOST,
    EAI_AGAIN,
    EAI_BADFLAGS,
    EAI_FAIL,
    EAI_FAMILY,
    EAI_MEMORY,
    EAI_NODATA,
    EAI_NONAME,
    EAI_OVERFLOW,
    EAI_SERVICE,
    EAI_SOCKTYPE,
    EAI_SYSTEM,
    INADDR_ANY,
    INADDR_BROADCAST,
    INADDR_LOOPBACK,
    INADDR_NONE,
];

/// Constants the C library crate does not name (Linux values).
const EXTRA_CONSTANTS: &[(&str, i64)] = &[
    ("AF_DECnet", 12),
    ("AF_QIPCRTR", 42),
    ("EAI_ADDRFAMILY", -9),
    ("IPV6_JOIN_GROUP", 20),
    ("IPV6_LEAVE_GROUP", 21),
    ("NI_MAXSERV", 32),
    ("INADDR_ALLHOSTS_GROUP", 0xe000_0001),
    ("INADDR_MAX_LOCAL_GROUP", 0xe000_00ff),
    ("INADDR_UNSPEC_GROUP", 0xe000_0000),
    ("IPPORT_RESERVED", 1024),
    ("IPPORT_USERRESERVED", 5000),
    ("IP_DEFAULT_MULTICAST_LOOP", 1),
    ("IP_DEFAULT_MULTICAST_TTL", 1),
    ("IP_MAX_MEMBERSHIPS", 20),
    ("IPV6_RTHDR_TYPE_0", 0),
    ("SOL_RDS", 276),
    ("SOL_CAN_BASE", 100),
    ("SOL_CAN_RAW", 101),
];

const FUNCTIONS: &[Method] = &[
    mk("socketpair", sock::socketpair),
    m("dup", socket_dup),
    m("close", socket_close),
    m("getdefaulttimeout", |_, _| Ok(timeout_value(default_timeout()))),
    m("setdefaulttimeout", set_default_timeout),
    m("htons", |a, _| byte_order16(a, "htons")),
    m("ntohs", |a, _| byte_order16(a, "ntohs")),
    m("htonl", |a, _| byte_order32(a, "htonl")),
    m("ntohl", |a, _| byte_order32(a, "ntohl")),
    m("CMSG_LEN", |a, _| msg::cmsg_len_fn(a, false)),
    m("CMSG_SPACE", |a, _| msg::cmsg_len_fn(a, true)),
    m("inet_aton", names::inet_aton),
    m("inet_ntoa", names::inet_ntoa),
    m("inet_pton", names::inet_pton),
    m("inet_ntop", names::inet_ntop),
    m("gethostname", names::gethostname),
    m("gethostbyname", names::gethostbyname),
    m("gethostbyname_ex", names::gethostbyname_ex),
    m("gethostbyaddr", names::gethostbyaddr),
    mk("getaddrinfo", names::getaddrinfo),
    m("getnameinfo", names::getnameinfo),
    m("getservbyname", names::getservbyname),
    m("getservbyport", names::getservbyport),
    m("getprotobyname", names::getprotobyname),
    m("if_nametoindex", names::if_nametoindex),
    m("if_indextoname", names::if_indextoname),
];

/// Builds the `_socket` module.
pub fn module() -> PyResult<Value> {
    let (md, d) = native::new_module("_socket", FUNCTIONS);
    for (name, v) in CONSTANTS.iter().chain(EXTRA_CONSTANTS) {
        dict::set_str(&d, name, int::from_i64(*v));
    }
    let ty = sock::socket_type();
    dict::set_str(&d, "socket", ty.clone());
    dict::set_str(&d, "SocketType", ty);
    dict::set_str(&d, "error", rt().exc.os_error.clone());
    dict::set_str(&d, "timeout", rt().exc.timeout_error.clone());
    let (herror, gaierror) = exception_types();
    dict::set_str(&d, "herror", herror);
    dict::set_str(&d, "gaierror", gaierror);
    dict::set_str(&d, "has_ipv6", native::boolean(true));
    Ok(md)
}

taipan_vm::interp_static! {
    /// (`herror`, `gaierror`), made once.
    static EXCEPTIONS: OnceCell<(Value, Value)> = const { OnceCell::new() };
}

fn exception_types() -> (Value, Value) {
    EXCEPTIONS.with(|e| {
        e.get_or_init(|| {
            let make = |name: &str| {
                let ns = dict::new_dict();
                dict::set_str(&ns, "__module__", pystr::new("socket"));
                taipan_vm::types::type_new(&rt().types.type_, name, vec![rt().exc.os_error.clone()], &ns)
                    .expect("OSError can be subclassed")
            };
            (make("herror"), make("gaierror"))
        })
        .clone()
    })
}

/// `gaierror(code, gai_strerror(code))` (EAI_SYSTEM: the errno's OSError).
fn gai_error(code: i32) -> exc::PyErr {
    if code == libc::EAI_SYSTEM {
        return from_errno(last_errno(), None, None);
    }
    // SAFETY: gai_strerror returns a pointer to a static NUL-terminated string.
    let text = unsafe { std::ffi::CStr::from_ptr(libc::gai_strerror(code)) }.to_string_lossy().into_owned();
    let args = [int::from_i64(code as i64), pystr::from_string(text)];
    match taipan_vm::call::call(&exception_types().1, &args, &[]) {
        Ok(e) => exc::PyErr(e),
        Err(e) => e,
    }
}

/// An instance of the OSError subclass `cls` made as Python makes it
/// (`cls(msg)`, so `errno`/`strerror` exist and are None).
fn raise_with(cls: &Value, msg: &str) -> exc::PyErr {
    match taipan_vm::call::call(cls, &[pystr::new(msg)], &[]) {
        Ok(e) => exc::PyErr(e),
        Err(e) => e,
    }
}

/// `OSError(msg)`.
fn os_error(msg: impl AsRef<str>) -> exc::PyErr {
    raise_with(&rt().exc.os_error, msg.as_ref())
}

/// The OSError of the last failed system call.
fn last_error() -> exc::PyErr {
    from_errno(last_errno(), None, None)
}

// ---- timeouts ----

/// The default timeout for new sockets, as f64 bits; negative is None.
static DEFAULT_TIMEOUT: AtomicU64 = AtomicU64::new(0xbff0_0000_0000_0000); // -1.0

fn default_timeout() -> f64 {
    f64::from_bits(DEFAULT_TIMEOUT.load(Ordering::Relaxed))
}

/// A timeout as Python sees it: None for blocking (negative), else a float.
fn timeout_value(t: f64) -> Value {
    if t < 0.0 {
        none()
    } else {
        Value::float(t)
    }
}

/// A timeout argument (None, int or float) as seconds; -1 for None.
fn timeout_arg(v: &Value) -> PyResult<f64> {
    if v.is(&rt().none) {
        return Ok(-1.0);
    }
    if !taipan_vm::objects::int::is_int(v) && taipan_vm::objects::float::to_f64(v).is_none() {
        return Err(exc::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            taipan_vm::types::type_name(v)
        )));
    }
    let t = crate::select::seconds_arg(Some(v), "")?.unwrap_or(-1.0);
    if t < 0.0 {
        return Err(exc::value_error("Timeout value out of range"));
    }
    Ok(t)
}

fn set_default_timeout(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("setdefaulttimeout", args, 2, 2)?;
    let t = timeout_arg(&args[1])?;
    DEFAULT_TIMEOUT.store(t.to_bits(), Ordering::Relaxed);
    Ok(none())
}

/// The bytes of a bytes-like argument (bytes, bytearray, memoryview, array).
fn bytes_like(v: &Value) -> PyResult<Vec<u8>> {
    match crate::array::contents(v) {
        Some(b) => Ok(b),
        None => taipan_vm::modules::_io::bytes_arg(v),
    }
}

// ---- descriptors ----

/// The descriptor of a socket whose type does not override `fileno` (what
/// its `fileno()` would return, without the call); None for other objects.
pub(crate) fn native_fileno(v: &Value) -> Option<i32> {
    let s = v.downcast::<sock::SockData>()?;
    let ty = taipan_vm::types::type_of(v);
    let found = taipan_vm::types::lookup_str(&ty, "fileno")?;
    let native = taipan_vm::types::lookup_str(&sock::socket_type(), "fileno")?;
    found.is(&native).then(|| s.fd.get())
}

/// A socket descriptor argument (an int).
fn fd_arg(v: &Value) -> PyResult<i32> {
    let n = native::int_arg(v, "")?;
    i32::try_from(n).map_err(|_| exc::overflow_error("Python int too large to convert to C int"))
}

/// `dup(fd)`: a non-inheritable duplicate.
fn socket_dup(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("dup", args, 2, 2)?;
    let fd = fd_arg(&args[1])?;
    Ok(int::from_i64(dup_cloexec(fd)? as i64))
}

fn dup_cloexec(fd: i32) -> PyResult<i32> {
    // SAFETY: fcntl with F_DUPFD_CLOEXEC takes no pointers.
    let r = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
    if r < 0 {
        return Err(last_error());
    }
    Ok(r)
}

/// `close(fd)`: ECONNRESET is ignored, as CPython.
fn socket_close(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("close", args, 2, 2)?;
    close_fd(fd_arg(&args[1])?)?;
    Ok(none())
}

fn close_fd(fd: i32) -> PyResult<()> {
    let errno = taipan_vm::gil::allow_threads(|| {
        // SAFETY: closing a descriptor number has no memory-safety effect.
        let r = unsafe { libc::close(fd) };
        if r < 0 {
            last_errno()
        } else {
            0
        }
    });
    if errno != 0 && errno != libc::ECONNRESET {
        return Err(from_errno(errno, None, None));
    }
    Ok(())
}

// ---- byte order ----

fn byte_order16(args: &[Value], fname: &str) -> PyResult<Value> {
    taipan_vm::objects::check_args(fname, args, 2, 2)?;
    let n = native::int_arg(&args[1], "")?;
    if n < 0 {
        return Err(exc::overflow_error(format!(
            "{fname}: can't convert negative Python int to C 16-bit unsigned integer"
        )));
    }
    let n = u16::try_from(n).map_err(|_| {
        exc::overflow_error(format!("{fname}: Python int too large to convert to C 16-bit unsigned integer"))
    })?;
    Ok(int::from_i64(n.swap_bytes() as i64))
}

fn byte_order32(args: &[Value], fname: &str) -> PyResult<Value> {
    taipan_vm::objects::check_args(fname, args, 2, 2)?;
    if !taipan_vm::objects::int::is_int(&args[1]) {
        return Err(exc::type_error(format!(
            "expected int, {} found",
            taipan_vm::types::type_name(&args[1])
        )));
    }
    let Some(n) = int::to_i64(&args[1]) else {
        return Err(exc::overflow_error("int larger than 32 bits"));
    };
    if n < 0 {
        return Err(exc::overflow_error("can't convert negative value to unsigned int"));
    }
    let n = u32::try_from(n).map_err(|_| exc::overflow_error("int larger than 32 bits"))?;
    Ok(int::from_i64(n.swap_bytes() as i64))
}
