//! The `time` module: clocks (`time`, `monotonic`, `perf_counter`,
//! `process_time`, `thread_time` and their `_ns` forms, `get_clock_info`),
//! `sleep`, and calendar time through the C library (`gmtime`,
//! `localtime`, `mktime`, `strftime`, `asctime`, `ctime`) with
//! `struct_time` and the time zone facts (`timezone`, `altzone`,
//! `daylight`, `tzname`), as CPython 3.11 on Linux.

use std::cell::OnceCell;
use taipan_vm::exceptions as exc;
use taipan_vm::modules::native::{self, bind, none, HAS_DICT};
use taipan_vm::modules::structseq;
use taipan_vm::objects::{dict, float, int, m, mk, str as pystr, tuple, Method};
use taipan_vm::runtime::rt;
use taipan_vm::{PyResult, Value};

const STRUCT_TIME_FIELDS: [&str; 11] = [
    "tm_year",
    "tm_mon",
    "tm_mday",
    "tm_hour",
    "tm_min",
    "tm_sec",
    "tm_wday",
    "tm_yday",
    "tm_isdst",
    "tm_zone",
    "tm_gmtoff",
];

taipan_vm::interp_static! {
    static TYPES: OnceCell<(Value, Value)> = const { OnceCell::new() };
}

/// (`struct_time`, the namespace type of `get_clock_info`).
fn types() -> (Value, Value) {
    TYPES.with(|t| {
        t.get_or_init(|| {
            let st = structseq::new_type("time", "struct_time", &STRUCT_TIME_FIELDS, 9);
            let ns = native::new_type::<()>(
                "namespace",
                "types",
                &rt().types.object,
                HAS_DICT,
                &[m("__repr__", namespace_repr)],
                &[],
            );
            (st, ns)
        })
        .clone()
    })
}

const FUNCTIONS: &[Method] = &[
    m("time", |_, _| Ok(Value::float(clock::seconds(libc::CLOCK_REALTIME)))),
    m("time_ns", |_, _| Ok(clock::nanos_value(libc::CLOCK_REALTIME))),
    m("monotonic", |_, _| Ok(Value::float(clock::seconds(libc::CLOCK_MONOTONIC)))),
    m("monotonic_ns", |_, _| Ok(clock::nanos_value(libc::CLOCK_MONOTONIC))),
    m("perf_counter", |_, _| Ok(Value::float(clock::seconds(libc::CLOCK_MONOTONIC)))),
    m("perf_counter_ns", |_, _| Ok(clock::nanos_value(libc::CLOCK_MONOTONIC))),
    m("process_time", |_, _| Ok(Value::float(clock::seconds(libc::CLOCK_PROCESS_CPUTIME_ID)))),
    m("process_time_ns", |_, _| Ok(clock::nanos_value(libc::CLOCK_PROCESS_CPUTIME_ID))),
    m("thread_time", |_, _| Ok(Value::float(clock::seconds(libc::CLOCK_THREAD_CPUTIME_ID)))),
    m("thread_time_ns", |_, _| Ok(clock::nanos_value(libc::CLOCK_THREAD_CPUTIME_ID))),
    m("sleep", time_sleep),
    m("gmtime", |a, _| broken_down(a, false)),
    m("localtime", |a, _| broken_down(a, true)),
    m("mktime", time_mktime),
    m("strftime", time_strftime),
    m("asctime", time_asctime),
    m("ctime", time_ctime),
    mk("get_clock_info", time_get_clock_info),
    m("tzset", |_, _| {
        clock::tzset();
        Ok(none())
    }),
];

