//! Evaluation of parsed `SELECT` statements over in-memory tables.

use std::cmp::Ordering;

use super::lexer::position;
use super::parser::{Expr, Select, SelectItem};
use super::{ColType, Column, Dialect, SqlError, SqlErrorKind, Table, Value};
use crate::timefmt::iso_millis;

/// Where tables come from.
pub trait Catalog {
    /// The table named by `parts` (e.g. `["sys", "segments"]`), or `None` if it does not exist.
    fn table(&self, parts: &[String]) -> Option<Table>;
    /// Simulated current time (epoch ms) for `NOW()`/`CURRENT_TIMESTAMP`.
    fn now_ms(&self) -> i64 {
        0
    }
    /// What `version()` returns.
    fn version(&self) -> String {
        "switchboard-sim".into()
    }
}

struct Ctx<'a> {
    table: &'a Table,
    catalog: &'a dyn Catalog,
    params: &'a [Value],
    sql: &'a str,
}

const AGGREGATES: [&str; 8] = [
    "COUNT",
    "SUM",
    "MIN",
    "MAX",
    "AVG",
    "ANY_VALUE",
    "APPROX_COUNT_DISTINCT",
    "EARLIEST",
];

fn is_aggregate(e: &Expr) -> bool {
    match e {
        Expr::Func { name, args, .. } => {
            AGGREGATES.contains(&name.as_str()) || args.iter().any(is_aggregate)
        }
        Expr::Unary(_, a) | Expr::IsNull(a, _) | Expr::Cast(a, _) => is_aggregate(a),
        Expr::Binary(_, a, b) | Expr::Like(a, b, _, _) => is_aggregate(a) || is_aggregate(b),
        Expr::Between(a, b, c, _) => is_aggregate(a) || is_aggregate(b) || is_aggregate(c),
        Expr::InList(a, l, _) => is_aggregate(a) || l.iter().any(is_aggregate),
        Expr::Case {
            operand,
            whens,
            otherwise,
        } => {
            operand.as_deref().is_some_and(is_aggregate)
                || whens
                    .iter()
                    .any(|(w, t)| is_aggregate(w) || is_aggregate(t))
                || otherwise.as_deref().is_some_and(is_aggregate)
        }
        Expr::Column(..) | Expr::Lit(_) | Expr::Param(_) => false,
    }
}

