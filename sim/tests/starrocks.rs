//! StarRocks simulator: the six response shapes, auth, stream load via 307, state changes.

mod common;

use common::{client, get, send, start, Answer};
use serde_json::{json, Value};
use switchboard_sim::{RunningSim, System};

async fn fe(sim: &RunningSim, path: &str) -> Answer {
    send(
        client()
            .get(format!("{}{path}", sim.url(System::StarRocks, "fe")))
            .basic_auth("root", Some("")),
    )
    .await
}

async fn count(sim: &RunningSim, db: &str, table: &str) -> i64 {
    fe(sim, &format!("/api/{db}/{table}/_count")).await.json()["size"]
        .as_i64()
        .unwrap_or(-1)
}

#[tokio::test]
async fn v1_flat_array_jackson_text_and_v2_shapes() {
    let sim = start().await;
    // v1 with string code, sent as text/html.
    let ddl_err = fe(&sim, "/api/_get_ddl?db=demo").await;
    assert_eq!(ddl_err.status, 200, "failures come back as HTTP 200");
    assert!(ddl_err.content_type.starts_with("text/html"));
    let v = ddl_err.json();
    assert_eq!(
        (v["status"].as_str(), v["code"].as_str()),
        (Some("FAILED"), Some("1"))
    );
    assert!(v["msg"].is_string() && v["message"].is_string());
    // Flat map.
    let ddl = fe(&sim, "/api/_get_ddl?db=demo&tbl=orders").await.json();
    assert!(ddl["TABLE"][0]
        .as_str()
        .unwrap_or_default()
        .starts_with("CREATE TABLE `orders`"));
    let ha = fe(&sim, "/api/show_meta_info?action=SHOW_HA").await.json();
    assert_eq!(ha["role"], "LEADER");
    // Raw arrays, every value a string.
    let backends = fe(&sim, "/api/show_proc?path=/backends").await.json();
    let list = backends.as_array().cloned().unwrap_or_default();
    assert_eq!(list.len(), 3);
    assert!(list[0]
        .as_object()
        .is_some_and(|o| o.values().all(Value::is_string)));
    assert_eq!(list[0]["Alive"], "true");
    assert_eq!(
        fe(&sim, "/api/show_proc?path=/frontends").await.json()[0]["Role"],
        "LEADER"
    );
    assert_eq!(
        fe(&sim, "/api/show_proc?path=/compute_nodes")
            .await
            .json()
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    let unknown = fe(&sim, "/api/show_proc?path=/nope").await;
    assert_eq!((unknown.status, unknown.body.as_str()), (200, "[]"));
    // Jackson maps with an integer status, HTTP 200 even for errors.
    let cnt = fe(&sim, "/api/demo/orders/_count").await;
    assert!(cnt.content_type.starts_with("application/json"));
    assert_eq!(cnt.json(), json!({"status": 200, "size": 1000}));
    let missing = fe(&sim, "/api/demo/nope/_schema").await;
    assert_eq!(missing.status, 200);
    assert_eq!(missing.json()["status"], 404);
    let schema = fe(&sim, "/api/demo/orders/_schema").await.json();
    assert_eq!(schema["properties"][2]["precision"], "10");
    // Plain text.
    let size = fe(&sim, "/api/show_data?db=demo").await;
    assert!(size.body.parse::<i64>().is_ok(), "{}", size.body);
    // v2.
    let overview = fe(&sim, "/api/v2/cluster_overview").await.json();
    assert_eq!(overview["code"], "0");
    assert_eq!(overview["result"]["totalBackendNum"], 3);
    assert_eq!(
        fe(&sim, "/api/v2/backend").await.json()["result"]
            .as_array()
            .map(Vec::len),
        Some(3)
    );
    // No login needed for health; the rest wants Basic auth.
    let health = get(&format!("{}/api/health", sim.url(System::StarRocks, "fe")))
        .await
        .json();
    assert_eq!(
        health,
        json!({"total_backend_num": 3, "online_backend_num": 3, "status": "OK"})
    );
    let anon = get(&format!(
        "{}/api/show_proc?path=/",
        sim.url(System::StarRocks, "fe")
    ))
    .await;
    assert_eq!(anon.status, 401);
    assert_eq!(anon.header("www-authenticate"), "Basic realm=\"\"");
    assert_eq!(anon.json()["status"], "FAILED");
    let viewer = send(
        client()
            .get(format!(
                "{}/api/show_proc?path=/",
                sim.url(System::StarRocks, "fe")
            ))
            .basic_auth("viewer", Some("viewer")),
    )
    .await;
    assert_eq!(viewer.status, 401, "show_proc needs the admin role");
}

#[tokio::test]
async fn stream_load_redirects_to_a_be_which_adds_rows() {
    let sim = start().await;
    let fe_url = format!(
        "{}/api/demo/t/_stream_load",
        sim.url(System::StarRocks, "fe")
    );
    let before = count(&sim, "demo", "t").await;

    let no_expect = send(
        client()
            .put(&fe_url)
            .basic_auth("root", Some(""))
            .body("1\n2\n"),
    )
    .await;
    assert_eq!(no_expect.status, 200);
    assert_eq!(no_expect.json()["Status"], "FAILED");

    let redirect = send(
        client()
            .put(&fe_url)
            .basic_auth("root", Some(""))
            .header("Expect", "100-continue")
            .header("label", "l1")
            .body("1\n2\n"),
    )
    .await;
    assert_eq!(redirect.status, 307);
    let location = redirect.header("location");
    assert!(location.contains("/api/demo/t/_stream_load"), "{location}");
    let be_ports: Vec<u16> = ["be1", "be2", "be3"]
        .iter()
        .map(|r| sim.plan.must(System::StarRocks, r))
        .collect();
    assert!(
        be_ports
            .iter()
            .any(|p| location.contains(&format!(":{p}/"))),
        "{location}"
    );

    let loaded = send(
        client()
            .put(&location)
            .basic_auth("root", Some(""))
            .header("label", "l1")
            .body("41\n42\n43\n"),
    )
    .await;
    let r = loaded.json();
    assert_eq!(r["Status"], "Success", "{r}");
    assert_eq!(r["NumberLoadedRows"], 3);
    assert_eq!(r["Label"], "l1");
    assert!(r["TxnId"].is_i64());
    assert_eq!(count(&sim, "demo", "t").await, before + 3);

    let again = send(
        client()
            .put(&location)
            .basic_auth("root", Some(""))
            .header("label", "l1")
            .body("44\n"),
    )
    .await
    .json();
    assert_eq!(again["Status"], "Label Already Exists");
    assert_eq!(again["ExistingJobStatus"], "FINISHED");
    let state = fe(&sim, "/api/demo/get_load_state?label=l1").await.json();
    assert_eq!(
        (state["state"].as_str(), state["status"].as_str()),
        (Some("VISIBLE"), Some("OK"))
    );

    // JSON rows and a filtered row.
    let json_load = send(
        client()
            .put(&location)
            .basic_auth("root", Some(""))
            .header("format", "json")
            .header("strip_outer_array", "true")
            .body(r#"[{"id": 7}, {"id": 8}]"#),
    )
    .await
    .json();
    assert_eq!(json_load["NumberLoadedRows"], 2);
    let bad = send(
        client()
            .put(&location)
            .basic_auth("root", Some(""))
            .body("9\nnot-a-number\n"),
    )
    .await
    .json();
    assert_eq!(bad["Status"], "Fail");
    assert_eq!(bad["NumberFilteredRows"], 1);
    let err_url = bad["ErrorURL"].as_str().unwrap_or_default().to_string();
    assert!(get(&err_url).await.body.contains("not-a-number"));
    assert_eq!(
        count(&sim, "demo", "t").await,
        before + 5,
        "a failed load adds nothing"
    );

    let wrong = send(
        client()
            .put(&location)
            .basic_auth("root", Some("nope"))
            .body("1\n"),
    )
    .await
    .json();
    assert_eq!(wrong["Status"], "Fail");

    // The BE counts loaded rows in its metrics.
    let port = location
        .split(':')
        .nth(2)
        .and_then(|s| s.split('/').next())
        .unwrap_or_default()
        .to_string();
    let metrics = get(&format!("http://127.0.0.1:{port}/metrics")).await.body;
    assert!(
        metrics.contains("starrocks_be_stream_load{type=\"load_rows\"} 5"),
        "{metrics}"
    );
}

#[tokio::test]
async fn transaction_interface_commits_rows() {
    let sim = start().await;
    let fe_url = |op: &str| format!("{}/api/transaction/{op}", sim.url(System::StarRocks, "fe"));
    let begin = send(
        client()
            .post(fe_url("begin"))
            .basic_auth("root", Some(""))
            .header("label", "tx1")
            .header("db", "demo")
            .header("table", "t"),
    )
    .await;
    assert_eq!(begin.status, 307);
    let be = begin.header("location");
    let base = be.trim_end_matches("/api/transaction/begin").to_string();
    let h = |r: reqwest::RequestBuilder| {
        r.basic_auth("root", Some(""))
            .header("label", "tx1")
            .header("db", "demo")
            .header("table", "t")
    };
    let b = send(h(client().post(format!("{base}/api/transaction/begin"))))
        .await
        .json();
    assert_eq!(b["Status"], "OK");
    let dup = send(h(client().post(format!("{base}/api/transaction/begin"))))
        .await
        .json();
    assert_eq!(dup["Status"], "LABEL_ALREADY_EXISTS");
    let l = send(h(client().put(format!("{base}/api/transaction/load"))).body("100\n101\n"))
        .await
        .json();
    assert_eq!(l["Status"], "OK");
    let before = count(&sim, "demo", "t").await;
    let c = send(h(client().post(format!("{base}/api/transaction/commit"))))
        .await
        .json();
    assert_eq!(
        (c["Status"].as_str(), c["NumberLoadedRows"].as_i64()),
        (Some("OK"), Some(2))
    );
    assert_eq!(count(&sim, "demo", "t").await, before + 2);
    let none = send(
        client()
            .put(format!("{base}/api/transaction/load"))
            .basic_auth("root", Some(""))
            .header("label", "zzz")
            .header("db", "demo")
            .body("1\n"),
    )
    .await
    .json();
    assert_eq!(none["Message"], "TXN_NOT_EXISTS");
}

#[tokio::test]
async fn sql_over_http_streams_ndjson() {
    let sim = start().await;
    let url = format!(
        "{}/api/v2/default_catalog/demo/sql",
        sim.url(System::StarRocks, "fe")
    );
    let ok = send(client().post(&url).basic_auth("root", Some("")).body(
        r#"{"query": "select status, count(*) from orders group by status order by status"}"#,
    ))
    .await;
    assert_eq!(ok.status, 200);
    assert!(ok.content_type.starts_with("application/x-ndjson"));
    let lines: Vec<Value> = ok
        .body
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or(Value::Null))
        .collect();
    assert!(lines[0]["connectionId"].is_i64());
    assert_eq!(lines[1]["meta"][1]["name"], "count(*)");
    assert!(lines[2]["data"].is_array());
    assert!(lines
        .last()
        .is_some_and(|l| l["statistics"]["returnRows"].is_i64()));
    let bad = send(
        client()
            .post(&url)
            .basic_auth("root", Some(""))
            .body(r#"{"query": "select * from nope"}"#),
    )
    .await;
    assert_eq!(bad.status, 500);
    assert!(bad.json()["msg"]
        .as_str()
        .unwrap_or_default()
        .contains("Unknown table"));
    let ddl = send(
        client()
            .post(&url)
            .basic_auth("root", Some(""))
            .body(r#"{"query": "create table x (a int)"}"#),
    )
    .await;
    assert_eq!(ddl.status, 400);
    let catalog = send(
        client()
            .post(format!(
                "{}/api/v2/hive/demo/sql",
                sim.url(System::StarRocks, "fe")
            ))
            .basic_auth("root", Some(""))
            .body(r#"{"query":"select 1"}"#),
    )
    .await;
    assert_eq!(catalog.status, 400);
    let history = fe(&sim, "/api/query_detail?event_time=0").await.json();
    assert!(history.as_array().is_some_and(|h| h.iter().any(|q| q["sql"]
        .as_str()
        .unwrap_or_default()
        .contains("group by status"))));
}

#[tokio::test]
async fn configs_change_and_be_endpoints_answer() {
    let sim = start().await;
    let set = fe(&sim, "/api/_set_config?qe_slow_log_ms=100&no_such_config=1")
        .await
        .json();
    assert_eq!(set["set"]["qe_slow_log_ms"], "100");
    assert!(set["err"]["no_such_config"].is_string());
    let be = sim.url(System::StarRocks, "be2");
    assert_eq!(
        get(&format!("{be}/api/health")).await.json(),
        json!({"status": "OK", "msg": "To Be Added"})
    );
    let two = send(client().post(format!("{be}/api/update_config?a=1&b=2")))
        .await
        .json();
    assert_eq!(two["status"], "BAD");
    let ok = send(client().post(format!("{be}/api/update_config?write_buffer_size=1024")))
        .await
        .json();
    assert_eq!(ok, json!({"status": "OK", "msg": ""}));
    assert!(get(&format!("{be}/varz"))
        .await
        .body
        .contains("<td>1024</td>"));
    let compact = send(client().post(format!(
        "{be}/api/compact?tablet_id=20001&compaction_type=base"
    )))
    .await;
    assert!(
        compact.content_type.starts_with("text/html"),
        "BE JSON is text/html"
    );
    assert_eq!(compact.json()["status"], "Success");
    assert!(get(&format!("{be}/api/compaction/show?tablet_id=20001"))
        .await
        .json()["rowsets"]
        .is_array());
    assert!(get(&format!("{be}/metrics"))
        .await
        .body
        .contains("starrocks_be_cpu"));
    let cn = sim.url(System::StarRocks, "cn1");
    assert_eq!(get(&format!("{cn}/api/health")).await.status, 200);
    assert_eq!(
        get(&format!("{cn}/api/compaction/show?tablet_id=1"))
            .await
            .status,
        404,
        "CN has no compaction API"
    );
    let fe_json = get(&format!(
        "{}/metrics?type=json",
        sim.url(System::StarRocks, "fe")
    ))
    .await
    .json();
    assert!(fe_json[0]["tags"]["metric"].is_string());
}
