//! Parser unit tests: robustness on pathological nesting (no panic, no
//! stack overflow, an error past the depth limit). Tree-for-tree agreement
//! with CPython is checked over all of Lib/ by `tests/lib_corpus.rs`.

use crate::{parse, Mode, ParseOptions};

/// Parses (and drops the tree, itself a deep recursion).
fn parse_and_dump(src: &str) -> Result<(), String> {
    parse(src, Mode::Exec, ParseOptions::default()).map(drop).map_err(|err| err.msg)
}

/// Runs `f` on a thread with the 2 MiB stack test threads get by default.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new().stack_size(2 << 20).spawn(f).unwrap().join().unwrap();
}

#[test]
fn deep_nesting_within_the_limit_parses_on_a_small_stack() {
    on_small_stack(|| {
        // Nested expressions count double against the limit (each goes
        // through several frames); unary operators and trailers count once.
        let (n, half) = (2800, 1400);
        let cases = [
            "-".repeat(n) + "1",
            "not ".repeat(n) + "x",
            "lambda:".repeat(half) + "x",
            "a**".repeat(n) + "a",
            "x".to_owned() + &".y".repeat(n),
            vec!["a"; n].join("+"),
            "f".to_owned() + &"()".repeat(n),
            "a if b else ".repeat(half) + "c",
        ];
        for src in cases {
            assert!(parse_and_dump(&src).is_ok(), "{}", &src[..20]);
        }
    });
}

#[test]
fn nesting_past_the_limit_is_an_error_not_a_crash() {
    on_small_stack(|| {
        let n = 100_000;
        let cases = [
            "-".repeat(n) + "1",
            "not ".repeat(n) + "x",
            "lambda:".repeat(n) + "x",
            "a**".repeat(n) + "a",
            "x".to_owned() + &".y".repeat(n),
            vec!["a"; n].join("+"),
            "f".to_owned() + &"()".repeat(n),
            "a if b else ".repeat(n) + "c",
            "if x: pass\n".to_owned() + &"elif x: pass\n".repeat(n),
            "(".repeat(n),
        ];
        for src in cases {
            assert!(parse_and_dump(&src).is_err(), "{}", &src[..20]);
        }
    });
}

/// Invalid inputs that make the second (diagnostic) pass re-parse nested
/// constructs: each must still be rejected promptly (no exponential
/// re-parsing, no stack overflow).
#[test]
fn nested_invalid_constructs_are_rejected_promptly() {
    on_small_stack(|| {
        let n = 150;
        let cases = [
            "[a for ".to_owned() + &"(b for ".repeat(n) + "c" + &")".repeat(n) + "]\n",
            "x = ".to_owned() + &"(".repeat(n) + "a b" + &")".repeat(n) + "\n",
            "f(".repeat(n) + "a for a in b, c" + &")".repeat(n) + "\n",
            "for ".to_owned() + &"(".repeat(n) + "a.b()" + &")".repeat(n) + " in x: pass\n",
            "x = ".to_owned() + &"[a = ".repeat(n) + "1" + &"]".repeat(n) + "\n",
            "x = ".to_owned() + &"(a, ".repeat(n) + "1 2" + &")".repeat(n) + "\n",
            "match x:\n case ".to_owned() + &"[".repeat(n) + "a b" + &"]".repeat(n) + ": pass\n",
            "print ".to_owned() + &"print (".repeat(n) + "x" + &")".repeat(n) + "\n",
            "x = ".to_owned() + &"{**".repeat(n) + "a" + &"}".repeat(n) + " for\n",
            "x = ".to_owned() + &"[a, b for c in ".repeat(n) + "d" + &"]".repeat(n) + " for\n",
            "x = ".to_owned() + &"[*a for c in ".repeat(n) + "d" + &"]".repeat(n) + " x\n",
            "x = ".to_owned() + &"{**a for c in ".repeat(n) + "d" + &"}".repeat(n) + " x\n",
        ];
        for src in cases {
            assert!(parse_and_dump(&src).is_err(), "{}", &src[..20]);
        }
    });
}

