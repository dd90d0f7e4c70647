//! Token-stream tests of the lexer on tricky inputs. Positions were checked
//! against CPython 3.11's C tokenizer
//! (`tokenize._generate_tokens_from_c_tokenizer`), which gives INDENT,
//! DEDENT and ENDMARKER column -1 (see the module docs for ours).

use super::*;
use crate::token::TokenKind::*;

fn lex(src: &str) -> Lexed {
    tokenize(src, LexOptions::default())
}

fn kinds(src: &str) -> Vec<TokenKind> {
    let lexed = lex(src);
    assert!(lexed.error.is_none(), "{:?}", lexed.error);
    lexed.tokens.iter().map(|t| t.kind).collect()
}

/// (kind, start line, start col, end line, end col) of every token.
fn spans(src: &str) -> Vec<(TokenKind, u32, u32, u32, u32)> {
    let lexed = lex(src);
    assert!(lexed.error.is_none(), "{:?}", lexed.error);
    lexed.tokens.iter().map(|t| (t.kind, t.start.line, t.start.col, t.end.line, t.end.col)).collect()
}

fn texts(src: &str) -> Vec<&str> {
    lex(src).tokens.iter().map(|t| t.text(src)).collect()
}

#[test]
fn simple_statement() {
    assert_eq!(kinds("x = 1\n"), vec![Name, Equal, Number, Newline, EndMarker]);
    assert_eq!(kinds("x = 1"), vec![Name, Equal, Number, Newline, EndMarker]);
    assert_eq!(kinds(""), vec![EndMarker]);
    assert_eq!(kinds("\n\n  \n# c\n"), vec![EndMarker]);
}

#[test]
fn newline_after_comment_starts_at_the_comment() {
    assert_eq!(
        spans("x = 1  # c\n"),
        vec![
            (Name, 1, 0, 1, 1),
            (Equal, 1, 2, 1, 3),
            (Number, 1, 4, 1, 5),
            (Newline, 1, 7, 1, 10),
            (EndMarker, 2, 1, 2, 1)
        ]
        .into_iter()
        .map(|(k, a, b, c, d)| if k == EndMarker { (k, 1, 11, 1, 11) } else { (k, a, b, c, d) })
        .collect::<Vec<_>>()
    );
}

#[test]
fn implicit_newline_at_the_end() {
    assert_eq!(spans("a = 1 +")[4..], [(Newline, 1, 7, 1, 7), (EndMarker, 1, 8, 1, 8)]);
}

#[test]
fn indentation() {
    let src = "if x:\n  y\n  if z:\n\t  w\n# c\n\nv\n";
    assert_eq!(
        kinds(src),
        vec![
            If, Name, Colon, Newline, Indent, Name, Newline, If, Name, Colon, Newline, Indent, Name, Newline,
            Dedent, Dedent, Name, Newline, EndMarker
        ]
    );
    let lexed = lex(src);
    let indent = lexed.tokens[4];
    assert_eq!((indent.start, indent.lo), (Pos::new(2, 2), 8));
    let dedent = lexed.tokens[14];
    assert_eq!(dedent.start, Pos::new(7, 0));
}

#[test]
fn dedents_at_the_end_stand_past_the_last_line() {
    let lexed = lex("if x:\n  y\n");
    let tail: Vec<_> = lexed.tokens[7..].iter().map(|t| (t.kind, t.start)).collect();
    assert_eq!(tail, [(Dedent, Pos::new(2, 4)), (EndMarker, Pos::new(2, 4))]);
}

#[test]
fn brackets_join_lines() {
    assert_eq!(
        kinds("x = (1,\n  2)\n"),
        vec![Name, Equal, LPar, Number, Comma, Number, RPar, Newline, EndMarker]
    );
    assert_eq!(kinds("x = 1 + \\\n  2\n"), vec![Name, Equal, Number, Plus, Number, Newline, EndMarker]);
}

#[test]
fn line_endings() {
    assert_eq!(spans("x\r\ny\rz")[..6], spans("x\ny\nz")[..6]);
    let src = "s = '''a\r\nb'''\r\n";
    assert_eq!(spans(src)[2], (String, 1, 4, 2, 4));
}

#[test]
fn strings_with_every_prefix() {
    let src = "r'a' u'b' b'c' br'd' Rb'e' f'f' fR'g' rF\"h\" '''i\n''' \"\"\"j\"\"\" 'k\\'' ''";
    assert_eq!(
        texts(src),
        vec![
            "r'a'",
            "u'b'",
            "b'c'",
            "br'd'",
            "Rb'e'",
            "f'f'",
            "fR'g'",
            "rF\"h\"",
            "'''i\n'''",
            "\"\"\"j\"\"\"",
            "'k\\''",
            "''",
            "",
            ""
        ]
    );
    assert_eq!(texts("ur'x'")[..2], ["ur", "'x'"]);
    assert_eq!(texts("bu'x'")[..2], ["bu", "'x'"]);
}

