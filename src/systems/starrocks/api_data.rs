//! One function per endpoint of databases, tables and loads (FE, and the BE that keeps a load's
//! error log). Every answer goes through [`decode`], so a failure sent with HTTP 200 is an error;
//! stream load and transaction answers are read by their own `Status` ([`LoadResult`]).

use super::api::{self, FE};
use super::model::{decode, excerpt, Answer, Failure, ProcTable};
use super::model_data::{parse_sql_ndjson, LoadForm, LoadResult, SqlResult};
use crate::cluster::Cluster;
use crate::net::{cluster_request, ApiRequest, FetchError, NetError};
use crate::url_state::{encode, encode_segment};
use serde_json::Value;

/// The error of `req` whose answer StarRocks reported as a failure.
fn failure(req: &ApiRequest, f: Failure) -> FetchError {
    api::failure(&req.method, &req.url, f)
}

/// Sends `req` and decodes the answer (any method), failures sent with HTTP 200 included.
pub async fn call(req: ApiRequest) -> Result<(Answer, String), FetchError> {
    api::send(req).await
}

/// A decode error of `req` for an answer that is not what was expected.
fn not_expected(req: &ApiRequest, message: String, body: &str) -> FetchError {
    FetchError {
        method: req.method.clone(),
        url: req.url.clone(),
        error: NetError::Decode {
            path: ".".into(),
            message,
            content_type: String::new(),
            excerpt: excerpt(body),
        },
    }
}

/// JSON data of a request (text becomes a JSON string).
async fn json_of(req: ApiRequest) -> Result<Value, FetchError> {
    Ok(match call(req).await? {
        (Answer::Json(v), _) => v,
        (Answer::Text(t), _) => Value::String(t),
    })
}

fn fe(c: &Cluster, method: &str, path: &str) -> ApiRequest {
    cluster_request(c, method, FE, path).timeout(20_000)
}

fn table_path(db: &str, table: &str, what: &str) -> String {
    format!("/api/{}/{}/{what}", encode_segment(db), encode_segment(table))
}

/// `GET /api/show_proc?path=/dbs` (FE): the databases with their ids.
pub async fn databases(c: &Cluster) -> Result<ProcTable, FetchError> {
    api::show_proc(c, "/dbs").await
}

/// `GET /api/show_proc?path=/dbs/<id>` (FE): the tables of a database.
pub async fn tables(c: &Cluster, db_id: &str) -> Result<ProcTable, FetchError> {
    api::show_proc(c, &format!("/dbs/{db_id}")).await
}

/// `GET /api/show_meta_info?action=SHOW_FULL_DB_SIZE` (FE): sizes with replicas, `{db: bytes}`.
pub async fn full_db_sizes(c: &Cluster) -> Result<Value, FetchError> {
    json_of(fe(c, "GET", "/api/show_meta_info?action=SHOW_FULL_DB_SIZE")).await
}

/// `GET /api/show_data?db=<db>` (FE): the data size of one database in bytes (plain text).
pub async fn db_data_size(c: &Cluster, db: &str) -> Result<String, FetchError> {
    Ok(match json_of(fe(c, "GET", &format!("/api/show_data?db={}", encode(db)))).await? {
        Value::String(s) => s.trim().to_string(),
        v => v.to_string(),
    })
}

/// `GET /api/{db}/{table}/_schema` (FE, Jackson): `{status, properties: [{name,type,...}]}`.
pub async fn schema(c: &Cluster, db: &str, table: &str) -> Result<Value, FetchError> {
    json_of(fe(c, "GET", &table_path(db, table, "_schema"))).await
}

/// `GET /api/{db}/{table}/_count` (FE, Jackson): the table's row count.
pub async fn count(c: &Cluster, db: &str, table: &str) -> Result<i64, FetchError> {
    let req = fe(c, "GET", &table_path(db, table, "_count"));
    let v = json_of(req.clone()).await?;
    v["size"]
        .as_i64()
        .ok_or_else(|| not_expected(&req, "no `size` in the answer".into(), &v.to_string()))
}

/// `GET /api/_get_ddl?db=&tbl=` (FE): `{TABLE: [..], PARTITION: [..], ROLLUP: [..]}`.
pub async fn ddl(c: &Cluster, db: &str, table: &str) -> Result<Value, FetchError> {
    json_of(fe(c, "GET", &format!("/api/_get_ddl?db={}&tbl={}", encode(db), encode(table)))).await
}

/// `GET /api/_migration?db=&tbl=` (FE): the table's tablets and where they are.
pub async fn migration(c: &Cluster, db: &str, table: &str) -> Result<Value, FetchError> {
    json_of(fe(c, "GET", &format!("/api/_migration?db={}&tbl={}", encode(db), encode(table)))).await
}

/// `GET /api/rowcount?db=&table=` (FE, admin): rows per index of the table.
pub async fn rowcount(c: &Cluster, db: &str, table: &str) -> Result<Value, FetchError> {
    json_of(fe(c, "GET", &format!("/api/rowcount?db={}&table={}", encode(db), encode(table)))).await
}

/// `GET /api/_check_storagetype?db=` (FE): storage type per table and index.
pub async fn storage_types(c: &Cluster, db: &str) -> Result<Value, FetchError> {
    json_of(fe(c, "GET", &format!("/api/_check_storagetype?db={}", encode(db)))).await
}

