//! Recursive-descent parser for `SELECT` statements.

use super::lexer::{lex, position, Tok, Token};
use super::{SqlError, SqlErrorKind, Value};

/// A parsed statement.
#[derive(Clone, Debug, PartialEq)]
pub enum Statement {
    /// A `SELECT` query.
    Select(Box<Select>),
    /// Anything else; the first keyword in upper case (callers handle SHOW, CREATE, ...).
    Other {
        /// First keyword, upper-cased.
        keyword: String,
    },
}

/// A table reference in `FROM`.
#[derive(Clone, Debug, PartialEq)]
pub struct TableRef {
    /// Name parts, e.g. `["sys", "segments"]`.
    pub parts: Vec<String>,
    /// Optional alias.
    pub alias: Option<String>,
    /// Byte offset of the name in the SQL text (for error positions).
    pub offset: usize,
    /// Length in bytes of the name as written.
    pub len: usize,
}

/// One item of the select list.
#[derive(Clone, Debug, PartialEq)]
pub enum SelectItem {
    /// `*` or `t.*`.
    Wildcard,
    /// An expression with an optional alias and its source text.
    Expr {
        /// The expression.
        expr: Expr,
        /// `AS alias`.
        alias: Option<String>,
        /// The expression as written.
        text: String,
    },
}

/// A `SELECT` statement.
#[derive(Clone, Debug, PartialEq)]
pub struct Select {
    /// `SELECT DISTINCT`.
    pub distinct: bool,
    /// Select list.
    pub items: Vec<SelectItem>,
    /// `FROM` table, if any.
    pub from: Option<TableRef>,
    /// `WHERE`.
    pub filter: Option<Expr>,
    /// `GROUP BY`.
    pub group_by: Vec<Expr>,
    /// `HAVING`.
    pub having: Option<Expr>,
    /// `ORDER BY` expressions with `true` for descending.
    pub order_by: Vec<(Expr, bool)>,
    /// `LIMIT`.
    pub limit: Option<u64>,
    /// `OFFSET`.
    pub offset: Option<u64>,
    /// The original SQL (for error positions).
    pub sql: String,
}

/// An expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// Column reference (possibly qualified), with its byte offset.
    Column(Vec<String>, usize),
    /// Literal.
    Lit(Value),
    /// Placeholder number (1-based).
    Param(usize),
    /// Unary operator (`-`, `NOT`).
    Unary(&'static str, Box<Expr>),
    /// Binary operator (upper-case keyword or symbol).
    Binary(String, Box<Expr>, Box<Expr>),
    /// Function call; `star` for `COUNT(*)`.
    Func {
        /// Upper-cased function name.
        name: String,
        /// Arguments.
        args: Vec<Expr>,
        /// `f(*)`.
        star: bool,
        /// `f(DISTINCT x)`.
        distinct: bool,
    },
    /// `CASE [operand] WHEN .. THEN .. [ELSE ..] END`.
    Case {
        /// Simple-case operand.
        operand: Option<Box<Expr>>,
        /// `(when, then)` pairs.
        whens: Vec<(Expr, Expr)>,
        /// `ELSE`.
        otherwise: Option<Box<Expr>>,
    },
    /// `x [NOT] IN (a, b)`.
    InList(Box<Expr>, Vec<Expr>, bool),
    /// `x [NOT] BETWEEN a AND b`.
    Between(Box<Expr>, Box<Expr>, Box<Expr>, bool),
    /// `x [NOT] LIKE p` (`true` in the last field for ILIKE).
    Like(Box<Expr>, Box<Expr>, bool, bool),
    /// `x IS [NOT] NULL`.
    IsNull(Box<Expr>, bool),
    /// `CAST(x AS t)` or `x::t`.
    Cast(Box<Expr>, String),
}

/// Parses one statement. Only `SELECT` is parsed fully.
pub fn parse_statement(sql: &str) -> Result<Statement, SqlError> {
    let tokens = lex(sql)?;
    let first = tokens.first().cloned().unwrap_or(Token {
        tok: Tok::Eof,
        start: 0,
        end: 0,
    });
    let mut p = Parser {
        sql,
        tokens,
        pos: 0,
    };
    if first.is_kw("SELECT") {
        let sel = p.select()?;
        p.eat_sym(";");
        if !matches!(p.peek().tok, Tok::Eof) {
            return Err(p.error_here("syntax error"));
        }
        return Ok(Statement::Select(Box::new(sel)));
    }
    match &first.tok {
        Tok::Ident(word) => Ok(Statement::Other {
            keyword: word.to_ascii_uppercase(),
        }),
        Tok::Eof => Err(SqlError::new(SqlErrorKind::Syntax, "empty statement")),
        _ => Err(p.error_here("syntax error")),
    }
}

