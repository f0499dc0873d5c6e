//! Druid simulator at size: `--druid-scale medium` (500 datasources, 20,000 segments) in the default
//! run, `large` (5,000 / 200,000) behind `#[ignore]` (run it with
//! `cargo test -p switchboard-sim --test druid_scale -- --ignored --nocapture`; it prints timings).

mod common;

use std::time::{Duration, Instant};

use common::{advance, send, start_with, Answer};
use serde_json::{json, Value};
use switchboard_sim::config::DruidSize;
use switchboard_sim::{RunningSim, System};

/// A client with room for answers of 150 MB in a debug build.
fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(120))
        .build()
        .expect("client")
}

async fn get(sim: &RunningSim, path: &str) -> (Answer, Duration) {
    let at = Instant::now();
    let url = format!("{}{path}", sim.url(System::Druid, "coordinator"));
    let a = send(client().get(url)).await;
    assert_eq!(a.status, 200, "{path}: {}", a.body);
    (a, at.elapsed())
}

async fn sql(sim: &RunningSim, query: &str) -> (Answer, Duration) {
    let at = Instant::now();
    let url = format!("{}/druid/v2/sql", sim.url(System::Druid, "broker"));
    let a = send(
        client()
            .post(url)
            .header("content-type", "application/json")
            .body(json!({ "query": query }).to_string()),
    )
    .await;
    assert_eq!(a.status, 200, "{query}: {}", a.body);
    (a, at.elapsed())
}

/// Segments in a JSON list of segments, counted in the text (parsing 150 MB would dominate).
fn segments_in(body: &str) -> usize {
    body.matches("\"identifier\":").count()
}

