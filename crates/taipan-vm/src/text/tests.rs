//! Unit tests of the text module; expectations were checked against
//! CPython 3.11 (the broad differential test is tests/text_methods.rs).

use super::*;

fn s(text: &str) -> Str {
    Str::from(text)
}

fn strs(items: &[&str]) -> Vec<Str> {
    items.iter().map(|&t| s(t)).collect()
}

#[test]
fn storage_is_canonical() {
    assert_eq!(s("abc").kind(), Kind::Latin1);
    assert!(s("abc").is_ascii());
    assert_eq!(s("é").kind(), Kind::Latin1);
    assert!(!s("é").is_ascii());
    assert_eq!(s("€").kind(), Kind::Ucs2);
    assert_eq!(s("😀").kind(), Kind::Ucs4);
    let mixed = s("a€😀");
    assert_eq!(mixed.substring(0, 1).kind(), Kind::Latin1);
    assert_eq!(mixed.substring(1, 2).kind(), Kind::Ucs2);
    assert_eq!(mixed.substring(0, 1), s("a"));
    assert_eq!(Str::from_code_points([0xD800, 0x41]).unwrap().kind(), Kind::Ucs2);
    assert!(Str::from_code_points([0x110000]).is_err());
}

#[test]
fn conversions_round_trip() {
    let lone = Str::from_code_points([0x61, 0xD800, 0x1F600]).unwrap();
    assert_eq!(lone.len(), 3);
    assert_eq!(lone.char_at(1), Some(0xD800));
    assert_eq!(lone.to_rust_string(), None);
    assert_eq!(lone.to_string_lossy(), "a\u{FFFD}😀");
    assert_eq!(Str::from_wtf8(&lone.to_wtf8()), lone);
    assert_eq!(s("hi").as_ascii_str(), Some("hi"));
    assert_eq!(s("hé").as_ascii_str(), None);
    assert_eq!(lone.repr(), "'a\\ud800😀'");
}

#[test]
fn comparison_is_code_point_order() {
    assert!(s("a") < s("é"));
    assert!(s("é") < s("€"));
    assert!(s("\u{FFFF}") < s("😀"));
    assert!(s("ab") < s("abc"));
    assert_ne!(s("a"), s("€"));
    assert_eq!(s("a€").substring(0, 1), s("a"));
}

#[test]
fn concat_repeat_contains() {
    assert_eq!(s("ab").concat(&s("€")).unwrap(), s("ab€"));
    assert_eq!(s("ab").repeat(3).unwrap(), s("ababab"));
    assert_eq!(s("ab").repeat(-1).unwrap(), s(""));
    assert_eq!(
        s("ab").repeat(isize::MAX).unwrap_err(),
        TextError::Overflow("repeated string is too long".into())
    );
    assert!(s("a€b").contains(&s("€b")));
    assert!(!s("abc").contains(&s("€")));
}

#[test]
fn slices_follow_cpython() {
    let digits = s("0123456789");
    assert_eq!(digits.slice(None, None, Some(-3)).unwrap(), s("9630"));
    let idx = adjust_slice(7, Some(-100), Some(100), Some(2)).unwrap();
    assert_eq!((idx.start, idx.stop, idx.step), (0, 7, 2));
    let idx = adjust_slice(0, None, None, Some(-1)).unwrap();
    assert_eq!((idx.start, idx.stop, idx.len), (-1, -1, 0));
    assert!(adjust_slice(3, None, None, Some(0)).is_err());
    assert_eq!(s("abc").get(-1), Some(s("c")));
    assert_eq!(s("abc").get(3), None);
}

#[test]
fn search_with_ranges() {
    let abc = s("abc");
    assert_eq!(abc.find(&s(""), Some(3), None), Some(3));
    assert_eq!(abc.find(&s(""), Some(4), None), None);
    assert_eq!(abc.count(&s(""), None, None), 4);
    assert!(!abc.starts_with(&s(""), Some(4), None));
    assert_eq!(s("a€a€").rfind(&s("a€"), None, None), Some(2));
    assert_eq!(s("a€a€").find(&s("€"), Some(2), None), Some(3));
    assert_eq!(s("aaaa").count(&s("aa"), None, None), 2);
    assert!(s("héllo").ends_with(&s("llo"), None, None));
}

