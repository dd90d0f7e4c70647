//! Normalization forms NFD, NFKD, NFC and NFKC over the generated tables,
//! step for step as CPython 3.11's `unicodedata` computes them (including
//! its quirks: the composition table holds every canonical pair that is not
//! an explicit exclusion, and `ucd_3_2_0` decomposes only what Unicode 3.2
//! assigned, with the published corrections).
//!
//! Decomposition pushes each character's mapping on a stack until nothing
//! decomposes, then sorts combining marks canonically; composition walks the
//! decomposed text joining a starter with the unblocked marks that follow.

use crate::unicodedata::{combining_class, decomposition, is_assigned, Version};
use crate::unicodedata_data::{COMPOSITIONS, CORRECTIONS_3_2};

/// The normalization forms of `unicodedata.normalize`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    Nfd,
    Nfkd,
    Nfc,
    Nfkc,
}

impl Form {
    /// The form named `name`, if any.
    pub(crate) fn parse(name: &str) -> Option<Form> {
        Some(match name {
            "NFD" => Form::Nfd,
            "NFKD" => Form::Nfkd,
            "NFC" => Form::Nfc,
            "NFKC" => Form::Nfkc,
            _ => return None,
        })
    }

    fn compat(self) -> bool {
        matches!(self, Form::Nfkd | Form::Nfkc)
    }

    fn composes(self) -> bool {
        matches!(self, Form::Nfc | Form::Nfkc)
    }

    /// The shift of this form's two bits in a record's quick-check byte.
    pub(crate) fn quick_check_shift(self) -> u32 {
        match self {
            Form::Nfd => 0,
            Form::Nfkd => 2,
            Form::Nfc => 4,
            Form::Nfkc => 6,
        }
    }
}

const S_BASE: u32 = 0xAC00;
const L_BASE: u32 = 0x1100;
const V_BASE: u32 = 0x1161;
const T_BASE: u32 = 0x11A7;
const L_COUNT: u32 = 19;
const V_COUNT: u32 = 21;
const T_COUNT: u32 = 28;
const N_COUNT: u32 = V_COUNT * T_COUNT;
const S_COUNT: u32 = L_COUNT * N_COUNT;

/// `text` in normalization form `form` under database `version`.
pub(crate) fn normalize(text: &[u32], form: Form, version: Version) -> Vec<u32> {
    let mut out = decompose(text, form.compat(), version);
    sort_canonically(&mut out);
    if form.composes() {
        out = compose(&out);
    }
    out
}

/// Full (canonical, or compatibility when `compat`) decomposition.
fn decompose(text: &[u32], compat: bool, version: Version) -> Vec<u32> {
    let mut out = Vec::with_capacity(text.len());
    let mut stack = Vec::new();
    for &c in text {
        stack.push(c);
        while let Some(code) = stack.pop() {
            if (S_BASE..S_BASE + S_COUNT).contains(&code) {
                push_hangul_jamo(&mut out, code - S_BASE);
                continue;
            }
            if let Some(fixed) = correction(code, version) {
                stack.push(fixed);
                continue;
            }
            let (tag, mapping) = decomposition(code);
            if mapping.is_empty() || (tag != 0 && !compat) || !is_assigned(code, version) {
                out.push(code);
                continue;
            }
            stack.extend(mapping.iter().rev());
        }
    }
    out
}

fn push_hangul_jamo(out: &mut Vec<u32>, s_index: u32) {
    out.push(L_BASE + s_index / N_COUNT);
    out.push(V_BASE + (s_index % N_COUNT) / T_COUNT);
    let t = s_index % T_COUNT;
    if t != 0 {
        out.push(T_BASE + t);
    }
}

/// `ucd_3_2_0`'s own decomposition of `code`, where it differs.
fn correction(code: u32, version: Version) -> Option<u32> {
    if version != Version::V3_2 {
        return None;
    }
    CORRECTIONS_3_2.binary_search_by_key(&code, |&(c, _)| c).ok().map(|i| CORRECTIONS_3_2[i].1)
}

/// Reorders each run of combining marks by combining class (a stable
/// insertion sort, as CPython does).
fn sort_canonically(text: &mut [u32]) {
    for i in 1..text.len() {
        let cur = combining_class(text[i]);
        if cur == 0 {
            continue;
        }
        let mut j = i;
        while j > 0 {
            let prev = combining_class(text[j - 1]);
            if prev == 0 || prev <= cur {
                break;
            }
            text.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// The character canonical composition makes of `first` and `second`.
fn composite(first: u32, second: u32) -> Option<u32> {
    COMPOSITIONS.binary_search_by(|&(a, b, _)| (a, b).cmp(&(first, second))).ok().map(|i| COMPOSITIONS[i].2)
}

/// Whether `c` starts any composition pair.
fn is_first(c: u32) -> bool {
    let k = COMPOSITIONS.partition_point(|&(a, _, _)| a < c);
    COMPOSITIONS.get(k).is_some_and(|&(a, _, _)| a == c)
}

/// Canonical composition of decomposed, canonically ordered `text`.
fn compose(text: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(text.len());
    let mut used = vec![false; text.len()];
    let mut i = 0;
    while i < text.len() {
        if used[i] {
            i += 1;
            continue;
        }
        if let Some((syllable, next)) = hangul_syllable(text, i) {
            out.push(syllable);
            i = next;
            continue;
        }
        out.push(compose_starter(text, i, &mut used));
        i += 1;
    }
    out
}

/// A Hangul syllable from the conjoining jamo L V (T) at `text[i..]`, with
/// the index after them.
fn hangul_syllable(text: &[u32], i: usize) -> Option<(u32, usize)> {
    let l = text[i].checked_sub(L_BASE).filter(|&l| l < L_COUNT)?;
    let v = text.get(i + 1)?.checked_sub(V_BASE).filter(|&v| v < V_COUNT)?;
    let mut code = S_BASE + (l * V_COUNT + v) * T_COUNT;
    match text.get(i + 2) {
        Some(&t) if T_BASE < t && t < T_BASE + T_COUNT => {
            code += t - T_BASE;
            Some((code, i + 3))
        }
        _ => Some((code, i + 2)),
    }
}

/// `text[i]` joined with every unblocked mark after it that composes with
/// it; the marks absorbed are flagged in `used`. Like CPython, the scan
/// does not consult `used`: a mark absorbed by an earlier starter is seen
/// again by a later one.
fn compose_starter(text: &[u32], i: usize, used: &mut [bool]) -> u32 {
    let mut code = text[i];
    if !is_first(code) {
        return code;
    }
    let mut last_class = 0;
    for j in i + 1..text.len() {
        let class = combining_class(text[j]);
        if last_class != 0 && (class == 0 || last_class >= class) {
            if class == 0 {
                break;
            }
            continue;
        }
        match composite(code, text[j]) {
            Some(joined) => {
                code = joined;
                used[j] = true;
                if !is_first(code) {
                    break;
                }
            }
            None if class == 0 => break,
            None => last_class = class,
        }
    }
    code
}
