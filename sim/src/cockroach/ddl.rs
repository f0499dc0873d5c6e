//! DDL and DML for the SQL endpoint: CREATE/DROP DATABASE and TABLE, CREATE USER, INSERT.

use serde_json::json;

use super::sql::{
    privilege_check, split_table_name, syntax_error, Cursor, Outcome, PgError, StmtResult,
};
use super::state::{table_key, CrdbCluster, CrdbTable, Database, Range, TableColumn};
use crate::sqlmini::{ColType, Tok, Value};
use crate::timefmt::rfc3339_nanos;

fn col_type(sql_type: &str) -> ColType {
    let t = sql_type.to_ascii_uppercase();
    match t.split('(').next().unwrap_or("") {
        "INT" | "INT8" | "INT4" | "INT2" | "BIGINT" | "INTEGER" | "SMALLINT" | "SERIAL" | "OID" => {
            ColType::Int
        }
        "FLOAT" | "FLOAT8" | "FLOAT4" | "REAL" | "DOUBLE" | "DECIMAL" | "NUMERIC" => ColType::Float,
        "BOOL" | "BOOLEAN" => ColType::Bool,
        "TIMESTAMP" | "TIMESTAMPTZ" | "DATE" => ColType::Timestamp,
        "UUID" => ColType::Uuid,
        "JSON" | "JSONB" => ColType::Json,
        _ => ColType::Text,
    }
}

fn if_not_exists(cur: &mut Cursor) -> bool {
    if cur.peek().is_kw("IF") {
        cur.next();
        cur.kw("NOT");
        cur.kw("EXISTS");
        true
    } else {
        false
    }
}

fn if_exists(cur: &mut Cursor) -> bool {
    if cur.peek().is_kw("IF") {
        cur.next();
        cur.kw("EXISTS");
        true
    } else {
        false
    }
}

pub fn create_database(
    cluster: &mut CrdbCluster,
    user: &str,
    cur: &mut Cursor,
    now_ns: i64,
    node: i64,
) -> StmtResult {
    let tag = "CREATE DATABASE";
    let tolerant = if_not_exists(cur);
    let name = cur.name().map_err(|e| (tag.to_string(), e))?;
    privilege_check(cluster, user, "CREATEDB", &name).map_err(|e| (tag.to_string(), e))?;
    if cluster.database(&name).is_some() {
        return if tolerant {
            Ok(Outcome::ddl(tag))
        } else {
            Err((
                tag.into(),
                PgError::new(
                    "42P04",
                    format!("database \"{name}\" already exists"),
                    "NewDatabaseAlreadyExistsError",
                ),
            ))
        };
    }
    let id = cluster.next_descriptor;
    cluster.next_descriptor += 3;
    cluster.databases.push(Database {
        name: name.clone(),
        id,
        tables: vec![],
        grants: vec![
            ("admin".into(), vec!["ALL".into()]),
            ("root".into(), vec!["ALL".into()]),
            (user.to_string(), vec!["ALL".into()]),
        ],
    });
    cluster.log_event(now_ns, "create_database", id, node, json!({"EventType": "create_database", "Statement": format!("CREATE DATABASE {name}"), "Tag": tag, "User": user, "DescriptorID": id, "DatabaseName": name}));
    Ok(Outcome::ddl(tag))
}

pub fn drop_database(
    cluster: &mut CrdbCluster,
    user: &str,
    cur: &mut Cursor,
    now_ns: i64,
    node: i64,
) -> StmtResult {
    let tag = "DROP DATABASE";
    let tolerant = if_exists(cur);
    let name = cur.name().map_err(|e| (tag.to_string(), e))?;
    privilege_check(cluster, user, "DROP", &name).map_err(|e| (tag.to_string(), e))?;
    if name == "system" {
        return Err((
            tag.into(),
            PgError::new(
                "42501",
                "user root does not have DROP privilege on database system",
                "NewInsufficientPrivilegeOnDescriptorError",
            ),
        ));
    }
    let Some(pos) = cluster
        .databases
        .iter()
        .position(|d| d.name.eq_ignore_ascii_case(&name))
    else {
        return if tolerant {
            Ok(Outcome::ddl(tag))
        } else {
            Err((
                tag.into(),
                PgError::new(
                    "3D000",
                    format!("database \"{name}\" does not exist"),
                    "NewUndefinedDatabaseError",
                ),
            ))
        };
    };
    let db = cluster.databases.remove(pos);
    cluster.ranges.retain(|r| r.database != db.name);
    cluster.log_event(now_ns, "drop_database", db.id, node, json!({"EventType": "drop_database", "Statement": format!("DROP DATABASE {name}"), "Tag": tag, "User": user, "DescriptorID": db.id, "DatabaseName": name}));
    Ok(Outcome::ddl(tag))
}

