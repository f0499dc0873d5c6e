//! Druid simulator: documented endpoints and their shapes, odd parts, and state that changes.

mod common;

use common::{advance, client, get, send, start, Answer};
use serde_json::{json, Value};
use switchboard_sim::{RunningSim, System};

fn url(sim: &RunningSim, role: &str, path: &str) -> String {
    format!("{}{path}", sim.url(System::Druid, role))
}

async fn router(sim: &RunningSim, path: &str) -> Answer {
    get(&url(sim, "router", path)).await
}

async fn post(sim: &RunningSim, path: &str, body: Value) -> Answer {
    send(
        client()
            .post(url(sim, "router", path))
            .header("content-type", "application/json")
            .body(body.to_string()),
    )
    .await
}

fn len(v: &Value) -> usize {
    v.as_array().map(Vec::len).unwrap_or(0)
}

#[tokio::test]
async fn common_endpoints_and_odd_parts() {
    let sim = start().await;
    for role in [
        "router",
        "coordinator",
        "overlord",
        "broker",
        "historical",
        "middlemanager",
    ] {
        let health = get(&url(&sim, role, "/status/health")).await;
        assert_eq!(
            (health.status, health.body.as_str()),
            (200, "true"),
            "{role}"
        );
        let status = get(&url(&sim, role, "/status")).await.json();
        assert!(status["version"].is_string() && status["memory"]["maxMemory"].is_i64());
        assert!(status["modules"][0]["artifact"].is_string());
        assert_eq!(
            get(&url(&sim, role, "/status/selfDiscovered/status"))
                .await
                .json(),
            json!({"selfDiscovered": true})
        );
    }
    let props = get(&url(&sim, "historical", "/status/properties"))
        .await
        .json();
    assert_eq!(props["druid.service"], "druid/historical");
    let leader = get(&url(&sim, "coordinator", "/druid/coordinator/v1/leader")).await;
    assert!(leader.content_type.starts_with("text/plain"));
    assert_eq!(leader.body, sim.url(System::Druid, "coordinator"));
    assert_eq!(
        router(&sim, "/druid/indexer/v1/leader").await.body,
        sim.url(System::Druid, "overlord")
    );
    assert_eq!(
        router(&sim, "/druid/coordinator/v1/isLeader").await.json(),
        json!({"leader": true})
    );
    assert_eq!(
        router(&sim, "/druid/indexer/v1/isLeader").await.json(),
        json!({"leader": true})
    );
    let missing = router(&sim, "/druid/coordinator/v1/nope").await;
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("HTTP ERROR 404"));
    // Jersey ignores a trailing slash; the router proxies /proxy/coordinator/... too.
    assert_eq!(router(&sim, "/status/health/").await.body, "true");
    assert_eq!(
        router(&sim, "/proxy/coordinator/druid/coordinator/v1/isLeader")
            .await
            .json(),
        json!({"leader": true})
    );
}

