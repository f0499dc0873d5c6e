//! `POST /api/v2/sql/`: runs a few kinds of statements against the in-memory model.
//!
//! Parse problems are a 400 with a top-level `error`; execution problems are a 200 whose failing
//! statement carries an `error` (and so does the top level), as the server does.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::Response;
use serde_json::{json, Map, Value as Json};

use super::auth::CrdbUser;
use super::catalog::CrdbCatalog;
use super::ddl;
use super::state::{CrdbCluster, Database};
use crate::http_util::{header_str, json as json_resp, lock};
use crate::sqlmini::{
    self, lex, ColType, Column, Dialect, SqlError, SqlErrorKind, Table, Tok, Token, Value,
};
use crate::timefmt::rfc3339_nanos;

/// A pgerror-style error as the API renders it.
#[derive(Clone, Debug)]
pub struct PgError {
    message: String,
    code: &'static str,
    function: &'static str,
}

impl PgError {
    /// A new error.
    pub fn new(code: &'static str, message: impl Into<String>, function: &'static str) -> PgError {
        PgError {
            message: message.into(),
            code,
            function,
        }
    }

    fn to_json(&self) -> Json {
        json!({
            "message": self.message,
            "code": self.code,
            "severity": "ERROR",
            "source": {"file": "errors.go", "line": 121, "function": self.function},
        })
    }

    fn wrap(mut self, prefix: &str) -> PgError {
        self.message = format!("{prefix}: {}", self.message);
        self
    }
}

fn from_sql_error(e: SqlError) -> PgError {
    match e.kind {
        SqlErrorKind::UnknownTable(name) => PgError::new(
            "42P01",
            format!("relation \"{name}\" does not exist"),
            "NewUndefinedRelationError",
        ),
        SqlErrorKind::UnknownColumn(name) => PgError::new(
            "42703",
            format!("column \"{name}\" does not exist"),
            "NewUndefinedColumnError",
        ),
        SqlErrorKind::Syntax => syntax_error(&e.near),
        SqlErrorKind::Unsupported
            if e.message
                .starts_with("No match found for function signature") =>
        {
            let name = e
                .message
                .trim_start_matches("No match found for function signature ")
                .split('(')
                .next()
                .unwrap_or("");
            PgError::new(
                "42883",
                format!("unknown function: {}()", name.to_lowercase()),
                "NewUndefinedFunctionError",
            )
        }
        SqlErrorKind::Unsupported => PgError::new(
            "0A000",
            format!("unimplemented: {}", e.message),
            "UnimplementedWithIssue",
        ),
    }
}

/// A 42601 syntax error near a token.
pub fn syntax_error(near: &str) -> PgError {
    let at = if near.is_empty() {
        "at or near \"EOF\"".to_string()
    } else {
        format!("at or near \"{}\"", near.to_lowercase())
    };
    PgError::new("42601", format!("{at}: syntax error"), "NewSyntaxError")
}

const KEYWORDS: [&str; 36] = [
    "SELECT",
    "SHOW",
    "CREATE",
    "DROP",
    "INSERT",
    "UPSERT",
    "UPDATE",
    "DELETE",
    "ALTER",
    "GRANT",
    "REVOKE",
    "SET",
    "EXPLAIN",
    "WITH",
    "BEGIN",
    "COMMIT",
    "ROLLBACK",
    "TRUNCATE",
    "USE",
    "CANCEL",
    "PAUSE",
    "RESUME",
    "IMPORT",
    "BACKUP",
    "RESTORE",
    "VALUES",
    "TABLE",
    "ANALYZE",
    "COMMENT",
    "RESET",
    "PREPARE",
    "EXECUTE",
    "DISCARD",
    "COPY",
    "REFRESH",
    "SAVEPOINT",
];

