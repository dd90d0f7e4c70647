//! Differential tests of `taipan_vm::numbers` against CPython 3.11: the
//! data under `tests/numbers_data/` comes from `scripts/gen_numbers_data.py`
//! (one case per line, tab-separated, escaped; `!Kind: message` for errors).

use taipan_vm::numbers::float_text::{float_from_bytes_text, float_from_str};
use taipan_vm::numbers::format::{format_complex, format_float, format_int, format_str};
use taipan_vm::numbers::int_text::{int_from_bytes_text, int_from_str, int_to_decimal};
use taipan_vm::numbers::{Int, NumResult};

/// Undo the generator's escaping (`\\`, `\u{hex}`).
fn unescape(field: &str) -> String {
    let mut out = String::new();
    let mut rest = field;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        if rest[i + 1..].starts_with('\\') {
            out.push('\\');
            rest = &rest[i + 2..];
        } else {
            let close = rest[i..].find('}').expect("escape closes") + i;
            let code = u32::from_str_radix(&rest[i + 3..close], 16).expect("hex escape");
            out.push(char::from_u32(code).expect("no surrogates in the data"));
            rest = &rest[close + 1..];
        }
    }
    out.push_str(rest);
    out
}

fn rows(name: &str) -> Vec<Vec<String>> {
    let path = format!("{}/tests/numbers_data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("data file (scripts/gen_numbers_data.py)");
    text.lines().map(|line| line.split('\t').map(unescape).collect()).collect()
}

/// CPython's outcome text for a result: the value or `!Kind: message`.
fn shown<T>(result: NumResult<T>, show: impl Fn(T) -> String) -> String {
    match result {
        Ok(value) => show(value),
        Err(e) => format!("!{:?}: {}", e.kind, e.message),
    }
}

/// Latin-1 bytes of a text whose code points are all below 256.
fn latin1(text: &str) -> Vec<u8> {
    text.chars().map(|c| c as u32 as u8).collect()
}

/// A long field cut short for failure messages.
fn clip(text: &str) -> String {
    if text.chars().count() > 120 {
        format!("{}…", text.chars().take(120).collect::<String>())
    } else {
        text.to_owned()
    }
}

fn check(name: &str, run: impl Fn(&[String]) -> String) {
    let rows = rows(name);
    let mut failures = Vec::new();
    for row in &rows {
        let got = run(row);
        let expected = row.last().unwrap();
        if &got != expected {
            let case: Vec<String> = row[..row.len() - 1].iter().map(|f| clip(f)).collect();
            failures.push(format!(
                "{case:?}\n   got      {:?}\n   expected {:?}",
                clip(&got),
                clip(expected)
            ));
        }
    }
    let shown: Vec<&String> = failures.iter().take(25).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        rows.len(),
        shown.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn int_parsing_matches_cpython() {
    check("int_parse.txt", |row| {
        let base: i64 = row[1].parse().unwrap();
        let result = if row[0] == "b" {
            int_from_bytes_text(&latin1(&row[2]), base)
        } else {
            int_from_str(row[2].as_bytes(), base)
        };
        shown(result.and_then(|v| int_to_decimal(&v)), |s| s)
    });
}

#[test]
fn float_parsing_matches_cpython() {
    check("float_parse.txt", |row| {
        let result = if row[0] == "b" {
            float_from_bytes_text(&latin1(&row[1]))
        } else {
            float_from_str(row[1].as_bytes())
        };
        shown(result, taipan_repr::float_repr)
    });
}

#[test]
fn format_matches_cpython() {
    check("format.txt", |row| {
        let (value, spec) = (&row[1], &row[2]);
        let result = match row[0].as_str() {
            "i" => format_int(&Int::from_big(value.parse().unwrap()), spec, "int"),
            "f" => format_float(value.parse().unwrap(), spec, "float"),
            "c" => {
                let (re, im) = value.split_once(',').unwrap();
                format_complex(re.parse().unwrap(), im.parse().unwrap(), spec, "complex")
            }
            _ => format_str(value, spec, "str"),
        };
        shown(result, |s| s)
    });
}

mod ops {
    use super::*;
    use num_bigint::BigInt;
    use taipan_vm::numbers::arith::*;
    use taipan_vm::numbers::bits::*;
    use taipan_vm::numbers::float_ops::*;

    fn int(text: &str) -> Int {
        Int::from_big(text.parse::<BigInt>().expect("int field"))
    }

    fn float(text: &str) -> f64 {
        text.parse().expect("float field")
    }

    fn show_f(x: f64) -> String {
        taipan_repr::float_repr(x)
    }

    fn show_ratio((a, b): (Int, Int)) -> String {
        format!("{a},{b}")
    }

    fn show_pow(p: IntPow) -> String {
        match p {
            IntPow::Int(i) => i.to_string(),
            IntPow::Float(f) => show_f(f),
        }
    }

    fn show_fpow(p: FloatPow) -> String {
        match p {
            FloatPow::Real(f) => show_f(f),
            FloatPow::NeedsComplex => "complex".to_owned(),
        }
    }

    fn hex_bytes(bytes: Vec<u8>) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// One operation of `ops.txt`, printed as the generator's `show`.
    pub fn run(row: &[String]) -> String {
        let a = &row[1];
        let b = row.get(2).map(String::as_str).unwrap_or("");
        match row[0].as_str() {
            "floordiv" => shown(int_floordiv(&int(a), &int(b)), |v| v.to_string()),
            "mod" => shown(int_mod(&int(a), &int(b)), |v| v.to_string()),
            "divmod" => shown(int_divmod(&int(a), &int(b)), show_ratio),
            "truediv" => shown(int_truediv(&int(a), &int(b)), show_f),
            "and" => bitop(BitOp::And, &int(a), &int(b)).to_string(),
            "or" => bitop(BitOp::Or, &int(a), &int(b)).to_string(),
            "xor" => bitop(BitOp::Xor, &int(a), &int(b)).to_string(),
            "pow" => shown(int_pow(&int(a), &int(b)), show_pow),
            "pow3" => shown(int_pow_mod(&int(a), &int(b), &int(&row[3])), |v| v.to_string()),
            "lshift" => shown(shl(&int(a), &int(b)), |v| v.to_string()),
            "rshift" => shown(shr(&int(a), &int(b)), |v| v.to_string()),
            "invert" => invert(&int(a)).to_string(),
            "bit_length" => bit_length(&int(a)).to_string(),
            "bit_count" => bit_count(&int(a)).to_string(),
            "float" => shown(int_to_f64(&int(a)), show_f),
            "round_int" => round_int(&int(a), &int(b)).to_string(),
            "to_bytes" => {
                let length: usize = b.parse().unwrap();
                shown(to_bytes(&int(a), length, row[3] == "little", row[4] == "1"), hex_bytes)
            }
            "fmod" => shown(float_mod(float(a), float(b)), show_f),
            "ffloordiv" => shown(float_floordiv(float(a), float(b)), show_f),
            "fdivmod" => {
                shown(float_divmod(float(a), float(b)), |(q, r)| format!("{},{}", show_f(q), show_f(r)))
            }
            "fdiv" => shown(float_div(float(a), float(b)), show_f),
            "fpow" => shown(float_pow(float(a), float(b)), show_fpow),
            "int_of" => shown(f64_to_int(float(a)), |v| v.to_string()),
            "round0" => shown(round_to_int(float(a)), |v| v.to_string()),
            "ratio" => shown(as_integer_ratio(float(a)), show_ratio),
            "is_integer" => (if is_integer(float(a)) { "True" } else { "False" }).to_owned(),
            "hex" => float_hex(float(a)),
            "round" => shown(round_float(float(a), b.parse().unwrap()), show_f),
            "fromhex" => shown(float_fromhex(a), show_f),
            other => panic!("unknown op {other}"),
        }
    }
}

#[test]
fn arithmetic_matches_cpython() {
    check("ops.txt", ops::run);
}

mod percent {
    use super::*;
    use taipan_vm::numbers::percent::*;

    /// Python's `ascii()` of a str.
    fn ascii(text: &str) -> String {
        let mut out = String::new();
        for c in taipan_repr::str_repr(text.as_bytes()).chars() {
            match c as u32 {
                0..=0x7F => out.push(c),
                cp @ 0x80..=0xFF => out.push_str(&format!("\\x{cp:02x}")),
                cp @ 0x100..=0xFFFF => out.push_str(&format!("\\u{cp:04x}")),
                cp => out.push_str(&format!("\\U{cp:08x}")),
            }
        }
        out
    }

    /// `format % (value,)` with the value typed by `vtype` (i, f, s).
    pub fn run(row: &[String]) -> String {
        let (format, vtype, value) = (&row[0], row[1].as_str(), &row[2]);
        let mut out = String::new();
        for piece in PercentParser::new(format) {
            let spec = match piece {
                Ok(Piece::Literal(text)) => {
                    out.push_str(&text);
                    continue;
                }
                Ok(Piece::Spec(spec)) => spec,
                Err(e) => return shown::<String>(Err(e), |s| s),
            };
            let value = if spec.key.as_deref() == Some("x(y)") { "2".to_owned() } else { value.clone() };
            let text_of = |repr: bool| match vtype {
                "s" if repr => taipan_repr::str_repr(value.as_bytes()),
                _ => value.clone(),
            };
            let piece = match spec.kind {
                'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
                    percent_int(&Int::from_big(value.parse().unwrap()), &spec)
                }
                'e' | 'E' | 'f' | 'F' | 'g' | 'G' => percent_float(value.parse().unwrap(), &spec),
                's' => percent_text(&text_of(false), &spec),
                'r' => percent_text(&text_of(true), &spec),
                'a' if vtype == "s" => percent_text(&ascii(&value), &spec),
                'a' => percent_text(&value, &spec),
                'c' if vtype == "i" => {
                    let c = char::from_u32(value.parse().unwrap()).unwrap();
                    percent_text(&c.to_string(), &spec)
                }
                'c' => percent_text(&value, &spec),
                _ => Err(spec.unsupported()),
            };
            match piece {
                Ok(text) => out.push_str(&text),
                Err(e) => return shown::<String>(Err(e), |s| s),
            }
        }
        out
    }
}

#[test]
fn percent_formatting_matches_cpython() {
    check("percent.txt", percent::run);
}

mod template {
    use super::*;
    use taipan_vm::numbers::template::*;

    fn repr(text: &str) -> String {
        taipan_repr::str_repr(text.as_bytes())
    }

    fn error(e: taipan_vm::numbers::NumError) -> String {
        format!("!{:?}: {}", e.kind, e.message)
    }

    /// `repr(list(_string.formatter_parser(text)))`.
    pub fn parse(text: &str) -> String {
        let mut tuples = Vec::new();
        for segment in TemplateParser::new(text) {
            let segment = match segment {
                Ok(segment) => segment,
                Err(e) => return error(e),
            };
            let field = match &segment.field {
                None => "None, None, None".to_owned(),
                Some(f) => {
                    let conversion = f.conversion.map_or("None".to_owned(), |c| repr(&c.to_string()));
                    format!("{}, {}, {conversion}", repr(&f.name), repr(&f.spec))
                }
            };
            tuples.push(format!("({}, {field})", repr(&segment.literal)));
        }
        format!("[{}]", tuples.join(", "))
    }

    fn show_key(key: &FieldKey) -> String {
        match key {
            FieldKey::Index(i) => i.to_string(),
            FieldKey::Name(n) => repr(n),
        }
    }

    /// `repr((first, list(rest)))` of `_string.formatter_field_name_split`.
    pub fn split(text: &str) -> String {
        let (first, rest) = match split_field_name(text) {
            Ok(parts) => parts,
            Err(e) => return error(e),
        };
        let mut items = Vec::new();
        for accessor in rest {
            items.push(match accessor {
                Ok(Accessor::Attr(a)) => format!("(True, {})", repr(&a)),
                Ok(Accessor::Index(i)) => format!("(False, {i})"),
                Ok(Accessor::Key(k)) => format!("(False, {})", repr(&k)),
                Err(e) => return error(e),
            });
        }
        format!("({}, [{}])", show_key(&first), items.join(", "))
    }

    const ARGS: [i64; 5] = [10, -2, 3, 1234567, 0];
    const KWARGS: [(&str, i64); 3] = [("a", 5), ("b", -3), ("w", 8)];

    /// `text.format(*ARGS, **KWARGS)` as the VM would run it.
    pub fn render(text: &str, auto: &mut AutoNumber, depth: u32) -> Result<String, String> {
        if depth == 0 {
            return Err(error(recursion_error()));
        }
        let mut out = String::new();
        for segment in TemplateParser::new(text) {
            let segment = segment.map_err(error)?;
            out.push_str(&segment.literal);
            let Some(field) = segment.field else { continue };
            let (key, mut rest) = auto.split(&field.name).map_err(error)?;
            let value = match &key {
                FieldKey::Index(i) => *ARGS.get(*i).ok_or_else(|| {
                    format!("!IndexError: Replacement index {i} out of range for positional args tuple")
                })?,
                FieldKey::Name(n) => {
                    KWARGS.iter().find(|(k, _)| k == n).ok_or_else(|| format!("!KeyError: {}", repr(n)))?.1
                }
            };
            if let Some(accessor) = rest.next() {
                return Err(format!("accessors are not generated for rendering: {accessor:?}"));
            }
            let converted = match field.conversion {
                None => None,
                Some('r' | 's' | 'a') => Some(value.to_string()),
                Some(c) => return Err(error(unknown_conversion(c))),
            };
            let spec = if field.spec_has_fields { render(&field.spec, auto, depth - 1)? } else { field.spec };
            let piece = match converted {
                Some(text) => format_str(&text, &spec, "str"),
                None => format_int(&Int::Small(value), &spec, "int"),
            };
            out.push_str(&piece.map_err(error)?);
        }
        Ok(out)
    }
}

#[test]
fn templates_match_cpython() {
    check("template.txt", |row| match row[0].as_str() {
        "p" => template::parse(&row[1]),
        "n" => template::split(&row[1]),
        _ => {
            let mut auto = taipan_vm::numbers::template::AutoNumber::new();
            template::render(&row[1], &mut auto, taipan_vm::numbers::template::MAX_RECURSION)
                .unwrap_or_else(|e| e)
        }
    });
}