#[tokio::test]
async fn coordinator_datasources_with_flags_and_intervals() {
    let sim = start().await;
    let names = router(&sim, "/druid/coordinator/v1/datasources")
        .await
        .json();
    assert!(len(&names) >= 5);
    assert!(names
        .as_array()
        .is_some_and(|a| a.contains(&json!("wikipedia"))));
    let simple = router(&sim, "/druid/coordinator/v1/datasources?simple")
        .await
        .json();
    let wiki = simple
        .as_array()
        .and_then(|a| a.iter().find(|d| d["name"] == "wikipedia"))
        .cloned()
        .unwrap_or_default();
    assert!(
        wiki["properties"]["segments"]["count"]
            .as_i64()
            .unwrap_or(0)
            > 1000,
        "thousands of segments"
    );
    assert!(wiki["properties"]["tiers"]["_default_tier"]["segmentCount"].is_i64());
    let full = router(&sim, "/druid/coordinator/v1/datasources?full")
        .await
        .json();
    assert!(full[0]["segments"][0]["identifier"].is_string());
    let one = router(&sim, "/druid/coordinator/v1/datasources/kttm")
        .await
        .json();
    assert!(one["segments"]["minTime"].is_string());
    assert_eq!(
        router(&sim, "/druid/coordinator/v1/datasources/nope")
            .await
            .status,
        204
    );

    let intervals = router(&sim, "/druid/coordinator/v1/datasources/kttm/intervals")
        .await
        .json();
    let first = intervals[0].as_str().unwrap_or_default().to_string();
    let second = intervals[1].as_str().unwrap_or_default().to_string();
    assert!(first > second, "newest first");
    let underscored = first.replace('/', "_");
    let ids = router(
        &sim,
        &format!("/druid/coordinator/v1/datasources/kttm/intervals/{underscored}"),
    )
    .await
    .json();
    assert!(len(&ids) >= 3, "{ids}");
    let simple_iv = router(
        &sim,
        &format!("/druid/coordinator/v1/datasources/kttm/intervals/{underscored}?simple"),
    )
    .await;
    assert!(
        simple_iv.json()[&first]["count"].is_i64(),
        "{}",
        simple_iv.body
    );
    let sv = router(
        &sim,
        &format!("/druid/coordinator/v1/datasources/kttm/intervals/{underscored}/serverview"),
    )
    .await
    .json();
    assert_eq!(sv[0]["servers"][0]["type"], "historical");
    let seg_ids = router(
        &sim,
        "/druid/coordinator/v1/datasources/metrics_infra/segments",
    )
    .await
    .json();
    let seg = seg_ids[0].as_str().unwrap_or_default().to_string();
    let detail = router(
        &sim,
        &format!("/druid/coordinator/v1/datasources/metrics_infra/segments/{seg}"),
    )
    .await
    .json();
    assert_eq!(detail["metadata"]["identifier"], seg.as_str());
    assert_eq!(
        router(
            &sim,
            "/druid/coordinator/v1/datasources/metrics_infra/tiers"
        )
        .await
        .json(),
        json!(["_default_tier"])
    );
    assert!(router(&sim, "/druid/coordinator/v1/intervals")
        .await
        .json()
        .as_object()
        .is_some_and(|o| !o.is_empty()));

    // Metadata store views.
    let meta = router(
        &sim,
        "/druid/coordinator/v1/metadata/datasources?includeUnused",
    )
    .await
    .json();
    assert!(meta
        .as_array()
        .is_some_and(|a| a.contains(&json!("deprecated_logs"))));
    let over = router(
        &sim,
        "/druid/coordinator/v1/metadata/segments?datasources=kttm&includeOvershadowedStatus",
    )
    .await
    .json();
    assert!(over
        .as_array()
        .is_some_and(|a| a.iter().any(|s| s["overshadowed"] == true)));
    assert_eq!(
        router(&sim, "/druid/coordinator/v1/metadata/datasources/nope")
            .await
            .status,
        404
    );

    // Mark unused / used changes what the coordinator serves.
    let before = len(&router(
        &sim,
        "/druid/coordinator/v1/datasources/metrics_infra/segments",
    )
    .await
    .json());
    let changed = send(client().delete(url(
        &sim,
        "router",
        &format!("/druid/coordinator/v1/datasources/metrics_infra/segments/{seg}"),
    )))
    .await
    .json();
    assert_eq!(changed, json!({"segmentStateChanged": true}));
    assert_eq!(
        len(&router(
            &sim,
            "/druid/coordinator/v1/datasources/metrics_infra/segments"
        )
        .await
        .json()),
        before - 1
    );
    // The segment is among the unused ones, a page at a time in the order asked.
    let unused = router(
        &sim,
        "/druid/coordinator/v1/metadata/datasources/metrics_infra/unusedSegments?sortOrder=DESC",
    )
    .await
    .json();
    let ids: Vec<&str> = unused
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|u| u["dataSegment"]["identifier"].as_str())
                .collect()
        })
        .unwrap_or_default();
    assert!(ids.contains(&seg.as_str()), "{seg} not in {ids:?}");
    assert!(
        ids.windows(2).all(|w| w[0] > w[1]),
        "not descending: {ids:?}"
    );
    let page = router(
        &sim,
        &format!(
            "/druid/coordinator/v1/metadata/datasources/metrics_infra/unusedSegments?limit=1&lastSegmentId={}",
            ids[ids.len() - 1]
        ),
    )
    .await
    .json();
    assert!(len(&page) <= 1);
    if let Some(next) = page[0]["dataSegment"]["identifier"].as_str() {
        assert!(next > ids[ids.len() - 1]);
    }
    assert_eq!(
        router(
            &sim,
            "/druid/coordinator/v1/metadata/datasources/metrics_infra/unusedSegments?sortOrder=up"
        )
        .await
        .status,
        400
    );
    let bad = post(
        &sim,
        "/druid/coordinator/v1/datasources/metrics_infra/markUsed",
        json!({}),
    )
    .await;
    assert_eq!(bad.status, 400);
    assert!(bad.json()["error"].is_string());
    let used = post(
        &sim,
        "/druid/coordinator/v1/datasources/metrics_infra/markUsed",
        json!({"segmentIds": [seg]}),
    )
    .await
    .json();
    assert_eq!(used, json!({"numChangedSegments": 1}));
}