/// Parse-time checks: known leading keyword, one statement, placeholder count. Returns tokens.
fn parse_check(sql: &str, args: usize, index: usize) -> Result<Vec<Token>, PgError> {
    let wrap = |e: PgError| e.wrap(&format!("parsing statement {index}"));
    let tokens = lex(sql).map_err(|e| wrap(syntax_error(&e.near)))?;
    let first = tokens.first().cloned().unwrap_or(Token {
        tok: Tok::Eof,
        start: 0,
        end: 0,
    });
    let known =
        matches!(&first.tok, Tok::Ident(w) if KEYWORDS.iter().any(|k| w.eq_ignore_ascii_case(k)));
    if !known {
        let near = sql.get(first.start..first.end).unwrap_or_default();
        return Err(wrap(syntax_error(near)));
    }
    let semis: Vec<usize> = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.is_sym(";"))
        .map(|(i, _)| i)
        .collect();
    let statements = semis
        .iter()
        .filter(|&&i| !matches!(tokens.get(i + 1).map(|t| &t.tok), Some(Tok::Eof) | None))
        .count()
        + 1;
    if statements != 1 {
        return Err(wrap(PgError::new(
            "XXUUU",
            format!("expecting 1 statement, found {statements}"),
            "Parse",
        )));
    }
    if first.is_kw("SELECT") {
        if let Err(e) = sqlmini::parse_statement(sql) {
            if e.kind == SqlErrorKind::Syntax {
                return Err(wrap(syntax_error(&e.near)));
            }
        }
    }
    let placeholders = tokens
        .iter()
        .filter_map(|t| {
            if let Tok::Param(n) = t.tok {
                Some(n)
            } else {
                None
            }
        })
        .max()
        .unwrap_or(0);
    if placeholders != args {
        return Err(PgError::new(
            "XXUUU",
            format!(
                "parsing statement {index}: expected {placeholders} placeholder(s), got {args}"
            ),
            "Parse",
        ));
    }
    Ok(tokens)
}

fn top_error(status: StatusCode, e: PgError) -> Response {
    json_resp(status, &json!({"error": e.to_json()}))
}