pub fn create_table(
    cluster: &mut CrdbCluster,
    database: &str,
    user: &str,
    cur: &mut Cursor,
    now_ns: i64,
    node: i64,
) -> StmtResult {
    let tag = "CREATE TABLE";
    let err = |e: PgError| (tag.to_string(), e);
    let tolerant = if_not_exists(cur);
    let parts = cur.qualified().map_err(err)?;
    let (db, name) = split_table_name(&parts, database);
    privilege_check(cluster, user, "CREATE", &db).map_err(err)?;
    if !cur.sym("(") {
        return Err(err(syntax_error(&cur.near())));
    }
    let mut columns: Vec<TableColumn> = Vec::new();
    loop {
        if cur.peek().is_kw("CONSTRAINT")
            || cur.peek().is_kw("PRIMARY")
            || cur.peek().is_kw("INDEX")
            || cur.peek().is_kw("UNIQUE")
            || cur.peek().is_kw("FOREIGN")
            || cur.peek().is_kw("CHECK")
            || cur.peek().is_kw("FAMILY")
        {
            let mut depth = 0;
            loop {
                if cur.at_end() {
                    break;
                }
                if cur.peek().is_sym("(") {
                    depth += 1;
                } else if cur.peek().is_sym(")") {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                } else if cur.peek().is_sym(",") && depth == 0 {
                    break;
                }
                cur.next();
            }
        } else {
            let cname = cur.name().map_err(err)?;
            let mut sql_type = cur.name().map_err(err)?.to_uppercase();
            if cur.sym("(") {
                let mut inner = String::new();
                while !cur.sym(")") {
                    if cur.at_end() {
                        return Err(err(syntax_error("")));
                    }
                    let t = cur.next();
                    inner.push_str(cur.sql.get(t.start..t.end).unwrap_or_default());
                }
                sql_type = format!("{sql_type}({inner})");
            }
            let mut nullable = true;
            let mut default = None;
            let mut depth = 0;
            loop {
                if cur.at_end() {
                    break;
                }
                if depth == 0 && (cur.peek().is_sym(",") || cur.peek().is_sym(")")) {
                    break;
                }
                if cur.peek().is_kw("NOT") || cur.peek().is_kw("PRIMARY") {
                    nullable = false;
                } else if cur.peek().is_kw("DEFAULT") {
                    cur.next();
                    let t = cur.peek().clone();
                    default = cur.sql.get(t.start..t.end).map(str::to_string);
                    continue;
                } else if cur.peek().is_sym("(") {
                    depth += 1;
                } else if cur.peek().is_sym(")") {
                    depth -= 1;
                }
                cur.next();
            }
            columns.push(TableColumn {
                name: cname,
                ty: col_type(&sql_type),
                sql_type,
                nullable,
                default,
            });
        }
        if cur.sym(",") {
            continue;
        }
        if cur.sym(")") {
            break;
        }
        return Err(err(syntax_error(&cur.near())));
    }
    let id = cluster.next_descriptor;
    let next_range = cluster.ranges.iter().map(|r| r.id).max().unwrap_or(0) + 1;
    let Some(d) = cluster
        .databases
        .iter_mut()
        .find(|d| d.name.eq_ignore_ascii_case(&db))
    else {
        return Err(err(PgError::new(
            "3D000",
            format!("database \"{db}\" does not exist"),
            "NewUndefinedDatabaseError",
        )));
    };
    if d.tables.iter().any(|t| t.name.eq_ignore_ascii_case(&name)) {
        return if tolerant {
            Ok(Outcome::ddl(tag))
        } else {
            Err(err(PgError::new(
                "42P07",
                format!("relation \"{db}.public.{name}\" already exists"),
                "NewRelationAlreadyExistsError",
            )))
        };
    }
    let db_name = d.name.clone();
    d.tables.push(CrdbTable {
        schema: "public".into(),
        name: name.clone(),
        id,
        columns,
        rows: vec![],
        indexes: vec![],
    });
    d.tables.sort_by(|a, b| a.name.cmp(&b.name));
    cluster.next_descriptor += 1;
    let mut end = table_key(id);
    end.push(0xff);
    cluster.ranges.push(Range {
        id: next_range,
        start_key: table_key(id),
        end_key: end,
        start_pretty: format!("/Table/{id}"),
        end_pretty: format!("/Table/{}", id + 1),
        replicas: vec![1, 2, 3],
        leaseholder: node,
        database: db_name.clone(),
        table: name.clone(),
        index: format!("{name}_pkey"),
        qps: 1.0,
        lease_start_ns: now_ns,
    });
    cluster.log_event(now_ns, "create_table", id, node, json!({"EventType": "create_table", "Statement": sql_snippet(cur), "Tag": tag, "User": user, "DescriptorID": id, "TableName": format!("{db_name}.public.{name}")}));
    Ok(Outcome::ddl(tag))
}

