//! A disassembler whose text is CPython 3.11's `dis.dis(code)` with default
//! options: line-number column, offsets, `>>` jump-target markers, opname,
//! oparg and the resolved argument; `CACHE` entries hidden; the
//! "ExceptionTable:" section; nested code objects after their parent under
//! "Disassembly of <code object …>:" headers. Constant reprs are the small
//! `repr` below (Python's, for the types a code object can hold). A code
//! object's address is not Taipan's to show: reprs print `at 0x0000`.
//! The instruction table is `opcodes.rs`; the tables decoded here are
//! `linetable.rs` and `exceptiontable.rs`.

use crate::code::{CodeObject, Constant};
use crate::opcodes::{ArgKind, Opcode, BINARY_OPS, COMPARE_OPS, HAVE_ARGUMENT};
use crate::pystring::PyString;
use std::fmt::Write as _;

/// `dis.dis(code)`: the code object, then each nested one, recursively.
pub fn dis(code: &CodeObject) -> String {
    let mut out = String::new();
    dis_recursive(code, &mut out);
    out
}

fn dis_recursive(code: &CodeObject, out: &mut String) {
    disassemble(code, out);
    for nested in code.nested_code() {
        out.push('\n');
        let _ = writeln!(out, "Disassembly of {}:", code_repr(nested));
        dis_recursive(nested, out);
    }
}

/// `(offset in bytes, opcode byte, argument)` per instruction, caches skipped
/// (as `dis._unpack_opargs`).
fn unpack(code: &[u8]) -> Vec<(u32, u8, Option<i64>)> {
    let mut out = Vec::new();
    let (mut extended, mut caches) = (0i64, 0u8);
    for (i, unit) in code.chunks_exact(2).enumerate() {
        if caches > 0 {
            caches -= 1;
            continue;
        }
        let op = unit[0];
        caches = Opcode::from_u8(op).map_or(0, Opcode::cache_entries);
        let arg = if op >= HAVE_ARGUMENT {
            let arg = i64::from(unit[1]) | extended;
            extended = if op == Opcode::EXTENDED_ARG as u8 { arg << 8 } else { 0 };
            if extended >= 1 << 31 {
                extended -= 1 << 32;
            }
            Some(arg)
        } else {
            extended = 0;
            None
        };
        out.push((2 * i as u32, op, arg));
    }
    out
}

fn jump_target(offset: u32, op: Opcode, arg: i64) -> Option<i64> {
    match op.arg_kind() {
        ArgKind::JumpForward => Some(i64::from(offset) + 2 + arg * 2),
        ArgKind::JumpBackward => Some(i64::from(offset) + 2 - arg * 2),
        _ => None,
    }
}

/// `dis.disassemble(code)` for one code object, without recursion.
pub fn disassemble(code: &CodeObject, out: &mut String) {
    let mut linestarts: Vec<(u32, i32)> = Vec::new();
    let mut last = None;
    for (start, _, line) in code.co_lines().unwrap_or_default() {
        if line != -1 && Some(line) != last {
            last = Some(line);
            linestarts.push((start * 2, line));
        }
    }
    let entries = code.exception_entries().unwrap_or_default();
    let instrs = unpack(&code.co_code);
    let mut labels: Vec<i64> = Vec::new();
    for &(offset, op, arg) in &instrs {
        if let (Some(op), Some(arg)) = (Opcode::from_u8(op), arg) {
            labels.extend(jump_target(offset, op, arg));
        }
    }
    labels.extend(entries.iter().filter(|e| e.start < e.end).map(|e| i64::from(e.target) * 2));

    let lineno_width = match linestarts.iter().map(|&(_, l)| l).max() {
        None => 0,
        Some(max) if max >= 1000 => max.to_string().len(),
        Some(_) => 3,
    };
    let maxoffset = code.co_code.len() as i64 - 2;
    let offset_width = if maxoffset >= 10000 { maxoffset.to_string().len() } else { 4 };
    let localsplus = &code.co_localsplusnames;
    for &(offset, byte, arg) in &instrs {
        let starts_line = linestarts.iter().find(|&&(o, _)| o == offset).map(|&(_, l)| l);
        if lineno_width > 0 && starts_line.is_some() && offset > 0 {
            out.push('\n');
        }
        let mut fields: Vec<String> = Vec::new();
        if lineno_width > 0 {
            fields.push(match starts_line {
                Some(line) => format!("{line:>lineno_width$}"),
                None => " ".repeat(lineno_width),
            });
        }
        fields.push("   ".into());
        fields.push(if labels.contains(&i64::from(offset)) { ">>" } else { "  " }.into());
        fields.push(format!("{offset:>offset_width$}"));
        let op = Opcode::from_u8(byte);
        let name = op.map_or_else(|| format!("<{byte}>"), |op| op.name().to_string());
        fields.push(format!("{name:<20}"));
        if let Some(arg) = arg {
            fields.push(format!("{arg:>5}"));
            let argrepr = op.map_or_else(String::new, |op| arg_repr(code, offset, op, arg, localsplus));
            if !argrepr.is_empty() {
                fields.push(format!("({argrepr})"));
            }
        }
        out.push_str(fields.join(" ").trim_end());
        out.push('\n');
    }
    if !entries.is_empty() {
        out.push_str("ExceptionTable:\n");
        for e in &entries {
            let lasti = if e.lasti { " lasti" } else { "" };
            let _ = writeln!(
                out,
                "  {} to {} -> {} [{}]{lasti}",
                e.start * 2,
                i64::from(e.end) * 2 - 2,
                e.target * 2,
                e.depth
            );
        }
    }
}

