//! `unicodedata`: the Unicode 14.0 character database of CPython 3.11, and
//! `ucd_3_2_0`, the Unicode 3.2 view that `encodings.idna` and `stringprep`
//! use. Properties come from the tables of `unicodedata_data.rs` (generated
//! from CPython by `scripts/gen_unicodedata_tables.py`): a two-level index
//! from code point to a shared property record, one index per database
//! version. Character names come from the `unicode_names2` crate through the
//! parser's `\N{...}` lookup, limited to what Unicode 14.0 assigns;
//! normalization is `unicodedata_normalize.rs`.
//!
//! Module functions and the methods of `UCD` instances are the same native
//! functions: `args[0]` is the module (Unicode 14.0) or a `UCD` (3.2.0).

use crate::unicodedata_data::*;
use crate::unicodedata_normalize::{normalize as normalize_text, Form};
use std::cell::OnceCell;
use taipan_vm::exceptions::{self as exc, PyResult};
use taipan_vm::modules::native::{self, boolean};
use taipan_vm::objects::{bytes, dict, int, m, str as pystr, Method};
use taipan_vm::runtime::rt;
use taipan_vm::text::Str;
use taipan_vm::types::type_name;
use taipan_vm::Value;

/// The version of the Unicode database CPython 3.11 ships.
const UNIDATA_VERSION: &str = "14.0.0";
/// The longest name `lookup` accepts (CPython's NAME_MAXLEN).
const NAME_MAXLEN: usize = 256;

/// Which database a call reads.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Version {
    V14,
    V3_2,
}

/// The instance data of `unicodedata.UCD` (only `ucd_3_2_0` exists).
pub struct Ucd;

const FUNCTIONS: &[Method] = &[
    m("bidirectional", bidirectional),
    m("category", category),
    m("combining", combining),
    m("decimal", decimal),
    m("decomposition", decomposition_fn),
    m("digit", digit),
    m("east_asian_width", east_asian_width),
    m("is_normalized", is_normalized),
    m("lookup", lookup),
    m("mirrored", mirrored),
    m("name", name),
    m("normalize", normalize),
    m("numeric", numeric),
];

taipan_vm::interp_static! {
    static UCD_TYPE: OnceCell<Value> = const { OnceCell::new() };
}

/// Builds the `unicodedata` module.
pub fn module() -> PyResult<Value> {
    let (md, d) = native::new_module("unicodedata", FUNCTIONS);
    let ty = ucd_type();
    dict::set_str(&d, "UCD", ty.clone());
    dict::set_str(&d, "ucd_3_2_0", taipan_vm::heap::alloc(&ty, Ucd));
    dict::set_str(&d, "unidata_version", pystr::new(UNIDATA_VERSION));
    Ok(md)
}

fn ucd_type() -> Value {
    UCD_TYPE.with(|t| {
        t.get_or_init(|| {
            let getsets: &[(&str, taipan_vm::objects::Getter, Option<taipan_vm::objects::Setter>)] =
                &[("unidata_version", |_| Ok(pystr::new("3.2.0")), None)];
            native::new_type::<Ucd>("UCD", "unicodedata", &rt().types.object, 0, FUNCTIONS, getsets)
        })
        .clone()
    })
}

fn version_of(receiver: &Value) -> Version {
    if receiver.downcast::<Ucd>().is_some() {
        Version::V3_2
    } else {
        Version::V14
    }
}

// ---------------------------------------------------------------- tables

/// One code point's properties.
struct Record {
    category: u8,
    bidi: u8,
    combining: u8,
    eaw_mirrored: u8,
    numeric: u16,
    quick_check: u8,
}