#[test]
fn over_deep_input_gets_cpythons_error_class() {
    on_small_stack(|| {
        let kind = |src: String| parse(&src, Mode::Exec, ParseOptions::default()).unwrap_err().kind;
        // Chains built by loops: RecursionError when CPython builds the tree.
        assert_eq!(kind(vec!["a"; 100_000].join("+")), crate::ErrorKind::RecursionError);
        assert_eq!(kind("x".to_owned() + &".y".repeat(100_000)), crate::ErrorKind::RecursionError);
        // Recursive rules with that much input ahead: CPython's parser stack overflows.
        assert_eq!(kind("-".repeat(100_000) + "1"), crate::ErrorKind::MemoryError);
        assert_eq!(kind("not ".repeat(100_000) + "x"), crate::ErrorKind::MemoryError);
        // CPython 3.11 nests 2 parser levels per lambda or `**`, 1 per
        // conditional, unary operator, `not` or `elif`: 3,000 of the former
        // overflow its parser stack, 3,000 of the latter only the tree's
        // recursion limit.
        let memory = ["lambda: ".repeat(3000) + "0", "2**".repeat(3000) + "2"];
        let recursion = [
            "a if b else ".repeat(3000) + "c",
            "-".repeat(3000) + "1",
            "not ".repeat(3000) + "x",
            "if a:\n    pass\n".to_owned() + &"elif a:\n    pass\n".repeat(3000),
        ];
        for src in memory {
            assert_eq!(kind(src), crate::ErrorKind::MemoryError);
        }
        for src in recursion {
            assert_eq!(kind(src), crate::ErrorKind::RecursionError);
        }
    });
}

/// A literal's error at its token is raised by CPython's parser: offsets in
/// bytes for bytes source without a declared encoding, else in characters.
#[test]
fn literal_errors_follow_the_byte_offset_rule() {
    let fields = |r: Result<crate::ast::Mod, crate::SyntaxError>| {
        let e = r.unwrap_err();
        (e.offset, e.end_offset)
    };
    let opts = ParseOptions::default;
    assert_eq!(fields(crate::parse_bytes("b = b'café'\n".as_bytes(), Mode::Exec, opts())), (5, 13));
    assert_eq!(fields(parse("b = b'café'\n", Mode::Exec, opts())), (5, 12));
    let declared = "# coding: utf-8\nb = b'café'\n";
    assert_eq!(fields(crate::parse_bytes(declared.as_bytes(), Mode::Exec, opts())), (5, 12));
}

/// An invalid UTF-8 sequence longer than a byte is named by its range, as
/// Python's UnicodeDecodeError does (messages from CPython 3.11).
#[test]
fn multibyte_decode_errors_name_a_byte_range() {
    let msg = |src: &[u8]| crate::parse_bytes(src, Mode::Exec, ParseOptions::default()).unwrap_err().msg;
    let head = "(unicode error) 'utf-8' codec can't decode";
    assert_eq!(msg(b"x = 1\n\xe2\x82"), format!("{head} bytes in position 0-1: unexpected end of data"));
    assert_eq!(msg(b"x = '\xf0\x9f\x98'\n"), format!("{head} bytes in position 0-2: unexpected end of data"));
    assert_eq!(msg(b"x = '\xe2\x82A'\n"), format!("{head} bytes in position 0-1: invalid continuation byte"));
    assert_eq!(msg(b"x = '\xffA'\n"), format!("{head} byte 0xff in position 0: invalid start byte"));
}

