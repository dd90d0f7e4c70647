//! The VM's formatting glue: `format()`/f-string specs for int, float and
//! str, printf-style `%` formatting and `str.format`/`format_map`. The
//! value-independent parts (the spec mini-language, `%` spec parsing and
//! conversions, template parsing) are the `numbers` block's; this module
//! fetches the arguments, converts objects and maps errors to exceptions.

use crate::exceptions::{self as exc, PyErr, PyResult};
use crate::numbers::percent::{Count, PercentParser, PercentSpec, Piece};
use crate::numbers::spec::{parse_spec, SpecTarget};
use crate::numbers::template::{Accessor, AutoNumber, FieldKey, TemplateParser};
use crate::numbers::{self, ExcKind, Int, NumError};
use crate::objects::{float, int, str as pystr, tuple};
use crate::ops;
use crate::text::{Str, StrBuilder};
use crate::types::type_name;
use crate::value::Value;

/// The Python exception of a `numbers` error.
pub fn num_error(e: NumError) -> PyErr {
    match e.kind {
        ExcKind::ValueError => exc::value_error(e.message),
        ExcKind::TypeError => exc::type_error(e.message),
        ExcKind::OverflowError => exc::overflow_error(e.message),
        ExcKind::ZeroDivisionError => exc::zero_division_error(e.message),
        ExcKind::MemoryError => exc::memory_error(e.message),
    }
}

fn to_value(r: Result<String, NumError>) -> PyResult<Value> {
    r.map(pystr::from_string).map_err(num_error)
}

/// `format(s, spec)` for a str (`type_name` is `type(s).__name__`): the
/// layout is computed on the code points, so any text (lone surrogates
/// included) is kept as it is.
pub fn format_text(s: &Str, spec: &str, type_name: &str) -> PyResult<Value> {
    let spec = parse_spec(spec, SpecTarget::string(type_name)).map_err(num_error)?;
    let layout = numbers::format::str_layout(s.len(), &spec, type_name).map_err(num_error)?;
    let fill = u32::from(spec.fill);
    let mut out = StrBuilder::new();
    let total = layout.left.saturating_add(layout.keep).saturating_add(layout.right);
    out.try_reserve(total).map_err(pystr::text_error)?;
    out.push_repeated(fill, layout.left);
    out.push_range(s, 0, layout.keep);
    out.push_repeated(fill, layout.right);
    Ok(pystr::from_text(out.finish()))
}

/// `format(i, spec)` for an int.
pub fn format_int(v: &Int, spec: &str) -> PyResult<Value> {
    to_value(numbers::format::format_int(v, spec, "int"))
}

/// The text of `format(v, spec)` when `v` is a small int or a float, whose
/// `__format__` is fixed (builtin types cannot be patched); `None` for
/// other values.
pub fn format_number(v: &Value, spec: &str) -> Option<PyResult<String>> {
    if let Some(i) = v.as_small_int() {
        return Some(numbers::format::format_int(&Int::Small(i), spec, "int").map_err(num_error));
    }
    let x = v.as_float()?;
    Some(numbers::format::format_float(x, spec, "float").map_err(num_error))
}

/// `format(x, spec)` for a float.
pub fn format_float(x: f64, spec: &str) -> PyResult<Value> {
    to_value(numbers::format::format_float(x, spec, "float"))
}

// ---------------------------------------------------------------- % formatting

/// Where `%` conversions take their arguments from (CPython's
/// `unicode_formatter_t`: `arglen` -1 for a single non-tuple argument).
struct PercentArgs<'a> {
    args: &'a Value,
    items: &'a [Value],
    arglen: isize,
    argidx: isize,
    mapping: Option<&'a Value>,
}

