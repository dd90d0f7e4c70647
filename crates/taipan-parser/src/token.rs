//! Tokens: what the lexer (`lexer/`) hands the parser (`parser/`).
//!
//! A token is a kind plus where it stands in the source: its line/column
//! start and end (columns in UTF-8 bytes from the start of the line, as
//! CPython's `ast` counts them) and its byte span in the decoded source text.
//! Tokens carry no payload: the parser reads a token's text from the source
//! through its span. Keywords are classified by the lexer; the soft keywords
//! `match`, `case` and `_` stay `Name`, as in CPython.

/// A position in the source: `line` is 1-based, `col` is a 0-based offset
/// in UTF-8 bytes from the start of that line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub const fn new(line: u32, col: u32) -> Self {
        Pos { line, col }
    }
}

/// One token. `lo..hi` is its byte span in the decoded source text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub start: Pos,
    pub end: Pos,
    pub lo: u32,
    pub hi: u32,
}

impl Token {
    /// The token's text in `source` (the same text the lexer was given).
    pub fn text<'s>(&self, source: &'s str) -> &'s str {
        &source[self.lo as usize..self.hi as usize]
    }
}

macro_rules! token_kinds {
    ($( $(#[$doc:meta])* $name:ident $(= $text:literal)? ),* $(,)?) => {
        /// Every kind of token, with CPython's names in the comments where
        /// they differ. Operators and keywords carry their spelling.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum TokenKind {
            $( $(#[$doc])* $name, )*
        }

        impl TokenKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [TokenKind] = &[ $( TokenKind::$name, )* ];

            /// The fixed spelling of an operator, delimiter or keyword;
            /// `None` for tokens whose text varies (names, numbers, strings…).
            pub const fn spelling(self) -> Option<&'static str> {
                match self {
                    $( TokenKind::$name => token_kinds!(@text $($text)?), )*
                }
            }
        }
    };
    (@text $text:literal) => { Some($text) };
    (@text) => { None };
}

token_kinds! {
    /// ENDMARKER: the end of the input.
    EndMarker,
    /// NAME: an identifier, including the soft keywords `match`, `case`, `_`.
    Name,
    /// NUMBER: an int, float or imaginary literal.
    Number,
    /// STRING: one string literal with its prefix and quotes (f-strings too:
    /// in 3.11 an f-string is one token, parsed again by the parser).
    String,
    /// NEWLINE: the end of a logical line.
    Newline,
    /// INDENT: the start of an indented block.
    Indent,
    /// DEDENT: the end of an indented block (zero-width).
    Dedent,
    /// TYPE_COMMENT: `# type: ...`; the span covers the comment's value.
    TypeComment,
    /// TYPE_IGNORE: `# type: ignore...`; the span covers the tag after `ignore`.
    TypeIgnore,
    /// OP: an ASCII character that is no operator (`$`, `?`, `!`, a
    /// backtick); CPython's tokenizer passes it on and the parser rejects it.
    Op,

    LPar = "(", RPar = ")", LSqb = "[", RSqb = "]", LBrace = "{", RBrace = "}",
    Colon = ":", Comma = ",", Semi = ";", Plus = "+", Minus = "-", Star = "*",
    Slash = "/", VBar = "|", Amper = "&", Less = "<", Greater = ">", Equal = "=",
    Dot = ".", Percent = "%", EqEqual = "==", NotEqual = "!=", LessEqual = "<=",
    GreaterEqual = ">=", Tilde = "~", Circumflex = "^", LeftShift = "<<",
    RightShift = ">>", DoubleStar = "**", PlusEqual = "+=", MinEqual = "-=",
    StarEqual = "*=", SlashEqual = "/=", PercentEqual = "%=", AmperEqual = "&=",
    VBarEqual = "|=", CircumflexEqual = "^=", LeftShiftEqual = "<<=",
    RightShiftEqual = ">>=", DoubleStarEqual = "**=", DoubleSlash = "//",
    DoubleSlashEqual = "//=", At = "@", AtEqual = "@=", RArrow = "->",
    Ellipsis = "...", ColonEqual = ":=",

    False = "False", None = "None", True = "True", And = "and", As = "as",
    Assert = "assert", Async = "async", Await = "await", Break = "break",
    Class = "class", Continue = "continue", Def = "def", Del = "del",
    Elif = "elif", Else = "else", Except = "except", Finally = "finally",
    For = "for", From = "from", Global = "global", If = "if", Import = "import",
    In = "in", Is = "is", Lambda = "lambda", Nonlocal = "nonlocal", Not = "not",
    Or = "or", Pass = "pass", Raise = "raise", Return = "return", Try = "try",
    While = "while", With = "with", Yield = "yield",
}

impl TokenKind {
    /// The keyword spelled `word`, if it is one (soft keywords are not).
    #[inline]
    pub fn keyword(word: &str) -> Option<TokenKind> {
        Self::keyword_in(word.as_bytes())
    }

    /// [`TokenKind::keyword`] for the bytes of a name: one probe of
    /// [`KEYWORDS`], a perfect hash table.
    #[inline]
    pub fn keyword_in(word: &[u8]) -> Option<TokenKind> {
        let hash = keyword_hash(word)?;
        match KEYWORDS[hash] {
            Some(Keyword { len, key, kind }) if len as usize == word.len() && keyword_key(word) == key => {
                Some(kind)
            }
            _ => Option::None,
        }
    }

    /// Whether this is a (hard) keyword.
    pub const fn is_keyword(self) -> bool {
        (self as u8) >= (TokenKind::False as u8)
    }
}

/// The slot of `word` in [`KEYWORDS`], from its length and its first,
/// second and last bytes; `None` for a word too short or too long to be a
/// keyword. The constants make the keywords' slots distinct (checked when
/// the table is built).
#[inline]
const fn keyword_hash(word: &[u8]) -> Option<usize> {
    if word.len() < 2 || word.len() > 8 {
        return Option::None;
    }
    let (first, second, last) = (word[0] as usize, word[1] as usize, word[word.len() - 1] as usize);
    Some((first * 2 + second + last * 25 + word.len() * 20) % KEYWORD_SLOTS)
}

const KEYWORD_SLOTS: usize = 64;

/// A slot of [`KEYWORDS`]: the keyword's length and [`keyword_key`].
#[derive(Clone, Copy)]
struct Keyword {
    len: u8,
    key: u64,
    kind: TokenKind,
}

/// The bytes of a word of 2 to 8 bytes as one number, without a loop or a
/// call: for 4 bytes or more its first four and last four (which overlap
/// and cover it), else its first two and last one. Two words of the same
/// length have the same key exactly when they are equal.
#[inline]
const fn keyword_key(word: &[u8]) -> u64 {
    let n = word.len();
    if n >= 4 {
        let head = u32::from_le_bytes([word[0], word[1], word[2], word[3]]) as u64;
        let tail = u32::from_le_bytes([word[n - 4], word[n - 3], word[n - 2], word[n - 1]]) as u64;
        head | tail << 32
    } else {
        word[0] as u64 | (word[1] as u64) << 8 | (word[n - 1] as u64) << 16
    }
}

/// The keywords by [`keyword_hash`], built from their spellings at compile
/// time; a collision stops the build.
static KEYWORDS: [Option<Keyword>; KEYWORD_SLOTS] = {
    let mut table: [Option<Keyword>; KEYWORD_SLOTS] = [Option::None; KEYWORD_SLOTS];
    let mut i = 0;
    while i < TokenKind::ALL.len() {
        let kind = TokenKind::ALL[i];
        if let (true, Some(spelling)) = (kind.is_keyword(), kind.spelling()) {
            let word = spelling.as_bytes();
            let Some(slot) = keyword_hash(word) else { panic!("keyword length out of range") };
            assert!(table[slot].is_none(), "keyword_hash collision: change its constants");
            table[slot] = Some(Keyword { len: word.len() as u8, key: keyword_key(word), kind });
        }
        i += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_round_trip_through_their_spelling() {
        let keywords = TokenKind::ALL.iter().filter(|k| k.is_keyword());
        assert_eq!(keywords.clone().count(), 35);
        for &kind in keywords {
            assert_eq!(TokenKind::keyword(kind.spelling().unwrap()), Some(kind));
        }
        for word in ["False", "None", "await", "yield", "nonlocal"] {
            let kind = TokenKind::keyword(word).unwrap();
            assert!(kind.is_keyword());
            assert_eq!(kind.spelling(), Some(word));
        }
        assert_eq!(TokenKind::keyword("match"), None);
        assert_eq!(TokenKind::keyword("x"), None);
        assert_eq!(TokenKind::keyword("nonlocals"), None);
        assert_eq!(TokenKind::keyword("Tru"), None);
        assert!(!TokenKind::ColonEqual.is_keyword());
    }

    #[test]
    fn a_word_one_byte_off_a_keyword_is_no_keyword() {
        for kind in TokenKind::ALL.iter().filter(|k| k.is_keyword()) {
            let spelling = kind.spelling().unwrap().as_bytes();
            for i in 0..spelling.len() {
                let mut word = spelling.to_vec();
                word[i] ^= 0x20;
                assert_eq!(TokenKind::keyword_in(&word), None, "{:?}", String::from_utf8_lossy(&word));
                word[i] = b'_';
                assert_eq!(TokenKind::keyword_in(&word), None, "{:?}", String::from_utf8_lossy(&word));
            }
        }
    }
}
