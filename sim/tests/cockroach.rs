//! CockroachDB simulator: login sessions, documented shapes, pagination styles, SQL.

mod common;

use common::{client, get, send, start, Answer};
use serde_json::{json, Value};
use switchboard_sim::{RunningSim, System};

async fn login(sim: &RunningSim, user: &str, password: &str) -> String {
    let a = send(
        client()
            .post(format!(
                "{}/api/v2/login/",
                sim.url(System::Cockroach, "node1")
            ))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("username={user}&password={password}")),
    )
    .await;
    assert_eq!(a.status, 200, "{}", a.body);
    a.json()["session"].as_str().unwrap_or_default().to_string()
}

async fn authed(sim: &RunningSim, node: &str, path: &str, session: &str) -> Answer {
    send(
        client()
            .get(format!("{}{path}", sim.url(System::Cockroach, node)))
            .header("X-Cockroach-API-Session", session),
    )
    .await
}

async fn sql(sim: &RunningSim, session: &str, body: Value) -> Answer {
    send(
        client()
            .post(format!(
                "{}/api/v2/sql/",
                sim.url(System::Cockroach, "node2")
            ))
            .header("X-Cockroach-API-Session", session)
            .header("content-type", "application/json")
            .body(body.to_string()),
    )
    .await
}

#[tokio::test]
async fn login_is_required_and_errors_are_plain_text() {
    let sim = start().await;
    let base = sim.url(System::Cockroach, "node1");
    let anon = get(&format!("{base}/api/v2/nodes/")).await;
    assert_eq!(anon.status, 401);
    assert!(anon.content_type.starts_with("text/plain"));
    assert_eq!(anon.body, "invalid session header\n");

    let bad = send(
        client()
            .post(format!("{base}/api/v2/login/"))
            .body("username=root&password=wrong"),
    )
    .await;
    assert_eq!(bad.status, 401);
    assert_eq!(
        bad.body,
        "the provided credentials did not match any account on the server\n"
    );
    let missing = send(
        client()
            .post(format!("{base}/api/v2/login/"))
            .body("password=x"),
    )
    .await;
    assert_eq!(
        (missing.status, missing.body.as_str()),
        (400, "username not specified\n")
    );

    let session = login(&sim, "demo", "demo").await;
    assert!(!session.is_empty());
    // Sessions are cluster-wide: another node accepts it.
    assert_eq!(
        authed(&sim, "node3", "/api/v2/nodes/", &session)
            .await
            .status,
        200
    );
    let forged = authed(
        &sim,
        "node1",
        "/api/v2/nodes/",
        "CIGAgICAgICAAhIQjkzQ1e1OP8SkUKamtlKDqA==",
    )
    .await;
    assert_eq!(forged.status, 401);

    // A non-admin user is authenticated but forbidden on admin endpoints.
    let viewer = login(&sim, "viewer", "viewer").await;
    let forbidden = authed(&sim, "node1", "/api/v2/nodes/", &viewer).await;
    assert_eq!(
        (forbidden.status, forbidden.body.as_str()),
        (403, "user not allowed to access this endpoint\n")
    );
    assert_eq!(
        authed(&sim, "node1", "/api/v2/databases/", &viewer)
            .await
            .status,
        200
    );

    // Logout revokes the session.
    let out = send(
        client()
            .post(format!("{base}/api/v2/logout/"))
            .header("X-Cockroach-API-Session", &session),
    )
    .await;
    assert_eq!(out.json(), json!({"logged_out": true}));
    assert_eq!(
        authed(&sim, "node1", "/api/v2/nodes/", &session)
            .await
            .status,
        401
    );
    let again = send(client().post(format!("{base}/api/v2/logout/"))).await;
    assert_eq!(
        (again.status, again.body.as_str()),
        (400, "invalid or unspecified session\n")
    );
}

#[tokio::test]
async fn trailing_slashes_matter_and_health_needs_no_login() {
    let sim = start().await;
    let base = sim.url(System::Cockroach, "node1");
    let session = login(&sim, "root", "root").await;
    let no_slash = authed(&sim, "node1", "/api/v2/nodes", &session).await;
    assert_eq!(
        (no_slash.status, no_slash.body.as_str()),
        (404, "404 page not found\n")
    );
    assert_eq!(
        get(&format!("{base}/api/v2/health/")).await.json(),
        json!({})
    );
    assert_eq!(get(&format!("{base}/health")).await.json(), json!({}));
    assert_eq!(
        get(&format!("{base}/api/v2/health/?ready=maybe"))
            .await
            .status,
        400
    );
}