impl<'a> PercentArgs<'a> {
    fn new(args: &'a Value) -> PercentArgs<'a> {
        let items = tuple::items(args);
        let is_mapping = items.is_none() && pystr::data(args).is_none() && has_getitem(args);
        match items {
            Some(items) => {
                PercentArgs { args, items, arglen: items.len() as isize, argidx: 0, mapping: None }
            }
            None => {
                PercentArgs { args, items: &[], arglen: -1, argidx: -2, mapping: is_mapping.then_some(args) }
            }
        }
    }

    fn next(&mut self) -> PyResult<Value> {
        if self.argidx < self.arglen {
            let i = self.argidx;
            self.argidx += 1;
            if self.arglen < 0 {
                return Ok(self.args.clone());
            }
            return Ok(self.items[i as usize].clone());
        }
        Err(exc::type_error("not enough arguments for format string"))
    }

    /// The value for `%(key)s`; afterwards only keyed conversions remain.
    fn keyed(&mut self, key: &str) -> PyResult<Value> {
        let Some(mapping) = self.mapping else {
            return Err(exc::type_error("format requires a mapping"));
        };
        let v = ops::getitem(mapping, &pystr::new(key))?;
        self.arglen = -1;
        self.argidx = -2;
        Ok(v)
    }
}

fn has_getitem(v: &Value) -> bool {
    crate::types::lookup_str(&crate::types::type_of(v), "__getitem__").is_some()
}

/// `template % args`.
pub fn percent_format(template: &str, args: &Value) -> PyResult<Value> {
    let mut source = PercentArgs::new(args);
    let mut out = String::with_capacity(template.len());
    for piece in PercentParser::new(template) {
        match piece.map_err(num_error)? {
            Piece::Literal(text) => out.push_str(&text),
            Piece::Spec(mut spec) => out.push_str(&convert_one(&mut spec, &mut source)?),
        }
    }
    if source.argidx < source.arglen && source.mapping.is_none() {
        return Err(exc::type_error("not all arguments converted during string formatting"));
    }
    Ok(pystr::from_string(out))
}

/// One `%` conversion: fetches `*` counts and the argument, converts it.
fn convert_one(spec: &mut PercentSpec, source: &mut PercentArgs<'_>) -> PyResult<String> {
    let keyed = match spec.key.clone() {
        Some(key) => Some(source.keyed(&key)?),
        None => None,
    };
    if spec.width == Count::Star {
        let width = star_count(&source.next()?)?;
        if width.unsigned_abs() > MAX_STAR_WIDTH {
            return Err(exc::memory_error(""));
        }
        spec.set_star_width(width);
    }
    if spec.precision == Count::Star {
        let precision = star_count(&source.next()?)?;
        if precision > i64::from(i32::MAX) {
            return Err(exc::overflow_error("Python int too large to convert to C int"));
        }
        spec.set_star_precision(precision);
    }
    if matches!(spec.kind, 'd' | 'i' | 'u' | 'o' | 'x' | 'X')
        && matches!(spec.precision, Count::Given(p) if p > i32::MAX as usize - 3)
    {
        return Err(exc::overflow_error("precision too large"));
    }
    let arg = match keyed {
        Some(v) => v,
        None => source.next()?,
    };
    match spec.kind {
        's' => text_conversion(&ops::str_(&arg)?, spec),
        'r' => text_conversion(&ops::repr(&arg)?, spec),
        'a' => text_conversion(&ops::ascii(&arg)?, spec),
        'c' => char_conversion(&arg, spec),
        'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
            let value = int_for_percent(&arg, spec.kind)?;
            numbers::percent::percent_int(&value, spec).map_err(num_error)
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            let x = float_for_percent(&arg)?;
            numbers::percent::percent_float(x, spec).map_err(num_error)
        }
        _ => Err(num_error(spec.unsupported())),
    }
}

/// The widest `*` width padded for (CPython fails to allocate wider ones:
/// MemoryError rather than an abort).
const MAX_STAR_WIDTH: u64 = 1 << 32;

fn star_count(v: &Value) -> PyResult<i64> {
    if !int::is_int(v) {
        return Err(exc::type_error("* wants int"));
    }
    int::index_value(v)?.ok_or_else(|| exc::type_error("* wants int"))
}

fn text_conversion(s: &Value, spec: &PercentSpec) -> PyResult<String> {
    numbers::percent::percent_text(pystr::as_str(s).unwrap_or(""), spec).map_err(num_error)
}

fn char_conversion(arg: &Value, spec: &PercentSpec) -> PyResult<String> {
    let ch = if let Some(t) = pystr::text(arg) {
        match (t.len(), t.char_at(0)) {
            (1, Some(cp)) => cp,
            _ => return Err(exc::type_error("%c requires int or char")),
        }
    } else if int::is_int(arg) {
        match int::index_value(arg) {
            Ok(Some(i)) if (0..=0x10FFFF).contains(&i) => i as u32,
            Ok(Some(_)) | Err(_) => return Err(exc::overflow_error("%c arg not in range(0x110000)")),
            Ok(None) => return Err(exc::type_error("%c requires int or char")),
        }
    } else {
        return Err(exc::type_error("%c requires int or char"));
    };
    let text = char::from_u32(ch).map_or_else(|| "\u{FFFD}".to_string(), String::from);
    numbers::percent::percent_text(&text, spec).map_err(num_error)
}

/// The integer `%d`/`%x`/... formats: `%d` takes any real number
/// (floats truncated), `%x`/`%o` only integers (`__index__`).
fn int_for_percent(arg: &Value, kind: char) -> PyResult<Int> {
    if let Some(b) = int::to_bigint(arg) {
        return Ok(Int::from_big(b));
    }
    let decimal = matches!(kind, 'd' | 'i' | 'u');
    if decimal {
        if let Some(x) = float::to_f64(arg) {
            return Ok(Int::from_big(float::float_to_bigint(x)?));
        }
    }
    if let Some(r) = ops::call_dunder_opt(arg, "__index__", &[])? {
        if let Some(b) = int::to_bigint(&r) {
            return Ok(Int::from_big(b));
        }
    }
    if decimal {
        if let Some(r) = ops::call_dunder_opt(arg, "__int__", &[])? {
            if let Some(b) = int::to_bigint(&r) {
                return Ok(Int::from_big(b));
            }
        }
        return Err(exc::type_error(format!(
            "%{kind} format: a real number is required, not {}",
            type_name(arg)
        )));
    }
    Err(exc::type_error(format!("%{kind} format: an integer is required, not {}", type_name(arg))))
}