/// `POST /api/{db}/{table}/_query_plan` with `{"sql": ..}` (FE, Jackson): tablets and plan.
pub async fn query_plan(c: &Cluster, db: &str, table: &str, sql: &str) -> Result<Value, FetchError> {
    let req = fe(c, "POST", &table_path(db, table, "_query_plan")).json_body(&serde_json::json!({ "sql": sql }));
    json_of(req).await
}

/// `GET /api/{db}/_load_info?label=` (FE): the load job of a label (`jobInfo`).
pub async fn load_info(c: &Cluster, db: &str, label: &str) -> Result<Value, FetchError> {
    json_of(fe(c, "GET", &format!("/api/{}/_load_info?label={}", encode_segment(db), encode(label)))).await
}

/// `GET /api/{db}/get_load_state?label=` (FE): `{state, reason}` in a v1 answer.
pub async fn load_state(c: &Cluster, db: &str, label: &str) -> Result<Value, FetchError> {
    json_of(fe(c, "GET", &format!("/api/{}/get_load_state?label={}", encode_segment(db), encode(label)))).await
}

/// `POST /api/{db}/{label}/_cancel` (FE): aborts a load that has not finished.
pub async fn cancel(c: &Cluster, db: &str, label: &str) -> Result<Value, FetchError> {
    json_of(fe(c, "POST", &format!("/api/{}/{}/_cancel", encode_segment(db), encode_segment(label)))).await
}

/// The `PUT /api/{db}/{table}/_stream_load` request of a form (the proxy adds
/// `Expect: 100-continue` and follows the FE's 307 to a BE); the file is its body.
pub fn stream_load_request(c: &Cluster, form: &LoadForm, file: web_sys::Blob) -> Result<ApiRequest, String> {
    let headers = form.headers()?;
    let mut req = cluster_request(c, "PUT", FE, &table_path(&form.db, &form.table, "_stream_load")).timeout(0);
    for (k, v) in headers {
        req = req.header(&k, v);
    }
    Ok(req.file_body(file))
}

/// Reads a stream load or transaction answer (a 2xx body).
#[allow(clippy::result_large_err)] // the error is the request itself, as every call returns it
pub fn load_result(req: &ApiRequest, body: &str) -> Result<LoadResult, FetchError> {
    LoadResult::parse(body).map_err(|m| not_expected(req, m, body))
}

/// `POST|PUT /api/transaction/<op>` (FE, 307 to the transaction's BE) with the `label`, `db`
/// and `table` headers; `load` sends `data` (with `format`/`column_separator` headers).
pub async fn transaction(
    c: &Cluster,
    op: &str,
    form: &LoadForm,
    data: Option<String>,
) -> Result<LoadResult, FetchError> {
    let method = if op == "load" { "PUT" } else { "POST" };
    let mut req = fe(c, method, &format!("/api/transaction/{op}"))
        .header("label", form.label.trim())
        .header("db", form.db.trim())
        .header("table", form.table.trim());
    if let Some(d) = data {
        if let Ok(h) = form.headers() {
            for (k, v) in h.into_iter().filter(|(k, _)| k != "label") {
                req = req.header(&k, v);
            }
        }
        req = req.text_body("text/plain", d);
    }
    let (_, body) = call(req.clone()).await?;
    load_result(&req, &body)
}

/// `GET <node>/api/_load_error_log?file=` (a BE or CN the cluster reports): the rejected rows,
/// as text whatever they say (each line starts with `Error:`, which is data here); an HTTP error
/// (`file not found`) is an error.
pub async fn error_log(c: &Cluster, target: &str, path: &str) -> Result<String, FetchError> {
    let req = cluster_request(c, "GET", target, path).timeout(20_000);
    let shape = req.clone();
    let r = req.send().await?;
    if r.body.trim_start().starts_with('<') {
        if let Err(f) = decode(r.status, &r.body) {
            return Err(failure(&shape, f));
        }
    }
    Ok(r.body)
}

/// The BE and CN targets the FE reports (`show_proc` `/backends` and `/compute_nodes`).
pub async fn node_targets(c: &Cluster) -> Result<Vec<String>, FetchError> {
    let be = api::show_proc(c, "/backends").await?;
    let cn = api::show_proc(c, "/compute_nodes").await.unwrap_or_default();
    let mut out = super::views::metrics::node_targets("be", &be);
    out.extend(super::views::metrics::node_targets("cn", &cn));
    Ok(out)
}

/// `POST /api/v2/{catalog}/{db}/sql` with `{"query": ..}` (FE): NDJSON rows; a failure line
/// (sent with HTTP 200 or not) is an error with the server's message.
pub async fn sql(c: &Cluster, catalog: &str, db: &str, query: &str) -> Result<SqlResult, FetchError> {
    let path = if db.is_empty() {
        format!("/api/v2/{}/sql", encode_segment(catalog))
    } else {
        format!("/api/v2/{}/{}/sql", encode_segment(catalog), encode_segment(db))
    };
    let req = fe(c, "POST", &path).json_body(&serde_json::json!({ "query": query }));
    let (_, body) = call(req.clone()).await?;
    parse_sql_ndjson(&body).map_err(|m| {
        failure(
            &req,
            Failure {
                status: 200,
                message: m,
            },
        )
    })
}