/// Runs a parsed `SELECT`.
pub fn execute_select(
    sel: &Select,
    catalog: &dyn Catalog,
    dialect: Dialect,
    params: &[Value],
) -> Result<Table, SqlError> {
    let table = match &sel.from {
        Some(t) => catalog.table(&t.parts).ok_or_else(|| {
            let (line, column) = position(&sel.sql, t.offset);
            let name = sel
                .sql
                .get(t.offset..t.offset + t.len)
                .unwrap_or_default()
                .to_string();
            SqlError {
                kind: SqlErrorKind::UnknownTable(t.parts.join(".")),
                message: format!("Object '{}' not found", t.parts.join(".")),
                line,
                column,
                near: name,
            }
        })?,
        None => Table {
            columns: vec![],
            rows: vec![vec![]],
        },
    };
    let ctx = Ctx {
        table: &table,
        catalog,
        params,
        sql: &sel.sql,
    };

    let mut kept: Vec<&[Value]> = Vec::new();
    for row in &table.rows {
        let keep = match &sel.filter {
            Some(f) => ctx.eval(f, row)?.truthy(),
            None => true,
        };
        if keep {
            kept.push(row);
        }
    }

    // Output columns.
    let mut columns = Vec::new();
    for (i, item) in sel.items.iter().enumerate() {
        match item {
            SelectItem::Wildcard => columns.extend(table.columns.iter().cloned()),
            SelectItem::Expr { expr, alias, text } => {
                let name = alias
                    .clone()
                    .unwrap_or_else(|| ctx.default_name(expr, text, i, dialect));
                columns.push(Column {
                    name,
                    ty: ctx.infer(expr),
                });
            }
        }
    }

    let grouped = !sel.group_by.is_empty()
        || sel
            .items
            .iter()
            .any(|it| matches!(it, SelectItem::Expr { expr, .. } if is_aggregate(expr)));

    // GROUP BY 1 or GROUP BY alias refer to select items.
    let group_by: Vec<Expr> = sel
        .group_by
        .iter()
        .map(|g| match g {
            Expr::Lit(Value::Int(n)) if *n >= 1 => match sel.items.get(*n as usize - 1) {
                Some(SelectItem::Expr { expr, .. }) => expr.clone(),
                _ => g.clone(),
            },
            Expr::Column(parts, _) if parts.len() == 1 && table.col(&parts[0]).is_none() => sel
                .items
                .iter()
                .find_map(|it| match it {
                    SelectItem::Expr {
                        expr,
                        alias: Some(a),
                        ..
                    } if a.eq_ignore_ascii_case(&parts[0]) => Some(expr.clone()),
                    _ => None,
                })
                .unwrap_or_else(|| g.clone()),
            _ => g.clone(),
        })
        .collect();

    let mut out_rows: Vec<(Vec<Value>, Vec<Value>)> = Vec::new();
    if grouped {
        // Groups in order of first appearance; the index finds a row's group in O(1).
        let mut groups: Vec<(Vec<String>, Vec<&[Value]>)> = Vec::new();
        let mut index: std::collections::HashMap<Vec<String>, usize> =
            std::collections::HashMap::new();
        for row in &kept {
            let key: Vec<String> = group_by
                .iter()
                .map(|g| ctx.eval(g, row).map(|v| v.to_json().to_string()))
                .collect::<Result<_, _>>()?;
            match index.get(&key) {
                Some(&i) => {
                    if let Some((_, rows)) = groups.get_mut(i) {
                        rows.push(row);
                    }
                }
                None => {
                    index.insert(key.clone(), groups.len());
                    groups.push((key, vec![row]));
                }
            }
        }
        if groups.is_empty() && sel.group_by.is_empty() {
            groups.push((vec![], vec![]));
        }
        for (_, rows) in &groups {
            if let Some(h) = &sel.having {
                if !ctx.eval_group(h, rows)?.truthy() {
                    continue;
                }
            }
            let mut out = Vec::new();
            for item in &sel.items {
                match item {
                    SelectItem::Wildcard => match rows.first() {
                        Some(r) => out.extend(r.iter().cloned()),
                        None => out.extend(table.columns.iter().map(|_| Value::Null)),
                    },
                    SelectItem::Expr { expr, .. } => out.push(ctx.eval_group(expr, rows)?),
                }
            }
            let keys = sel
                .order_by
                .iter()
                .map(|(e, _)| {
                    order_value(e, &columns, &out)
                        .map(Ok)
                        .unwrap_or_else(|| ctx.eval_group(e, rows))
                })
                .collect::<Result<Vec<_>, _>>()?;
            out_rows.push((out, keys));
        }
    } else {
        // ORDER BY input columns with a LIMIT: sort the rows by their keys first and project only
        // the rows that can be returned (a page of 200,000 segments projects 50 rows, not all).
        let by_input = sel.limit.is_some()
            && !sel.distinct
            && !sel.order_by.is_empty()
            && sel.order_by.iter().all(|(e, _)| match e {
                Expr::Column(parts, _) if parts.len() == 1 => {
                    let name = &parts[0];
                    table.col(name).is_some()
                        && !sel.items.iter().any(|it| {
                            matches!(it, SelectItem::Expr { alias: Some(a), expr, .. }
                                if a.eq_ignore_ascii_case(name)
                                    && !matches!(expr, Expr::Column(p, _) if p.len() == 1 && p[0].eq_ignore_ascii_case(name)))
                        })
                }
                _ => false,
            });
        if by_input {
            let mut keyed = kept
                .iter()
                .map(|row| {
                    sel.order_by
                        .iter()
                        .map(|(e, _)| ctx.eval(e, row))
                        .collect::<Result<Vec<_>, _>>()
                        .map(|keys| (keys, *row))
                })
                .collect::<Result<Vec<_>, _>>()?;
            keyed.sort_by(|(a, _), (b, _)| compare_keys(&sel.order_by, a, b));
            let wanted = sel
                .offset
                .unwrap_or(0)
                .saturating_add(sel.limit.unwrap_or(0));
            keyed.truncate(usize::try_from(wanted).unwrap_or(usize::MAX));
            kept = keyed.into_iter().map(|(_, row)| row).collect();
        }
        for row in &kept {
            let mut out = Vec::new();
            for item in &sel.items {
                match item {
                    SelectItem::Wildcard => out.extend(row.iter().cloned()),
                    SelectItem::Expr { expr, .. } => out.push(ctx.eval(expr, row)?),
                }
            }
            let keys = sel
                .order_by
                .iter()
                .map(|(e, _)| {
                    order_value(e, &columns, &out)
                        .map(Ok)
                        .unwrap_or_else(|| ctx.eval(e, row))
                })
                .collect::<Result<Vec<_>, _>>()?;
            out_rows.push((out, keys));
        }
    }

    if sel.distinct {
        let mut seen = std::collections::HashSet::new();
        out_rows.retain(|(r, _)| {
            seen.insert(
                r.iter()
                    .map(|v| v.to_json().to_string())
                    .collect::<Vec<_>>()
                    .join("\u{1}"),
            )
        });
    }
    if !sel.order_by.is_empty() {
        out_rows.sort_by(|(_, a), (_, b)| compare_keys(&sel.order_by, a, b));
    }
    let offset = sel.offset.unwrap_or(0) as usize;
    let rows: Vec<Vec<Value>> = out_rows
        .into_iter()
        .skip(offset)
        .take(sel.limit.map(|l| l as usize).unwrap_or(usize::MAX))
        .map(|(r, _)| r)
        .collect();
    // Refine types of computed text columns from the data (e.g. CASE returning numbers).
    for (i, col) in columns.iter_mut().enumerate() {
        if col.ty == ColType::Text {
            if let Some(v) = rows.iter().map(|r| &r[i]).find(|v| **v != Value::Null) {
                col.ty = match v {
                    Value::Int(_) => ColType::Int,
                    Value::Float(_) => ColType::Float,
                    Value::Bool(_) => ColType::Bool,
                    _ => ColType::Text,
                };
            }
        }
    }
    Ok(Table { columns, rows })
}

