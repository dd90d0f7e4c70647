//! Identifiers take CPython 3.11's Unicode (14.0), not the newer one of the
//! `unicode-ident` crate: characters assigned since are invalid characters.
//! (The expected messages are CPython 3.11's.)
//! With `--ignored`, `dump_unicode_ident` writes the crate's view for
//! `lexer_unicode_gen.py`, which generates `src/lexer/unicode14.rs`.

use taipan_parser::lexer::{tokenize, LexOptions};
use taipan_parser::token::TokenKind;

fn first_kind(src: &str) -> Result<TokenKind, String> {
    let lexed = tokenize(src, LexOptions::default());
    match lexed.error {
        Some(err) => Err(err.msg),
        None => Ok(lexed.tokens[0].kind),
    }
}

#[test]
fn identifiers_use_unicode_14() {
    assert_eq!(first_kind("é = 1"), Ok(TokenKind::Name));
    assert_eq!(first_kind("x\u{0300} = 1"), Ok(TokenKind::Name));
    // U+31350, a CJK Extension H ideograph (Unicode 15.0).
    assert_eq!(first_kind("\u{31350} = 1"), Err("invalid non-printable character U+31350".to_owned()));
    // U+200C ZERO WIDTH NON-JOINER, XID_Continue since Unicode 15.1.
    assert_eq!(first_kind("a\u{200C} = 1"), Err("invalid non-printable character U+200C".to_owned()));
}

#[test]
#[ignore]
fn dump_unicode_ident() {
    use std::fmt::Write as _;
    let path = std::env::var("TAIPAN_XID_DUMP").unwrap_or_else(|_| "/tmp/unicode_ident.txt".into());
    let mut out = String::new();
    for ch in (0..0x110000).filter_map(char::from_u32) {
        let (start, cont) = (unicode_ident::is_xid_start(ch), unicode_ident::is_xid_continue(ch));
        if start || cont {
            writeln!(out, "{} {} {}", ch as u32, start as u8, cont as u8).unwrap();
        }
    }
    std::fs::write(path, out).unwrap();
}