fn name_at(names: &[PyString], index: i64) -> String {
    usize::try_from(index).ok().and_then(|i| names.get(i)).map_or_else(String::new, text)
}

fn text(s: &PyString) -> String {
    s.code_points().map(|c| char::from_u32(c).unwrap_or('\u{FFFD}')).collect()
}

fn arg_repr(code: &CodeObject, offset: u32, op: Opcode, arg: i64, localsplus: &[PyString]) -> String {
    const MAKE_FUNCTION_FLAGS: [&str; 4] = ["defaults", "kwdefaults", "annotations", "closure"];
    match op {
        Opcode::LOAD_CONST => {
            usize::try_from(arg).ok().and_then(|i| code.co_consts.get(i)).map_or_else(String::new, repr)
        }
        Opcode::KW_NAMES => String::new(),
        Opcode::LOAD_GLOBAL => {
            let name = name_at(&code.co_names, arg / 2);
            if arg & 1 == 1 && !name.is_empty() {
                format!("NULL + {name}")
            } else {
                name
            }
        }
        Opcode::COMPARE_OP => COMPARE_OPS.get(arg as usize).map_or_else(String::new, |s| s.to_string()),
        Opcode::BINARY_OP => BINARY_OPS.get(arg as usize).map_or_else(String::new, |s| s.to_string()),
        Opcode::FORMAT_VALUE => {
            let mut s = ["", "str", "repr", "ascii"][(arg & 3) as usize].to_string();
            if arg & 4 != 0 {
                if !s.is_empty() {
                    s.push_str(", ");
                }
                s.push_str("with format");
            }
            s
        }
        Opcode::MAKE_FUNCTION => MAKE_FUNCTION_FLAGS
            .iter()
            .enumerate()
            .filter(|&(i, _)| arg & (1 << i) != 0)
            .map(|(_, s)| *s)
            .collect::<Vec<_>>()
            .join(", "),
        _ => match op.arg_kind() {
            ArgKind::Name => name_at(&code.co_names, arg),
            ArgKind::Local | ArgKind::Free => name_at(localsplus, arg),
            ArgKind::JumpForward | ArgKind::JumpBackward => {
                format!("to {}", jump_target(offset, op, arg).unwrap_or_default())
            }
            _ => String::new(),
        },
    }
}

/// `repr(code)`, with a fixed address.
pub fn code_repr(code: &CodeObject) -> String {
    format!(
        "<code object {} at 0x0000, file \"{}\", line {}>",
        text(&code.co_name),
        text(&code.co_filename),
        code.co_firstlineno
    )
}