#[tokio::test]
async fn load_status_queue_and_servers_follow_the_clock() {
    let sim = start().await;
    let pct = router(&sim, "/druid/coordinator/v1/loadstatus")
        .await
        .json();
    assert!(
        pct["wikipedia"].as_f64().unwrap_or(100.0) < 100.0,
        "newest segments are still loading"
    );
    let simple = router(&sim, "/druid/coordinator/v1/loadstatus?simple")
        .await
        .json();
    assert!(simple["wikipedia"].as_i64().unwrap_or(0) > 0);
    let full = router(&sim, "/druid/coordinator/v1/loadstatus?full")
        .await
        .json();
    assert!(full["_default_tier"]["wikipedia"].is_i64());
    let queue = router(&sim, "/druid/coordinator/v1/loadqueue?simple")
        .await
        .json();
    let host = sim.plan.host_port(System::Druid, "historical");
    assert!(queue[&host]["segmentsToLoad"].as_i64().unwrap_or(0) > 0);
    let ds = router(
        &sim,
        "/druid/coordinator/v1/datasources/wikipedia/loadstatus?forceMetadataRefresh=false",
    )
    .await
    .json();
    assert!(ds["wikipedia"].as_f64().unwrap_or(100.0) < 100.0);
    assert_eq!(
        router(
            &sim,
            "/druid/coordinator/v1/datasources/wikipedia/loadstatus"
        )
        .await
        .status,
        400
    );
    advance(&sim, 120_000).await;
    let pct = router(&sim, "/druid/coordinator/v1/loadstatus")
        .await
        .json();
    assert_eq!(pct["wikipedia"].as_f64(), Some(100.0));
    let servers = router(&sim, "/druid/coordinator/v1/servers?simple")
        .await
        .json();
    assert_eq!(servers[0]["type"], "historical");
    assert_eq!(
        router(&sim, "/druid/coordinator/v1/servers").await.json()[0],
        json!(host)
    );
}

#[tokio::test]
async fn rules_and_configs_keep_history_with_author_and_comment() {
    let sim = start().await;
    let rules = router(&sim, "/druid/coordinator/v1/rules").await.json();
    assert!(rules["_default"].is_array());
    let set = send(
        client()
            .post(url(&sim, "coordinator", "/druid/coordinator/v1/rules/social_media"))
            .header("X-Druid-Author", "alice")
            .header("X-Druid-Comment", "keep a month")
            .body(json!([{"type": "loadByPeriod", "period": "P1M", "tieredReplicants": {"_default_tier": 1}}, {"type": "dropForever"}]).to_string()),
    )
    .await;
    assert_eq!(
        (set.status, set.body.as_str()),
        (200, ""),
        "POST to rules returns an empty 200"
    );
    assert_eq!(
        len(&router(&sim, "/druid/coordinator/v1/rules/social_media")
            .await
            .json()),
        2
    );
    assert_eq!(
        len(
            &router(&sim, "/druid/coordinator/v1/rules/social_media?full")
                .await
                .json()
        ),
        3
    );
    let hist = router(&sim, "/druid/coordinator/v1/rules/social_media/history")
        .await
        .json();
    assert_eq!(hist[0]["auditInfo"]["author"], "alice");
    assert_eq!(hist[0]["auditInfo"]["comment"], "keep a month");
    assert!(hist[0]["payload"].is_string());
    let latest = router(&sim, "/druid/coordinator/v1/rules/history?count=1")
        .await
        .json();
    assert_eq!(latest[0]["key"], "social_media");
    let bad = post(
        &sim,
        "/druid/coordinator/v1/rules/social_media",
        json!([{"type": "keepForever"}]),
    )
    .await;
    assert_eq!(bad.status, 400);
    assert!(bad.json()["error"].is_string());

    let cfg = router(&sim, "/druid/coordinator/v1/config").await.json();
    assert_eq!(cfg["maxSegmentsToMove"], 100);
    let post_cfg = send(
        client()
            .post(url(&sim, "router", "/druid/coordinator/v1/config"))
            .header("X-Druid-Author", "bob")
            .header("X-Druid-Comment", "faster")
            .body(json!({"maxSegmentsToMove": 250}).to_string()),
    )
    .await;
    assert_eq!((post_cfg.status, post_cfg.body.as_str()), (200, ""));
    assert_eq!(
        router(&sim, "/druid/coordinator/v1/config").await.json()["maxSegmentsToMove"],
        250
    );
    let ch = router(&sim, "/druid/coordinator/v1/config/history?count=5")
        .await
        .json();
    assert_eq!(ch[0]["auditInfo"]["author"], "bob");

    let worker = router(&sim, "/druid/indexer/v1/worker").await.json();
    assert_eq!(worker["type"], "default");
    let new_worker =
        json!({"type": "default", "selectStrategy": {"type": "fillCapacity"}, "autoScaler": null});
    let w = send(
        client()
            .post(url(&sim, "overlord", "/druid/indexer/v1/worker"))
            .header("X-Druid-Author", "carol")
            .body(new_worker.to_string()),
    )
    .await;
    assert_eq!((w.status, w.body.as_str()), (200, ""));
    assert_eq!(
        router(&sim, "/druid/indexer/v1/worker").await.json(),
        new_worker
    );
    assert_eq!(
        router(&sim, "/druid/indexer/v1/worker/history?count=1")
            .await
            .json()[0]["auditInfo"]["author"],
        "carol"
    );

    // Auto-compaction config.
    let all = router(&sim, "/druid/coordinator/v1/config/compaction")
        .await
        .json();
    assert!(len(&all["compactionConfigs"]) >= 2);
    let c = post(
        &sim,
        "/druid/coordinator/v1/config/compaction",
        json!({"dataSource": "clickstream", "skipOffsetFromLatest": "PT6H"}),
    )
    .await;
    assert_eq!(c.status, 200);
    assert_eq!(
        router(&sim, "/druid/coordinator/v1/config/compaction/clickstream")
            .await
            .json()["skipOffsetFromLatest"],
        "PT6H"
    );
    assert_eq!(
        len(&router(
            &sim,
            "/druid/coordinator/v1/config/compaction/clickstream/history"
        )
        .await
        .json()),
        1
    );
    let status = router(
        &sim,
        "/druid/coordinator/v1/compaction/status?dataSource=kttm",
    )
    .await
    .json();
    assert!(
        status["latestStatus"][0]["bytesCompacted"]
            .as_i64()
            .unwrap_or(0)
            > 0
    );
    assert!(router(
        &sim,
        "/druid/coordinator/v1/compaction/progress?dataSource=kttm"
    )
    .await
    .json()["remainingSegmentSize"]
        .is_i64());
    let gone = send(client().delete(url(
        &sim,
        "router",
        "/druid/coordinator/v1/config/compaction/clickstream",
    )))
    .await;
    assert_eq!(gone.status, 200);
    let unknown = router(&sim, "/druid/coordinator/v1/config/compaction/clickstream").await;
    assert_eq!(
        (unknown.status, unknown.json()),
        (404, json!({"error": "unknown dataSource"}))
    );
}