#[test]
fn split_and_join() {
    assert_eq!(s("a,b,,c").split(Some(&s(",")), -1).unwrap(), strs(&["a", "b", "", "c"]));
    assert_eq!(s(" a  b  c ").split(None, 1).unwrap(), strs(&["a", "b  c "]));
    assert_eq!(s(" a  b  c ").rsplit(None, 1).unwrap(), strs(&[" a  b", "c"]));
    assert_eq!(s("aaa").rsplit(Some(&s("aa")), -1).unwrap(), strs(&["a", ""]));
    assert_eq!(s("a\r\nb\rc\u{85}d\u{2028}").splitlines(false), strs(&["a", "b", "c", "d"]));
    assert_eq!(s("a\r\nb").splitlines(true), strs(&["a\r\n", "b"]));
    assert!(s("x").split(Some(&s("")), -1).is_err());
    assert_eq!(s("-").join(&strs(&["a", "€", "b"])).unwrap(), s("a-€-b"));
}

#[test]
fn transforms() {
    assert_eq!(s("abc").replace(&s(""), &s("-"), 2).unwrap(), s("-a-bc"));
    assert_eq!(s("abcabc").replace(&s("b"), &s("€"), -1).unwrap(), s("a€ca€c"));
    assert_eq!(s("abc").center(6, '*' as u32).unwrap(), s("*abc**"));
    assert_eq!(s("ab").center(5, '*' as u32).unwrap(), s("**ab*"));
    assert_eq!(s("-42").zfill(6).unwrap(), s("-00042"));
    assert_eq!(s("a\tb\n\tc").expandtabs(4).unwrap(), s("a   b\n    c"));
    assert_eq!(s(" \u{3000}x \n").strip(None, StripSide::Both), s("x"));
    assert_eq!(s("xxaxx").strip(Some(&s("x")), StripSide::Left), s("axx"));
}

#[test]
fn case_mappings() {
    assert_eq!(s("ß").upper(), s("SS"));
    assert_eq!(s("ΑΣ").lower(), s("ας"));
    assert_eq!(s("ΑΣ Σ").lower(), s("ας σ"));
    assert_eq!(s("İ").lower(), s("i\u{307}"));
    assert_eq!(s("ǆa").capitalize(), s("ǅa"));
    assert_eq!(s("hello wORLD").title(), s("Hello World"));
}

#[test]
fn ascii_fast_paths_agree_with_tables() {
    for cp in 0..0x80 {
        let t = &unicode_tables::WHITESPACE;
        assert_eq!(properties::is_space(cp), taipan_repr::ranges::contains(t, cp), "{cp:#x}");
        let t = &unicode_tables::LINEBREAK;
        assert_eq!(properties::is_linebreak(cp), taipan_repr::ranges::contains(t, cp), "{cp:#x}");
        assert_eq!(properties::is_alpha(cp), taipan_repr::ranges::contains(unicode_tables::ALPHA, cp));
        assert_eq!(properties::is_cased(cp), taipan_repr::ranges::contains(unicode_tables::CASED, cp));
        assert_eq!(
            properties::is_xid_start(cp) && cp != 0x5F,
            taipan_repr::ranges::contains(unicode_tables::XID_START, cp)
        );
    }
}

#[test]
fn codec_errors_have_cpython_messages() {
    let lone = Str::from_code_points([0xD800]).unwrap();
    let err = Codec::Utf8.encode(&lone, ErrorHandler::Strict).unwrap_err();
    assert_eq!(
        err.to_string(),
        "'utf-8' codec can't encode character '\\ud800' in position 0: surrogates not allowed"
    );
    let two = Str::from_code_points([0xD800, 0xDC00, 0x78]).unwrap();
    let err = Codec::Utf8.encode(&two, ErrorHandler::Strict).unwrap_err();
    assert_eq!(
        err.to_string(),
        "'utf-8' codec can't encode characters in position 0-1: surrogates not allowed"
    );
    let cases: [(&[u8], &str); 4] = [
        (b"\xff", "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"),
        (b"a\xe2\x82", "'utf-8' codec can't decode bytes in position 1-2: unexpected end of data"),
        (b"\xe2\x82x", "'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte"),
        (b"\xed\xa0\x80", "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte"),
    ];
    for (bytes, message) in cases {
        assert_eq!(Codec::Utf8.decode(bytes, ErrorHandler::Strict).unwrap_err().to_string(), message);
    }
    let err = Codec::Latin1.encode(&s("€x€€"), ErrorHandler::Strict).unwrap_err();
    assert_eq!(
        err.to_string(),
        "'latin-1' codec can't encode character '\\u20ac' in position 0: ordinal not in range(256)"
    );
}

