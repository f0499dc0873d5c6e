//! A tiny SQL engine: enough of `SELECT` (filters, grouping, aggregates, ordering, limits) to answer
//! the queries a console sends over in-memory tables. Each simulator supplies its own tables and
//! decides how errors look on the wire.

mod eval;
mod lexer;
mod parser;

use serde::Serialize;
use serde_json::Value as Json;

pub use eval::{execute_select, Catalog};
pub use lexer::{lex, position, Tok, Token};
pub use parser::{parse_statement, Expr, Select, SelectItem, Statement, TableRef};

/// A SQL value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// SQL NULL.
    Null,
    /// Boolean.
    Bool(bool),
    /// 64-bit integer.
    Int(i64),
    /// Double.
    Float(f64),
    /// Text.
    Str(String),
}

impl Value {
    /// The value as JSON (NULL becomes `null`).
    pub fn to_json(&self) -> Json {
        match self {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Int(i) => Json::from(*i),
            Value::Float(f) => serde_json::Number::from_f64(*f)
                .map(Json::Number)
                .unwrap_or(Json::Null),
            Value::Str(s) => Json::String(s.clone()),
        }
    }

    /// Converts JSON into a value (objects and arrays become their JSON text).
    pub fn from_json(j: &Json) -> Value {
        match j {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(n) => n
                .as_i64()
                .map(Value::Int)
                .unwrap_or_else(|| Value::Float(n.as_f64().unwrap_or(0.0))),
            Json::String(s) => Value::Str(s.clone()),
            other => Value::Str(other.to_string()),
        }
    }

    /// The value as display text (NULL is `None`), as StarRocks sends every value.
    pub fn to_text(&self) -> Option<String> {
        match self {
            Value::Null => None,
            Value::Bool(b) => Some(if *b { "1".into() } else { "0".into() }),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Str(s) => Some(s.clone()),
        }
    }

    /// Truthiness for WHERE (NULL and false are false; numbers are true when non-zero).
    pub fn truthy(&self) -> bool {
        match self {
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => s.eq_ignore_ascii_case("true"),
            Value::Null => false,
        }
    }

    /// Numeric view of the value, if it has one.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(i) => Some(*i as f64),
            Value::Float(f) => Some(*f),
            Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
            Value::Str(s) => s.trim().parse().ok(),
            Value::Null => None,
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Str(s.to_string())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Str(s)
    }
}
impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::Int(i)
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}
impl From<f64> for Value {
    fn from(f: f64) -> Value {
        Value::Float(f)
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(o: Option<T>) -> Value {
        o.map(Into::into).unwrap_or(Value::Null)
    }
}

/// Broad type of a column, mapped to each system's type names by [`Dialect::type_name`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ColType {
    /// Integer.
    Int,
    /// Floating point.
    Float,
    /// Text.
    Text,
    /// Boolean.
    Bool,
    /// Timestamp.
    Timestamp,
    /// UUID (CockroachDB).
    Uuid,
    /// JSON text.
    Json,
}

/// A result or table column.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// Column name.
    pub name: String,
    /// Broad type.
    pub ty: ColType,
}

impl Column {
    /// Shorthand constructor.
    pub fn new(name: &str, ty: ColType) -> Column {
        Column {
            name: name.to_string(),
            ty,
        }
    }
}

/// An in-memory table (or a query result).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// Columns in order.
    pub columns: Vec<Column>,
    /// Rows, each as long as `columns`.
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    /// A table with the given columns and no rows.
    pub fn new(columns: Vec<Column>) -> Table {
        Table {
            columns,
            rows: Vec::new(),
        }
    }

    /// Index of a column by case-insensitive name.
    pub fn col(&self, name: &str) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.name.eq_ignore_ascii_case(name))
    }
}

/// Which server's conventions to follow for result names and types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// Druid SQL (Calcite): unnamed expressions are `EXPR$n`.
    Druid,
    /// CockroachDB: unnamed aggregates are named after the function, others `?column?`.
    Cockroach,
    /// StarRocks: unnamed expressions are named by their text.
    StarRocks,
}

impl Dialect {
    /// The type name this system reports for a broad type.
    pub fn type_name(self, ty: ColType) -> &'static str {
        match (self, ty) {
            (Dialect::Druid, ColType::Int) => "BIGINT",
            (Dialect::Druid, ColType::Float) => "DOUBLE",
            (Dialect::Druid, ColType::Bool) => "BOOLEAN",
            (Dialect::Druid, ColType::Timestamp) => "TIMESTAMP",
            (Dialect::Druid, _) => "VARCHAR",
            (Dialect::Cockroach, ColType::Int) => "INT8",
            (Dialect::Cockroach, ColType::Float) => "FLOAT8",
            (Dialect::Cockroach, ColType::Bool) => "BOOL",
            (Dialect::Cockroach, ColType::Timestamp) => "TIMESTAMPTZ",
            (Dialect::Cockroach, ColType::Uuid) => "UUID",
            (Dialect::Cockroach, ColType::Json) => "JSONB",
            (Dialect::Cockroach, ColType::Text) => "STRING",
            (Dialect::StarRocks, ColType::Int) => "bigint",
            (Dialect::StarRocks, ColType::Float) => "double",
            (Dialect::StarRocks, ColType::Bool) => "boolean",
            (Dialect::StarRocks, ColType::Timestamp) => "datetime",
            (Dialect::StarRocks, ColType::Json) => "json",
            (Dialect::StarRocks, _) => "varchar",
        }
    }
}

/// Why a statement could not be run.
#[derive(Clone, Debug, PartialEq)]
pub enum SqlErrorKind {
    /// The text does not parse.
    Syntax,
    /// A table that does not exist.
    UnknownTable(String),
    /// A column that does not exist.
    UnknownColumn(String),
    /// Valid SQL the simulator does not implement.
    Unsupported,
}

/// An error with a message and the 1-based position it refers to.
#[derive(Clone, Debug, PartialEq)]
pub struct SqlError {
    /// Category.
    pub kind: SqlErrorKind,
    /// Human-readable message.
    pub message: String,
    /// 1-based line of the offending token.
    pub line: usize,
    /// 1-based column of the offending token.
    pub column: usize,
    /// The offending token text ("" at end of input).
    pub near: String,
}

impl SqlError {
    /// An error without a position.
    pub fn new(kind: SqlErrorKind, message: impl Into<String>) -> SqlError {
        SqlError {
            kind,
            message: message.into(),
            line: 1,
            column: 1,
            near: String::new(),
        }
    }
}

/// Parses and runs one `SELECT` against a catalog.
pub fn query(
    sql: &str,
    catalog: &dyn Catalog,
    dialect: Dialect,
    params: &[Value],
) -> Result<Table, SqlError> {
    match parse_statement(sql)? {
        Statement::Select(sel) => execute_select(&sel, catalog, dialect, params),
        Statement::Other { keyword } => Err(SqlError::new(
            SqlErrorKind::Unsupported,
            format!("{keyword} statements are not supported here"),
        )),
    }
}

#[cfg(test)]
mod tests;