/// Builds the `time` module.
pub fn module() -> PyResult<Value> {
    let (md, d) = native::new_module("time", FUNCTIONS);
    dict::set_str(&d, "struct_time", types().0);
    // struct_time carries tm_zone and tm_gmtoff (11 fields), as on Linux.
    dict::set_str(&d, "_STRUCT_TM_ITEMS", int::from_i64(11));
    let (timezone, altzone, daylight, names) = clock::zone_facts();
    dict::set_str(&d, "timezone", int::from_i64(timezone));
    dict::set_str(&d, "altzone", int::from_i64(altzone));
    dict::set_str(&d, "daylight", int::from_i64(daylight as i64));
    dict::set_str(&d, "tzname", tuple::new(vec![pystr::new(&names.0), pystr::new(&names.1)]));
    for (name, v) in [
        ("CLOCK_REALTIME", libc::CLOCK_REALTIME),
        ("CLOCK_MONOTONIC", libc::CLOCK_MONOTONIC),
        ("CLOCK_MONOTONIC_RAW", libc::CLOCK_MONOTONIC_RAW),
        ("CLOCK_PROCESS_CPUTIME_ID", libc::CLOCK_PROCESS_CPUTIME_ID),
        ("CLOCK_THREAD_CPUTIME_ID", libc::CLOCK_THREAD_CPUTIME_ID),
        ("CLOCK_BOOTTIME", libc::CLOCK_BOOTTIME),
        ("CLOCK_TAI", libc::CLOCK_TAI),
    ] {
        dict::set_str(&d, name, int::from_i64(v as i64));
    }
    Ok(md)
}

/// A seconds argument (int or float; None means now).
fn seconds_arg(v: Option<&Value>) -> PyResult<i64> {
    let Some(v) = v.filter(|v| !v.is(&rt().none)) else {
        return Ok(clock::seconds(libc::CLOCK_REALTIME).floor() as i64);
    };
    if let Some(f) = float::to_f64(v).filter(|_| !int::is_int(v)) {
        if !f.is_finite() {
            return Err(exc::value_error(if f.is_nan() {
                "Invalid value NaN (not a number)"
            } else {
                "cannot convert float infinity to integer"
            }));
        }
        return Ok(f.floor() as i64);
    }
    int::index_value(v)?.ok_or_else(|| {
        exc::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            taipan_vm::types::type_name(v)
        ))
    })
}

/// A `struct_time` from broken-down C time.
fn struct_time(tm: &clock::Tm) -> PyResult<Value> {
    let values = vec![
        int::from_i64(tm.year),
        int::from_i64(tm.mon),
        int::from_i64(tm.mday),
        int::from_i64(tm.hour),
        int::from_i64(tm.min),
        int::from_i64(tm.sec),
        int::from_i64(tm.wday),
        int::from_i64(tm.yday),
        int::from_i64(tm.isdst),
        pystr::new(&tm.zone),
        int::from_i64(tm.gmtoff),
    ];
    structseq::new_instance(&types().0, values)
}

/// `gmtime([secs])` / `localtime([secs])`.
fn broken_down(args: &[Value], local: bool) -> PyResult<Value> {
    taipan_vm::objects::check_args(if local { "localtime" } else { "gmtime" }, args, 1, 2)?;
    let secs = seconds_arg(args.get(1))?;
    let tm = clock::to_tm(secs, local)
        .ok_or_else(|| exc::overflow_error("timestamp out of range for platform time_t"))?;
    struct_time(&tm)
}

/// A `struct_time` or 9-tuple argument as broken-down time.
fn tm_arg(v: &Value, fname: &str) -> PyResult<clock::Tm> {
    let Some(items) = tuple::items(v) else {
        return Err(exc::type_error("Tuple or struct_time argument required"));
    };
    if items.len() != 9 {
        return Err(exc::type_error(format!("{fname}(): illegal time tuple argument")));
    }
    let n = |i: usize| native::int_arg(&items[i], "");
    let mut tm = clock::Tm {
        year: n(0)?,
        mon: n(1)?,
        mday: n(2)?,
        hour: n(3)?,
        min: n(4)?,
        sec: n(5)?,
        wday: n(6)?,
        yday: n(7)?,
        isdst: n(8)?,
        zone: String::new(),
        gmtoff: 0,
    };
    if let Ok(z) = taipan_vm::attr::getattr_str(v, "tm_zone") {
        if let Some(s) = pystr::as_str(&z) {
            tm.zone = s.to_string();
        }
    }
    if let Ok(off) = taipan_vm::attr::getattr_str(v, "tm_gmtoff") {
        tm.gmtoff = int::to_i64(&off).unwrap_or(0);
    }
    Ok(tm)
}