/// `POST /api/v2/sql/`.
pub async fn exec_sql(
    method: Method,
    headers: HeaderMap,
    CrdbUser { ctx, user, .. }: CrdbUser,
    body: Bytes,
) -> Response {
    if method != Method::POST {
        return top_error(
            StatusCode::METHOD_NOT_ALLOWED,
            PgError::new("XXUUU", "only POST supported", "execSQL"),
        );
    }
    let ct = header_str(&headers, "content-type").unwrap_or("application/octet-stream");
    if ct != "application/octet-stream" && ct != "application/json" {
        return top_error(
            StatusCode::BAD_REQUEST,
            PgError::new(
                "XXUUU",
                format!("expecting content-type json: {ct:?}"),
                "execSQL",
            ),
        );
    }
    let req: Json = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => {
            return top_error(
                StatusCode::BAD_REQUEST,
                PgError::new("XXUUU", e.to_string(), "execSQL"),
            )
        }
    };
    let statements: Vec<(String, Vec<Json>)> = req
        .get("statements")
        .and_then(Json::as_array)
        .map(|a| {
            a.iter()
                .map(|s| {
                    let sql = s
                        .get("sql")
                        .and_then(Json::as_str)
                        .unwrap_or_default()
                        .to_string();
                    let args = s
                        .get("arguments")
                        .and_then(Json::as_array)
                        .cloned()
                        .unwrap_or_default();
                    (sql, args)
                })
                .collect()
        })
        .unwrap_or_default();
    if statements.is_empty() {
        return top_error(
            StatusCode::BAD_REQUEST,
            PgError::new("XXUUU", "no statements specified", "execSQL"),
        );
    }
    let database = req
        .get("database")
        .and_then(Json::as_str)
        .filter(|s| !s.is_empty())
        .unwrap_or("system")
        .to_string();
    let mut parsed = Vec::new();
    for (i, (sql, args)) in statements.iter().enumerate() {
        match parse_check(sql, args.len(), i + 1) {
            Ok(tokens) => parsed.push(tokens),
            Err(e) => return top_error(StatusCode::BAD_REQUEST, e),
        }
    }
    if !req.get("execute").and_then(Json::as_bool).unwrap_or(false) {
        let mut echo = req.clone();
        if let Some(obj) = echo.as_object_mut() {
            obj.insert("database".into(), json!(database));
            obj.entry("timeout").or_insert(json!("5s"));
            obj.entry("max_result_size").or_insert(json!(10000));
            obj.entry("application_name")
                .or_insert(json!("$ api-v2-sql"));
        }
        return json_resp(
            StatusCode::OK,
            &json!({"num_statements": statements.len(), "request": echo}),
        );
    }

    let mut results = Vec::new();
    let mut top: Option<PgError> = None;
    for (i, ((sql, args), tokens)) in statements.iter().zip(&parsed).enumerate() {
        let start_ns = ctx.shared.clock.now_ns();
        let params: Vec<Value> = args.iter().map(Value::from_json).collect();
        let outcome = {
            let mut cluster = lock(&ctx.cluster);
            run_statement(
                &mut cluster,
                &database,
                &user,
                sql,
                tokens,
                &params,
                start_ns,
                ctx.node_id,
            )
        };
        let end_ns = ctx.shared.clock.now_ns().max(start_ns + 112_000);
        let mut r = Map::new();
        r.insert("statement".into(), json!(i + 1));
        match outcome {
            Ok(out) => {
                r.insert("tag".into(), json!(out.tag));
                r.insert("start".into(), json!(rfc3339_nanos(start_ns)));
                r.insert("end".into(), json!(rfc3339_nanos(end_ns)));
                r.insert("rows_affected".into(), json!(out.rows_affected));
                if let Some(t) = out.table {
                    let (cols, rows) = render(&t, &out.decl);
                    r.insert("columns".into(), cols);
                    if !rows.is_empty() {
                        r.insert("rows".into(), Json::Array(rows));
                    }
                }
                results.push(Json::Object(r));
            }
            Err((tag, e)) => {
                let e = e.wrap(&format!("executing stmt {}", i + 1));
                r.insert("tag".into(), json!(tag));
                r.insert("start".into(), json!(rfc3339_nanos(start_ns)));
                r.insert("end".into(), json!(rfc3339_nanos(end_ns)));
                r.insert("rows_affected".into(), json!(0));
                r.insert("error".into(), e.to_json());
                results.push(Json::Object(r));
                top = Some(e);
                break;
            }
        }
    }
    let mut out = Map::new();
    if let Some(e) = top {
        out.insert("error".into(), e.to_json());
    }
    out.insert("num_statements".into(), json!(statements.len()));
    out.insert("execution".into(), json!({"txn_results": results}));
    json_resp(StatusCode::OK, &Json::Object(out))
}

fn oid(sql_type: &str) -> i64 {
    let t = sql_type.to_ascii_uppercase();
    let base = t.split('(').next().unwrap_or("");
    match base {
        "INT8" | "INT" | "BIGINT" | "INTEGER" => 20,
        "INT4" => 23,
        "INT2" | "SMALLINT" => 21,
        "UUID" => 2950,
        "VARCHAR" => 1043,
        "STRING" | "TEXT" | "NAME" => 25,
        "STRING[]" => 1009,
        "TIMESTAMP" => 1114,
        "TIMESTAMPTZ" => 1184,
        "DATE" => 1082,
        "FLOAT8" | "FLOAT" | "DOUBLE" => 701,
        "FLOAT4" | "REAL" => 700,
        "DECIMAL" | "NUMERIC" => 1700,
        "BOOL" | "BOOLEAN" => 16,
        "JSONB" | "JSON" => 3802,
        "BYTES" => 17,
        "OID" => 26,
        _ => 25,
    }
}

