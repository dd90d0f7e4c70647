//! String formatting: the format-spec mini-language for int/float/str
//! (`format()`, f-strings, `str.format`) and printf-style `%` formatting.
//! A stand-in until the `numbers` building block's format-spec lands; the
//! entry points stay the same.

use crate::exceptions::{self as exc, PyResult};
use crate::objects::{float, int, str as pystr, tuple};
use crate::ops;
use crate::runtime::rt;
use crate::types::type_name;
use crate::value::Value;
use num_bigint::BigInt;
use num_traits::Signed;

/// A parsed format spec.
#[derive(Default, Debug)]
struct Spec {
    fill: Option<char>,
    align: Option<char>,
    sign: Option<char>,
    alt: bool,
    zero: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    ty: Option<char>,
}

fn parse_spec(spec: &str) -> PyResult<Spec> {
    let cs: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let mut s = Spec::default();
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if cs.len() >= 2 && is_align(cs[1]) {
        s.fill = Some(cs[0]);
        s.align = Some(cs[1]);
        i = 2;
    } else if !cs.is_empty() && is_align(cs[0]) {
        s.align = Some(cs[0]);
        i = 1;
    }
    if i < cs.len() && matches!(cs[i], '+' | '-' | ' ') {
        s.sign = Some(cs[i]);
        i += 1;
    }
    if i < cs.len() && cs[i] == '#' {
        s.alt = true;
        i += 1;
    }
    if i < cs.len() && cs[i] == '0' {
        s.zero = true;
        i += 1;
    }
    let start = i;
    while i < cs.len() && cs[i].is_ascii_digit() {
        i += 1;
    }
    if i > start {
        s.width = cs[start..i]
            .iter()
            .collect::<String>()
            .parse()
            .map_err(|_| exc::value_error("Too many decimal digits in format string"))?;
    }
    if i < cs.len() && matches!(cs[i], ',' | '_') {
        s.grouping = Some(cs[i]);
        i += 1;
    }
    if i < cs.len() && cs[i] == '.' {
        i += 1;
        let start = i;
        while i < cs.len() && cs[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return Err(exc::value_error("Format specifier missing precision"));
        }
        s.precision = Some(
            cs[start..i]
                .iter()
                .collect::<String>()
                .parse()
                .map_err(|_| exc::value_error("Too many decimal digits in format string"))?,
        );
    }
    if i < cs.len() {
        s.ty = Some(cs[i]);
        i += 1;
    }
    if i < cs.len() {
        return Err(exc::value_error("Invalid format specifier"));
    }
    Ok(s)
}

/// Pads `body` (with `sign_prefix` kept in front for '=' alignment).
fn pad(s: &Spec, prefix: &str, body: &str, default_align: char) -> String {
    let len = prefix.chars().count() + body.chars().count();
    let zero_pad = s.zero && s.align.is_none();
    let align = if zero_pad { '=' } else { s.align.unwrap_or(default_align) };
    let fill = if zero_pad && s.fill.is_none() { '0' } else { s.fill.unwrap_or(' ') };
    if len >= s.width {
        return format!("{prefix}{body}");
    }
    let n = s.width - len;
    let rep = |k: usize| std::iter::repeat_n(fill, k).collect::<String>();
    match align {
        '<' => format!("{prefix}{body}{}", rep(n)),
        '^' => format!("{}{prefix}{body}{}", rep(n / 2), rep(n - n / 2)),
        '=' => format!("{prefix}{}{body}", rep(n)),
        _ => format!("{}{prefix}{body}", rep(n)),
    }
}

fn group(digits: &str, sep: char, every: usize) -> String {
    let cs: Vec<char> = digits.chars().collect();
    let mut out = String::new();
    for (i, c) in cs.iter().enumerate() {
        if i > 0 && (cs.len() - i) % every == 0 {
            out.push(sep);
        }
        out.push(*c);
    }
    out
}

fn sign_str(neg: bool, sign: Option<char>) -> &'static str {
    match (neg, sign) {
        (true, _) => "-",
        (false, Some('+')) => "+",
        (false, Some(' ')) => " ",
        _ => "",
    }
}

/// `format(s, spec)` for a str.
pub fn format_str(s: &str, spec: &str) -> PyResult<Value> {
    if spec.is_empty() {
        return Ok(pystr::new(s));
    }
    let sp = parse_spec(spec)?;
    if let Some(t) = sp.ty {
        if t != 's' {
            return Err(exc::value_error(format!("Unknown format code '{t}' for object of type 'str'")));
        }
    }
    if sp.sign.is_some() {
        return Err(exc::value_error("Sign not allowed in string format specifier"));
    }
    if sp.align == Some('=') {
        return Err(exc::value_error("'=' alignment not allowed in string format specifier"));
    }
    let body: String = match sp.precision {
        Some(p) => s.chars().take(p).collect(),
        None => s.to_string(),
    };
    Ok(pystr::from_string(pad(&sp, "", &body, '<')))
}