/// Checks the ranges as CPython's `checktm` (after its normalisations).
fn check_tm(tm: &mut clock::Tm) -> PyResult<()> {
    if tm.mon == 0 {
        tm.mon = 1;
    }
    if tm.mday == 0 {
        tm.mday = 1;
    }
    if tm.yday == 0 {
        tm.yday = 1;
    }
    let checks: [(bool, &str); 7] = [
        (!(1..=12).contains(&tm.mon), "month out of range"),
        (!(1..=31).contains(&tm.mday), "day of month out of range"),
        (!(0..=23).contains(&tm.hour), "hour out of range"),
        (!(0..=59).contains(&tm.min), "minute out of range"),
        (!(0..=61).contains(&tm.sec), "seconds out of range"),
        (tm.wday < 0, "day of week out of range"),
        (!(1..=366).contains(&tm.yday), "day of year out of range"),
    ];
    for (bad, msg) in checks {
        if bad {
            return Err(exc::value_error(msg));
        }
    }
    tm.wday = tm.wday.rem_euclid(7);
    tm.isdst = tm.isdst.clamp(-1, 1);
    Ok(())
}

fn time_mktime(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("mktime", args, 2, 2)?;
    let tm = tm_arg(&args[1], "mktime")?;
    match clock::mktime(&tm) {
        Some(t) => Ok(Value::float(t as f64)),
        None => Err(exc::overflow_error("mktime argument out of range")),
    }
}

fn time_strftime(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("strftime", args, 2, 3)?;
    let format = native::str_arg(&args[1], "strftime", "format")?;
    let mut tm = match args.get(2) {
        Some(t) => tm_arg(t, "strftime")?,
        None => clock::to_tm(seconds_arg(None)?, true).expect("now is representable"),
    };
    check_tm(&mut tm)?;
    if format.contains('\0') {
        return Err(exc::value_error("embedded null character"));
    }
    Ok(pystr::from_string(clock::strftime(&format, &tm)))
}

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// `asctime`'s text: `Sun Jun 20 23:21:05 1993`.
fn asctime_text(tm: &clock::Tm) -> String {
    format!(
        "{} {} {:2} {:02}:{:02}:{:02} {}",
        DAYS[tm.wday.rem_euclid(7) as usize],
        MONTHS[(tm.mon - 1).clamp(0, 11) as usize],
        tm.mday,
        tm.hour,
        tm.min,
        tm.sec,
        tm.year
    )
}

fn time_asctime(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("asctime", args, 1, 2)?;
    let mut tm = match args.get(1) {
        Some(t) => tm_arg(t, "asctime")?,
        None => clock::to_tm(seconds_arg(None)?, true).expect("now is representable"),
    };
    check_tm(&mut tm)?;
    Ok(pystr::from_string(asctime_text(&tm)))
}

fn time_ctime(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("ctime", args, 1, 2)?;
    let secs = seconds_arg(args.get(1))?;
    let tm = clock::to_tm(secs, true)
        .ok_or_else(|| exc::overflow_error("timestamp out of range for platform time_t"))?;
    Ok(pystr::from_string(asctime_text(&tm)))
}

