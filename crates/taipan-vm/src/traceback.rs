//! Printing exceptions as CPython 3.11 does: `Traceback (most recent call
//! last):`, one `File "...", line N, in name` entry per traceback object
//! with the stripped source line and the `^^^^` carets from the position
//! table (omitted when they would underline the whole line), repeated
//! frames folded, chained exceptions (`__cause__`, `__context__`) first,
//! then `Type: message`.

use crate::exceptions::PyErr;
use crate::objects::code::CodeData;
use crate::objects::exc_objects::{self, TracebackData};
use crate::objects::str as pystr;
use crate::runtime::rt;
use crate::types::{type_of, type_payload};
use crate::value::Value;
use std::cell::RefCell;
use std::collections::HashMap;

thread_local! {
    static SOURCES: RefCell<HashMap<String, Option<Vec<String>>>> = RefCell::new(HashMap::new());
}

/// Registers the text of a file (for `-c` and programs read from stdin, or
/// to avoid re-reading the main script).
pub fn register_source(filename: &str, text: &str) {
    let lines = text.split_inclusive('\n').map(str::to_string).collect();
    SOURCES.with(|s| s.borrow_mut().insert(filename.to_string(), Some(lines)));
}

/// Line `lineno` (1-based) of `filename`, if readable.
pub fn source_line(filename: &str, lineno: i32) -> Option<String> {
    if lineno < 1 {
        return None;
    }
    SOURCES.with(|s| {
        let mut s = s.borrow_mut();
        let entry = s.entry(filename.to_string()).or_insert_with(|| {
            if filename.starts_with('<') {
                return None;
            }
            std::fs::read(filename)
                .ok()
                .map(|b| String::from_utf8_lossy(&b).split_inclusive('\n').map(str::to_string).collect())
        });
        entry.as_ref().and_then(|lines| lines.get(lineno as usize - 1).cloned())
    })
}

/// The full text CPython prints for an uncaught exception.
pub fn format_exception(e: &PyErr) -> String {
    let mut out = String::new();
    let mut seen = Vec::new();
    format_chain(e.value(), &mut out, &mut seen);
    out
}

fn format_chain(v: &Value, out: &mut String, seen: &mut Vec<u64>) {
    seen.push(v.bits());
    if let Some(d) = exc_objects::data(v) {
        let cause = d.cause.get();
        let context = d.context.get();
        if !cause.is_null() && !seen.contains(&cause.bits()) {
            format_chain(&cause, out, seen);
            out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
        } else if !context.is_null() && !d.suppress_context.get() && !seen.contains(&context.bits()) {
            format_chain(&context, out, seen);
            out.push_str("\nDuring handling of the above exception, another exception occurred:\n\n");
        }
        let tb = d.traceback.get();
        if !tb.is_null() {
            out.push_str("Traceback (most recent call last):\n");
            format_tb(&tb, out);
        }
    }
    match syntax_error_fields(v) {
        Some((error, filename)) => out.push_str(&error.render(&filename)),
        None => out.push_str(&exception_line(v)),
    }
    format_notes(v, out);
}

/// The lines of `__notes__` after the exception line: each str note on its
/// own line (others by repr); a non-sequence `__notes__` by its repr.
fn format_notes(v: &Value, out: &mut String) {
    let Ok(notes) = crate::attr::getattr(v, &pystr::intern("__notes__")) else { return };
    let items = match crate::objects::list::data(&notes) {
        Some(_) => crate::ops::collect(&notes).unwrap_or_default(),
        None => match crate::objects::tuple::items(&notes) {
            Some(t) => t.to_vec(),
            None => {
                let r = crate::ops::repr(&notes).ok();
                let text = r.as_ref().and_then(|r| pystr::as_str(r)).unwrap_or("<__notes__ repr() failed>");
                out.push_str(text);
                out.push('\n');
                return;
            }
        },
    };
    for note in items {
        let shown = if pystr::is_str(&note) { crate::ops::str_(&note) } else { crate::ops::repr(&note) };
        match shown {
            Ok(s) => out.push_str(pystr::as_str(&s).unwrap_or("")),
            Err(_) => out.push_str("<note str() failed>"),
        }
        out.push('\n');
    }
}

/// A `SyntaxError` instance as the parser's error value, so it prints as
/// CPython prints one (file, line, text and carets, then `Type: msg`).
fn syntax_error_fields(v: &Value) -> Option<(taipan_parser::SyntaxError, String)> {
    use taipan_parser::ErrorKind;
    let r = crate::runtime::rt();
    if !crate::types::is_instance(v, &r.exc.syntax_error) || crate::types::type_data_of(v).is_heap() {
        return None;
    }
    let get = |name: &str| crate::attr::getattr_str(v, name).ok();
    let int = |name: &str| get(name).and_then(|x| x.as_small_int()).map_or(-1, |n| n as i32);
    let kind = if crate::types::is_instance(v, &r.exc.tab_error) {
        ErrorKind::TabError
    } else if crate::types::is_instance(v, &r.exc.indentation_error) {
        ErrorKind::IndentationError
    } else {
        ErrorKind::SyntaxError
    };
    let msg = get("msg").and_then(|m| crate::ops::str_(&m).ok())?;
    let text = get("text").and_then(|t| pystr::as_str(&t).map(str::to_string));
    let filename = get("filename").and_then(|f| pystr::as_str(&f).map(str::to_string));
    let error = taipan_parser::SyntaxError {
        kind,
        msg: pystr::as_str(&msg).unwrap_or("").to_string(),
        lineno: int("lineno"),
        offset: int("offset"),
        end_lineno: int("end_lineno"),
        end_offset: int("end_offset"),
        text,
    };
    Some((error, filename.unwrap_or_else(|| "<string>".to_string())))
}