#[test]
fn string_continued_by_backslash_ends_on_its_last_line() {
    assert_eq!(spans("x = 'a\\\nbc'\n")[2], (String, 1, 4, 2, 3));
}

#[test]
fn numbers() {
    let src = "1 1_000 0x_1f 0o17 0b1_0 1.5 .5 5. 1e10 1E-5 1_0.0_1e+1_0 3j 1.5J 0 00 0.0 0e0 0j 1if 1or 2";
    let lexed = lex(src);
    assert!(lexed.error.is_none(), "{:?}", lexed.error);
    let numbers: Vec<_> = lexed.tokens.iter().filter(|t| t.kind == Number).map(|t| t.text(src)).collect();
    assert_eq!(
        numbers,
        [
            "1",
            "1_000",
            "0x_1f",
            "0o17",
            "0b1_0",
            "1.5",
            ".5",
            "5.",
            "1e10",
            "1E-5",
            "1_0.0_1e+1_0",
            "3j",
            "1.5J",
            "0",
            "00",
            "0.0",
            "0e0",
            "0j",
            "1",
            "1",
            "2"
        ]
    );
    assert_eq!(texts("1else")[..2], ["1", "else"]);
    assert_eq!(lex("1.real").error.map(|e| e.msg), Some("invalid decimal literal".to_owned()));
}

#[test]
fn operators() {
    let src = "a**=b//=c>>=d<<=e->f:=g...h.i!=j<>k@=l";
    let ops: Vec<_> = lex(src).tokens.iter().map(|t| t.kind).filter(|k| k.spelling().is_some()).collect();
    assert_eq!(
        ops,
        [
            DoubleStarEqual,
            DoubleSlashEqual,
            RightShiftEqual,
            LeftShiftEqual,
            RArrow,
            ColonEqual,
            Ellipsis,
            Dot,
            NotEqual,
            NotEqual,
            AtEqual
        ]
    );
    assert_eq!(kinds("a $ b"), [Name, Op, Name, Newline, EndMarker]);
}

#[test]
fn keywords_and_soft_keywords() {
    assert_eq!(
        kinds("match case _ async await None True Falsey"),
        [Name, Name, Name, Async, Await, None, True, Name, Newline, EndMarker]
    );
}

#[test]
fn non_ascii_identifiers() {
    let src = "é = ℌ + ｆｏｏ";
    assert_eq!(kinds(src), [Name, Equal, Name, Plus, Name, Newline, EndMarker]);
    assert_eq!(spans(src)[2], (Name, 1, 5, 1, 8));
    assert_eq!(normalize_identifier("ℌ"), "H");
    assert_eq!(normalize_identifier("ｆｏｏ"), "foo");
    assert!(matches!(normalize_identifier("abc"), Cow::Borrowed(_)));
}

#[test]
fn type_comments() {
    let opts = LexOptions { type_comments: true, ..LexOptions::default() };
    let src = "def f(a, # type: int\n      ):\n    # type: () -> None\n    x = 1  #type:ignore[x]\n    # type: ignore\n";
    let lexed = tokenize(src, opts);
    assert!(lexed.error.is_none());
    let found: Vec<_> = lexed
        .tokens
        .iter()
        .filter(|t| matches!(t.kind, TypeComment | TypeIgnore))
        .map(|t| (t.kind, t.text(src)))
        .collect();
    assert_eq!(
        found,
        [(TypeComment, "int"), (TypeComment, "() -> None"), (TypeIgnore, "[x]"), (TypeIgnore, "")]
    );
    let kinds: Vec<_> = lexed.tokens.iter().map(|t| t.kind).collect();
    // A type comment alone on a line is followed by a NEWLINE (as in CPython);
    // a lone `# type: ignore` swallows its newline.
    assert_eq!(
        kinds[9..],
        [
            TypeComment,
            Newline,
            Indent,
            Name,
            Equal,
            Number,
            TypeIgnore,
            Newline,
            TypeIgnore,
            Dedent,
            EndMarker
        ]
    );
    assert_eq!(tokenize("x  # type: ignored\n", opts).tokens[1].kind, TypeComment);
    assert_eq!(tokenize("x  # type:ignore-x\n", opts).tokens[1].kind, TypeIgnore);
}

#[test]
fn unclosed_brackets_are_reported() {
    let lexed = lex("x = (1, [2,\n");
    let open: Vec<_> = lexed.unclosed.iter().map(|t| t.kind).collect();
    assert_eq!(open, [LPar, LSqb]);
    assert_eq!(lexed.error.map(|e| e.msg), Some("'[' was never closed".to_owned()));
}