/// CPython decodes a string literal when its parser builds it: a syntax
/// error met before that literal wins over its undecodable bytes.
#[test]
fn undecodable_string_literals_are_reported_when_reached() {
    let msg = |src: &[u8]| crate::parse_bytes(src, Mode::Exec, ParseOptions::default()).unwrap_err().msg;
    let bad = "(unicode error) 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte";
    assert_eq!(msg(b"x = $\ny = '\xff'\n"), "invalid syntax");
    assert_eq!(msg(b" x = 1\ny = '\xff'\n"), "unexpected indent");
    assert_eq!(msg(b"x = $ '\xff'\n"), "invalid syntax");
    assert_eq!(msg(b"x = '\xff'\ny = $\n"), bad);
    assert_eq!(msg(b"x = '\xff'\n"), bad);
    // Without a parser, the source module raises it at once.
    assert_eq!(crate::source::decode_source(b"x = $\ny = '\xff'\n").unwrap_err().msg, bad);
}

/// A type comment between a def's ':' and NEWLINE leaves CPython's
/// invalid_def_raw unmatched: only invalid_block's plain message remains.
#[test]
fn def_with_type_comment_and_no_body_gets_the_plain_message() {
    let src = "def f(a):  # type: (int) -> None\n";
    let msg = |type_comments| parse(src, Mode::Exec, ParseOptions { type_comments }).unwrap_err().msg;
    assert_eq!(msg(true), "expected an indented block");
    assert_eq!(msg(false), "expected an indented block after function definition on line 1");
}

/// invalid_try_stmt's "cannot have both" needs the whole except head up to
/// its ':'; without it the except block's own diagnostics apply (CPython 3.11).
#[test]
fn mixed_except_kinds_need_the_colon_for_their_error() {
    let cases = [
        ("try:\n pass\nexcept* A:\n pass\nexcept B\n", "expected ':'", 5, 9, 5, 9),
        ("try:\n pass\nexcept A:\n pass\nexcept* B\n", "expected ':'", 5, 10, 5, 10),
        (
            "try:\n pass\nexcept A:\n pass\nexcept* B:\n pass\n",
            "cannot have both 'except' and 'except*' on the same 'try'",
            5,
            1,
            5,
            8,
        ),
        (
            "try:\n pass\nexcept* A:\n pass\nexcept:\n pass\n",
            "cannot have both 'except' and 'except*' on the same 'try'",
            5,
            1,
            5,
            7,
        ),
        (
            "try:\n pass\nexcept A:\n pass\nexcept* B, C:\n pass\n",
            "multiple exception types must be parenthesized",
            5,
            9,
            5,
            13,
        ),
        (
            "try:\n pass\nexcept A:\n pass\nexcept*:\n pass\n",
            "expected one or more exception types",
            5,
            8,
            5,
            9,
        ),
        ("try:\n pass\nexcept* A:\n pass\nexcept B as:\n pass\n", "invalid syntax", 5, 8, 5, 9),
        ("try:\n pass\nexcept* A:\n pass\nexcept B as c\n", "expected ':'", 5, 14, 5, 14),
    ];
    for (src, msg, lineno, offset, end_lineno, end_offset) in cases {
        let e = parse(src, Mode::Exec, ParseOptions::default()).unwrap_err();
        assert_eq!(
            (e.msg.as_str(), e.lineno, e.offset, e.end_lineno, e.end_offset),
            (msg, lineno, offset, end_lineno, end_offset),
            "{src:?}"
        );
    }
}