/// Python's `repr` of a constant.
pub fn repr(value: &Constant) -> String {
    match value {
        Constant::None => "None".into(),
        Constant::Ellipsis => "Ellipsis".into(),
        Constant::Bool(true) => "True".into(),
        Constant::Bool(false) => "False".into(),
        Constant::Int(i) => i.to_string(),
        Constant::BigInt(i) => i.to_string(),
        Constant::Float(f) => float_repr(*f, true),
        Constant::Complex { re, im } => {
            if *re == 0.0 && re.is_sign_positive() {
                format!("{}j", float_repr(*im, false))
            } else {
                let im_text = float_repr(*im, false);
                let sign = if im_text.starts_with('-') { "" } else { "+" };
                format!("({}{sign}{im_text}j)", float_repr(*re, false))
            }
        }
        Constant::Str(s) => str_repr(s),
        Constant::Bytes(b) => bytes_repr(b),
        Constant::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(repr).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        Constant::FrozenSet(items) if items.is_empty() => "frozenset()".into(),
        Constant::FrozenSet(items) => {
            format!("frozenset({{{}}})", items.iter().map(repr).collect::<Vec<_>>().join(", "))
        }
        Constant::Code(code) => code_repr(code),
        Constant::StopIteration => "<class 'StopIteration'>".into(),
        Constant::List(items) => format!("[{}]", items.iter().map(repr).collect::<Vec<_>>().join(", ")),
        Constant::Set(items) if items.is_empty() => "set()".into(),
        Constant::Set(items) => format!("{{{}}}", items.iter().map(repr).collect::<Vec<_>>().join(", ")),
        Constant::Dict(pairs) => format!(
            "{{{}}}",
            pairs.iter().map(|(k, v)| format!("{}: {}", repr(k), repr(v))).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// `repr(float)` (`add_dot_0`), or the form inside a complex's repr.
fn float_repr(f: f64, add_dot_0: bool) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.into();
    }
    // Shortest round-trip digits and exponent, from Rust's `{:e}`.
    let sci = format!("{:e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap();
    let exp: i32 = exp.parse().unwrap();
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let sign = if f.is_sign_negative() { "-" } else { "" };
    let decpt = exp + 1;
    if decpt <= -4 || decpt > 16 {
        let rest = &digits[1..];
        let frac = if rest.is_empty() { String::new() } else { format!(".{rest}") };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{}{frac}e{esign}{:02}", &digits[..1], exp.abs())
    } else if decpt <= 0 {
        format!("{sign}0.{}{digits}", "0".repeat((-decpt) as usize))
    } else if digits.len() as i32 <= decpt {
        let zeros = "0".repeat((decpt - digits.len() as i32) as usize);
        let dot0 = if add_dot_0 { ".0" } else { "" };
        format!("{sign}{digits}{zeros}{dot0}")
    } else {
        let (int, frac) = digits.split_at(decpt as usize);
        format!("{sign}{int}.{frac}")
    }
}

/// Whether `str.isprintable()` holds for a non-ASCII code point: an
/// approximation of Unicode's tables (controls, separators, common format
/// characters, surrogates, private use and noncharacters are not
/// printable; unassigned code points are taken as printable). The exact
/// table is the parser's `printable.rs`.
fn printable(c: u32) -> bool {
    !matches!(c,
        0x80..=0xA0 | 0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x1680 | 0x180E
        | 0x2000..=0x200F | 0x2028..=0x202F | 0x205F..=0x206F | 0x3000 | 0xD800..=0xDFFF
        | 0xE000..=0xF8FF | 0xFEFF | 0xFFF0..=0xFFFB | 0xFFFE | 0xFFFF | 0xF0000..)
}

fn str_repr(s: &PyString) -> String {
    let cps: Vec<u32> = s.code_points().collect();
    let has_single = cps.contains(&u32::from(b'\''));
    let has_double = cps.contains(&u32::from(b'"'));
    let quote = if has_single && !has_double { '"' } else { '\'' };
    let mut out = String::new();
    out.push(quote);
    for c in cps {
        match c {
            0x5C => out.push_str("\\\\"),
            0x09 => out.push_str("\\t"),
            0x0A => out.push_str("\\n"),
            0x0D => out.push_str("\\r"),
            _ if c == quote as u32 => {
                out.push('\\');
                out.push(quote);
            }
            0..=0x1F | 0x7F => {
                let _ = write!(out, "\\x{c:02x}");
            }
            0x20..=0x7E => out.push(char::from_u32(c).unwrap()),
            _ if printable(c) => out.push(char::from_u32(c).unwrap_or('\u{FFFD}')),
            _ if c <= 0xFF => {
                let _ = write!(out, "\\x{c:02x}");
            }
            _ if c <= 0xFFFF => {
                let _ = write!(out, "\\u{c:04x}");
            }
            _ => {
                let _ = write!(out, "\\U{c:08x}");
            }
        }
    }
    out.push(quote);
    out
}

fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { b'"' } else { b'\'' };
    let mut out = String::from("b");
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7E => out.push(c as char),
            _ => {
                let _ = write!(out, "\\x{c:02x}");
            }
        }
    }
    out.push(quote as char);
    out
}