fn time_sleep(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("sleep", args, 2, 2)?;
    let secs = float::float_of(&args[1])?;
    if secs.is_nan() {
        return Err(exc::value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(exc::value_error("sleep length must be non-negative"));
    }
    if !secs.is_finite() || secs > 1e15 {
        return Err(exc::overflow_error("sleep length is too large"));
    }
    sleep_until(clock::deadline_after(secs))?;
    Ok(none())
}

/// Sleeps until the monotonic `deadline` with the interpreter lock
/// released; a signal's EINTR runs the Python handlers and, unless one
/// raises, sleeps on (PEP 475).
fn sleep_until(deadline: libc::timespec) -> PyResult<()> {
    loop {
        // SAFETY: `deadline` is a valid timespec; no remainder is asked for
        // with TIMER_ABSTIME.
        let rc = taipan_vm::gil::allow_threads(|| unsafe {
            libc::clock_nanosleep(libc::CLOCK_MONOTONIC, libc::TIMER_ABSTIME, &deadline, std::ptr::null_mut())
        });
        match rc {
            0 => return Ok(()),
            libc::EINTR => taipan_vm::signals::check()?,
            e => return Err(taipan_vm::objects::os_error::from_errno(e, None, None)),
        }
    }
}

/// `get_clock_info(name)`: implementation, monotonic, adjustable, resolution.
fn time_get_clock_info(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = bind("get_clock_info", &args[1..], kwnames, &["name"], 1)?;
    let name = native::str_arg(a[0].as_ref().expect("required"), "get_clock_info", "name")?;
    let (implementation, monotonic, adjustable, id) = match name.as_str() {
        "time" => ("clock_gettime(CLOCK_REALTIME)", false, true, libc::CLOCK_REALTIME),
        "monotonic" | "perf_counter" => {
            ("clock_gettime(CLOCK_MONOTONIC)", true, false, libc::CLOCK_MONOTONIC)
        }
        "process_time" => {
            ("clock_gettime(CLOCK_PROCESS_CPUTIME_ID)", true, false, libc::CLOCK_PROCESS_CPUTIME_ID)
        }
        "thread_time" => {
            ("clock_gettime(CLOCK_THREAD_CPUTIME_ID)", true, false, libc::CLOCK_THREAD_CPUTIME_ID)
        }
        _ => return Err(exc::value_error("unknown clock")),
    };
    let ns = taipan_vm::objects::object::alloc_subclass(&types().1, ())?;
    let d = taipan_vm::objects::object::instance_dict(&ns).expect("namespace has a dict");
    dict::set_str(&d, "implementation", pystr::new(implementation));
    dict::set_str(&d, "monotonic", rt().bool_value(monotonic));
    dict::set_str(&d, "adjustable", rt().bool_value(adjustable));
    dict::set_str(&d, "resolution", Value::float(clock::resolution(id)));
    Ok(ns)
}

/// `namespace(a=1, b=2)`, attributes in insertion order.
fn namespace_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = taipan_vm::objects::object::instance_dict(&args[0]).unwrap_or_else(dict::new_dict);
    let mut parts = Vec::new();
    for item in taipan_vm::objects::dict::view_items(&d)? {
        let kv = tuple::items(&item).unwrap_or(&[]).to_vec();
        if let [k, v] = kv.as_slice() {
            parts.push(format!("{}={}", taipan_vm::ops::str_string(k)?, taipan_vm::ops::repr_string(v)?));
        }
    }
    Ok(pystr::from_string(format!("namespace({})", parts.join(", "))))
}

/// The C library's clocks and calendar functions.
mod clock {
    use taipan_vm::objects::int;
    use taipan_vm::Value;

    /// Broken-down time (C's `struct tm`, with Python's month and year).
    pub struct Tm {
        pub year: i64,
        pub mon: i64,
        pub mday: i64,
        pub hour: i64,
        pub min: i64,
        pub sec: i64,
        /// Monday is 0.
        pub wday: i64,
        /// January 1st is 1.
        pub yday: i64,
        pub isdst: i64,
        pub zone: String,
        pub gmtoff: i64,
    }

    fn timespec(id: libc::clockid_t) -> libc::timespec {
        let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: `ts` is a valid, writable timespec; the clock ids passed
        // are ones Linux supports.
        unsafe { libc::clock_gettime(id, &mut ts) };
        ts
    }

    /// The monotonic clock's time `secs` (finite, ≥ 0) from now, rounded up
    /// to a nanosecond (CPython's `_PyTime_ROUND_TIMEOUT`).
    pub fn deadline_after(secs: f64) -> libc::timespec {
        let now = timespec(libc::CLOCK_MONOTONIC);
        let nanos = (secs * 1e9).ceil() as i128 + now.tv_nsec as i128;
        let sec = now.tv_sec as i128 + nanos / 1_000_000_000;
        libc::timespec {
            tv_sec: sec.min(libc::time_t::MAX as i128) as libc::time_t,
            tv_nsec: (nanos % 1_000_000_000) as libc::c_long,
        }
    }

    pub fn seconds(id: libc::clockid_t) -> f64 {
        let ts = timespec(id);
        ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
    }

    pub fn nanos_value(id: libc::clockid_t) -> Value {
        let ts = timespec(id);
        int::from_bigint(num_bigint::BigInt::from(ts.tv_sec) * 1_000_000_000 + ts.tv_nsec)
    }

    pub fn resolution(id: libc::clockid_t) -> f64 {
        let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: `ts` is a valid, writable timespec.
        unsafe { libc::clock_getres(id, &mut ts) };
        ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
    }

    pub fn tzset() {
        extern "C" {
            fn tzset();
        }
        // SAFETY: tzset only reads the TZ variable and sets libc's globals.
        unsafe { tzset() };
    }

    fn zeroed_tm() -> libc::tm {
        // SAFETY: struct tm is plain old data (the zone pointer may be null).
        unsafe { std::mem::zeroed() }
    }