/// Starts a cluster of `size`, lets the newest segments load, and checks every list endpoint's
/// counts against it. Returns the timings of the answers.
async fn check(size: DruidSize) -> Vec<(&'static str, Duration)> {
    let at = Instant::now();
    let sim = start_with(|c| c.druid = size).await;
    let mut times = vec![("start (generation)", at.elapsed())];
    // The newest wikipedia hours finish loading within a minute.
    advance(&sim, 120_000).await;

    let (names, t) = get(&sim, "/druid/coordinator/v1/datasources").await;
    times.push(("datasources", t));
    let names = names.json();
    assert_eq!(names.as_array().map(Vec::len), Some(size.datasources));

    let (simple, t) = get(&sim, "/druid/coordinator/v1/datasources?simple").await;
    times.push(("datasources?simple", t));
    let simple = simple.json();
    let list = simple.as_array().expect("list");
    assert_eq!(list.len(), size.datasources);
    let count = |d: &Value| d["properties"]["segments"]["count"].as_u64().unwrap_or(0) as usize;
    assert_eq!(list.iter().map(count).sum::<usize>(), size.segments);
    assert!(list.iter().all(|d| count(d) > 0 && d["name"].is_string()));
    // The last (synthetic) datasource, and its own endpoints.
    let last = list.last().expect("a datasource");
    let name = last["name"].as_str().unwrap_or_default().to_string();
    let n = count(last);

    let (full, t) = get(&sim, "/druid/coordinator/v1/datasources?full").await;
    times.push(("datasources?full", t));
    assert_eq!(segments_in(&full.body), size.segments);

    let (meta, t) = get(&sim, "/druid/coordinator/v1/metadata/segments").await;
    times.push(("metadata/segments", t));
    assert_eq!(segments_in(&meta.body), size.segments);

    let path = "/druid/coordinator/v1/metadata/segments?includeOvershadowedStatus";
    let (status, t) = get(&sim, path).await;
    times.push(("metadata/segments?includeOvershadowedStatus", t));
    assert_eq!(
        status.body.matches("\"overshadowed\":").count(),
        size.segments
    );
    // kttm keeps a week of overshadowed days (three partitions each).
    assert_eq!(status.body.matches("\"overshadowed\":true").count(), 21);

    let path = format!("/druid/coordinator/v1/metadata/segments?includeOvershadowedStatus&datasources={name}&datasources=kttm");
    let (some, t) = get(&sim, &path).await;
    times.push(("metadata/segments?datasources=2", t));
    let some = some.json();
    assert_eq!(some.as_array().map(Vec::len), Some(n + 1_116));
    assert!(some
        .as_array()
        .into_iter()
        .flatten()
        .all(|s| s["overshadowed"].is_boolean()
            && (s["dataSource"] == name.as_str() || s["dataSource"] == "kttm")));

    let (segs, t) = get(
        &sim,
        &format!("/druid/coordinator/v1/datasources/{name}/segments?full"),
    )
    .await;
    times.push(("datasources/{ds}/segments?full", t));
    let segs = segs.json();
    assert_eq!(segs.as_array().map(Vec::len), Some(n));
    assert_eq!(segs[0]["dataSource"], name.as_str());
    let (intervals, t) = get(
        &sim,
        &format!("/druid/coordinator/v1/datasources/{name}/intervals?simple"),
    )
    .await;
    times.push(("datasources/{ds}/intervals?simple", t));
    let per_interval = intervals.json();
    let counted: u64 = per_interval
        .as_object()
        .expect("map")
        .values()
        .map(|v| v["count"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(counted as usize, n);
    let (wiki, t) = get(
        &sim,
        "/druid/coordinator/v1/datasources/wikipedia/intervals?full",
    )
    .await;
    times.push(("datasources/wikipedia/intervals?full", t));
    assert_eq!(wiki.json().as_object().map(|m| m.len()), Some(2_112));

    let (load, t) = get(&sim, "/druid/coordinator/v1/loadstatus").await;
    times.push(("loadstatus", t));
    let load = load.json();
    assert_eq!(load.as_object().map(|m| m.len()), Some(size.datasources));
    assert!(load
        .as_object()
        .into_iter()
        .flatten()
        .all(|(_, v)| v.as_f64() == Some(100.0)));
    let (one, t) = get(&sim, &format!("/druid/coordinator/v1/datasources/{name}/loadstatus?forceMetadataRefresh=false&interval=1970-01-01_3000-01-01")).await;
    times.push(("datasources/{ds}/loadstatus", t));
    assert_eq!(one.json()[&name], 100.0);

    let (servers, t) = get(&sim, "/druid/coordinator/v1/servers?full").await;
    times.push(("servers?full", t));
    let servers = servers.json();
    let historical = servers
        .as_array()
        .and_then(|l| l.iter().find(|s| s["type"] == "historical"))
        .expect("historical");
    assert_eq!(
        historical["segments"].as_object().map(|m| m.len()),
        Some(size.segments)
    );

    let (n_segs, t) = sql(&sim, "SELECT COUNT(*) AS n FROM sys.segments").await;
    times.push(("sql COUNT(*) sys.segments", t));
    assert_eq!(n_segs.json()[0]["n"], size.segments as u64);
    let (per_ds, t) = sql(
        &sim,
        "SELECT datasource, COUNT(*) AS n FROM sys.segments GROUP BY 1 ORDER BY 2 DESC",
    )
    .await;
    times.push(("sql GROUP BY datasource", t));
    assert_eq!(
        per_ds.json().as_array().map(Vec::len),
        Some(size.datasources)
    );
    let (page, t) = sql(&sim, &format!("SELECT segment_id, \"start\", size FROM sys.segments WHERE datasource = '{name}' ORDER BY \"start\" DESC LIMIT 25")).await;
    times.push(("sql page of one datasource", t));
    assert_eq!(page.json().as_array().map(Vec::len), Some(n.min(25)));
    let (newest, t) = sql(&sim, "SELECT segment_id, datasource, \"start\", \"end\", size, num_rows, is_available, is_overshadowed FROM sys.segments ORDER BY \"start\" DESC LIMIT 50 OFFSET 10").await;
    times.push(("sql newest 50 of all segments", t));
    let newest = newest.json();
    let starts: Vec<&str> = newest
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["start"].as_str())
        .collect();
    assert_eq!(starts.len(), 50);
    assert!(starts.windows(2).all(|w| w[0] >= w[1]), "{starts:?}");
    times
}

fn report(times: &[(&str, Duration)]) {
    for (what, t) in times {
        println!("{:>8.3} s  {what}", t.as_secs_f64());
    }
}

#[tokio::test]
async fn medium_druid_lists_every_datasource_and_segment() {
    report(&check(DruidSize::MEDIUM).await);
}

#[tokio::test]
#[ignore = "the full size takes about a minute in a debug build; run with --ignored"]
async fn large_druid_lists_5000_datasources_and_200000_segments() {
    report(&check(DruidSize::LARGE).await);
}

#[tokio::test]
async fn sizes_are_checked_and_the_default_is_unchanged() {
    let args = |a: &[&str]| switchboard_sim::SimConfig::from_args(a.iter().map(|s| s.to_string()));
    assert_eq!(args(&[]).map(|c| c.druid), Ok(DruidSize::default()));
    assert_eq!(
        args(&["--druid-scale", "large"]).map(|c| c.druid),
        Ok(DruidSize::LARGE)
    );
    assert_eq!(
        args(&["--druid-datasources=300", "--druid-segments", "9000"]).map(|c| c.druid),
        Ok(DruidSize {
            datasources: 300,
            segments: 9_000
        })
    );
    assert!(args(&["--druid-scale", "huge"]).is_err());
    assert!(args(&["--druid-datasources", "3"]).is_err());
    assert!(args(&["--druid-datasources", "900", "--druid-segments", "7000"]).is_err());
    assert!(args(&["--druid-segments", "7000"]).is_err());
}