fn sql_snippet(cur: &Cursor) -> String {
    cur.sql.chars().take(200).collect()
}

pub fn drop_table(
    cluster: &mut CrdbCluster,
    database: &str,
    user: &str,
    cur: &mut Cursor,
    now_ns: i64,
    node: i64,
) -> StmtResult {
    let tag = "DROP TABLE";
    let err = |e: PgError| (tag.to_string(), e);
    let tolerant = if_exists(cur);
    let parts = cur.qualified().map_err(err)?;
    let (db, name) = split_table_name(&parts, database);
    privilege_check(cluster, user, "DROP", &db).map_err(err)?;
    let removed = cluster
        .databases
        .iter_mut()
        .find(|d| d.name.eq_ignore_ascii_case(&db))
        .and_then(|d| {
            let pos = d
                .tables
                .iter()
                .position(|t| t.name.eq_ignore_ascii_case(&name))?;
            Some(d.tables.remove(pos))
        });
    match removed {
        Some(t) => {
            cluster
                .ranges
                .retain(|r| !(r.database == db && r.table == t.name));
            cluster.log_event(now_ns, "drop_table", t.id, node, json!({"EventType": "drop_table", "Statement": sql_snippet(cur), "Tag": tag, "User": user, "DescriptorID": t.id, "TableName": format!("{db}.public.{name}")}));
            Ok(Outcome::ddl(tag))
        }
        None if tolerant => Ok(Outcome::ddl(tag)),
        None => Err(err(PgError::new(
            "42P01",
            format!("relation \"{}\" does not exist", parts.join(".")),
            "NewUndefinedRelationError",
        ))),
    }
}

pub fn create_user(
    cluster: &mut CrdbCluster,
    user: &str,
    cur: &mut Cursor,
    now_ns: i64,
    node: i64,
) -> StmtResult {
    let tag = "CREATE ROLE";
    let err = |e: PgError| (tag.to_string(), e);
    let tolerant = if_not_exists(cur);
    let name = cur.name().map_err(err)?;
    privilege_check(cluster, user, "CREATEROLE", "system").map_err(err)?;
    let mut password = None;
    while !cur.at_end() {
        if cur.kw("PASSWORD") {
            if let Tok::Str(p) = cur.next().tok {
                password = Some(p);
            }
        } else {
            cur.next();
        }
    }
    if cluster.user(&name).is_some() {
        return if tolerant {
            Ok(Outcome::ddl(tag))
        } else {
            Err(err(PgError::new(
                "42710",
                format!("a role/user named {name} already exists"),
                "NewDuplicateObjectError",
            )))
        };
    }
    cluster.users.push(super::state::User {
        name: name.clone(),
        password,
        admin: false,
    });
    cluster.log_event(now_ns, "create_role", 0, node, json!({"EventType": "create_role", "Statement": format!("CREATE USER {name}"), "Tag": tag, "User": user, "RoleName": name}));
    Ok(Outcome::ddl(tag))
}

fn literal(
    cur: &mut Cursor,
    params: &[Value],
    rng_uuid: &mut dyn FnMut() -> String,
    now_ns: i64,
) -> Result<Value, PgError> {
    let neg = cur.sym("-");
    let t = cur.next();
    let v = match t.tok {
        Tok::Num(n) => n
            .parse::<i64>()
            .map(Value::Int)
            .or_else(|_| n.parse::<f64>().map(Value::Float))
            .map_err(|_| syntax_error(&n))?,
        Tok::Str(s) => Value::Str(s),
        Tok::Param(n) => params
            .get(n.saturating_sub(1))
            .cloned()
            .unwrap_or(Value::Null),
        Tok::Ident(w) if w.eq_ignore_ascii_case("NULL") => Value::Null,
        Tok::Ident(w) if w.eq_ignore_ascii_case("TRUE") => Value::Bool(true),
        Tok::Ident(w) if w.eq_ignore_ascii_case("FALSE") => Value::Bool(false),
        Tok::Ident(w) if cur.peek().is_sym("(") => {
            cur.next();
            while !cur.sym(")") {
                if cur.at_end() {
                    return Err(syntax_error(""));
                }
                cur.next();
            }
            match w.to_lowercase().as_str() {
                "gen_random_uuid" | "uuid_v4" => Value::Str(rng_uuid()),
                "now" | "current_timestamp" => Value::Str(rfc3339_nanos(now_ns)),
                other => {
                    return Err(PgError::new(
                        "42883",
                        format!("unknown function: {other}()"),
                        "NewUndefinedFunctionError",
                    ))
                }
            }
        }
        _ => {
            return Err(syntax_error(
                cur.sql.get(t.start..t.end).unwrap_or_default(),
            ))
        }
    };
    let v = if neg {
        match v {
            Value::Int(i) => Value::Int(i.wrapping_neg()),
            Value::Float(f) => Value::Float(-f),
            other => other,
        }
    } else {
        v
    };
    while cur.sym("::") {
        cur.name()?;
    }
    Ok(v)
}