/// `Type: message` (module-qualified unless builtins or __main__).
pub fn exception_line(v: &Value) -> String {
    let ty = type_of(v);
    let td = type_payload(&ty);
    let module = crate::objects::object::type_module_name(&ty);
    let q = td.qualname.borrow().clone();
    let name = if module == "builtins" || module == "__main__" || module.is_empty() {
        q
    } else {
        format!("{module}.{q}")
    };
    match crate::ops::str_(v) {
        Ok(s) => {
            let s = pystr::as_str(&s).unwrap_or("");
            if s.is_empty() {
                format!("{name}\n")
            } else {
                format!("{name}: {s}\n")
            }
        }
        Err(_) => format!("{name}: <exception str() failed>\n"),
    }
}

fn format_tb(tb: &Value, out: &mut String) {
    let mut cur = tb.clone();
    let mut last: Option<(String, i32, String)> = None;
    let mut repeat = 0;
    while let Some(t) = cur.downcast::<TracebackData>() {
        let Some(code) = crate::objects::code::data(&t.code) else {
            break;
        };
        let filename = pystr::as_str(&code.filename).unwrap_or("?").to_string();
        let name = pystr::as_str(&code.name).unwrap_or("?").to_string();
        let key = (filename.clone(), t.lineno(), name.clone());
        if last.as_ref() == Some(&key) {
            repeat += 1;
        } else {
            flush_repeat(out, repeat);
            repeat = 0;
            last = Some(key);
        }
        if repeat < 3 {
            format_entry(out, code, t, &filename, &name);
        }
        cur = t.next.get();
    }
    flush_repeat(out, repeat);
}

fn flush_repeat(out: &mut String, repeat: usize) {
    if repeat >= 3 {
        let n = repeat - 2;
        out.push_str(&format!("  [Previous line repeated {n} more time{}]\n", if n == 1 { "" } else { "s" }));
    }
}

fn format_entry(out: &mut String, code: &CodeData, t: &TracebackData, filename: &str, name: &str) {
    let line = if t.lineno() < 0 { "None".to_string() } else { t.lineno().to_string() };
    out.push_str(&format!("  File \"{filename}\", line {line}, in {name}\n"));
    let Some(src) = source_line(filename, t.lineno()) else {
        return;
    };
    let stripped = src.trim();
    if stripped.is_empty() {
        return;
    }
    out.push_str(&format!("    {stripped}\n"));
    if let Some(carets) = caret_line(code, t, &src) {
        out.push_str(&carets);
    }
}

/// The caret line for a traceback entry, if CPython would show one.
fn caret_line(code: &CodeData, t: &TracebackData, line: &str) -> Option<String> {
    let positions = code.code.co_positions().ok()?;
    let p = positions.get(t.lasti as usize)?;
    if p.line < 0 || p.end_line < 0 || p.col < 0 || p.end_col < 0 {
        return None;
    }
    let line = line.trim_end_matches(['\n', '\r']);
    let char_at = |byte: i32| -> usize {
        let b = (byte as usize).min(line.len());
        let mut b = b;
        while !line.is_char_boundary(b) {
            b -= 1;
        }
        line[..b].chars().count()
    };
    let start = char_at(p.col);
    let end = if p.line == p.end_line { char_at(p.end_col) } else { line.trim_end().chars().count() };
    let stripped_chars = line.chars().count() - line.trim_start().chars().count();
    let stripped_len = line.trim().chars().count();
    let anchors = if p.line == p.end_line {
        let seg: String = line.chars().skip(start).take(end.saturating_sub(start)).collect();
        crate::traceback_anchors::anchors(&seg)
    } else {
        None
    };
    let shows = end.saturating_sub(start) < stripped_len || anchors.is_some_and(|(l, r)| r > l);
    if !shows {
        return None;
    }
    let mut s = String::from("    ");
    s.push_str(&" ".repeat(start.saturating_sub(stripped_chars)));
    match anchors {
        Some((l, r)) => {
            s.push_str(&"~".repeat(l));
            s.push_str(&"^".repeat(r - l));
            s.push_str(&"~".repeat((end - start).saturating_sub(r)));
        }
        None => s.push_str(&"^".repeat(end.saturating_sub(start))),
    }
    s.push('\n');
    let _ = rt();
    Some(s)
}