/// Orders two rows by their ORDER BY keys.
fn compare_keys(order_by: &[(Expr, bool)], a: &[Value], b: &[Value]) -> Ordering {
    for (i, (_, desc)) in order_by.iter().enumerate() {
        let ord = match (a.get(i), b.get(i)) {
            (Some(x), Some(y)) => compare_sort(x, y),
            _ => Ordering::Equal,
        };
        let ord = if *desc { ord.reverse() } else { ord };
        if ord != Ordering::Equal {
            return ord;
        }
    }
    Ordering::Equal
}

fn order_value(e: &Expr, columns: &[Column], out: &[Value]) -> Option<Value> {
    match e {
        Expr::Lit(Value::Int(n)) if *n >= 1 && (*n as usize) <= out.len() => {
            Some(out[*n as usize - 1].clone())
        }
        Expr::Column(parts, _) if parts.len() == 1 => columns
            .iter()
            .position(|c| c.name.eq_ignore_ascii_case(&parts[0]))
            .map(|i| out[i].clone()),
        _ => None,
    }
}

fn compare_sort(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Greater,
        (_, Value::Null) => Ordering::Less,
        _ => compare(a, b).unwrap_or(Ordering::Equal),
    }
}

/// SQL comparison; `None` when either side is NULL.
fn compare(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Null, _) | (_, Value::Null) => None,
        (Value::Str(x), Value::Str(y)) => Some(x.cmp(y)),
        (Value::Str(s), n) | (n, Value::Str(s)) if s.trim().parse::<f64>().is_err() => {
            let ns = n.to_text().unwrap_or_default();
            let ord = if matches!(a, Value::Str(_)) {
                s.as_str().cmp(ns.as_str())
            } else {
                ns.as_str().cmp(s.as_str())
            };
            Some(ord)
        }
        _ => {
            let (x, y) = (a.as_f64()?, b.as_f64()?);
            x.partial_cmp(&y)
        }
    }
}

fn like(text: &str, pattern: &str, ci: bool) -> bool {
    let (t, p): (Vec<char>, Vec<char>) = if ci {
        (
            text.to_lowercase().chars().collect(),
            pattern.to_lowercase().chars().collect(),
        )
    } else {
        (text.chars().collect(), pattern.chars().collect())
    };
    // Iterative wildcard matching with backtracking on the last '%'.
    let (mut ti, mut pi) = (0usize, 0usize);
    let (mut star, mut mark) = (None::<usize>, 0usize);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '_' || p[pi] == t[ti]) {
            ti += 1;
            pi += 1;
        } else if pi < p.len() && p[pi] == '%' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '%' {
        pi += 1;
    }
    pi == p.len()
}