#[test]
fn codec_error_handlers() {
    let data = b"a\xe2\x82\xffb\xed\xa0\x80";
    let replaced = Codec::Utf8.decode(data, ErrorHandler::Replace).unwrap();
    assert_eq!(replaced, s("a\u{FFFD}\u{FFFD}b\u{FFFD}\u{FFFD}\u{FFFD}"));
    let escaped = Codec::Utf8.decode(data, ErrorHandler::SurrogateEscape).unwrap();
    let expected = [0x61, 0xDCE2, 0xDC82, 0xDCFF, 0x62, 0xDCED, 0xDCA0, 0xDC80];
    assert_eq!(escaped, Str::from_code_points(expected).unwrap());
    assert_eq!(Codec::Utf8.encode(&escaped, ErrorHandler::SurrogateEscape).unwrap(), data);
    let passed = Codec::Utf8.decode(b"\xed\xa0\x80", ErrorHandler::SurrogatePass).unwrap();
    assert_eq!(passed, Str::from_code_points([0xD800]).unwrap());
    let text = Str::from_code_points([0x61, 0x20AC, 0x1F600, 0xDC80]).unwrap();
    let out = Codec::Ascii.encode(&text, ErrorHandler::BackslashReplace).unwrap();
    assert_eq!(out, b"a\\u20ac\\U0001f600\\udc80");
    let text = Str::from_code_points([0x61, 0xDCFF]).unwrap();
    assert_eq!(Codec::Latin1.encode(&text, ErrorHandler::SurrogateEscape).unwrap(), b"a\xff");
}

#[test]
fn adversarial_wide_needles_stay_linear() {
    // "€€…€a" in "€€…€": the first-unit scan would be quadratic.
    let n = 200_000;
    let hay = Str::from("€".repeat(n).as_str());
    let needle = Str::from(format!("{}a", "€".repeat(n / 2)).as_str());
    assert_eq!(hay.find(&needle, None, None), None);
    assert_eq!(hay.rfind(&needle, None, None), None);
    let needle = Str::from(format!("a{}", "€".repeat(n / 2)).as_str());
    assert_eq!(hay.rfind(&needle, None, None), None);
    let hay = Str::from(format!("{}a{}", "€".repeat(n), "€".repeat(n / 2)).as_str());
    assert_eq!(hay.find(&needle, None, None), Some(n));
    assert_eq!(hay.rfind(&needle, None, None), Some(n));
    let needle = Str::from(format!("{}a", "€".repeat(n / 2)).as_str());
    assert_eq!(hay.find(&needle, None, None), Some(n / 2));
    assert_eq!(hay.rfind(&needle, None, None), Some(n / 2));
}

#[test]
fn many_bad_runs_encode_in_linear_time() {
    let cps = (0..400_000u32).map(|i| if i % 2 == 0 { 0xD800 } else { 0x61 });
    let s = Str::from_code_points(cps).unwrap();
    assert_eq!(Codec::Utf8.encode(&s, ErrorHandler::Replace).unwrap(), b"?a".repeat(200_000));
}

#[test]
fn append_matches_concat_and_widens() {
    let parts = ["ab", "", "c", "é", "€x", "😀", "z", "\u{7f}"];
    let mut acc = s("");
    let mut expected = s("");
    for p in parts {
        let p = s(p);
        acc.append(&p).unwrap();
        expected = expected.concat(&p).unwrap();
        assert!(acc == expected);
        assert_eq!(acc.kind(), expected.kind());
        assert_eq!(acc.is_ascii(), expected.is_ascii());
    }
    let mut ascii = s("abc");
    ascii.append(&s("é")).unwrap();
    assert!(!ascii.is_ascii() && ascii.kind() == Kind::Latin1);
}

#[test]
fn short_latin1_text_is_stored_inline_without_growing_str() {
    assert_eq!(std::mem::size_of::<Str>(), 24);
    let long = Str::from("abcdefghijklmnopqrstuvwxyz");
    let short = long.substring(2, 5);
    assert_eq!(short, Str::from("cde"));
    let mut grown = Str::from("x");
    for _ in 0..40 {
        grown.append(&Str::from("é")).unwrap();
    }
    assert_eq!(grown.len(), 41);
    assert!(!grown.is_ascii());
    assert_eq!(grown.substring(1, 3), Str::from("éé"));
    assert_eq!(Str::from("é€").substring(0, 1).kind(), super::Kind::Latin1);
}