fn record(cp: u32, version: Version) -> Record {
    let index1 = match version {
        Version::V14 => INDEX1_14,
        Version::V3_2 => INDEX1_3_2,
    };
    let block = index1[(cp >> SHIFT) as usize] as usize;
    let i = RECORD_BLOCKS[(block << SHIFT) | (cp & ((1 << SHIFT) - 1)) as usize];
    let (category, bidi, combining, eaw_mirrored, numeric, quick_check) = RECORDS[i as usize];
    Record { category, bidi, combining, eaw_mirrored, numeric, quick_check }
}

/// The canonical combining class (Unicode 14.0, which normalization uses
/// for both databases, as CPython does).
pub(crate) fn combining_class(cp: u32) -> u8 {
    record(cp, Version::V14).combining
}

/// Whether `version` assigns `cp` (its category is not `Cn`).
pub(crate) fn is_assigned(cp: u32, version: Version) -> bool {
    CATEGORIES[record(cp, version).category as usize] != "Cn"
}

/// The decomposition mapping of `cp` in Unicode 14.0: (tag index, code
/// points); an empty mapping when there is none.
pub(crate) fn decomposition(cp: u32) -> (u32, &'static [u32]) {
    let block = DECOMP_INDEX1[(cp >> SHIFT) as usize] as usize;
    let offset = DECOMP_BLOCKS[(block << SHIFT) | (cp & ((1 << SHIFT) - 1)) as usize] as usize;
    if offset == 0 {
        return (0, &[]);
    }
    let header = DECOMP_DATA[offset];
    let len = (header & 0xFF) as usize;
    (header >> 8, &DECOMP_DATA[offset + 1..offset + 1 + len])
}

// ---------------------------------------------------------------- arguments

/// The code point of a one-character str argument, or CPython's TypeError
/// (`position` names the argument of functions taking several).
fn char_arg(fname: &str, v: &Value, position: Option<usize>) -> PyResult<u32> {
    if let Some(t) = pystr::text(v) {
        if t.len() == 1 {
            return Ok(t.char_at(0).unwrap_or(0));
        }
    }
    let which = position.map(|p| format!(" {p}")).unwrap_or_default();
    Err(exc::type_error(format!(
        "{fname}() argument{which} must be a unicode character, not {}",
        type_name(v)
    )))
}

/// The one argument of `fname(chr, /)`.
fn single_char(fname: &str, args: &[Value]) -> PyResult<(Version, u32)> {
    match args {
        [receiver, c] => Ok((version_of(receiver), char_arg(fname, c, None)?)),
        _ => Err(exc::type_error(format!(
            "unicodedata.{fname}() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        ))),
    }
}

/// The arguments of `fname(chr, default=<none>, /)`.
fn char_and_default<'a>(fname: &str, args: &'a [Value]) -> PyResult<(Version, u32, Option<&'a Value>)> {
    let given = args.len().saturating_sub(1);
    if given == 0 {
        return Err(exc::type_error(format!("{fname} expected at least 1 argument, got 0")));
    }
    if given > 2 {
        return Err(exc::type_error(format!("{fname} expected at most 2 arguments, got {given}")));
    }
    let cp = char_arg(fname, &args[1], Some(1))?;
    Ok((version_of(&args[0]), cp, args.get(2)))
}

/// A str argument of `fname`, or CPython's TypeError.
fn str_arg<'a>(fname: &str, v: &'a Value, position: usize) -> PyResult<&'a Str> {
    pystr::text(v).ok_or_else(|| {
        exc::type_error(format!("{fname}() argument {position} must be str, not {}", type_name(v)))
    })
}

// ---------------------------------------------------------------- properties

fn category(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let (version, cp) = single_char("category", args)?;
    Ok(pystr::new(CATEGORIES[record(cp, version).category as usize]))
}

fn bidirectional(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let (version, cp) = single_char("bidirectional", args)?;
    Ok(pystr::new(BIDI[record(cp, version).bidi as usize]))
}

fn combining(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let (version, cp) = single_char("combining", args)?;
    Ok(int::from_i64(record(cp, version).combining.into()))
}