pub fn insert(
    cluster: &mut CrdbCluster,
    database: &str,
    user: &str,
    cur: &mut Cursor,
    params: &[Value],
    keyword: &str,
    now_ns: i64,
) -> StmtResult {
    let tag = keyword.to_string();
    let err = |e: PgError| (tag.clone(), e);
    if !cur.kw("INTO") {
        return Err(err(syntax_error(&cur.near())));
    }
    let parts = cur.qualified().map_err(err)?;
    let (db, name) = split_table_name(&parts, database);
    privilege_check(cluster, user, "INSERT", &db).map_err(err)?;
    let mut named: Option<Vec<String>> = None;
    if cur.sym("(") {
        let mut cols = Vec::new();
        loop {
            cols.push(cur.name().map_err(err)?);
            if cur.sym(")") {
                break;
            }
            if !cur.sym(",") {
                return Err(err(syntax_error(&cur.near())));
            }
        }
        named = Some(cols);
    }
    if !cur.kw("VALUES") {
        return Err(err(PgError::new(
            "0A000",
            "unimplemented: only INSERT ... VALUES is supported by the simulator",
            "UnimplementedWithIssue",
        )));
    }
    let mut rows_in: Vec<Vec<Value>> = Vec::new();
    {
        let rng = &mut cluster.rng;
        let mut gen = || rng.uuid();
        loop {
            if !cur.sym("(") {
                return Err(err(syntax_error(&cur.near())));
            }
            let mut row = Vec::new();
            loop {
                row.push(literal(cur, params, &mut gen, now_ns).map_err(err)?);
                if cur.sym(")") {
                    break;
                }
                if !cur.sym(",") {
                    return Err(err(syntax_error(&cur.near())));
                }
            }
            rows_in.push(row);
            if !cur.sym(",") {
                break;
            }
        }
    }
    let table = cluster
        .databases
        .iter_mut()
        .find(|d| d.name.eq_ignore_ascii_case(&db))
        .and_then(|d| {
            d.tables
                .iter_mut()
                .find(|t| t.name.eq_ignore_ascii_case(&name))
        });
    let Some(table) = table else {
        return Err(err(PgError::new(
            "42P01",
            format!("relation \"{}\" does not exist", parts.join(".")),
            "NewUndefinedRelationError",
        )));
    };
    let targets: Vec<usize> = match &named {
        Some(cols) => {
            let mut idx = Vec::new();
            for c in cols {
                match table
                    .columns
                    .iter()
                    .position(|tc| tc.name.eq_ignore_ascii_case(c))
                {
                    Some(i) => idx.push(i),
                    None => {
                        return Err(err(PgError::new(
                            "42703",
                            format!("column \"{c}\" does not exist"),
                            "NewUndefinedColumnError",
                        )))
                    }
                }
            }
            idx
        }
        None => (0..table.columns.len()).collect(),
    };
    let mut new_rows = Vec::new();
    for row in rows_in {
        if row.len() != targets.len() {
            return Err(err(PgError::new(
                "42601",
                format!("INSERT has more expressions than target columns, {} expressions for {} targets", row.len(), targets.len()),
                "NewSyntaxError",
            )));
        }
        let mut full = vec![Value::Null; table.columns.len()];
        for (v, &i) in row.into_iter().zip(&targets) {
            full[i] = v;
        }
        for (i, c) in table.columns.iter().enumerate() {
            if full[i] == Value::Null && !c.nullable {
                return Err(err(PgError::new(
                    "23502",
                    format!(
                        "null value in column \"{}\" violates not-null constraint",
                        c.name
                    ),
                    "NewNotNullViolationError",
                )));
            }
        }
        new_rows.push(full);
    }
    let n = new_rows.len();
    table.rows.extend(new_rows);
    Ok(Outcome {
        tag,
        rows_affected: n,
        table: None,
        decl: Default::default(),
    })
}