/// invalid_star_etc's "* argument may appear only once" needs a whole
/// param_no_default (or ',') after the second '*' (CPython 3.11).
#[test]
fn second_star_needs_a_parameter_for_its_error() {
    let cases = [
        ("def g(*d, e, *a*f):\n    pass\n", "invalid syntax", 1, 14, 1, 15),
        ("g = lambda b=1, *d, e, *a*f: 0\n", "invalid syntax", 1, 24, 1, 25),
        ("def g(*d, *a): pass\n", "* argument may appear only once", 1, 11, 1, 12),
        ("def g(*d, *a, b): pass\n", "* argument may appear only once", 1, 11, 1, 12),
        ("def g(*d, *, b): pass\n", "* argument may appear only once", 1, 11, 1, 12),
        ("def g(*d, *a: int): pass\n", "* argument may appear only once", 1, 11, 1, 12),
        ("def g(*d, *a: int = 1): pass\n", "invalid syntax", 1, 11, 1, 12),
        ("f = lambda *d, *a: 0\n", "* argument may appear only once", 1, 16, 1, 17),
        ("f = lambda *d, *a, b: 0\n", "* argument may appear only once", 1, 16, 1, 17),
        ("f = lambda *d, *: 0\n", "invalid syntax", 1, 16, 1, 17),
        ("def g(*d, *a b): pass\n", "invalid syntax", 1, 11, 1, 12),
        ("def g(*d, *): pass\n", "invalid syntax", 1, 11, 1, 12),
        ("def g(*d, *a: ): pass\n", "invalid syntax", 1, 11, 1, 12),
    ];
    for (src, msg, lineno, offset, end_lineno, end_offset) in cases {
        let e = parse(src, Mode::Exec, ParseOptions::default()).unwrap_err();
        let got = (e.msg.as_str(), e.lineno, e.offset, e.end_lineno, e.end_offset);
        assert_eq!(got, (msg, lineno, offset, end_lineno, end_offset), "{src:?}");
    }
}

/// invalid_assignment's augmented-assignment error needs a value after the
/// operator; without one the error is the generic one (CPython 3.11).
#[test]
fn illegal_augassign_target_needs_a_value_for_its_error() {
    let cases = [
        ("f() +=\n", "invalid syntax", 1, 5, 1, 7),
        ("f() += \n", "invalid syntax", 1, 5, 1, 7),
        ("f() += 1\n", "'function call' is an illegal expression for augmented assignment", 1, 1, 1, 4),
        ("f() += yield\n", "'function call' is an illegal expression for augmented assignment", 1, 1, 1, 4),
        ("[a] += ]\n", "unmatched ']'", 1, 8, 1, 8),
        ("a + b -= c\n", "'expression' is an illegal expression for augmented assignment", 1, 1, 1, 6),
        ("f() += *\n", "invalid syntax", 1, 5, 1, 7),
    ];
    for (src, msg, lineno, offset, end_lineno, end_offset) in cases {
        let e = parse(src, Mode::Exec, ParseOptions::default()).unwrap_err();
        let got = (e.msg.as_str(), e.lineno, e.offset, e.end_lineno, e.end_offset);
        assert_eq!(got, (msg, lineno, offset, end_lineno, end_offset), "{src:?}");
    }
}

/// The invalid_comprehension errors need their for_if_clauses (and, for a
/// dict, the closing '}') to parse; otherwise the generic or bracket error
/// stands (CPython 3.11).
#[test]
fn comprehension_diagnostics_need_whole_for_clauses() {
    let cases = [
        ("x = {a, b for c}\n", "invalid syntax", 1, 11, 1, 14),
        ("x = [a, b, c for d]\n", "invalid syntax", 1, 14, 1, 17),
        (
            "x = [a, b for c in d]\n",
            "did you forget parentheses around the comprehension target?",
            1,
            6,
            1,
            10,
        ),
        ("x = [a, for c in d]\n", "did you forget parentheses around the comprehension target?", 1, 6, 1, 8),
        ("s = [*a for", "'[' was never closed", 1, 5, 1, 0),
        ("s = {*a for", "'{' was never closed", 1, 5, 1, 0),
        ("s = [*a for x in y]\n", "iterable unpacking cannot be used in comprehension", 1, 6, 1, 8),
        ("d = {**a for", "'{' was never closed", 1, 5, 1, 0),
        ("d = {**a for x in y}\n", "dict unpacking cannot be used in dict comprehension", 1, 6, 1, 8),
        (
            "d = {**a for x in y]\n",
            "closing parenthesis ']' does not match opening parenthesis '{'",
            1,
            20,
            1,
            20,
        ),
        ("x = (*a for x in y)\n", "iterable unpacking cannot be used in comprehension", 1, 6, 1, 8),
        (
            "x = [a, b async for c in d]\n",
            "did you forget parentheses around the comprehension target?",
            1,
            6,
            1,
            10,
        ),
        ("x = [a, b for c in]\n", "invalid syntax", 1, 11, 1, 14),
    ];
    for (src, msg, lineno, offset, end_lineno, end_offset) in cases {
        let e = parse(src, Mode::Exec, ParseOptions::default()).unwrap_err();
        let got = (e.msg.as_str(), e.lineno, e.offset, e.end_lineno, e.end_offset);
        assert_eq!(got, (msg, lineno, offset, end_lineno, end_offset), "{src:?}");
    }
}