fn arith(op: &str, a: &Value, b: &Value) -> Value {
    if op == "||" {
        return match (a.to_text(), b.to_text()) {
            (Some(x), Some(y)) => Value::Str(x + &y),
            _ => Value::Null,
        };
    }
    match (a, b) {
        (Value::Null, _) | (_, Value::Null) => Value::Null,
        (Value::Int(x), Value::Int(y)) => match op {
            "+" => Value::Int(x.wrapping_add(*y)),
            "-" => Value::Int(x.wrapping_sub(*y)),
            "*" => Value::Int(x.wrapping_mul(*y)),
            "/" => x.checked_div(*y).map(Value::Int).unwrap_or(Value::Null),
            "%" => x.checked_rem(*y).map(Value::Int).unwrap_or(Value::Null),
            _ => Value::Null,
        },
        _ => match (a.as_f64(), b.as_f64()) {
            (Some(x), Some(y)) => match op {
                "+" => Value::Float(x + y),
                "-" => Value::Float(x - y),
                "*" => Value::Float(x * y),
                "/" if y != 0.0 => Value::Float(x / y),
                "%" if y != 0.0 => Value::Float(x % y),
                _ => Value::Null,
            },
            _ => Value::Null,
        },
    }
}

fn cast(v: Value, ty: &str) -> Value {
    if v == Value::Null {
        return v;
    }
    let ty = ty.to_ascii_uppercase();
    if [
        "INT", "INTEGER", "BIGINT", "INT8", "INT4", "SMALLINT", "TINYINT", "LONG",
    ]
    .contains(&ty.as_str())
    {
        v.as_f64()
            .map(|f| Value::Int(f as i64))
            .unwrap_or(Value::Null)
    } else if [
        "FLOAT", "DOUBLE", "REAL", "FLOAT8", "FLOAT4", "DECIMAL", "NUMERIC",
    ]
    .contains(&ty.as_str())
    {
        v.as_f64().map(Value::Float).unwrap_or(Value::Null)
    } else if ["BOOL", "BOOLEAN"].contains(&ty.as_str()) {
        Value::Bool(v.truthy())
    } else {
        v.to_text().map(Value::Str).unwrap_or(Value::Null)
    }
}

impl<'a> Ctx<'a> {
    fn unknown_column(&self, parts: &[String], offset: usize) -> SqlError {
        let (line, column) = position(self.sql, offset);
        let name = parts.last().cloned().unwrap_or_default();
        SqlError {
            kind: SqlErrorKind::UnknownColumn(name.clone()),
            message: format!("Column '{name}' not found in any table"),
            line,
            column,
            near: name,
        }
    }

    fn default_name(&self, e: &Expr, text: &str, index: usize, dialect: Dialect) -> String {
        match (e, dialect) {
            (Expr::Column(parts, _), _) => {
                let last = parts.last().cloned().unwrap_or_default();
                self.table
                    .col(&last)
                    .map(|i| self.table.columns[i].name.clone())
                    .unwrap_or(last)
            }
            (_, Dialect::Druid) => format!("EXPR${index}"),
            (_, Dialect::StarRocks) => text.to_string(),
            (Expr::Func { name, .. }, Dialect::Cockroach) => name.to_ascii_lowercase(),
            (Expr::Cast(inner, _), Dialect::Cockroach) => {
                self.default_name(inner, text, index, dialect)
            }
            (_, Dialect::Cockroach) => "?column?".into(),
        }
    }