#[test]
fn never_panics_on_odd_input() {
    let inputs = [
        "\\",
        "'",
        "'''",
        "\"\\",
        "0x",
        "0b",
        "0o",
        "1e",
        "1_",
        "\t",
        "\x0c",
        "\r",
        "\r\n",
        "#",
        "# type:",
        "(((",
        ")",
        "]",
        "\u{0}",
        "é",
        "€",
        "\u{a0}",
        "1é",
        "if x:\n\ty\n        z",
        "0_",
        "0e",
        "0.e+",
    ];
    for src in inputs {
        for (byte_offsets, eval_input) in [(false, false), (true, false), (false, true)] {
            let _ = tokenize(src, LexOptions { type_comments: true, byte_offsets, eval_input });
        }
    }
}

#[test]
fn too_many_indentation_levels_and_brackets_are_errors() {
    let mut deep = std::string::String::new();
    for i in 0..101 {
        deep.push_str(&" ".repeat(i));
        deep.push_str("if x:\n");
    }
    deep.push_str(&" ".repeat(101));
    deep.push_str("pass\n");
    assert_eq!(lex(&deep).error.map(|e| e.msg), Some("too many levels of indentation".to_owned()));
    let brackets = "(".repeat(201);
    assert_eq!(lex(&brackets).error.map(|e| e.msg), Some("too many nested parentheses".to_owned()));
}

/// The values CPython 3.11 stores for these comments (the type_comment
/// field, or the tag of a TypeIgnore), from
/// `ast.parse(src, type_comments=True)`.
#[test]
fn type_comment_values_match_cpython() {
    let opts = LexOptions { type_comments: true, ..LexOptions::default() };
    let cases: &[(&str, Option<(TokenKind, &str)>)] = &[
        ("x = 1  # type: int\n", Some((TypeComment, "int"))),
        ("x = 1  #type:int  \n", Some((TypeComment, "int  "))),
        ("x = 1 #  type  :int\n", Option::None),
        ("x = 1 # type:\tignore[a]\n", Some((TypeIgnore, "[a]"))),
        ("x = 1 # type: ignore foo\n", Some((TypeIgnore, " foo"))),
        ("x = 1 # type: ignored\n", Some((TypeComment, "ignored"))),
        ("x = 1 # type: ignoreé\n", Some((TypeComment, "ignoreé"))),
        ("x = 1 # type: ignore\n", Some((TypeIgnore, ""))),
        ("x = 1  # type:\n", Some((TypeComment, ""))),
        ("x = 1 # type: ignore # type: int\n", Some((TypeIgnore, " # type: int"))),
        ("x = 1 # type: int # type: ignore\n", Some((TypeComment, "int # type: ignore"))),
        ("x = 1\t# \t type: \t str\n", Some((TypeComment, "str"))),
    ];
    for &(src, expected) in cases {
        let lexed = tokenize(src, opts);
        let found = lexed.tokens.iter().find(|t| matches!(t.kind, TypeComment | TypeIgnore));
        assert_eq!(found.map(|t| (t.kind, t.text(src))), expected, "{src:?}");
    }
}

/// Random byte soups from an alphabet of troublesome characters: the lexer
/// must neither panic nor hang, and must make progress through the input.
#[test]
fn random_inputs_never_panic() {
    const ALPHABET: &[&str] = &[
        " ",
        "\t",
        "\x0c",
        "\n",
        "\r",
        "\r\n",
        "\\",
        "#",
        "# type: ignore",
        "# type: x",
        "'",
        "\"",
        "'''",
        "\"\"\"",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "0",
        "1",
        "x",
        "e",
        "j",
        "_",
        ".",
        "o",
        "b",
        "r",
        "f",
        "+",
        "=",
        "<",
        ">",
        "!",
        "$",
        "é",
        "€",
        "\u{a0}",
        "\u{0}",
        "\u{7f}",
        "if",
        "\u{31350}",
        "\u{FFFD}",
    ];
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..20_000 {
        let len = (next() % 24) as usize;
        let src: std::string::String =
            (0..len).map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize]).collect();
        for (byte_offsets, eval_input) in [(false, false), (true, true)] {
            let lexed = tokenize(&src, LexOptions { type_comments: true, byte_offsets, eval_input });
            assert!(lexed.tokens.len() <= src.len() * 2 + 8, "{src:?}");
            assert!(lexed.tokens.iter().all(|t| t.lo <= t.hi && t.hi as usize <= src.len()), "{src:?}");
            assert!(
                lexed.error.is_some() || lexed.tokens.last().map(|t| t.kind) == Some(EndMarker),
                "{src:?}"
            );
        }
    }
}