/// invalid_kwarg's "Maybe you meant '=='" needs whole for_if_clauses after
/// the value (CPython 3.11).
#[test]
fn kwarg_genexp_diagnostic_needs_whole_for_clauses() {
    let cases = [
        ("f(x=1 for x )\n", "invalid syntax", 1, 7, 1, 10),
        ("f(x=1 for x in y)\n", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 3, 1, 5),
        ("f(x=1 for x in)\n", "invalid syntax", 1, 7, 1, 10),
        (
            "f(a, x=1 for x in y)\n",
            "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
            1,
            6,
            1,
            8,
        ),
        (
            "f(x=1 async for x in y)\n",
            "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
            1,
            3,
            1,
            5,
        ),
    ];
    for (src, msg, lineno, offset, end_lineno, end_offset) in cases {
        let e = parse(src, Mode::Exec, ParseOptions::default()).unwrap_err();
        let got = (e.msg.as_str(), e.lineno, e.offset, e.end_lineno, e.end_offset);
        assert_eq!(got, (msg, lineno, offset, end_lineno, end_offset), "{src:?}");
    }
}

/// A set display's first element followed by ':=' goes through
/// named_expression, whose invalid_named_expression needs a value after
/// the ':=' (CPython 3.11).
#[test]
fn walrus_after_a_non_name_in_braces() {
    let cases = [
        ("d = {1:=", "'{' was never closed", 1, 5, 1, 0),
        ("d = {1:= 2}\n", "cannot use assignment expressions with literal", 1, 6, 1, 7),
        ("d = {a, 1:=", "'{' was never closed", 1, 5, 1, 0),
        ("d = {1:=\n", "'{' was never closed", 1, 5, 1, 0),
        ("d = {1:= 2, 3}\n", "cannot use assignment expressions with literal", 1, 6, 1, 7),
        ("d = {f():= 2}\n", "cannot use assignment expressions with function call", 1, 6, 1, 9),
        ("d = {1 = 2}\n", "cannot assign to literal here. Maybe you meant '==' instead of '='?", 1, 6, 1, 7),
    ];
    for (src, msg, lineno, offset, end_lineno, end_offset) in cases {
        let e = parse(src, Mode::Exec, ParseOptions::default()).unwrap_err();
        let got = (e.msg.as_str(), e.lineno, e.offset, e.end_lineno, e.end_offset);
        assert_eq!(got, (msg, lineno, offset, end_lineno, end_offset), "{src:?}");
    }
}

/// An undecodable string literal's error shows its line as CPython reads
/// it back from the file; only when that line itself does not decode,
/// CPython's line buffer (from the literal's first line on).
#[test]
fn undecodable_literal_error_text() {
    let text = |src: &[u8]| crate::parse_bytes(src, Mode::Exec, ParseOptions::default()).unwrap_err().text;
    assert_eq!(text(b"x = '''a\n\xf0\n''' + 1\n").as_deref(), Some("''' + 1\n"));
    assert_eq!(text(b"x = '''a\n\xf0'''\n").as_deref(), Some("x = '''a\n\u{FFFD}'''\n"));
}