fn render(t: &Table, decl: &HashMap<String, String>) -> (Json, Vec<Json>) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let names: Vec<String> = t
        .columns
        .iter()
        .map(|c| {
            let n = seen.entry(c.name.clone()).or_insert(0);
            let name = if *n > 0 {
                format!("{}_{}", c.name, n)
            } else {
                c.name.clone()
            };
            *n += 1;
            name
        })
        .collect();
    let types: Vec<String> = t
        .columns
        .iter()
        .map(|c| {
            decl.get(&c.name.to_lowercase())
                .cloned()
                .unwrap_or_else(|| Dialect::Cockroach.type_name(c.ty).to_string())
        })
        .collect();
    let cols = t
        .columns
        .iter()
        .enumerate()
        .map(|(i, _)| json!({"name": names[i], "type": types[i], "oid": oid(&types[i])}))
        .collect();
    let rows = t
        .rows
        .iter()
        .map(|row| {
            let mut m = Map::new();
            for (i, v) in row.iter().enumerate() {
                let j = match (t.columns[i].ty, v) {
                    (ColType::Json, Value::Str(s)) => {
                        serde_json::from_str(s).unwrap_or(Json::String(s.clone()))
                    }
                    _ => v.to_json(),
                };
                m.insert(names[i].clone(), j);
            }
            Json::Object(m)
        })
        .collect();
    (Json::Array(cols), rows)
}

/// Result of one statement.
pub struct Outcome {
    /// Statement tag.
    pub tag: String,
    /// Rows affected.
    pub rows_affected: usize,
    /// Result set, if the statement returns rows.
    pub table: Option<Table>,
    /// Declared SQL types of result columns.
    pub decl: HashMap<String, String>,
}

impl Outcome {
    /// A statement without rows.
    pub fn ddl(tag: &str) -> Outcome {
        Outcome {
            tag: tag.into(),
            rows_affected: 0,
            table: None,
            decl: HashMap::new(),
        }
    }
}

/// Outcome or `(tag, error)`.
pub type StmtResult = Result<Outcome, (String, PgError)>;

/// Token cursor for the simple DDL/DML grammar.
pub struct Cursor<'a> {
    /// SQL text.
    pub sql: &'a str,
    tokens: &'a [Token],
    pos: usize,
}