fn east_asian_width(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let (version, cp) = single_char("east_asian_width", args)?;
    Ok(pystr::new(EAW[(record(cp, version).eaw_mirrored & 0x7F) as usize]))
}

fn mirrored(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let (version, cp) = single_char("mirrored", args)?;
    Ok(int::from_i64((record(cp, version).eaw_mirrored >> 7).into()))
}

/// `(decimal, digit, numeric)` of `cp`: -1 / NaN where absent.
fn numerics(cp: u32, version: Version) -> (i8, i8, f64) {
    NUMERICS[record(cp, version).numeric as usize]
}

/// `value`, or the default, or ValueError(`missing`).
fn or_default(value: Option<Value>, default: Option<&Value>, missing: &str) -> PyResult<Value> {
    match (value, default) {
        (Some(v), _) => Ok(v),
        (None, Some(d)) => Ok(d.clone()),
        (None, None) => Err(exc::value_error(missing)),
    }
}

fn decimal(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let (version, cp, default) = char_and_default("decimal", args)?;
    let d = numerics(cp, version).0;
    or_default((d >= 0).then(|| int::from_i64(d.into())), default, "not a decimal")
}

fn digit(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let (version, cp, default) = char_and_default("digit", args)?;
    let d = numerics(cp, version).1;
    or_default((d >= 0).then(|| int::from_i64(d.into())), default, "not a digit")
}

fn numeric(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let (version, cp, default) = char_and_default("numeric", args)?;
    let n = numerics(cp, version).2;
    or_default((!n.is_nan()).then(|| Value::float(n)), default, "not a numeric character")
}

fn decomposition_fn(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let (version, cp) = single_char("decomposition", args)?;
    let (tag, mapping) = decomposition(cp);
    if mapping.is_empty() || !is_assigned(cp, version) {
        return Ok(pystr::empty());
    }
    let mut parts: Vec<String> = Vec::with_capacity(mapping.len() + 1);
    if tag != 0 {
        parts.push(TAGS[tag as usize].to_string());
    }
    parts.extend(mapping.iter().map(|c| format!("{c:04X}")));
    Ok(pystr::new(&parts.join(" ")))
}

// ---------------------------------------------------------------- names

/// The name of `cp`, if `version` assigns it one.
fn name_of(cp: u32, version: Version) -> Option<String> {
    if !is_assigned(cp, version) {
        return None;
    }
    unicode_names2::name(char::from_u32(cp)?).map(|n| n.to_string())
}

fn name(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let (version, cp, default) = char_and_default("name", args)?;
    or_default(name_of(cp, version).map(|n| pystr::new(&n)), default, "no such name")
}

/// The name argument of `lookup`: a str or a bytes-like object.
fn name_arg(v: &Value) -> PyResult<String> {
    if let Some(t) = pystr::text(v) {
        return Ok(t.to_string_lossy().into_owned());
    }
    match bytes::buffer(v) {
        Some(b) => Ok(String::from_utf8_lossy(&b).into_owned()),
        None => Err(exc::type_error(format!("a bytes-like object is required, not '{}'", type_name(v)))),
    }
}

