//! Tokenizer for the tiny SQL engine.

use super::{SqlError, SqlErrorKind};

/// A token kind.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// Bare identifier or keyword (original spelling).
    Ident(String),
    /// Quoted identifier (`"x"` or `` `x` ``).
    QIdent(String),
    /// Numeric literal text.
    Num(String),
    /// String literal (unescaped).
    Str(String),
    /// Placeholder: `$n` (n as written) or `?` (numbered in order of appearance).
    Param(usize),
    /// Operator or punctuation.
    Sym(&'static str),
    /// End of input.
    Eof,
}

/// A token with its byte span in the SQL text.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// Kind and payload.
    pub tok: Tok,
    /// Start byte offset.
    pub start: usize,
    /// End byte offset.
    pub end: usize,
}

impl Token {
    /// Whether this is the keyword `kw` (case-insensitive, unquoted).
    pub fn is_kw(&self, kw: &str) -> bool {
        matches!(&self.tok, Tok::Ident(s) if s.eq_ignore_ascii_case(kw))
    }

    /// Whether this is the symbol `sym`.
    pub fn is_sym(&self, sym: &str) -> bool {
        matches!(&self.tok, Tok::Sym(s) if *s == sym)
    }
}

const SYMBOLS: [&str; 22] = [
    "<=", ">=", "<>", "!=", "||", "::", "(", ")", ",", ".", "*", "+", "-", "/", "%", "=", "<", ">",
    ";", "[", "]", ":",
];

/// 1-based line and column of a byte offset.
pub fn position(sql: &str, offset: usize) -> (usize, usize) {
    let before = &sql[..offset.min(sql.len())];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|s| s.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

/// Splits SQL into tokens (comments skipped).
pub fn lex(sql: &str) -> Result<Vec<Token>, SqlError> {
    let bytes = sql.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut question_marks = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if c == b'-' && bytes.get(i + 1) == Some(&b'-') {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        if c == b'/' && bytes.get(i + 1) == Some(&b'*') {
            match sql[i + 2..].find("*/") {
                Some(end) => i = i + 2 + end + 2,
                None => i = bytes.len(),
            }
            continue;
        }
        let start = i;
        let tok = if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 {
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric()
                    || bytes[i] == b'_'
                    || bytes[i] == b'$'
                    || bytes[i] >= 0x80)
            {
                i += 1;
            }
            Tok::Ident(sql[start..i].to_string())
        } else if c.is_ascii_digit()
            || (c == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                i += 1;
            }
            if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
                let mut j = i + 1;
                if j < bytes.len() && (bytes[j] == b'+' || bytes[j] == b'-') {
                    j += 1;
                }
                if j < bytes.len() && bytes[j].is_ascii_digit() {
                    i = j;
                    while i < bytes.len() && bytes[i].is_ascii_digit() {
                        i += 1;
                    }
                }
            }
            Tok::Num(sql[start..i].to_string())
        } else if c == b'\'' || c == b'"' || c == b'`' {
            let quote = c;
            i += 1;
            let mut text = String::new();
            loop {
                let Some(rel) = sql[i..].find(quote as char) else {
                    let (line, column) = position(sql, start);
                    return Err(SqlError {
                        kind: SqlErrorKind::Syntax,
                        message: "unterminated quoted text".into(),
                        line,
                        column,
                        near: sql[start..].chars().take(20).collect(),
                    });
                };
                text.push_str(&sql[i..i + rel]);
                i += rel + 1;
                if bytes.get(i) == Some(&quote) {
                    text.push(quote as char);
                    i += 1;
                } else {
                    break;
                }
            }
            if quote == b'\'' {
                Tok::Str(text)
            } else {
                Tok::QIdent(text)
            }
        } else if c == b'$' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            Tok::Param(sql[start + 1..i].parse().unwrap_or(0))
        } else if c == b'?' {
            i += 1;
            question_marks += 1;
            Tok::Param(question_marks)
        } else if let Some(sym) = SYMBOLS.iter().find(|s| sql[i..].starts_with(**s)) {
            i += sym.len();
            Tok::Sym(sym)
        } else {
            let (line, column) = position(sql, start);
            let ch = sql[start..].chars().next().unwrap_or(' ');
            return Err(SqlError {
                kind: SqlErrorKind::Syntax,
                message: format!("unexpected character '{ch}'"),
                line,
                column,
                near: ch.to_string(),
            });
        };
        out.push(Token { tok, start, end: i });
    }
    out.push(Token {
        tok: Tok::Eof,
        start: sql.len(),
        end: sql.len(),
    });
    Ok(out)
}