/// `format(i, spec)` for an int.
pub fn format_int(v: &BigInt, spec: &str) -> PyResult<Value> {
    if spec.is_empty() {
        return Ok(pystr::from_string(v.to_string()));
    }
    let sp = parse_spec(spec)?;
    let ty = sp.ty.unwrap_or('d');
    if matches!(ty, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') {
        let f = int::big_to_f64(v)?;
        return format_float(f, spec);
    }
    if sp.precision.is_some() {
        return Err(exc::value_error("Precision not allowed in integer format specifier"));
    }
    let neg = v.is_negative();
    let mag = v.abs();
    let (digits, prefix) = match ty {
        'd' | 'n' => (mag.to_string(), ""),
        'b' => (mag.to_str_radix(2), "0b"),
        'o' => (mag.to_str_radix(8), "0o"),
        'x' => (mag.to_str_radix(16), "0x"),
        'X' => (mag.to_str_radix(16).to_uppercase(), "0X"),
        'c' => {
            let c = u32::try_from(v)
                .ok()
                .and_then(char::from_u32)
                .ok_or_else(|| exc::overflow_error("%c arg not in range(0x110000)"))?;
            return Ok(pystr::from_string(pad(&sp, "", &c.to_string(), '<')));
        }
        _ => return Err(exc::value_error(format!("Unknown format code '{ty}' for object of type 'int'"))),
    };
    let digits = match sp.grouping {
        Some(g) => group(&digits, g, if matches!(ty, 'd' | 'n') { 3 } else { 4 }),
        None => digits,
    };
    let prefix = format!("{}{}", sign_str(neg, sp.sign), if sp.alt { prefix } else { "" });
    Ok(pystr::from_string(pad(&sp, &prefix, &digits, '>')))
}

/// `format(x, spec)` for a float.
pub fn format_float(x: f64, spec: &str) -> PyResult<Value> {
    if spec.is_empty() {
        return Ok(pystr::from_string(float::repr_f64(x)));
    }
    let sp = parse_spec(spec)?;
    let neg = x.is_sign_negative() && !x.is_nan();
    let a = x.abs();
    let body = if !a.is_finite() {
        let s = if a.is_nan() { "nan" } else { "inf" };
        if matches!(sp.ty, Some('E' | 'F' | 'G')) {
            s.to_uppercase()
        } else {
            s.to_string()
        }
    } else {
        match sp.ty {
            Some('f' | 'F') => format!("{:.*}", sp.precision.unwrap_or(6), a),
            Some('e' | 'E') => {
                let s = exp_format(a, sp.precision.unwrap_or(6));
                if sp.ty == Some('E') {
                    s.to_uppercase()
                } else {
                    s
                }
            }
            Some('%') => format!("{:.*}%", sp.precision.unwrap_or(6), a * 100.0),
            Some('g' | 'G') => {
                let s = general_format(a, sp.precision.unwrap_or(6), sp.alt);
                if sp.ty == Some('G') {
                    s.to_uppercase()
                } else {
                    s
                }
            }
            None => match sp.precision {
                Some(p) => general_format(a, p.max(1), false),
                None => float::repr_f64(a),
            },
            Some(t) => {
                return Err(exc::value_error(format!("Unknown format code '{t}' for object of type 'float'")))
            }
        }
    };
    let body = match sp.grouping {
        Some(g) => {
            let (int_part, rest) = match body.find(|c: char| !c.is_ascii_digit()) {
                Some(i) => (&body[..i], &body[i..]),
                None => (body.as_str(), ""),
            };
            format!("{}{rest}", group(int_part, g, 3))
        }
        None => body,
    };
    Ok(pystr::from_string(pad(&sp, sign_str(neg, sp.sign), &body, '>')))
}