fn float_for_percent(arg: &Value) -> PyResult<f64> {
    if pystr::data(arg).is_some() {
        return Err(exc::type_error(format!("must be real number, not {}", type_name(arg))));
    }
    float::float_of(arg).map_err(|_| exc::type_error(format!("must be real number, not {}", type_name(arg))))
}

// ---------------------------------------------------------------- str.format

/// Where `{name}` fields look their values up.
enum Named<'a> {
    Keywords(&'a [(&'a str, &'a Value)]),
    Mapping(&'a Value),
}

impl Named<'_> {
    fn get(&self, name: &str) -> PyResult<Value> {
        match self {
            Named::Keywords(kws) => match kws.iter().find(|(k, _)| *k == name) {
                Some((_, v)) => Ok((*v).clone()),
                None => Err(exc::key_error(pystr::new(name))),
            },
            Named::Mapping(m) => ops::getitem(m, &pystr::new(name)),
        }
    }
}

/// `template.format(*args, **kwargs)`.
pub fn str_format(template: &str, args: &[Value], kwargs: &[(&str, &Value)]) -> PyResult<Value> {
    let mut auto = AutoNumber::new();
    let out = render(template, args, &Named::Keywords(kwargs), &mut auto, 2)?;
    Ok(pystr::from_text(out.finish()))
}

/// `template.format_map(mapping)`.
pub fn str_format_map(template: &str, mapping: &Value) -> PyResult<Value> {
    let mut auto = AutoNumber::new();
    let out = render(template, &[], &Named::Mapping(mapping), &mut auto, 2)?;
    Ok(pystr::from_text(out.finish()))
}

/// Renders a template; `depth` bounds nested specs ("Max string recursion
/// exceeded" as CPython, which allows one level of nesting). Replacement
/// values are appended as code points, so their text is kept exactly.
fn render(
    template: &str,
    args: &[Value],
    named: &Named<'_>,
    auto: &mut AutoNumber,
    depth: u32,
) -> PyResult<StrBuilder> {
    if depth == 0 {
        return Err(num_error(numbers::template::recursion_error()));
    }
    let mut out = StrBuilder::with_capacity(template.len());
    for segment in TemplateParser::new(template) {
        let segment = segment.map_err(num_error)?;
        out.push_str(&segment.literal);
        let Some(field) = segment.field else { continue };
        let obj = field_value(&field.name, args, named, auto)?;
        let obj = match field.conversion {
            None => obj,
            Some('r') => ops::repr(&obj)?,
            Some('s') => ops::str_(&obj)?,
            Some('a') => ops::ascii(&obj)?,
            Some(c) => return Err(num_error(numbers::template::unknown_conversion(c))),
        };
        let spec = if field.spec_has_fields {
            render(&field.spec, args, named, auto, depth - 1)?.finish().to_string_lossy().into_owned()
        } else {
            field.spec
        };
        if let Some(text) = format_number(&obj, &spec) {
            out.push_str(&text?);
            continue;
        }
        let formatted = if spec.is_empty() && pystr::is_exact(&obj) {
            obj
        } else {
            ops::format(&obj, &pystr::new(&spec))?
        };
        out.push_pystr(pystr::text(&formatted).unwrap_or(&Str::new()));
    }
    Ok(out)
}

/// The object a field name selects: the argument, then each `.attr`,
/// `[index]` and `[key]` in turn.
fn field_value(name: &str, args: &[Value], named: &Named<'_>, auto: &mut AutoNumber) -> PyResult<Value> {
    let (key, accessors) = auto.split(name).map_err(num_error)?;
    let mut obj = match key {
        FieldKey::Index(i) => args.get(i).cloned().ok_or_else(|| {
            exc::index_error(format!("Replacement index {i} out of range for positional args tuple"))
        })?,
        FieldKey::Name(n) => named.get(&n)?,
    };
    for accessor in accessors {
        obj = match accessor.map_err(num_error)? {
            Accessor::Attr(attr) => crate::attr::getattr(&obj, &pystr::new(&attr))?,
            Accessor::Index(i) => ops::getitem(&obj, &int::from_usize(i))?,
            Accessor::Key(k) => ops::getitem(&obj, &pystr::new(&k))?,
        };
    }
    Ok(obj)
}