fn lookup(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let [receiver, arg] = args else {
        return Err(exc::type_error(format!(
            "unicodedata.lookup() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        )));
    };
    let name = name_arg(arg)?;
    if name.len() > NAME_MAXLEN {
        return Err(exc::key_error(pystr::new("name too long")));
    }
    let found = match version_of(receiver) {
        Version::V14 => named_sequence(&name).or_else(|| lookup_char(&name).map(Str::from_char)),
        Version::V3_2 => lookup_char_3_2(&name).map(Str::from_char),
    };
    match found {
        Some(text) => Ok(pystr::from_text(text)),
        None => Err(exc::key_error(pystr::new(&format!("undefined character name '{name}'")))),
    }
}

/// A character or alias name of Unicode 14.0.
fn lookup_char(name: &str) -> Option<u32> {
    taipan_parser::literals::lookup_name(name).map(u32::from)
}

/// A character name (no alias) of a character Unicode 3.2 assigns; the
/// algorithmic names (Hangul syllables, CJK unified ideographs) go by
/// Unicode 14.0's ranges, as in CPython.
fn lookup_char_3_2(name: &str) -> Option<u32> {
    let cp = lookup_char(name)?;
    if name.starts_with("HANGUL SYLLABLE ") || name.starts_with("CJK UNIFIED IDEOGRAPH-") {
        return Some(cp);
    }
    let own = name_of(cp, Version::V3_2)?;
    own.eq_ignore_ascii_case(name).then_some(cp)
}

fn named_sequence(name: &str) -> Option<Str> {
    let upper = name.to_ascii_uppercase();
    let i = NAMED_SEQUENCES.binary_search_by(|(n, _)| n.cmp(&upper.as_str())).ok()?;
    Str::from_code_points(NAMED_SEQUENCES[i].1.iter().copied()).ok()
}

// ---------------------------------------------------------------- normalization

/// The result of CPython's normalization quick check.
#[derive(PartialEq, Eq)]
enum QuickCheck {
    Yes,
    Maybe,
    No,
}

/// CPython's `is_normalized_quickcheck`: per-character properties decide
/// most strings without normalizing them (`yes_only`: anything but a "yes"
/// answers Maybe). The 3.2 database has no quick-check data.
fn quick_check(text: &Str, form: Form, version: Version, yes_only: bool) -> QuickCheck {
    if version == Version::V3_2 {
        return QuickCheck::Maybe;
    }
    if text.is_ascii() {
        return QuickCheck::Yes;
    }
    let shift = form.quick_check_shift();
    let mut result = QuickCheck::Yes;
    let mut prev_combining = 0;
    for cp in text.code_points() {
        let r = record(cp, Version::V14);
        if r.combining != 0 && prev_combining > r.combining {
            return QuickCheck::No;
        }
        prev_combining = r.combining;
        match (r.quick_check >> shift) & 3 {
            0 => {}
            _ if yes_only => return QuickCheck::Maybe,
            1 => result = QuickCheck::Maybe,
            _ => return QuickCheck::No,
        }
    }
    result
}

/// The form and text arguments of `normalize` / `is_normalized`.
fn form_and_text<'a>(fname: &str, args: &'a [Value]) -> PyResult<(Version, Form, &'a Value, &'a Str)> {
    let [receiver, form, text] = args else {
        return Err(exc::type_error(format!(
            "{fname} expected 2 arguments, got {}",
            args.len().saturating_sub(1)
        )));
    };
    let form_name = str_arg(fname, form, 1)?;
    let s = str_arg(fname, text, 2)?;
    let form = form_name
        .as_ascii_str()
        .and_then(Form::parse)
        .ok_or_else(|| exc::value_error("invalid normalization form"))?;
    Ok((version_of(receiver), form, text, s))
}

/// `s` in form `form`, as a new str.
fn normalized(s: &Str, form: Form, version: Version) -> PyResult<Str> {
    let code_points: Vec<u32> = s.code_points().collect();
    Str::from_code_points(normalize_text(&code_points, form, version)).map_err(pystr::text_error)
}

fn normalize(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let (version, form, value, s) = form_and_text("normalize", args)?;
    if s.is_empty() || quick_check(s, form, version, true) == QuickCheck::Yes {
        return Ok(value.clone());
    }
    Ok(pystr::from_text(normalized(s, form, version)?))
}

fn is_normalized(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let (version, form, _, s) = form_and_text("is_normalized", args)?;
    let answer = match quick_check(s, form, version, false) {
        QuickCheck::Yes => true,
        QuickCheck::No => false,
        QuickCheck::Maybe => normalized(s, form, version)? == *s,
    };
    Ok(boolean(answer))
}