/// `%e`-style with a two-digit exponent at least.
fn exp_format(a: f64, prec: usize) -> String {
    let s = format!("{:.*e}", prec, a);
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = exp.parse().unwrap_or(0);
    format!("{mant}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
}

/// `%g`-style formatting.
fn general_format(a: f64, prec: usize, alt: bool) -> String {
    let p = prec.max(1);
    if a == 0.0 {
        return if alt { format!("{:.*}", p - 1, 0.0) } else { "0".to_string() };
    }
    let s = format!("{:.*e}", p - 1, a);
    let exp: i32 = s.split_once('e').map(|(_, e)| e.parse().unwrap_or(0)).unwrap_or(0);
    let out = if exp < -4 || exp >= p as i32 {
        exp_format(a, p - 1)
    } else {
        format!("{:.*}", (p as i32 - 1 - exp).max(0) as usize, a)
    };
    if alt {
        return out;
    }
    strip_zeros(&out)
}

fn strip_zeros(s: &str) -> String {
    let (mant, exp) = match s.find('e') {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    };
    let mant = if mant.contains('.') { mant.trim_end_matches('0').trim_end_matches('.') } else { mant };
    format!("{mant}{exp}")
}

/// `template % args`.
pub fn percent_format(template: &str, args: &Value) -> PyResult<Value> {
    let items: Vec<Value> = match tuple::items(args) {
        Some(t) if crate::types::type_of(args).is(&rt().types.tuple) => t.to_vec(),
        _ => vec![args.clone()],
    };
    let mapping = crate::objects::dict::data(args).is_some();
    let mut next = 0;
    let mut out = String::new();
    let cs: Vec<char> = template.chars().collect();
    let mut i = 0;
    while i < cs.len() {
        if cs[i] != '%' {
            out.push(cs[i]);
            i += 1;
            continue;
        }
        i += 1;
        if i >= cs.len() {
            return Err(exc::value_error("incomplete format"));
        }
        let mut key_val = None;
        if cs[i] == '(' {
            let start = i + 1;
            let end = cs[start..]
                .iter()
                .position(|&c| c == ')')
                .map(|p| start + p)
                .ok_or_else(|| exc::value_error("incomplete format key"))?;
            let key: String = cs[start..end].iter().collect();
            key_val = Some(ops::getitem(args, &pystr::new(&key))?);
            i = end + 1;
        }
        let spec_start = i;
        while i < cs.len() && matches!(cs[i], '-' | '+' | ' ' | '#' | '0') {
            i += 1;
        }
        let flags: String = cs[spec_start..i].iter().collect();
        let mut width = String::new();
        if i < cs.len() && cs[i] == '*' {
            let w = items
                .get(next)
                .cloned()
                .ok_or_else(|| exc::type_error("not enough arguments for format string"))?;
            next += 1;
            width = int::to_i64(&w).unwrap_or(0).to_string();
            i += 1;
        }
        while i < cs.len() && cs[i].is_ascii_digit() {
            width.push(cs[i]);
            i += 1;
        }
        let mut prec = String::new();
        if i < cs.len() && cs[i] == '.' {
            prec.push('.');
            i += 1;
            while i < cs.len() && cs[i].is_ascii_digit() {
                prec.push(cs[i]);
                i += 1;
            }
            if prec == "." {
                prec.push('0');
            }
        }
        let Some(&conv) = cs.get(i) else {
            return Err(exc::value_error("incomplete format"));
        };
        i += 1;
        if conv == '%' {
            out.push('%');
            continue;
        }
        let arg = match key_val {
            Some(v) => v,
            None => {
                if mapping {
                    args.clone()
                } else {
                    let v = items
                        .get(next)
                        .cloned()
                        .ok_or_else(|| exc::type_error("not enough arguments for format string"))?;
                    next += 1;
                    v
                }
            }
        };
        let left = flags.contains('-');
        let align = if left { "<" } else { ">" };
        let piece = match conv {
            's' | 'r' | 'a' => {
                let s = match conv {
                    's' => ops::str_string(&arg)?,
                    'r' => ops::repr_string(&arg)?,
                    _ => pystr::as_str(&ops::ascii(&arg)?).unwrap_or("").to_string(),
                };
                let spec = format!("{align}{width}{prec}");
                pystr::as_str(&format_str(&s, &spec)?).unwrap_or("").to_string()
            }
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' | 'c' => {
                let n = if conv == 'c' {
                    if let Some(s) = pystr::as_str(&arg) {
                        let spec = format!("{align}{width}");
                        out.push_str(pystr::as_str(&format_str(s, &spec)?).unwrap_or(""));
                        continue;
                    }
                    int::to_bigint(&arg).ok_or_else(|| exc::type_error("%c requires int or char"))?
                } else if let Some(b) = int::to_bigint(&arg) {
                    b
                } else if let Some(f) = float::to_f64(&arg) {
                    float::float_to_bigint(f)?
                } else {
                    return Err(exc::type_error(format!(
                        "%{conv} format: a real number is required, not {}",
                        type_name(&arg)
                    )));
                };
                let ty = match conv {
                    'i' | 'u' => 'd',
                    c => c,
                };
                let sign = if flags.contains('+') {
                    "+"
                } else if flags.contains(' ') {
                    " "
                } else {
                    ""
                };
                let zero = if flags.contains('0') && !left { "0" } else { "" };
                let alt = if flags.contains('#') { "#" } else { "" };
                let spec = format!("{}{sign}{alt}{zero}{width}{ty}", if left { "<" } else { "" });
                pystr::as_str(&format_int(&n, &spec)?).unwrap_or("").to_string()
            }
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                let x = float::float_of(&arg)
                    .map_err(|_| exc::type_error(format!("must be real number, not {}", type_name(&arg))))?;
                let sign = if flags.contains('+') {
                    "+"
                } else if flags.contains(' ') {
                    " "
                } else {
                    ""
                };
                let zero = if flags.contains('0') && !left { "0" } else { "" };
                let prec = if prec.is_empty() { ".6".to_string() } else { prec.clone() };
                let spec = format!("{}{sign}{zero}{width}{prec}{conv}", if left { "<" } else { "" });
                pystr::as_str(&format_float(x, &spec)?).unwrap_or("").to_string()
            }
            c => {
                return Err(exc::value_error(format!(
                    "unsupported format character '{c}' ({:#x}) at index {}",
                    c as u32,
                    i - 1
                )))
            }
        };
        out.push_str(&piece);
    }
    if !mapping && next < items.len() {
        return Err(exc::type_error("not all arguments converted during string formatting"));
    }
    Ok(pystr::from_string(out))
}