#[tokio::test]
async fn nodes_and_ranges_have_documented_shapes() {
    let sim = start().await;
    let s = login(&sim, "root", "root").await;
    let nodes = authed(&sim, "node1", "/api/v2/nodes/", &s).await.json();
    let list = nodes["nodes"].as_array().cloned().unwrap_or_default();
    assert_eq!(list.len(), 3);
    assert!(
        nodes.get("next").is_none(),
        "next is omitted without a limit"
    );
    let n = &list[0];
    assert_eq!(n["node_id"], 1);
    assert!(
        n["started_at"].as_i64().unwrap_or(0) > 1_000_000_000_000_000_000,
        "nanoseconds"
    );
    assert!(n["ServerVersion"]["major_val"].is_i64());
    assert!(n["address"]["address_field"].is_string());
    assert!(n["metrics"]["sys.rss"].is_number());
    assert!(n["store_metrics"]["1"]["capacity"].is_number());

    let page = authed(&sim, "node1", "/api/v2/nodes/?limit=2&offset=1", &s)
        .await
        .json();
    assert_eq!(page["nodes"].as_array().map(Vec::len), Some(2));
    assert_eq!(page["next"], 3);

    let ranges = authed(&sim, "node2", "/api/v2/nodes/local/ranges/?limit=5", &s)
        .await
        .json();
    let r = &ranges["ranges"][0];
    assert_eq!(r["source_node_id"], 2);
    assert!(r["desc"]["start_key"].is_string(), "base64 keys");
    assert!(r["span"]["start_key"]
        .as_str()
        .unwrap_or_default()
        .starts_with('/'));
    assert_eq!(ranges["next"], 5);
    let id = r["desc"]["range_id"].as_i64().unwrap_or(0);
    let one = authed(&sim, "node1", &format!("/api/v2/ranges/{id}/"), &s)
        .await
        .json();
    assert_eq!(
        one["responses_by_node_id"]["2"]["range_info"]["desc"]["range_id"],
        id
    );
    let only = authed(
        &sim,
        "node1",
        &format!("/api/v2/nodes/2/ranges/?ranges={id}"),
        &s,
    )
    .await
    .json();
    assert_eq!(only["ranges"].as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn hot_ranges_and_sessions_use_opaque_start_tokens() {
    let sim = start().await;
    let s = login(&sim, "root", "root").await;
    let first = authed(&sim, "node1", "/api/v2/ranges/hot/?limit=4", &s)
        .await
        .json();
    assert_eq!(first["ranges"].as_array().map(Vec::len), Some(4));
    let hot = &first["ranges"][0];
    for key in [
        "range_id",
        "node_id",
        "qps",
        "leaseholder_node_id",
        "databases",
        "tables",
        "replica_node_ids",
        "store_id",
    ] {
        assert!(hot.get(key).is_some(), "missing {key}");
    }
    let token = first["next"].as_str().unwrap_or_default().to_string();
    assert!(
        !token.is_empty() && token.parse::<i64>().is_err(),
        "opaque string token"
    );
    let second = authed(
        &sim,
        "node1",
        &format!("/api/v2/ranges/hot/?limit=4&start={token}"),
        &s,
    )
    .await
    .json();
    assert_ne!(
        second["ranges"][0]["range_id"],
        first["ranges"][0]["range_id"]
    );

    let all = authed(&sim, "node1", "/api/v2/sessions/", &s).await.json();
    let total = all["sessions"].as_array().map(Vec::len).unwrap_or(0);
    assert!(total >= 20);
    let sess = &all["sessions"][0];
    assert!(sess["start"].as_str().unwrap_or_default().ends_with('Z'));
    assert!(
        sess["id"].as_str().unwrap_or_default().ends_with("=="),
        "base64 session id"
    );
    assert!(all["errors"].is_array());
    let mut seen = 0;
    let mut start = String::new();
    for _ in 0..20 {
        let path = if start.is_empty() {
            "/api/v2/sessions/?limit=7".to_string()
        } else {
            format!("/api/v2/sessions/?limit=7&start={start}")
        };
        let page = authed(&sim, "node1", &path, &s).await.json();
        let n = page["sessions"].as_array().map(Vec::len).unwrap_or(0);
        if n == 0 {
            break;
        }
        seen += n;
        start = page["next"].as_str().unwrap_or_default().to_string();
    }
    assert_eq!(seen, total, "paging with start visits every session once");
    let demo = authed(&sim, "node1", "/api/v2/sessions/?username=viewer", &s)
        .await
        .json();
    assert!(demo["sessions"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .all(|x| x["username"] == "viewer"));
}

#[tokio::test]
async fn schema_users_and_events() {
    let sim = start().await;
    let s = login(&sim, "demo", "demo").await;
    let dbs = authed(&sim, "node1", "/api/v2/databases/", &s).await.json();
    assert!(dbs["databases"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .contains(&json!("movr")));
    assert_eq!(
        authed(&sim, "node1", "/api/v2/databases/movr/", &s)
            .await
            .json()["descriptor_id"],
        104
    );
    let missing = authed(&sim, "node1", "/api/v2/databases/nope/", &s).await;
    assert_eq!(missing.status, 404);
    assert!(missing.content_type.starts_with("text/plain"));
    let grants = authed(&sim, "node1", "/api/v2/databases/movr/grants/", &s)
        .await
        .json();
    assert!(grants["grants"][0]["privileges"].is_array());
    let tables = authed(&sim, "node1", "/api/v2/databases/movr/tables/", &s)
        .await
        .json();
    assert!(tables["table_names"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .contains(&json!("public.rides")));
    let details = authed(
        &sim,
        "node1",
        "/api/v2/databases/movr/tables/public.rides/",
        &s,
    )
    .await
    .json();
    assert!(details["create_table_statement"]
        .as_str()
        .unwrap_or_default()
        .starts_with("CREATE TABLE"));
    assert!(details["columns"].as_array().map(Vec::len).unwrap_or(0) > 3);
    let users = authed(&sim, "node1", "/api/v2/users/?limit=2", &s)
        .await
        .json();
    assert_eq!(users["users"].as_array().map(Vec::len), Some(2));
    assert_eq!(users["next"], 2);
    let events = authed(&sim, "node1", "/api/v2/events/?type=create_table", &s)
        .await
        .json();
    let ev = &events["events"][0];
    assert_eq!(ev["event_type"], "create_table");
    assert!(ev["unique_id"].is_string() && ev["info"].is_string());
}

#[tokio::test]
async fn sql_endpoint_runs_statements_and_changes_state() {
    let sim = start().await;
    let s = login(&sim, "root", "root").await;
    let ok = sql(&sim, &s, json!({"database": "movr", "execute": true, "statements": [{"sql": "SELECT id, city FROM users WHERE city = $1 LIMIT 2", "arguments": ["boston"]}]})).await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    let res = &ok.json()["execution"]["txn_results"][0];
    assert_eq!(res["tag"], "SELECT");
    assert_eq!(
        res["columns"][0],
        json!({"name": "id", "type": "UUID", "oid": 2950})
    );
    assert_eq!(res["rows"][0]["city"], "boston");

    let err = sql(
        &sim,
        &s,
        json!({"execute": true, "statements": [{"sql": "SELECT * FROM nope"}]}),
    )
    .await;
    assert_eq!(err.status, 200);
    let e = err.json();
    assert_eq!(e["error"]["code"], "42P01");
    assert_eq!(
        e["error"]["message"],
        "executing stmt 1: relation \"nope\" does not exist"
    );
    assert_eq!(e["execution"]["txn_results"][0]["error"]["code"], "42P01");

    let parse = sql(
        &sim,
        &s,
        json!({"execute": true, "statements": [{"sql": "FROBNICATE everything"}]}),
    )
    .await;
    assert_eq!(parse.status, 400);
    assert_eq!(parse.json()["error"]["code"], "42601");

    let created = sql(
        &sim,
        &s,
        json!({"execute": true, "statements": [
            {"sql": "CREATE DATABASE shop"},
            {"sql": "CREATE TABLE shop.orders (id INT8 PRIMARY KEY, item STRING)"},
            {"sql": "INSERT INTO shop.orders VALUES (1, 'tea'), (2, 'milk')"}
        ]}),
    )
    .await;
    assert_eq!(created.status, 200, "{}", created.body);
    let r = created.json();
    assert!(r.get("error").is_none(), "{r}");
    assert_eq!(r["execution"]["txn_results"][2]["rows_affected"], 2);
    let dbs = authed(&sim, "node1", "/api/v2/databases/", &s).await.json();
    assert!(dbs["databases"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .contains(&json!("shop")));
    let count = sql(&sim, &s, json!({"database": "shop", "execute": true, "statements": [{"sql": "SELECT count(*) FROM orders"}]})).await.json();
    assert_eq!(count["execution"]["txn_results"][0]["rows"][0]["count"], 2);
    let events = authed(&sim, "node1", "/api/v2/events/?type=create_database", &s)
        .await
        .json();
    assert!(events["events"][0]["info"]
        .as_str()
        .unwrap_or_default()
        .contains("shop"));

    let dry = sql(&sim, &s, json!({"statements": [{"sql": "SELECT 1"}]}))
        .await
        .json();
    assert_eq!(dry["num_statements"], 1);
    assert!(dry.get("execution").is_none());

    let viewer = login(&sim, "viewer", "viewer").await;
    let denied = sql(
        &sim,
        &viewer,
        json!({"execute": true, "statements": [{"sql": "CREATE DATABASE nope"}]}),
    )
    .await
    .json();
    assert_eq!(denied["error"]["code"], "42501");
}