    fn infer(&self, e: &Expr) -> ColType {
        match e {
            Expr::Column(parts, _) => parts
                .last()
                .and_then(|n| self.table.col(n))
                .map(|i| self.table.columns[i].ty)
                .unwrap_or(ColType::Text),
            Expr::Lit(Value::Int(_)) => ColType::Int,
            Expr::Lit(Value::Float(_)) => ColType::Float,
            Expr::Lit(Value::Bool(_)) => ColType::Bool,
            Expr::Func { name, args, .. } => match name.as_str() {
                "COUNT" | "APPROX_COUNT_DISTINCT" | "LENGTH" | "CHAR_LENGTH" => ColType::Int,
                "AVG" => ColType::Float,
                "SUM" | "MIN" | "MAX" | "ANY_VALUE" | "ABS" | "COALESCE" | "EARLIEST" => {
                    args.first().map(|a| self.infer(a)).unwrap_or(ColType::Text)
                }
                "NOW" | "CURRENT_TIMESTAMP" => ColType::Timestamp,
                _ => ColType::Text,
            },
            Expr::Binary(op, a, b) => match op.as_str() {
                "+" | "-" | "*" | "/" | "%" => {
                    if self.infer(a) == ColType::Int && self.infer(b) == ColType::Int {
                        ColType::Int
                    } else {
                        ColType::Float
                    }
                }
                "||" => ColType::Text,
                _ => ColType::Bool,
            },
            Expr::Unary("-", a) => self.infer(a),
            Expr::Unary(_, _)
            | Expr::InList(..)
            | Expr::Between(..)
            | Expr::Like(..)
            | Expr::IsNull(..) => ColType::Bool,
            Expr::Cast(_, ty) => match cast(Value::Int(1), ty) {
                Value::Int(_) => ColType::Int,
                Value::Float(_) => ColType::Float,
                Value::Bool(_) => ColType::Bool,
                _ => ColType::Text,
            },
            Expr::Case { whens, .. } => whens
                .first()
                .map(|(_, t)| self.infer(t))
                .unwrap_or(ColType::Text),
            _ => ColType::Text,
        }
    }

    fn eval(&self, e: &Expr, row: &[Value]) -> Result<Value, SqlError> {
        Ok(match e {
            Expr::Column(parts, offset) => {
                let name = parts.last().map(String::as_str).unwrap_or_default();
                match self.table.col(name) {
                    Some(i) => row.get(i).cloned().unwrap_or(Value::Null),
                    None => return Err(self.unknown_column(parts, *offset)),
                }
            }
            Expr::Lit(v) => v.clone(),
            Expr::Param(n) => self
                .params
                .get(n.saturating_sub(1))
                .cloned()
                .unwrap_or(Value::Null),
            Expr::Unary(op, a) => {
                let v = self.eval(a, row)?;
                match *op {
                    "NOT" if v == Value::Null => Value::Null,
                    "NOT" => Value::Bool(!v.truthy()),
                    _ => arith("-", &Value::Int(0), &v),
                }
            }
            Expr::Binary(op, a, b) => {
                let x = self.eval(a, row)?;
                match op.as_str() {
                    "AND" => {
                        if x != Value::Null && !x.truthy() {
                            return Ok(Value::Bool(false));
                        }
                        let y = self.eval(b, row)?;
                        if y != Value::Null && !y.truthy() {
                            Value::Bool(false)
                        } else if x == Value::Null || y == Value::Null {
                            Value::Null
                        } else {
                            Value::Bool(true)
                        }
                    }
                    "OR" => {
                        if x.truthy() {
                            return Ok(Value::Bool(true));
                        }
                        let y = self.eval(b, row)?;
                        if y.truthy() {
                            Value::Bool(true)
                        } else if x == Value::Null || y == Value::Null {
                            Value::Null
                        } else {
                            Value::Bool(false)
                        }
                    }
                    _ => {
                        let y = self.eval(b, row)?;
                        binary(op, &x, &y)
                    }
                }
            }
            Expr::Func { name, args, .. } => {
                let vals = args
                    .iter()
                    .map(|a| self.eval(a, row))
                    .collect::<Result<Vec<_>, _>>()?;
                self.scalar(name, &vals)?
            }
            Expr::Case {
                operand,
                whens,
                otherwise,
            } => {
                let op = match operand {
                    Some(o) => Some(self.eval(o, row)?),
                    None => None,
                };
                for (w, t) in whens {
                    let wv = self.eval(w, row)?;
                    let hit = match &op {
                        Some(o) => compare(o, &wv) == Some(Ordering::Equal),
                        None => wv.truthy(),
                    };
                    if hit {
                        return self.eval(t, row);
                    }
                }
                match otherwise {
                    Some(o) => self.eval(o, row)?,
                    None => Value::Null,
                }
            }
            Expr::InList(a, list, not) => {
                let v = self.eval(a, row)?;
                if v == Value::Null {
                    return Ok(Value::Null);
                }
                let mut found = false;
                for item in list {
                    if compare(&v, &self.eval(item, row)?) == Some(Ordering::Equal) {
                        found = true;
                        break;
                    }
                }
                Value::Bool(found != *not)
            }
            Expr::Between(a, lo, hi, not) => {
                let v = self.eval(a, row)?;
                let (l, h) = (self.eval(lo, row)?, self.eval(hi, row)?);
                match (compare(&v, &l), compare(&v, &h)) {
                    (Some(x), Some(y)) => {
                        Value::Bool((x != Ordering::Less && y != Ordering::Greater) != *not)
                    }
                    _ => Value::Null,
                }
            }
            Expr::Like(a, p, not, ci) => {
                match (self.eval(a, row)?.to_text(), self.eval(p, row)?.to_text()) {
                    (Some(t), Some(p)) => Value::Bool(like(&t, &p, *ci) != *not),
                    _ => Value::Null,
                }
            }
            Expr::IsNull(a, not) => Value::Bool((self.eval(a, row)? == Value::Null) != *not),
            Expr::Cast(a, ty) => cast(self.eval(a, row)?, ty),
        })
    }