struct Parser<'a> {
    sql: &'a str,
    tokens: Vec<Token>,
    pos: usize,
}

const RESERVED: [&str; 24] = [
    "FROM", "WHERE", "GROUP", "ORDER", "LIMIT", "OFFSET", "HAVING", "AS", "AND", "OR", "NOT", "ON",
    "JOIN", "LEFT", "RIGHT", "INNER", "UNION", "ASC", "DESC", "WHEN", "THEN", "ELSE", "END",
    "FETCH",
];

impl<'a> Parser<'a> {
    fn peek(&self) -> &Token {
        &self.tokens[self.pos.min(self.tokens.len() - 1)]
    }

    fn peek_at(&self, n: usize) -> &Token {
        &self.tokens[(self.pos + n).min(self.tokens.len() - 1)]
    }

    fn next(&mut self) -> Token {
        let t = self.peek().clone();
        if self.pos < self.tokens.len() - 1 {
            self.pos += 1;
        }
        t
    }

    fn eat_kw(&mut self, kw: &str) -> bool {
        if self.peek().is_kw(kw) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn eat_sym(&mut self, sym: &str) -> bool {
        if self.peek().is_sym(sym) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn error_here(&self, msg: &str) -> SqlError {
        let t = self.peek();
        let (line, column) = position(self.sql, t.start);
        SqlError {
            kind: SqlErrorKind::Syntax,
            message: msg.to_string(),
            line,
            column,
            near: self.sql[t.start..t.end].to_string(),
        }
    }

    fn unsupported(&self, what: &str) -> SqlError {
        let mut e = self.error_here(&format!("{what} is not supported by this simulator"));
        e.kind = SqlErrorKind::Unsupported;
        e
    }

    fn expect_kw(&mut self, kw: &str) -> Result<(), SqlError> {
        if self.eat_kw(kw) {
            Ok(())
        } else {
            Err(self.error_here(&format!("expected {kw}")))
        }
    }

    fn expect_sym(&mut self, sym: &str) -> Result<(), SqlError> {
        if self.eat_sym(sym) {
            Ok(())
        } else {
            Err(self.error_here(&format!("expected '{sym}'")))
        }
    }

    fn ident(&mut self) -> Result<String, SqlError> {
        match self.peek().tok.clone() {
            Tok::Ident(s) if !RESERVED.iter().any(|r| s.eq_ignore_ascii_case(r)) => {
                self.pos += 1;
                Ok(s)
            }
            Tok::QIdent(s) => {
                self.pos += 1;
                Ok(s)
            }
            _ => Err(self.error_here("expected identifier")),
        }
    }

    fn count(&mut self) -> Result<u64, SqlError> {
        match self.next().tok {
            Tok::Num(n) => n.parse().map_err(|_| self.error_here("expected integer")),
            _ => Err(self.error_here("expected integer")),
        }
    }

    fn select(&mut self) -> Result<Select, SqlError> {
        self.expect_kw("SELECT")?;
        let distinct = self.eat_kw("DISTINCT");
        self.eat_kw("ALL");
        let mut items = Vec::new();
        loop {
            items.push(self.select_item()?);
            if !self.eat_sym(",") {
                break;
            }
        }
        let mut from = None;
        if self.eat_kw("FROM") {
            if self.peek().is_sym("(") {
                return Err(self.unsupported("a subquery in FROM"));
            }
            let start = self.peek().start;
            let mut parts = vec![self.ident()?];
            while self.eat_sym(".") {
                parts.push(self.ident()?);
            }
            let end = self.tokens[self.pos.saturating_sub(1)].end;
            let alias = if self.eat_kw("AS") || self.ident_ok() {
                Some(self.ident()?)
            } else {
                None
            };
            if self.peek().is_sym(",")
                || ["JOIN", "LEFT", "RIGHT", "INNER", "CROSS", "FULL"]
                    .iter()
                    .any(|k| self.peek().is_kw(k))
            {
                return Err(self.unsupported("JOIN"));
            }
            from = Some(TableRef {
                parts,
                alias,
                offset: start,
                len: end - start,
            });
        }
        let filter = if self.eat_kw("WHERE") {
            Some(self.expr()?)
        } else {
            None
        };
        let mut group_by = Vec::new();
        if self.eat_kw("GROUP") {
            self.expect_kw("BY")?;
            loop {
                group_by.push(self.expr()?);
                if !self.eat_sym(",") {
                    break;
                }
            }
        }
        let having = if self.eat_kw("HAVING") {
            Some(self.expr()?)
        } else {
            None
        };
        if self.peek().is_kw("UNION") {
            return Err(self.unsupported("UNION"));
        }
        let mut order_by = Vec::new();
        if self.eat_kw("ORDER") {
            self.expect_kw("BY")?;
            loop {
                let e = self.expr()?;
                let desc = if self.eat_kw("DESC") {
                    true
                } else {
                    self.eat_kw("ASC");
                    false
                };
                if self.eat_kw("NULLS") && !self.eat_kw("FIRST") {
                    self.expect_kw("LAST")?;
                }
                order_by.push((e, desc));
                if !self.eat_sym(",") {
                    break;
                }
            }
        }
        let mut limit = None;
        let mut offset = None;
        loop {
            if self.eat_kw("LIMIT") {
                let first = self.count()?;
                if self.eat_sym(",") {
                    offset = Some(first);
                    limit = Some(self.count()?);
                } else {
                    limit = Some(first);
                }
            } else if self.eat_kw("OFFSET") {
                offset = Some(self.count()?);
                let _ = self.eat_kw("ROWS") || self.eat_kw("ROW");
            } else if self.eat_kw("FETCH") {
                let _ = self.eat_kw("FIRST") || self.eat_kw("NEXT");
                limit = Some(self.count()?);
                let _ = self.eat_kw("ROWS") || self.eat_kw("ROW");
                self.expect_kw("ONLY")?;
            } else {
                break;
            }
        }
        Ok(Select {
            distinct,
            items,
            from,
            filter,
            group_by,
            having,
            order_by,
            limit,
            offset,
            sql: self.sql.to_string(),
        })
    }

    fn ident_ok(&self) -> bool {
        match &self.peek().tok {
            Tok::Ident(s) => {
                !RESERVED.iter().any(|r| s.eq_ignore_ascii_case(r))
                    && !s.eq_ignore_ascii_case("CROSS")
                    && !s.eq_ignore_ascii_case("FULL")
            }
            Tok::QIdent(_) => true,
            _ => false,
        }
    }

    fn select_item(&mut self) -> Result<SelectItem, SqlError> {
        if self.eat_sym("*") {
            return Ok(SelectItem::Wildcard);
        }
        if matches!(self.peek().tok, Tok::Ident(_) | Tok::QIdent(_))
            && self.peek_at(1).is_sym(".")
            && self.peek_at(2).is_sym("*")
        {
            self.pos += 3;
            return Ok(SelectItem::Wildcard);
        }
        let start = self.peek().start;
        let expr = self.expr()?;
        let end = self.tokens[self.pos.saturating_sub(1)].end;
        let alias = if self.eat_kw("AS") {
            Some(match self.next().tok {
                Tok::Ident(s) | Tok::QIdent(s) | Tok::Str(s) => s,
                _ => return Err(self.error_here("expected alias")),
            })
        } else if self.ident_ok() {
            Some(self.ident()?)
        } else {
            None
        };
        Ok(SelectItem::Expr {
            expr,
            alias,
            text: self.sql[start..end].to_string(),
        })
    }

    /// Parses an expression.
    fn expr(&mut self) -> Result<Expr, SqlError> {
        self.or_expr()
    }

    fn or_expr(&mut self) -> Result<Expr, SqlError> {
        let mut left = self.and_expr()?;
        while self.eat_kw("OR") {
            let right = self.and_expr()?;
            left = Expr::Binary("OR".into(), Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and_expr(&mut self) -> Result<Expr, SqlError> {
        let mut left = self.not_expr()?;
        while self.eat_kw("AND") {
            let right = self.not_expr()?;
            left = Expr::Binary("AND".into(), Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn not_expr(&mut self) -> Result<Expr, SqlError> {
        if self.eat_kw("NOT") {
            return Ok(Expr::Unary("NOT", Box::new(self.not_expr()?)));
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Expr, SqlError> {
        let left = self.additive()?;
        for op in ["=", "<>", "!=", "<=", ">=", "<", ">"] {
            if self.eat_sym(op) {
                let right = self.additive()?;
                let op = if op == "!=" { "<>" } else { op };
                return Ok(Expr::Binary(op.into(), Box::new(left), Box::new(right)));
            }
        }
        if self.eat_kw("IS") {
            let not = self.eat_kw("NOT");
            if self.eat_kw("NULL") {
                return Ok(Expr::IsNull(Box::new(left), not));
            }
            let value = if self.eat_kw("TRUE") {
                true
            } else if self.eat_kw("FALSE") {
                false
            } else {
                return Err(self.error_here("expected NULL, TRUE or FALSE"));
            };
            let cmp = Expr::Binary(
                "=".into(),
                Box::new(left),
                Box::new(Expr::Lit(Value::Bool(value))),
            );
            return Ok(if not {
                Expr::Unary("NOT", Box::new(cmp))
            } else {
                cmp
            });
        }
        let not = if self.peek().is_kw("NOT")
            && ["IN", "LIKE", "ILIKE", "BETWEEN"]
                .iter()
                .any(|k| self.peek_at(1).is_kw(k))
        {
            self.pos += 1;
            true
        } else {
            false
        };
        if self.eat_kw("IN") {
            self.expect_sym("(")?;
            if self.peek().is_kw("SELECT") {
                return Err(self.unsupported("a subquery"));
            }
            let mut list = Vec::new();
            loop {
                list.push(self.expr()?);
                if !self.eat_sym(",") {
                    break;
                }
            }
            self.expect_sym(")")?;
            return Ok(Expr::InList(Box::new(left), list, not));
        }
        if self.eat_kw("LIKE") || self.peek().is_kw("ILIKE") {
            let ci = self.eat_kw("ILIKE");
            let pat = self.additive()?;
            if self.eat_kw("ESCAPE") {
                self.additive()?;
            }
            return Ok(Expr::Like(Box::new(left), Box::new(pat), not, ci));
        }
        if self.eat_kw("BETWEEN") {
            let lo = self.additive()?;
            self.expect_kw("AND")?;
            let hi = self.additive()?;
            return Ok(Expr::Between(
                Box::new(left),
                Box::new(lo),
                Box::new(hi),
                not,
            ));
        }
        Ok(left)
    }

    fn additive(&mut self) -> Result<Expr, SqlError> {
        let mut left = self.multiplicative()?;
        loop {
            let op = if self.eat_sym("+") {
                "+"
            } else if self.eat_sym("-") {
                "-"
            } else if self.eat_sym("||") {
                "||"
            } else {
                return Ok(left);
            };
            let right = self.multiplicative()?;
            left = Expr::Binary(op.into(), Box::new(left), Box::new(right));
        }
    }

    fn multiplicative(&mut self) -> Result<Expr, SqlError> {
        let mut left = self.unary()?;
        loop {
            let op = if self.eat_sym("*") {
                "*"
            } else if self.eat_sym("/") {
                "/"
            } else if self.eat_sym("%") {
                "%"
            } else {
                return Ok(left);
            };
            let right = self.unary()?;
            left = Expr::Binary(op.into(), Box::new(left), Box::new(right));
        }
    }

    fn unary(&mut self) -> Result<Expr, SqlError> {
        if self.eat_sym("-") {
            return Ok(Expr::Unary("-", Box::new(self.unary()?)));
        }
        if self.eat_sym("+") {
            return self.unary();
        }
        let mut e = self.primary()?;
        while self.eat_sym("::") {
            let ty = self.type_name()?;
            e = Expr::Cast(Box::new(e), ty);
        }
        Ok(e)
    }

    fn type_name(&mut self) -> Result<String, SqlError> {
        let mut ty = self.ident()?;
        if self.eat_sym("(") {
            while !self.eat_sym(")") {
                if matches!(self.next().tok, Tok::Eof) {
                    return Err(self.error_here("expected ')'"));
                }
            }
        }
        if self.peek().is_sym("[") && self.peek_at(1).is_sym("]") {
            self.pos += 2;
            ty.push_str("[]");
        }
        Ok(ty.to_ascii_uppercase())
    }

    fn primary(&mut self) -> Result<Expr, SqlError> {
        let t = self.peek().clone();
        match t.tok {
            Tok::Num(n) => {
                self.pos += 1;
                if let Ok(i) = n.parse::<i64>() {
                    Ok(Expr::Lit(Value::Int(i)))
                } else {
                    n.parse::<f64>()
                        .map(|f| Expr::Lit(Value::Float(f)))
                        .map_err(|_| self.error_here("bad number"))
                }
            }
            Tok::Str(s) => {
                self.pos += 1;
                Ok(Expr::Lit(Value::Str(s)))
            }
            Tok::Param(n) => {
                self.pos += 1;
                Ok(Expr::Param(n))
            }
            Tok::Sym("(") => {
                self.pos += 1;
                if self.peek().is_kw("SELECT") {
                    return Err(self.unsupported("a subquery"));
                }
                let e = self.expr()?;
                self.expect_sym(")")?;
                Ok(e)
            }
            Tok::Ident(ref word) => {
                let upper = word.to_ascii_uppercase();
                match upper.as_str() {
                    "NULL" => {
                        self.pos += 1;
                        return Ok(Expr::Lit(Value::Null));
                    }
                    "TRUE" | "FALSE" => {
                        self.pos += 1;
                        return Ok(Expr::Lit(Value::Bool(upper == "TRUE")));
                    }
                    "CASE" => {
                        self.pos += 1;
                        return self.case_expr();
                    }
                    "CAST" if self.peek_at(1).is_sym("(") => {
                        self.pos += 2;
                        let e = self.expr()?;
                        self.expect_kw("AS")?;
                        let ty = self.type_name()?;
                        self.expect_sym(")")?;
                        return Ok(Expr::Cast(Box::new(e), ty));
                    }
                    "INTERVAL" => return Err(self.unsupported("INTERVAL")),
                    "CURRENT_TIMESTAMP" | "CURRENT_DATE" | "LOCALTIMESTAMP"
                        if !self.peek_at(1).is_sym("(") =>
                    {
                        self.pos += 1;
                        return Ok(Expr::Func {
                            name: upper,
                            args: vec![],
                            star: false,
                            distinct: false,
                        });
                    }
                    _ => {}
                }
                if RESERVED.iter().any(|r| upper == *r) {
                    return Err(self.error_here("syntax error"));
                }
                self.pos += 1;
                if self.eat_sym("(") {
                    return self.call(upper);
                }
                let mut parts = vec![word.clone()];
                while self.peek().is_sym(".") && !self.peek_at(1).is_sym("*") {
                    self.pos += 1;
                    parts.push(self.ident()?);
                }
                Ok(Expr::Column(parts, t.start))
            }
            Tok::QIdent(ref s) => {
                self.pos += 1;
                let mut parts = vec![s.clone()];
                while self.peek().is_sym(".") {
                    self.pos += 1;
                    parts.push(self.ident()?);
                }
                Ok(Expr::Column(parts, t.start))
            }
            _ => Err(self.error_here("syntax error")),
        }
    }

    fn call(&mut self, name: String) -> Result<Expr, SqlError> {
        if self.eat_sym("*") {
            self.expect_sym(")")?;
            return self.after_call(Expr::Func {
                name,
                args: vec![],
                star: true,
                distinct: false,
            });
        }
        let distinct = self.eat_kw("DISTINCT");
        let mut args = Vec::new();
        if !self.eat_sym(")") {
            loop {
                args.push(self.expr()?);
                if !self.eat_sym(",") {
                    break;
                }
            }
            self.expect_sym(")")?;
        }
        self.after_call(Expr::Func {
            name,
            args,
            star: false,
            distinct,
        })
    }

    fn after_call(&mut self, f: Expr) -> Result<Expr, SqlError> {
        if self.peek().is_kw("FILTER") || self.peek().is_kw("OVER") {
            return Err(self.unsupported("FILTER/OVER clauses"));
        }
        Ok(f)
    }

    fn case_expr(&mut self) -> Result<Expr, SqlError> {
        let operand = if self.peek().is_kw("WHEN") {
            None
        } else {
            Some(Box::new(self.expr()?))
        };
        let mut whens = Vec::new();
        while self.eat_kw("WHEN") {
            let w = self.expr()?;
            self.expect_kw("THEN")?;
            let t = self.expr()?;
            whens.push((w, t));
        }
        let otherwise = if self.eat_kw("ELSE") {
            Some(Box::new(self.expr()?))
        } else {
            None
        };
        self.expect_kw("END")?;
        if whens.is_empty() {
            return Err(self.error_here("expected WHEN"));
        }
        Ok(Expr::Case {
            operand,
            whens,
            otherwise,
        })
    }
}
