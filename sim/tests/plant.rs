//! The admin API's planted texts (`/_sim/plant`) and streamed-upload counters (`/_sim/uploads`).

mod common;

use common::{client, get, send, start};
use serde_json::json;
use switchboard_sim::System;

#[tokio::test]
async fn planted_words_become_the_text_in_json_and_plain_answers_until_cleared() {
    let sim = start().await;
    let admin = sim.admin_url();
    let n1 = sim.url(System::Meta, "node1");
    let payload = "<img src=x onerror=alert(1)>";
    let set = send(
        client()
            .put(format!("{admin}/_sim/plant/databend-meta"))
            .body(json!({"switchboard_meta_cluster": payload, "\"1\"": "</style>"}).to_string()),
    )
    .await;
    assert_eq!(set.status, 200, "{}", set.body);
    assert_eq!(set.json()["databend-meta"]["\"1\""], "</style>");

    let cfg = get(&format!("{n1}/v1/config")).await;
    assert!(
        cfg.body.contains(&format!("cluster_name: \"{payload}\"")),
        "{}",
        cfg.body
    );
    let nodes = get(&format!("{n1}/v1/cluster/nodes")).await.json();
    assert_eq!(nodes[0]["name"], "</style>");
    assert_eq!(nodes[1]["name"], "2");
    // Other systems are untouched.
    let other = get(&format!(
        "{}/status/health",
        sim.url(System::Druid, "router")
    ))
    .await;
    assert_eq!(other.body, "true");

    let cleared = send(client().delete(format!("{admin}/_sim/plant"))).await;
    assert_eq!(cleared.status, 200);
    let cfg = get(&format!("{n1}/v1/config")).await;
    assert!(
        cfg.body.contains("switchboard_meta_cluster"),
        "{}",
        cfg.body
    );

    let bad = send(client().put(format!("{admin}/_sim/plant/nope")).body("{}")).await;
    assert_eq!(bad.status, 404);
}

#[tokio::test]
async fn a_large_stream_load_is_counted_not_kept_and_a_broken_one_is_aborted() {
    let sim = start().await;
    let admin = sim.admin_url();
    let be = format!(
        "{}/api/demo/t/_stream_load",
        sim.url(System::StarRocks, "be1")
    );
    let body = "1\n".repeat(40 << 20); // 80 MB, over what the BE keeps
    let loaded = send(
        client()
            .put(&be)
            .basic_auth("root", Some(""))
            .header("label", "big")
            .body(body),
    )
    .await;
    let r = loaded.json();
    assert_eq!(r["Status"], "Success", "{r}");
    assert_eq!(r["NumberLoadedRows"], 40 << 20);
    assert_eq!(r["LoadBytes"], 80 << 20);
    let u = get(&format!("{admin}/_sim/uploads")).await.json();
    assert_eq!(
        (
            u["started"].clone(),
            u["completed"].clone(),
            u["aborted"].clone()
        ),
        (json!(1), json!(1), json!(0))
    );
    assert_eq!(u["bytes"], 80 << 20);

    // A client that announces more than it sends and goes away: aborted, never completed.
    let port = sim.plan.must(System::StarRocks, "be1");
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    use std::io::Write;
    s.write_all(b"PUT /api/demo/t/_stream_load HTTP/1.1\r\nHost: x\r\nAuthorization: Basic cm9vdDo=\r\nContent-Length: 1000000\r\n\r\n1\n2\n")
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    drop(s);
    let mut u = json!(null);
    for _ in 0..50 {
        u = get(&format!("{admin}/_sim/uploads")).await.json();
        if u["aborted"] == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(
        (
            u["started"].clone(),
            u["completed"].clone(),
            u["aborted"].clone()
        ),
        (json!(2), json!(1), json!(1)),
        "{u}"
    );

    let reset = send(
        client()
            .post(format!("{admin}/_sim/uploads"))
            .body(json!({"bytes_per_sec": 1000, "reset": true}).to_string()),
    )
    .await
    .json();
    assert_eq!(reset["started"], 0);
    assert_eq!(reset["bytes_per_sec"], 1000);
}