    fn from_c(t: &libc::tm) -> Tm {
        let zone = if t.tm_zone.is_null() {
            String::new()
        } else {
            // SAFETY: a non-null tm_zone from localtime_r/gmtime_r points to
            // a NUL-terminated string owned by libc that lives for the process.
            unsafe { std::ffi::CStr::from_ptr(t.tm_zone) }.to_string_lossy().into_owned()
        };
        Tm {
            year: t.tm_year as i64 + 1900,
            mon: t.tm_mon as i64 + 1,
            mday: t.tm_mday as i64,
            hour: t.tm_hour as i64,
            min: t.tm_min as i64,
            sec: t.tm_sec as i64,
            wday: (t.tm_wday as i64 + 6) % 7,
            yday: t.tm_yday as i64 + 1,
            isdst: t.tm_isdst as i64,
            zone,
            gmtoff: t.tm_gmtoff,
        }
    }

    fn to_c(tm: &Tm) -> libc::tm {
        let mut t = zeroed_tm();
        t.tm_year = (tm.year - 1900) as i32;
        t.tm_mon = (tm.mon - 1) as i32;
        t.tm_mday = tm.mday as i32;
        t.tm_hour = tm.hour as i32;
        t.tm_min = tm.min as i32;
        t.tm_sec = tm.sec as i32;
        t.tm_wday = ((tm.wday + 1) % 7) as i32;
        t.tm_yday = (tm.yday - 1) as i32;
        t.tm_isdst = tm.isdst as i32;
        t.tm_gmtoff = tm.gmtoff;
        t
    }

    /// `gmtime_r` / `localtime_r` of `secs`; None when out of range.
    pub fn to_tm(secs: i64, local: bool) -> Option<Tm> {
        let t: libc::time_t = secs;
        let mut out = zeroed_tm();
        // SAFETY: both pointers are valid for the call.
        let r = unsafe {
            if local {
                tzset();
                libc::localtime_r(&t, &mut out)
            } else {
                libc::gmtime_r(&t, &mut out)
            }
        };
        (!r.is_null()).then(|| from_c(&out))
    }

    pub fn mktime(tm: &Tm) -> Option<i64> {
        let mut t = to_c(tm);
        t.tm_wday = -1;
        tzset();
        // SAFETY: `t` is a valid, writable struct tm.
        let r = unsafe { libc::mktime(&mut t) };
        (r != -1 || t.tm_wday != -1).then_some(r)
    }

    /// C's `strftime` of `format` (grown until the result fits).
    pub fn strftime(format: &str, tm: &Tm) -> String {
        if format.is_empty() {
            return String::new();
        }
        let t = to_c(tm);
        let Ok(cfmt) = std::ffi::CString::new(format) else { return String::new() };
        let mut size = 256 + format.len() * 4;
        loop {
            let mut buf = vec![0u8; size];
            // SAFETY: `buf` has `size` writable bytes, `cfmt` is
            // NUL-terminated and `t` is a valid struct tm.
            let n = unsafe { libc::strftime(buf.as_mut_ptr() as *mut libc::c_char, size, cfmt.as_ptr(), &t) };
            if n > 0 || size > 1 << 20 {
                buf.truncate(n);
                return String::from_utf8_lossy(&buf).into_owned();
            }
            size *= 4;
        }
    }

    /// (timezone, altzone, daylight, (std name, dst name)) as CPython's
    /// `init_timezone`: from January 1st and July 1st of the current year.
    pub fn zone_facts() -> (i64, i64, bool, (String, String)) {
        let now = seconds(libc::CLOCK_REALTIME) as i64;
        let year_start = now - now.rem_euclid(365 * 24 * 3600);
        let jan = to_tm(year_start, true);
        let jul = to_tm(year_start + 182 * 24 * 3600, true);
        match (jan, jul) {
            (Some(jan), Some(jul)) => {
                let (jan_off, jul_off) = (-jan.gmtoff, -jul.gmtoff);
                if jan_off < jul_off {
                    (jul_off, jan_off, true, (jul.zone, jan.zone))
                } else {
                    (jan_off, jul_off, jan_off != jul_off, (jan.zone, jul.zone))
                }
            }
            _ => (0, 0, false, ("UTC".to_string(), "UTC".to_string())),
        }
    }
}