#[tokio::test]
async fn tasks_exist_in_every_state_and_submitted_tasks_run() {
    let sim = start().await;
    for state in ["running", "waiting", "pending", "complete"] {
        let list = router(&sim, &format!("/druid/indexer/v1/tasks?state={state}"))
            .await
            .json();
        assert!(len(&list) > 0, "no {state} tasks");
    }
    let complete = router(&sim, "/druid/indexer/v1/completeTasks").await.json();
    let statuses: Vec<&str> = complete
        .as_array()
        .map(|a| a.iter().filter_map(|t| t["statusCode"].as_str()).collect())
        .unwrap_or_default();
    assert!(statuses.contains(&"SUCCESS") && statuses.contains(&"FAILED"));
    assert_eq!(
        len(
            &router(&sim, "/druid/indexer/v1/tasks?state=complete&max=5")
                .await
                .json()
        ),
        5
    );
    assert_eq!(
        router(&sim, "/druid/indexer/v1/tasks?state=bogus")
            .await
            .status,
        400
    );
    let t0 = &router(&sim, "/druid/indexer/v1/runningTasks").await.json()[0];
    for key in [
        "id",
        "groupId",
        "type",
        "createdTime",
        "queueInsertionTime",
        "statusCode",
        "status",
        "runnerStatusCode",
        "duration",
        "location",
        "dataSource",
        "errorMsg",
    ] {
        assert!(t0.get(key).is_some(), "missing {key}");
    }

    // The task spec from Druid's tasks API documentation.
    let spec = json!({
        "type": "index_parallel",
        "spec": {
            "dataSchema": {
                "dataSource": "wikipedia_auto",
                "timestampSpec": {"column": "time", "format": "iso"},
                "dimensionsSpec": {"useSchemaDiscovery": true},
                "metricsSpec": [],
                "granularitySpec": {"type": "uniform", "segmentGranularity": "day", "queryGranularity": "none", "intervals": ["2015-09-12/2015-09-13"], "rollup": false}
            },
            "ioConfig": {"type": "index_parallel", "inputSource": {"type": "local", "baseDir": "quickstart/tutorial/", "filter": "wikiticker-2015-09-12-sampled.json.gz"}, "inputFormat": {"type": "json"}, "appendToExisting": false},
            "tuningConfig": {"type": "index_parallel", "maxRowsPerSegment": 5000000, "maxRowsInMemory": 25000}
        }
    });
    let mut ok_spec = spec.clone();
    ok_spec["context"] = json!({"simulatedOutcome": "SUCCESS"});
    let id = post(&sim, "/druid/indexer/v1/task", ok_spec).await.json()["task"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(id.starts_with("index_parallel_wikipedia_auto_"), "{id}");
    let status = router(&sim, &format!("/druid/indexer/v1/task/{id}/status"))
        .await
        .json();
    assert_eq!(status["status"]["runnerStatusCode"], "PENDING");
    assert_eq!(
        router(&sim, &format!("/druid/indexer/v1/task/{id}/reports"))
            .await
            .status,
        404
    );
    advance(&sim, 3_000).await;
    assert_eq!(
        router(&sim, &format!("/druid/indexer/v1/task/{id}/status"))
            .await
            .json()["status"]["runnerStatusCode"],
        "RUNNING"
    );
    advance(&sim, 30_000).await;
    let done = router(&sim, &format!("/druid/indexer/v1/task/{id}/status"))
        .await
        .json();
    assert_eq!(done["status"]["statusCode"], "SUCCESS");
    assert!(done["status"]["duration"].as_i64().unwrap_or(0) > 0);
    let reports = router(&sim, &format!("/druid/indexer/v1/task/{id}/reports"))
        .await
        .json();
    assert_eq!(
        reports["ingestionStatsAndErrors"]["payload"]["ingestionState"],
        "COMPLETED"
    );
    assert!(router(&sim, &format!("/druid/indexer/v1/task/{id}/log"))
        .await
        .body
        .contains("SUCCESS"));
    assert_eq!(
        router(&sim, &format!("/druid/indexer/v1/task/{id}"))
            .await
            .json()["payload"]["type"],
        "index_parallel"
    );
    // The task published a new datasource.
    advance(&sim, 10_000).await;
    assert!(router(&sim, "/druid/coordinator/v1/datasources")
        .await
        .json()
        .as_array()
        .is_some_and(|a| a.contains(&json!("wikipedia_auto"))));

    let mut bad_spec = spec.clone();
    bad_spec["context"] = json!({"simulatedOutcome": "FAILED"});
    let failing = post(&sim, "/druid/indexer/v1/task", bad_spec).await.json()["task"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    advance(&sim, 40_000).await;
    let failed = router(&sim, &format!("/druid/indexer/v1/task/{failing}/status"))
        .await
        .json();
    assert_eq!(failed["status"]["statusCode"], "FAILED");
    assert!(failed["status"]["errorMsg"].is_string());

    let dup = post(&sim, "/druid/indexer/v1/task", json!({"type": "index_parallel", "id": failing, "spec": {"dataSchema": {"dataSource": "x"}}})).await;
    assert_eq!(dup.status, 409);
    let e = dup.json();
    assert_eq!(
        (
            e["error"].as_str(),
            e["persona"].as_str(),
            e["category"].as_str()
        ),
        (Some("druidException"), Some("USER"), Some("CONFLICT"))
    );
    assert!(e["errorMessage"].is_string());
    let invalid = post(&sim, "/druid/indexer/v1/task", json!({"spec": {}})).await;
    assert_eq!(invalid.status, 400);
    assert!(invalid.json()["error"].is_string());

    let unknown = router(&sim, "/druid/indexer/v1/task/nope/status").await;
    assert_eq!(
        (unknown.status, unknown.json()),
        (404, json!({"task": "nope", "status": null}))
    );
    let unknown_reports = router(&sim, "/druid/indexer/v1/task/nope/reports").await;
    assert!(unknown_reports.content_type.starts_with("text/plain"));

    // Shutdown and bulk status.
    let pending = router(&sim, "/druid/indexer/v1/pendingTasks").await.json();
    let pid = pending[0]["id"].as_str().unwrap_or_default().to_string();
    assert_eq!(
        post(
            &sim,
            &format!("/druid/indexer/v1/task/{pid}/shutdown"),
            json!({})
        )
        .await
        .json(),
        json!({"task": pid})
    );
    let bulk = post(&sim, "/druid/indexer/v1/taskStatus", json!([pid, id]))
        .await
        .json();
    assert_eq!(bulk[&pid]["status"], "FAILED");
    assert_eq!(bulk[&id]["status"], "SUCCESS");
    assert_eq!(
        post(
            &sim,
            "/druid/indexer/v1/datasources/kttm/shutdownAllTasks",
            json!({})
        )
        .await
        .json(),
        json!({"dataSource": "kttm"})
    );
    let deleted = send(client().delete(url(
        &sim,
        "router",
        "/druid/indexer/v1/pendingSegments/wikipedia",
    )))
    .await
    .json();
    assert_eq!(deleted, json!({"numDeleted": 3}));
}

#[tokio::test]
async fn supervisors_in_several_states_and_their_lifecycle() {
    let sim = start().await;
    let states = router(&sim, "/druid/indexer/v1/supervisor?state=true")
        .await
        .json();
    let kinds: Vec<&str> = states
        .as_array()
        .map(|a| a.iter().filter_map(|s| s["state"].as_str()).collect())
        .unwrap_or_default();
    for s in [
        "RUNNING",
        "SUSPENDED",
        "UNHEALTHY_SUPERVISOR",
        "UNHEALTHY_TASKS",
        "PENDING",
    ] {
        assert!(kinds.contains(&s), "missing {s}: {kinds:?}");
    }
    let full = router(&sim, "/druid/indexer/v1/supervisor?full")
        .await
        .json();
    assert!(full[0]["spec"]["spec"]["dataSchema"]["dataSource"].is_string());
    let status = router(&sim, "/druid/indexer/v1/supervisor/wikipedia/status")
        .await
        .json();
    assert_eq!(status["payload"]["state"], "RUNNING");
    assert!(len(&status["payload"]["activeTasks"]) == 1);
    assert!(status["payload"]["aggregateLag"].is_i64());

    let suspended = post(
        &sim,
        "/druid/indexer/v1/supervisor/wikipedia/suspend",
        json!({}),
    )
    .await
    .json();
    assert_eq!(
        suspended["suspended"], true,
        "responds with the updated spec"
    );
    assert_eq!(
        router(&sim, "/druid/indexer/v1/supervisor/wikipedia/status")
            .await
            .json()["payload"]["state"],
        "SUSPENDED"
    );
    let again = post(
        &sim,
        "/druid/indexer/v1/supervisor/wikipedia/suspend",
        json!({}),
    )
    .await;
    assert_eq!(again.status, 400);
    assert!(again.json()["error"].is_string());
    post(
        &sim,
        "/druid/indexer/v1/supervisor/wikipedia/resume",
        json!({}),
    )
    .await;
    assert_eq!(
        router(&sim, "/druid/indexer/v1/supervisor/wikipedia/status")
            .await
            .json()["payload"]["state"],
        "PENDING"
    );
    advance(&sim, 10_000).await;
    assert_eq!(
        router(&sim, "/druid/indexer/v1/supervisor/wikipedia/status")
            .await
            .json()["payload"]["state"],
        "RUNNING"
    );
    assert_eq!(
        post(&sim, "/druid/indexer/v1/supervisor/kttm/reset", json!({}))
            .await
            .json(),
        json!({"id": "kttm"})
    );
    assert_eq!(
        post(
            &sim,
            "/druid/indexer/v1/supervisor/clickstream/terminate",
            json!({})
        )
        .await
        .json(),
        json!({"id": "clickstream"})
    );
    let ids = router(&sim, "/druid/indexer/v1/supervisor").await.json();
    assert!(!ids
        .as_array()
        .is_some_and(|a| a.contains(&json!("clickstream"))));
    let hist = router(&sim, "/druid/indexer/v1/supervisor/clickstream/history")
        .await
        .json();
    assert!(len(&hist) >= 2);
    assert!(router(&sim, "/druid/indexer/v1/supervisor/history")
        .await
        .json()["clickstream"]
        .is_array());
    let missing = router(&sim, "/druid/indexer/v1/supervisor/clickstream").await;
    assert_eq!(missing.status, 404);
    assert!(missing.json()["error"].is_string());

    let created = post(&sim, "/druid/indexer/v1/supervisor", json!({"type": "kafka", "spec": {"dataSchema": {"dataSource": "payments"}, "ioConfig": {"topic": "payments"}}})).await.json();
    assert_eq!(created, json!({"id": "payments"}));
    assert_eq!(
        post(&sim, "/druid/indexer/v1/supervisor/suspendAll", json!({}))
            .await
            .json(),
        json!({"status": "success"})
    );
    let all = router(&sim, "/druid/indexer/v1/supervisor?state=true")
        .await
        .json();
    assert!(all
        .as_array()
        .is_some_and(|a| a.iter().all(|s| s["suspended"] == true)));
    assert_eq!(
        post(&sim, "/druid/indexer/v1/supervisor/resumeAll", json!({}))
            .await
            .json(),
        json!({"status": "success"})
    );
    assert_eq!(
        post(&sim, "/druid/indexer/v1/supervisor/terminateAll", json!({}))
            .await
            .json(),
        json!({"status": "success"})
    );
    assert_eq!(
        router(&sim, "/druid/indexer/v1/supervisor").await.json(),
        json!([])
    );
}

#[tokio::test]
async fn broker_native_queries_and_sql() {
    let sim = start().await;
    let b = |p: &str| url(&sim, "broker", p);
    assert!(len(&get(&b("/druid/v2/datasources")).await.json()) >= 5);
    let meta = get(&b("/druid/v2/datasources/wikipedia")).await.json();
    assert!(meta["dimensions"]
        .as_array()
        .is_some_and(|a| a.contains(&json!("channel"))));
    assert!(
        len(&get(&b("/druid/v2/datasources/wikipedia/metrics"))
            .await
            .json())
            >= 1
    );
    assert!(
        len(&get(&b("/druid/v2/datasources/wikipedia/dimensions"))
            .await
            .json())
            >= 1
    );
    assert_eq!(
        get(&b("/druid/broker/v1/loadstatus")).await.json(),
        json!({"inventoryInitialized": true})
    );
    assert_eq!(get(&b("/druid/broker/v1/readiness")).await.status, 200);
    let cand = get(&b(
        "/druid/v2/datasources/metrics_infra/candidates?intervals=2000-01-01/2100-01-01",
    ))
    .await
    .json();
    assert!(cand[0]["locations"][0]["host"].is_string());

    let tb = send(
        client()
            .post(b("/druid/v2/"))
            .body(json!({"queryType": "timeBoundary", "dataSource": "kttm"}).to_string()),
    )
    .await
    .json();
    assert!(tb[0]["result"]["minTime"].is_string());
    let ts = send(client().post(b("/druid/v2")).body(json!({"queryType": "timeseries", "dataSource": "wikipedia", "granularity": "all", "intervals": ["2000-01-01/2100-01-01"], "aggregations": [{"type": "count", "name": "rows"}]}).to_string())).await.json();
    assert_eq!(ts[0]["result"]["rows"], 720);
    let bad = send(
        client()
            .post(b("/druid/v2"))
            .body(json!({"queryType": "explode", "dataSource": "kttm"}).to_string()),
    )
    .await;
    assert_eq!(bad.status, 400);
    let e = bad.json();
    assert!(e["error"].is_string() && e["errorMessage"].is_string() && e["errorClass"].is_string());

    let sql = |body: Value| {
        send(
            client()
                .post(b("/druid/v2/sql"))
                .header("content-type", "application/json")
                .body(body.to_string()),
        )
    };
    let objects = sql(json!({"query": "SELECT datasource, COUNT(*) AS segments FROM sys.segments GROUP BY datasource ORDER BY segments DESC"})).await;
    assert!(!objects.header("x-druid-sql-query-id").is_empty());
    let rows = objects.json();
    assert!(rows[0]["segments"].as_i64().unwrap_or(0) > 1000);
    let arrays = sql(json!({"query": "SELECT server, server_type FROM sys.servers", "resultFormat": "array", "header": true, "typesHeader": true, "sqlTypesHeader": true})).await;
    assert_eq!(arrays.header("x-druid-sql-header-included"), "yes");
    let a = arrays.json();
    assert_eq!(a[0], json!(["server", "server_type"]));
    assert_eq!(a[1], json!(["STRING", "STRING"]));
    assert_eq!(a[2], json!(["VARCHAR", "VARCHAR"]));
    let lines = sql(json!({"query": "SELECT task_id, status FROM sys.tasks WHERE status = 'FAILED' LIMIT 3", "resultFormat": "objectLines"})).await;
    assert!(
        lines.body.ends_with("\n\n"),
        "objectLines ends with an empty line"
    );
    assert_eq!(lines.body.trim_end().lines().count(), 3);
    let csv = sql(json!({"query": "SELECT supervisor_id, state FROM sys.supervisors ORDER BY supervisor_id", "resultFormat": "csv", "header": true})).await;
    assert!(csv.body.starts_with("supervisor_id,state\n"));
    let wiki = sql(json!({"query": "SELECT channel, SUM(added) AS added FROM wikipedia GROUP BY 1 ORDER BY 2 DESC LIMIT 2"})).await.json();
    assert_eq!(len(&wiki), 2);
    let err = sql(json!({"query": "SELECT * FROM nope"})).await;
    assert_eq!(err.status, 400);
    let e = err.json();
    assert_eq!(
        (e["error"].as_str(), e["category"].as_str()),
        (Some("druidException"), Some("INVALID_INPUT"))
    );
    assert_eq!(e["context"]["sourceType"], "sql");
}

#[tokio::test]
async fn middle_manager_peons_and_historical() {
    let sim = start().await;
    let mm = |p: &str| url(&sim, "middlemanager", p);
    let host = sim.plan.host_port(System::Druid, "middlemanager");
    assert_eq!(
        get(&mm("/druid/worker/v1/enabled")).await.json(),
        json!({host.clone(): true})
    );
    let tasks = get(&mm("/druid/worker/v1/tasks")).await.json();
    let id = tasks[0].as_str().unwrap_or_default().to_string();
    assert!(!id.is_empty());
    // The task runs on a peon of its own, at the location the overlord reports.
    let status = router(&sim, &format!("/druid/indexer/v1/task/{id}/status"))
        .await
        .json();
    let loc = &status["status"]["location"];
    let port = loc["port"].as_u64().unwrap_or_default() as u16;
    assert_eq!(loc["host"], json!(sim.plan.host_str()), "{loc}");
    assert_eq!(loc["tlsPort"], json!(-1));
    let peon_role = switchboard_sim::config::PEON_ROLES
        .iter()
        .find(|r| sim.plan.must(System::Druid, r) == port)
        .copied()
        .unwrap_or_else(|| panic!("{id} is not on a peon port: {loc}"));
    let peon = |p: &str| url(&sim, peon_role, p);
    let stats = get(&peon(&format!("/druid/worker/v1/chat/{id}/rowStats")))
        .await
        .json();
    assert!(stats["totals"]["buildSegments"]["processed"].is_i64());
    assert!(stats["movingAverages"]["buildSegments"]["5m"].is_object());
    let events = get(&peon(&format!(
        "/druid/worker/v1/chat/{id}/unparseableEvents"
    )))
    .await
    .json();
    assert!(events["buildSegments"].is_array(), "{events}");
    let props = get(&peon("/status/properties")).await.json();
    assert_eq!(props["druid.service"], "druid/peon");
    assert_eq!(props["druid.plaintextPort"], json!(port.to_string()));
    // Not on the middle manager, and not for a task the peon does not run.
    for (on, task) in [(mm(""), id.as_str()), (peon(""), "index_other_task")] {
        let a = get(&format!("{on}/druid/worker/v1/chat/{task}/rowStats")).await;
        assert_eq!(a.status, 404, "{on} {task}");
    }
    assert!(get(&mm(&format!("/druid/worker/v1/task/{id}/log")))
        .await
        .body
        .contains(&id));
    let off = send(client().post(mm("/druid/worker/v1/disable")))
        .await
        .json();
    assert_eq!(off, json!({host.clone(): "disabled"}));
    assert_eq!(
        get(&mm("/druid/worker/v1/enabled")).await.json(),
        json!({host.clone(): false})
    );
    assert_eq!(
        send(client().post(mm("/druid/worker/v1/enable")))
            .await
            .json(),
        json!({host.clone(): "enabled"})
    );
    assert_eq!(
        send(client().post(mm(&format!("/druid/worker/v1/task/{id}/shutdown"))))
            .await
            .json(),
        json!({"task": id})
    );
    let h = |p: &str| url(&sim, "historical", p);
    assert_eq!(
        get(&h("/druid/historical/v1/loadstatus")).await.json(),
        json!({"cacheInitialized": true})
    );
    assert_eq!(get(&h("/druid/historical/v1/readiness")).await.status, 200);
}

#[tokio::test]
async fn running_tasks_hold_one_peon_each_up_to_the_worker_capacity() {
    let sim = start().await;
    let capacity = router(&sim, "/druid/indexer/v1/workers").await.json()[0]["worker"]["capacity"]
        .as_u64()
        .unwrap_or_default() as usize;
    assert_eq!(capacity, switchboard_sim::config::PEON_SLOTS);
    let running = len(&router(&sim, "/druid/indexer/v1/runningTasks").await.json());
    // Enough tasks to fill every peon and two more.
    let mut ids = Vec::new();
    for _ in 0..capacity - running + 2 {
        let spec = json!({"type": "noop", "dataSource": "peons", "context": {"simulatedOutcome": "SUCCESS"}});
        let a = post(&sim, "/druid/indexer/v1/task", spec).await.json();
        ids.push(a["task"].as_str().unwrap_or_default().to_string());
    }
    advance(&sim, 3_000).await;
    let list = router(&sim, "/druid/indexer/v1/runningTasks").await.json();
    let mut ports: Vec<u64> = list
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| t["location"]["port"].as_u64().unwrap_or_default())
        .collect();
    assert_eq!(ports.len(), capacity, "{list}");
    ports.sort_unstable();
    ports.dedup();
    assert_eq!(
        ports.len(),
        capacity,
        "two running tasks share a peon: {list}"
    );
    let mut waiting = Vec::new();
    for id in &ids {
        let st = router(&sim, &format!("/druid/indexer/v1/task/{id}/status")).await;
        waiting.push(st.json()["status"]["runnerStatusCode"].clone());
    }
    assert_eq!(
        waiting.iter().filter(|s| *s == "PENDING").count(),
        2,
        "{waiting:?}"
    );
    // A streaming task meets a bad row now and then: its peon reports them.
    let streaming = list
        .as_array()
        .into_iter()
        .flatten()
        .find(|t| t["type"] == "index_kafka")
        .cloned()
        .unwrap_or_default();
    let port = streaming["location"]["port"].as_u64().unwrap_or_default() as u16;
    let role = switchboard_sim::config::PEON_ROLES
        .iter()
        .find(|r| sim.plan.must(System::Druid, r) == port)
        .copied()
        .unwrap_or("none");
    let id = streaming["id"].as_str().unwrap_or_default();
    let events = get(&url(
        &sim,
        role,
        &format!("/druid/worker/v1/chat/{id}/unparseableEvents"),
    ))
    .await
    .json();
    let first = &events["buildSegments"][0];
    assert_eq!(first["errorType"], "unparseable", "{events}");
    assert!(first["details"][0]
        .as_str()
        .is_some_and(|d| d.contains("unparseable")));
}