impl<'a> Cursor<'a> {
    /// Cursor helper.
    pub fn peek(&self) -> &Token {
        &self.tokens[self.pos.min(self.tokens.len() - 1)]
    }
    /// Cursor helper.
    pub fn next(&mut self) -> Token {
        let t = self.peek().clone();
        if self.pos < self.tokens.len() - 1 {
            self.pos += 1;
        }
        t
    }
    /// Cursor helper.
    pub fn kw(&mut self, k: &str) -> bool {
        if self.peek().is_kw(k) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    /// Cursor helper.
    pub fn sym(&mut self, s: &str) -> bool {
        if self.peek().is_sym(s) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    /// Cursor helper.
    pub fn near(&self) -> String {
        let t = self.peek();
        self.sql.get(t.start..t.end).unwrap_or_default().to_string()
    }
    /// Cursor helper.
    pub fn name(&mut self) -> Result<String, PgError> {
        match self.next().tok {
            Tok::Ident(s) => Ok(s.to_lowercase()),
            Tok::QIdent(s) => Ok(s),
            _ => Err(syntax_error(&self.near())),
        }
    }
    /// Cursor helper.
    pub fn qualified(&mut self) -> Result<Vec<String>, PgError> {
        let mut parts = vec![self.name()?];
        while self.sym(".") {
            parts.push(self.name()?);
        }
        Ok(parts)
    }
    /// Cursor helper.
    pub fn at_end(&self) -> bool {
        matches!(self.peek().tok, Tok::Eof) || self.peek().is_sym(";")
    }
}

/// Fails with 42501 unless `user` is an admin.
pub fn privilege_check(
    cluster: &CrdbCluster,
    user: &str,
    what: &str,
    db: &str,
) -> Result<(), PgError> {
    if cluster.user(user).is_some_and(|u| u.admin) {
        Ok(())
    } else {
        Err(PgError::new(
            "42501",
            format!("user {user} does not have {what} privilege on database {db}"),
            "NewInsufficientPrivilegeOnDescriptorError",
        ))
    }
}

#[allow(clippy::too_many_arguments)]
fn run_statement(
    cluster: &mut CrdbCluster,
    database: &str,
    user: &str,
    sql: &str,
    tokens: &[Token],
    params: &[Value],
    now_ns: i64,
    node_id: i64,
) -> StmtResult {
    let mut cur = Cursor {
        sql,
        tokens,
        pos: 0,
    };
    let first = cur.peek().clone();
    let keyword = match &first.tok {
        Tok::Ident(w) => w.to_ascii_uppercase(),
        _ => String::new(),
    };
    let fail = |tag: &str, e: PgError| Err((tag.to_string(), e));
    match keyword.as_str() {
        "SELECT" => {
            let catalog = CrdbCatalog {
                cluster,
                database,
                now_ms: now_ns / 1_000_000,
            };
            let mut decl = HashMap::new();
            if let Ok(sqlmini::Statement::Select(sel)) = sqlmini::parse_statement(sql) {
                if let Some((_, t)) = sel.from.as_ref().and_then(|f| catalog.resolve(&f.parts)) {
                    for c in &t.columns {
                        decl.insert(c.name.to_lowercase(), c.sql_type.clone());
                    }
                }
            }
            match sqlmini::query(sql, &catalog, Dialect::Cockroach, params) {
                Ok(t) => Ok(Outcome {
                    tag: "SELECT".into(),
                    rows_affected: 0,
                    table: Some(t),
                    decl,
                }),
                Err(e) => fail("SELECT", from_sql_error(e)),
            }
        }
        "SHOW" => {
            cur.next();
            show(cluster, database, &mut cur)
        }
        "SET" | "RESET" => Ok(Outcome::ddl(&keyword)),
        "CREATE" => {
            cur.next();
            if cur.kw("DATABASE") {
                ddl::create_database(cluster, user, &mut cur, now_ns, node_id)
            } else if cur.kw("TABLE") {
                ddl::create_table(cluster, database, user, &mut cur, now_ns, node_id)
            } else if cur.kw("USER") || cur.kw("ROLE") {
                ddl::create_user(cluster, user, &mut cur, now_ns, node_id)
            } else {
                fail(
                    "CREATE",
                    PgError::new(
                        "0A000",
                        "unimplemented: this CREATE statement is not supported by the simulator",
                        "UnimplementedWithIssue",
                    ),
                )
            }
        }
        "DROP" => {
            cur.next();
            if cur.kw("DATABASE") {
                ddl::drop_database(cluster, user, &mut cur, now_ns, node_id)
            } else if cur.kw("TABLE") {
                ddl::drop_table(cluster, database, user, &mut cur, now_ns, node_id)
            } else {
                fail(
                    "DROP",
                    PgError::new(
                        "0A000",
                        "unimplemented: this DROP statement is not supported by the simulator",
                        "UnimplementedWithIssue",
                    ),
                )
            }
        }
        "INSERT" | "UPSERT" => {
            cur.next();
            ddl::insert(cluster, database, user, &mut cur, params, &keyword, now_ns)
        }
        other => fail(
            other,
            PgError::new(
                "0A000",
                format!("unimplemented: {other} statements are not supported by the simulator"),
                "UnimplementedWithIssue",
            ),
        ),
    }
}

fn show(cluster: &CrdbCluster, database: &str, cur: &mut Cursor) -> StmtResult {
    let mk = |tag: &str, cols: Vec<Column>, rows: Vec<Vec<Value>>| {
        Ok(Outcome {
            tag: tag.into(),
            rows_affected: 0,
            table: Some(Table {
                columns: cols,
                rows,
            }),
            decl: HashMap::new(),
        })
    };
    if cur.kw("DATABASES") {
        let mut dbs: Vec<&Database> = cluster.databases.iter().collect();
        dbs.sort_by(|a, b| a.name.cmp(&b.name));
        let rows = dbs
            .iter()
            .map(|d| {
                vec![
                    Value::from(d.name.clone()),
                    Value::from(if d.name == "system" { "node" } else { "root" }),
                    Value::Null,
                    Value::Null,
                    Value::from("{}"),
                    Value::Null,
                ]
            })
            .collect();
        return mk(
            "SHOW DATABASES",
            vec![
                Column::new("database_name", ColType::Text),
                Column::new("owner", ColType::Text),
                Column::new("primary_region", ColType::Text),
                Column::new("secondary_region", ColType::Text),
                Column::new("regions", ColType::Text),
                Column::new("survival_goal", ColType::Text),
            ],
            rows,
        );
    }
    if cur.kw("TABLES") {
        let db = if cur.kw("FROM") {
            cur.qualified()
                .map_err(|e| ("SHOW TABLES".to_string(), e))?
                .remove(0)
        } else {
            database.to_string()
        };
        let Some(d) = cluster.database(&db) else {
            return Err((
                "SHOW TABLES".into(),
                PgError::new(
                    "3D000",
                    "target database or schema does not exist",
                    "NewUndefinedDatabaseError",
                ),
            ));
        };
        let rows = d
            .tables
            .iter()
            .map(|t| {
                vec![
                    Value::from(t.schema.clone()),
                    Value::from(t.name.clone()),
                    Value::from("table"),
                    Value::from("root"),
                    Value::Int(t.rows.len() as i64),
                    Value::Null,
                ]
            })
            .collect();
        return mk(
            "SHOW TABLES",
            vec![
                Column::new("schema_name", ColType::Text),
                Column::new("table_name", ColType::Text),
                Column::new("type", ColType::Text),
                Column::new("owner", ColType::Text),
                Column::new("estimated_row_count", ColType::Int),
                Column::new("locality", ColType::Text),
            ],
            rows,
        );
    }
    if cur.kw("USERS") || cur.kw("ROLES") {
        let rows = cluster
            .users
            .iter()
            .map(|u| {
                vec![
                    Value::from(u.name.clone()),
                    Value::from(if u.name == "admin" { "CREATEROLE" } else { "" }),
                    Value::from(if u.admin && u.name != "admin" {
                        "{admin}"
                    } else {
                        "{}"
                    }),
                ]
            })
            .collect();
        return mk(
            "SHOW USERS",
            vec![
                Column::new("username", ColType::Text),
                Column::new("options", ColType::Text),
                Column::new("member_of", ColType::Text),
            ],
            rows,
        );
    }
    if cur.kw("CLUSTER") && (cur.kw("SETTING") || cur.kw("SETTINGS")) {
        let name = cur.qualified().map(|p| p.join(".")).unwrap_or_default();
        let value = cluster
            .database("system")
            .and_then(|d| d.tables.iter().find(|t| t.name == "settings"))
            .and_then(|t| {
                t.rows
                    .iter()
                    .find(|r| r[0] == Value::from(name.as_str()))
                    .map(|r| r[1].clone())
            });
        return match value {
            Some(v) => mk(
                "SHOW CLUSTER SETTING",
                vec![Column::new(&name, ColType::Text)],
                vec![vec![v]],
            ),
            None => Err((
                "SHOW CLUSTER SETTING".into(),
                PgError::new(
                    "42704",
                    format!("unrecognized configuration parameter \"{name}\""),
                    "NewUndefinedObjectError",
                ),
            )),
        };
    }
    let near = cur.near();
    Err((
        "SHOW".into(),
        PgError::new(
            "0A000",
            format!("unimplemented: SHOW {near} is not supported by the simulator"),
            "UnimplementedWithIssue",
        ),
    ))
}

/// Splits `[db.][schema.]table` into database and table.
pub fn split_table_name(parts: &[String], database: &str) -> (String, String) {
    match parts {
        [t] => (database.to_string(), t.clone()),
        [a, t] if a == "public" => (database.to_string(), t.clone()),
        [a, t] => (a.clone(), t.clone()),
        [a, _, t] => (a.clone(), t.clone()),
        _ => (database.to_string(), String::new()),
    }
}