/// `template.format(*args, **kwargs)`.
pub fn str_format(template: &str, args: &[Value], kwargs: &[(&str, &Value)]) -> PyResult<Value> {
    let cs: Vec<char> = template.chars().collect();
    let mut out = String::new();
    let mut auto = 0usize;
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if c == '}' {
            if cs.get(i + 1) == Some(&'}') {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(exc::value_error("Single '}' encountered in format string"));
        }
        if c != '{' {
            out.push(c);
            i += 1;
            continue;
        }
        if cs.get(i + 1) == Some(&'{') {
            out.push('{');
            i += 2;
            continue;
        }
        let mut depth = 1;
        let start = i + 1;
        let mut j = start;
        while j < cs.len() {
            if cs[j] == '{' {
                depth += 1;
            } else if cs[j] == '}' {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            j += 1;
        }
        if j >= cs.len() {
            return Err(exc::value_error("expected '}' before end of string"));
        }
        let field: String = cs[start..j].iter().collect();
        i = j + 1;
        let (name_conv, spec) = match field.find(':') {
            Some(p) => (&field[..p], &field[p + 1..]),
            None => (field.as_str(), ""),
        };
        let (name, conv) = match name_conv.find('!') {
            Some(p) => (&name_conv[..p], Some(&name_conv[p + 1..])),
            None => (name_conv, None),
        };
        let spec = if spec.contains('{') {
            pystr::as_str(&str_format(spec, args, kwargs)?).unwrap_or("").to_string()
        } else {
            spec.to_string()
        };
        let v = resolve_field(name, args, kwargs, &mut auto)?;
        let v = match conv {
            None => v,
            Some("s") => ops::str_(&v)?,
            Some("r") => ops::repr(&v)?,
            Some("a") => ops::ascii(&v)?,
            Some(_) => return Err(exc::value_error("Unknown conversion specifier")),
        };
        let r = ops::format(&v, &pystr::new(&spec))?;
        out.push_str(pystr::as_str(&r).unwrap_or(""));
    }
    Ok(pystr::from_string(out))
}

fn resolve_field(name: &str, args: &[Value], kwargs: &[(&str, &Value)], auto: &mut usize) -> PyResult<Value> {
    let end = name.find(['.', '[']).unwrap_or(name.len());
    let (first, mut rest) = (&name[..end], &name[end..]);
    let mut v = if first.is_empty() {
        let v = args.get(*auto).cloned().ok_or_else(|| {
            exc::index_error(format!("Replacement index {} out of range for positional args tuple", *auto))
        })?;
        *auto += 1;
        v
    } else if let Ok(n) = first.parse::<usize>() {
        args.get(n).cloned().ok_or_else(|| {
            exc::index_error(format!("Replacement index {n} out of range for positional args tuple"))
        })?
    } else {
        kwargs
            .iter()
            .find(|(k, _)| *k == first)
            .map(|(_, v)| (*v).clone())
            .ok_or_else(|| exc::key_error(pystr::new(first)))?
    };
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let e = r.find(['.', '[']).unwrap_or(r.len());
            v = crate::attr::getattr_str(&v, &r[..e])?;
            rest = &r[e..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let e = r.find(']').ok_or_else(|| exc::value_error("Missing ']' in format string"))?;
            let key = &r[..e];
            let k = match key.parse::<i64>() {
                Ok(n) => int::from_i64(n),
                Err(_) => pystr::new(key),
            };
            v = ops::getitem(&v, &k)?;
            rest = &r[e + 1..];
        } else {
            return Err(exc::value_error("Only '.' or '[' may follow ']' in format field specifier"));
        }
    }
    Ok(v)
}