    fn scalar(&self, name: &str, v: &[Value]) -> Result<Value, SqlError> {
        let first = v.first().cloned().unwrap_or(Value::Null);
        let text = |x: &Value| x.to_text();
        Ok(match name {
            "UPPER" | "UCASE" => text(&first)
                .map(|s| Value::Str(s.to_uppercase()))
                .unwrap_or(Value::Null),
            "LOWER" | "LCASE" => text(&first)
                .map(|s| Value::Str(s.to_lowercase()))
                .unwrap_or(Value::Null),
            "LENGTH" | "CHAR_LENGTH" | "CHARACTER_LENGTH" => text(&first)
                .map(|s| Value::Int(s.chars().count() as i64))
                .unwrap_or(Value::Null),
            "COALESCE" | "IFNULL" | "NVL" => v
                .iter()
                .find(|x| **x != Value::Null)
                .cloned()
                .unwrap_or(Value::Null),
            "ABS" => match first {
                Value::Int(i) => Value::Int(i.abs()),
                other => other
                    .as_f64()
                    .map(|f| Value::Float(f.abs()))
                    .unwrap_or(Value::Null),
            },
            "ROUND" => {
                let digits = v.get(1).and_then(Value::as_f64).unwrap_or(0.0) as i32;
                match first {
                    Value::Int(i) => Value::Int(i),
                    other => other
                        .as_f64()
                        .map(|f| {
                            let m = 10f64.powi(digits);
                            Value::Float((f * m).round() / m)
                        })
                        .unwrap_or(Value::Null),
                }
            }
            "FLOOR" => first
                .as_f64()
                .map(|f| Value::Int(f.floor() as i64))
                .unwrap_or(Value::Null),
            "CEIL" | "CEILING" => first
                .as_f64()
                .map(|f| Value::Int(f.ceil() as i64))
                .unwrap_or(Value::Null),
            "CONCAT" => Value::Str(v.iter().filter_map(text).collect()),
            "SUBSTRING" | "SUBSTR" => match text(&first) {
                Some(s) => {
                    let start =
                        v.get(1).and_then(Value::as_f64).unwrap_or(1.0).max(1.0) as usize - 1;
                    let len = v
                        .get(2)
                        .and_then(Value::as_f64)
                        .map(|l| l.max(0.0) as usize)
                        .unwrap_or(usize::MAX);
                    Value::Str(s.chars().skip(start).take(len).collect())
                }
                None => Value::Null,
            },
            "VERSION" => Value::Str(self.catalog.version()),
            "NOW" | "CURRENT_TIMESTAMP" | "LOCALTIMESTAMP" => {
                Value::Str(iso_millis(self.catalog.now_ms()))
            }
            "CURRENT_DATE" => Value::Str(iso_millis(self.catalog.now_ms())[..10].to_string()),
            "DATABASE" | "CURRENT_DATABASE" => Value::Str("defaultdb".into()),
            "CURRENT_USER" | "USER" => Value::Str("root".into()),
            _ if AGGREGATES.contains(&name) => {
                return Err(SqlError::new(
                    SqlErrorKind::Unsupported,
                    format!("aggregate {name} used outside of a group"),
                ))
            }
            _ => {
                return Err(SqlError::new(
                    SqlErrorKind::Unsupported,
                    format!(
                        "No match found for function signature {name}(<{}>)",
                        v.len()
                    ),
                ))
            }
        })
    }

    fn eval_group(&self, e: &Expr, rows: &[&[Value]]) -> Result<Value, SqlError> {
        if !is_aggregate(e) {
            return match rows.first() {
                Some(r) => self.eval(e, r),
                None => self.eval(e, &vec![Value::Null; self.table.columns.len()]),
            };
        }
        match e {
            Expr::Func {
                name,
                args,
                star,
                distinct,
            } if AGGREGATES.contains(&name.as_str()) => {
                let mut vals = Vec::with_capacity(rows.len());
                for r in rows {
                    let v = if *star {
                        Value::Int(1)
                    } else {
                        args.first()
                            .map(|a| self.eval(a, r))
                            .transpose()?
                            .unwrap_or(Value::Null)
                    };
                    if v != Value::Null {
                        vals.push(v);
                    }
                }
                if *distinct || name == "APPROX_COUNT_DISTINCT" {
                    let mut seen = std::collections::HashSet::new();
                    vals.retain(|v| seen.insert(v.to_json().to_string()));
                }
                Ok(match name.as_str() {
                    "COUNT" | "APPROX_COUNT_DISTINCT" => Value::Int(vals.len() as i64),
                    "SUM" => {
                        if vals.is_empty() {
                            Value::Null
                        } else if vals.iter().all(|v| matches!(v, Value::Int(_))) {
                            Value::Int(vals.iter().fold(0i64, |acc, v| {
                                if let Value::Int(i) = v {
                                    acc.wrapping_add(*i)
                                } else {
                                    acc
                                }
                            }))
                        } else {
                            Value::Float(vals.iter().filter_map(Value::as_f64).sum())
                        }
                    }
                    "AVG" => {
                        let nums: Vec<f64> = vals.iter().filter_map(Value::as_f64).collect();
                        if nums.is_empty() {
                            Value::Null
                        } else {
                            Value::Float(nums.iter().sum::<f64>() / nums.len() as f64)
                        }
                    }
                    "MIN" => vals.into_iter().min_by(compare_sort).unwrap_or(Value::Null),
                    "MAX" => vals.into_iter().max_by(compare_sort).unwrap_or(Value::Null),
                    _ => vals.into_iter().next().unwrap_or(Value::Null),
                })
            }
            Expr::Func { name, args, .. } => {
                let vals = args
                    .iter()
                    .map(|a| self.eval_group(a, rows))
                    .collect::<Result<Vec<_>, _>>()?;
                self.scalar(name, &vals)
            }
            Expr::Binary(op, a, b) => {
                let (x, y) = (self.eval_group(a, rows)?, self.eval_group(b, rows)?);
                Ok(match op.as_str() {
                    "AND" => Value::Bool(x.truthy() && y.truthy()),
                    "OR" => Value::Bool(x.truthy() || y.truthy()),
                    _ => binary(op, &x, &y),
                })
            }
            Expr::Unary(op, a) => {
                let v = self.eval_group(a, rows)?;
                Ok(if *op == "NOT" {
                    Value::Bool(!v.truthy())
                } else {
                    arith("-", &Value::Int(0), &v)
                })
            }
            Expr::Cast(a, ty) => Ok(cast(self.eval_group(a, rows)?, ty)),
            Expr::IsNull(a, not) => Ok(Value::Bool(
                (self.eval_group(a, rows)? == Value::Null) != *not,
            )),
            _ => Err(SqlError::new(
                SqlErrorKind::Unsupported,
                "this aggregate expression is not supported",
            )),
        }
    }
}

fn binary(op: &str, x: &Value, y: &Value) -> Value {
    let cmp = compare(x, y);
    match op {
        "=" => cmp
            .map(|o| Value::Bool(o == Ordering::Equal))
            .unwrap_or(Value::Null),
        "<>" => cmp
            .map(|o| Value::Bool(o != Ordering::Equal))
            .unwrap_or(Value::Null),
        "<" => cmp
            .map(|o| Value::Bool(o == Ordering::Less))
            .unwrap_or(Value::Null),
        "<=" => cmp
            .map(|o| Value::Bool(o != Ordering::Greater))
            .unwrap_or(Value::Null),
        ">" => cmp
            .map(|o| Value::Bool(o == Ordering::Greater))
            .unwrap_or(Value::Null),
        ">=" => cmp
            .map(|o| Value::Bool(o != Ordering::Less))
            .unwrap_or(Value::Null),
        _ => arith(op, x, y),
    }
}
