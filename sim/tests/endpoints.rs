//! Every endpoint listed in ../shared/api-docs/ for the four simulated systems answers, with the
//! status and body kind the server gives.

mod common;

use common::{client, send, start};
use switchboard_sim::{RunningSim, System};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    /// Body parses as JSON.
    Json,
    /// Body is not JSON (text, HTML, Prometheus, binary).
    Other,
    /// No body.
    Empty,
}
use Kind::*;

enum Auth {
    None,
    Basic,
    Session(String),
}

#[allow(clippy::too_many_arguments)]
async fn check(
    sim: &RunningSim,
    system: System,
    role: &str,
    method: &str,
    path: &str,
    body: &str,
    auth: &Auth,
    status: u16,
    kind: Kind,
) {
    let url = format!("{}{path}", sim.url(system, role));
    let mut req = match method {
        "POST" => client().post(&url),
        "PUT" => client().put(&url),
        "DELETE" => client().delete(&url),
        "HEAD" => client().head(&url),
        _ => client().get(&url),
    };
    req = match auth {
        Auth::None => req,
        Auth::Basic => req.basic_auth("root", Some("")),
        Auth::Session(s) => req.header("X-Cockroach-API-Session", s),
    };
    if !body.is_empty() {
        req = req
            .header("content-type", "application/json")
            .body(body.to_string());
    }
    let a = send(req).await;
    assert_eq!(
        a.status,
        status,
        "{method} {path}: {}",
        a.body.chars().take(300).collect::<String>()
    );
    match kind {
        Json => assert!(
            serde_json::from_str::<serde_json::Value>(&a.body).is_ok(),
            "{method} {path} is not JSON: {}",
            a.body.chars().take(200).collect::<String>()
        ),
        Other => assert!(
            !a.body.is_empty() && serde_json::from_str::<serde_json::Value>(&a.body).is_err()
                || method == "HEAD",
            "{method} {path}: {}",
            a.body.chars().take(200).collect::<String>()
        ),
        Empty => assert!(a.body.is_empty(), "{method} {path}: {}", a.body),
    }
}

#[tokio::test]
async fn druid_documented_endpoints() {
    let sim = start().await;
    let n = Auth::None;
    let c = "/druid/coordinator/v1";
    let o = "/druid/indexer/v1";
    let seg = send(client().get(format!(
        "{}{c}/datasources/metrics_infra/segments",
        sim.url(System::Druid, "coordinator")
    )))
    .await
    .json()[0]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let running = send(client().get(format!(
        "{}{o}/runningTasks",
        sim.url(System::Druid, "overlord")
    )))
    .await
    .json();
    let task = running
        .as_array()
        .and_then(|a| a.iter().find(|t| t["type"] == "index_kafka"))
        .and_then(|t| t["id"].as_str())
        .unwrap_or_default()
        .to_string();
    let port = running
        .as_array()
        .and_then(|a| a.iter().find(|t| t["id"] == task.as_str()))
        .and_then(|t| t["location"]["port"].as_u64())
        .unwrap_or_default() as u16;
    let peon = switchboard_sim::config::PEON_ROLES
        .iter()
        .find(|r| sim.plan.must(System::Druid, r) == port)
        .copied()
        .unwrap_or("no peon");
    let bulk = format!("[\"{task}\"]");
    let cases: Vec<(&str, &str, String, &str, u16, Kind)> = vec![
        (peon, "GET", format!("/druid/worker/v1/chat/{task}/rowStats"), "", 200, Json),
        (peon, "GET", format!("/druid/worker/v1/chat/{task}/unparseableEvents"), "", 200, Json),
        (peon, "GET", "/status".into(), "", 200, Json),
        ("router", "GET", "/status".into(), "", 200, Json),
        ("broker", "GET", "/status/health".into(), "", 200, Json),
        ("overlord", "GET", "/status/properties".into(), "", 200, Json),
        ("historical", "GET", "/status/selfDiscovered/status".into(), "", 200, Json),
        ("middlemanager", "GET", "/status/selfDiscovered".into(), "", 200, Empty),
        ("coordinator", "GET", format!("{c}/leader"), "", 200, Other),
        ("coordinator", "GET", format!("{c}/isLeader"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/loadstatus"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/loadstatus?simple"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/loadstatus?full"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/loadstatus?full&computeUsingClusterView"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/loadqueue"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/loadqueue?simple"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/loadqueue?full"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/datasources/kttm/loadstatus?forceMetadataRefresh=false&interval=2000-01-01/2100-01-01"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/datasources/kttm/loadstatus?simple&forceMetadataRefresh=true"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/datasources/kttm/loadstatus?full&forceMetadataRefresh=false"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/datasources/kttm/loadstatus?forceMetadataRefresh=false&interval=1990-01-01_1990-01-02"), "", 204, Empty),
        ("coordinator", "GET", format!("{c}/metadata/segments"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/metadata/segments?datasources=kttm&datasources=wikipedia"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/metadata/segments?includeOvershadowedStatus"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/metadata/datasources"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/metadata/datasources?includeUnused"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/metadata/datasources?includeDisabled"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/metadata/datasources?full"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/metadata/datasources/kttm"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/metadata/datasources/kttm/segments"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/metadata/datasources/kttm/segments?full"), "", 200, Json),
        ("coordinator", "POST", format!("{c}/metadata/datasources/kttm/segments?full"), "[\"2000-01-01/2100-01-01\"]", 200, Json),
        ("coordinator", "GET", format!("{c}/metadata/datasources/metrics_infra/segments/{seg}"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/datasources"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/datasources?simple"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/datasources?full"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/datasources/kttm"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/datasources/kttm?full"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/datasources/kttm/intervals"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/datasources/kttm/intervals?simple"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/datasources/kttm/intervals?full"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/datasources/kttm/intervals/2000-01-01_2100-01-01"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/datasources/kttm/intervals/2000-01-01_2100-01-01?simple"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/datasources/kttm/intervals/2000-01-01_2100-01-01?full"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/datasources/kttm/intervals/2000-01-01_2100-01-01/serverview"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/datasources/kttm/segments"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/datasources/kttm/segments?full"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/datasources/metrics_infra/segments/{seg}"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/datasources/kttm/tiers"), "", 200, Json),
        ("coordinator", "POST", format!("{c}/datasources/deprecated_logs"), "", 200, Json),
        ("coordinator", "POST", format!("{c}/datasources/metrics_infra/segments/{seg}"), "", 200, Json),
        ("coordinator", "POST", format!("{c}/datasources/kttm/markUsed"), "{\"interval\":\"2000-01-01/2001-01-01\"}", 200, Json),
        ("coordinator", "POST", format!("{c}/datasources/kttm/markUnused"), "{\"segmentIds\":[\"nope\"]}", 200, Json),
        ("coordinator", "DELETE", format!("{c}/datasources/deprecated_logs"), "", 200, Json),
        ("coordinator", "DELETE", format!("{c}/datasources/deprecated_logs/intervals/2000-01-01_2100-01-01"), "", 200, Empty),
        ("coordinator", "DELETE", format!("{c}/datasources/metrics_infra/segments/{seg}"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/rules"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/rules/kttm"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/rules/kttm?full"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/rules/history?interval=2000-01-01/2100-01-01"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/rules/history?count=3"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/rules/kttm/history?interval=2000-01-01/2100-01-01"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/rules/kttm/history?count=1"), "", 200, Json),
        ("coordinator", "POST", format!("{c}/rules/kttm"), "[{\"type\":\"loadForever\",\"tieredReplicants\":{\"_default_tier\":1}}]", 200, Empty),
        ("coordinator", "GET", format!("{c}/intervals"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/intervals/2000-01-01_2100-01-01"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/intervals/2000-01-01_2100-01-01?simple"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/intervals/2000-01-01_2100-01-01?full"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/config"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/config/history?interval=2000-01-01/2100-01-01&count=5"), "", 200, Json),
        ("coordinator", "POST", format!("{c}/config"), "{\"pauseCoordination\":true}", 200, Empty),
        ("coordinator", "GET", format!("{c}/compaction/progress?dataSource=kttm"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/compaction/status"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/compaction/status?dataSource=kttm"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/config/compaction"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/config/compaction/kttm"), "", 200, Json),
        ("coordinator", "POST", format!("{c}/config/compaction/taskslots?ratio=0.2&max=5"), "", 200, Empty),
        ("coordinator", "POST", format!("{c}/config/compaction"), "{\"dataSource\":\"social_media\"}", 200, Empty),
        ("coordinator", "DELETE", format!("{c}/config/compaction/social_media"), "", 200, Empty),
        ("coordinator", "GET", format!("{c}/servers"), "", 200, Json),
        ("coordinator", "GET", format!("{c}/servers?simple"), "", 200, Json),
        ("overlord", "GET", format!("{o}/leader"), "", 200, Other),
        ("overlord", "GET", format!("{o}/isLeader"), "", 200, Json),
        ("overlord", "GET", format!("{o}/tasks?state=running&datasource=wikipedia&createdTimeInterval=2000-01-01_2100-01-01&max=3&type=index_kafka"), "", 200, Json),
        ("overlord", "GET", format!("{o}/completeTasks"), "", 200, Json),
        ("overlord", "GET", format!("{o}/runningTasks"), "", 200, Json),
        ("overlord", "GET", format!("{o}/waitingTasks"), "", 200, Json),
        ("overlord", "GET", format!("{o}/pendingTasks"), "", 200, Json),
        ("overlord", "GET", format!("{o}/task/{task}"), "", 200, Json),
        ("overlord", "GET", format!("{o}/task/{task}/status"), "", 200, Json),
        ("overlord", "GET", format!("{o}/task/{task}/segments"), "", 200, Json),
        ("overlord", "GET", format!("{o}/task/{task}/reports"), "", 200, Json),
        ("overlord", "GET", format!("{o}/task/{task}/log"), "", 200, Other),
        ("overlord", "POST", format!("{o}/task"), "{\"type\":\"noop\",\"dataSource\":\"kttm\"}", 200, Json),
        ("overlord", "POST", format!("{o}/taskStatus"), &bulk, 200, Json),
        ("overlord", "DELETE", format!("{o}/pendingSegments/social_media"), "", 200, Json),
        ("overlord", "GET", format!("{o}/supervisor"), "", 200, Json),
        ("overlord", "GET", format!("{o}/supervisor?full"), "", 200, Json),
        ("overlord", "GET", format!("{o}/supervisor?state=true"), "", 200, Json),
        ("overlord", "GET", format!("{o}/supervisor/kttm"), "", 200, Json),
        ("overlord", "GET", format!("{o}/supervisor/kttm/status"), "", 200, Json),
        ("overlord", "GET", format!("{o}/supervisor/history"), "", 200, Json),
        ("overlord", "GET", format!("{o}/supervisor/kttm/history"), "", 200, Json),
        ("overlord", "POST", format!("{o}/supervisor"), "{\"type\":\"kafka\",\"spec\":{\"dataSchema\":{\"dataSource\":\"x\"}}}", 200, Json),
        ("overlord", "POST", format!("{o}/supervisor/social_media/suspend"), "", 200, Json),
        ("overlord", "POST", format!("{o}/supervisor/social_media/resume"), "", 200, Json),
        ("overlord", "POST", format!("{o}/supervisor/social_media/reset"), "", 200, Json),
        ("overlord", "POST", format!("{o}/supervisor/suspendAll"), "", 200, Json),
        ("overlord", "POST", format!("{o}/supervisor/resumeAll"), "", 200, Json),
        ("overlord", "POST", format!("{o}/supervisor/social_media/terminate"), "", 200, Json),
        ("overlord", "POST", format!("{o}/supervisor/x/shutdown"), "", 200, Json),
        ("overlord", "POST", format!("{o}/supervisor/terminateAll"), "", 200, Json),
        ("overlord", "GET", format!("{o}/worker"), "", 200, Json),
        ("overlord", "GET", format!("{o}/worker/history?interval=2000-01-01/2100-01-01&count=2"), "", 200, Json),
        ("overlord", "GET", format!("{o}/workers"), "", 200, Json),
        ("overlord", "GET", format!("{o}/scaling"), "", 200, Json),
        ("overlord", "POST", format!("{o}/worker"), "{\"type\":\"default\",\"selectStrategy\":{\"type\":\"equalDistribution\"}}", 200, Empty),
        ("overlord", "POST", format!("{o}/task/{task}/shutdown"), "", 200, Json),
        ("overlord", "POST", format!("{o}/datasources/kttm/shutdownAllTasks"), "", 200, Json),
        ("middlemanager", "GET", "/druid/worker/v1/enabled".into(), "", 200, Json),
        ("middlemanager", "GET", "/druid/worker/v1/tasks".into(), "", 200, Json),
        ("middlemanager", "GET", format!("/druid/worker/v1/task/{task}/log"), "", 200, Other),
        ("middlemanager", "POST", "/druid/worker/v1/disable".into(), "", 200, Json),
        ("middlemanager", "POST", "/druid/worker/v1/enable".into(), "", 200, Json),
        ("historical", "GET", "/druid/historical/v1/loadstatus".into(), "", 200, Json),
        ("historical", "GET", "/druid/historical/v1/readiness".into(), "", 200, Empty),
        ("broker", "GET", "/druid/v2/datasources".into(), "", 200, Json),
        ("broker", "GET", "/druid/v2/datasources/kttm".into(), "", 200, Json),
        ("broker", "GET", "/druid/v2/datasources/kttm?full".into(), "", 200, Json),
        ("broker", "GET", "/druid/v2/datasources/kttm/dimensions".into(), "", 200, Json),
        ("broker", "GET", "/druid/v2/datasources/kttm/metrics".into(), "", 200, Json),
        ("broker", "GET", "/druid/v2/datasources/kttm/candidates?intervals=2000-01-01/2100-01-01&numCandidates=1".into(), "", 200, Json),
        ("broker", "GET", "/druid/broker/v1/loadstatus".into(), "", 200, Json),
        ("broker", "GET", "/druid/broker/v1/readiness".into(), "", 200, Empty),
        ("broker", "POST", "/druid/v2/?pretty".into(), "{\"queryType\":\"segmentMetadata\",\"dataSource\":\"kttm\"}", 200, Json),
        ("broker", "POST", "/druid/v2/candidates/".into(), "{\"queryType\":\"timeseries\",\"dataSource\":\"kttm\",\"intervals\":[\"2000-01-01/2100-01-01\"]}", 200, Json),
        ("router", "GET", "/druid/v2/datasources".into(), "", 200, Json),
        ("router", "GET", "/druid/v2/datasources/kttm".into(), "", 200, Json),
        ("router", "GET", "/druid/v2/datasources/kttm/dimensions".into(), "", 200, Json),
        ("router", "GET", "/druid/v2/datasources/kttm/metrics".into(), "", 200, Json),
    ];
    for (role, method, path, body, status, kind) in cases {
        check(
            &sim,
            System::Druid,
            role,
            method,
            &path,
            body,
            &n,
            status,
            kind,
        )
        .await;
    }
}

#[tokio::test]
async fn cockroach_documented_endpoints() {
    let sim = start().await;
    let login = send(
        client()
            .post(format!(
                "{}/api/v2/login/",
                sim.url(System::Cockroach, "node1")
            ))
            .body("username=root&password=root"),
    )
    .await;
    let session = Auth::Session(
        login.json()["session"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
    );
    let cases: Vec<(&str, &str, &str, u16, Kind)> = vec![
        ("GET", "/api/v2/health/", "", 200, Json),
        ("GET", "/api/v2/health/?ready=true", "", 200, Json),
        ("GET", "/api/v2/nodes/?limit=1&offset=1", "", 200, Json),
        (
            "GET",
            "/api/v2/nodes/1/ranges/?ranges=1&limit=1&offset=0",
            "",
            200,
            Json,
        ),
        (
            "GET",
            "/api/v2/ranges/hot/?node_id=2&limit=3",
            "",
            200,
            Json,
        ),
        ("GET", "/api/v2/ranges/5/", "", 200, Json),
        (
            "GET",
            "/api/v2/sessions/?username=demo&limit=2",
            "",
            200,
            Json,
        ),
        ("GET", "/api/v2/users/", "", 200, Json),
        ("GET", "/api/v2/events/?limit=2", "", 200, Json),
        ("GET", "/api/v2/databases/", "", 200, Json),
        ("GET", "/api/v2/databases/movr/", "", 200, Json),
        ("GET", "/api/v2/databases/movr/grants/", "", 200, Json),
        ("GET", "/api/v2/databases/movr/tables/", "", 200, Json),
        ("GET", "/api/v2/databases/movr/tables/users/", "", 200, Json),
        ("GET", "/api/v2/rules/", "", 200, Other),
        (
            "POST",
            "/api/v2/sql/",
            "{\"execute\":true,\"statements\":[{\"sql\":\"SHOW DATABASES\"}]}",
            200,
            Json,
        ),
        ("GET", "/_status/vars", "", 200, Other),
        ("POST", "/api/v2/logout/", "", 200, Json),
    ];
    for (method, path, body, status, kind) in cases {
        check(
            &sim,
            System::Cockroach,
            "node2",
            method,
            path,
            body,
            &session,
            status,
            kind,
        )
        .await;
    }
}

#[tokio::test]
async fn starrocks_documented_endpoints() {
    let sim = start().await;
    let b = Auth::Basic;
    let fe: Vec<(&str, &str, &str, u16, Kind)> = vec![
        ("GET", "/api/demo/_load_info?label=nope", "", 200, Json),
        ("GET", "/api/_set_config?qe_slow_log_ms=2000", "", 200, Json),
        ("GET", "/api/_get_ddl?db=demo&tbl=t", "", 200, Json),
        ("GET", "/api/_migration?db=demo&tbl=t", "", 200, Json),
        ("GET", "/api/_check_storagetype?db=demo", "", 200, Json),
        ("POST", "/api/demo/nope/_cancel", "", 200, Json),
        ("GET", "/api/demo/get_load_state?label=nope", "", 200, Json),
        ("GET", "/api/health", "", 200, Json),
        ("GET", "/api/bootstrap", "", 200, Json),
        ("GET", "/metrics", "", 200, Other),
        ("GET", "/metrics?type=core", "", 200, Other),
        ("GET", "/metrics?type=json", "", 200, Json),
        ("GET", "/api/show_meta_info?action=SHOW_DB_SIZE", "", 200, Json),
        ("GET", "/api/show_proc?path=/", "", 200, Json),
        ("GET", "/api/show_proc?path=/dbs", "", 200, Json),
        ("GET", "/api/show_proc?path=/dbs/10050", "", 200, Json),
        ("GET", "/api/show_proc?path=/statistic", "", 200, Json),
        ("GET", "/api/show_proc?path=/transactions", "", 200, Json),
        ("GET", "/api/show_proc?path=/current_queries", "", 200, Json),
        ("GET", "/api/show_runtime_info", "", 200, Json),
        ("HEAD", "/api/get_log_file?type=fe.audit.log", "", 200, Other),
        ("GET", "/api/get_log_file?type=fe.audit.log&file=fe.audit.log", "", 200, Other),
        ("GET", "/api/get_small_file", "", 400, Other),
        ("GET", "/api/rowcount?db=demo&table=t", "", 200, Json),
        ("GET", "/api/check_decommission?host_ports=nope:1", "", 200, Json),
        ("GET", "/api/_meta_replay_state", "", 200, Json),
        ("POST", "/api/colocate/bucketseq?db_id=1&group_id=2", "", 200, Json),
        ("GET", "/api/colocate", "", 200, Json),
        ("POST", "/api/colocate/group_stable?db_id=1&group_id=2", "", 200, Json),
        ("POST", "/api/colocate/group_unstable?db_id=1&group_id=2", "", 200, Json),
        ("POST", "/api/colocate/update_group?db_id=1&group_id=2", "", 200, Json),
        ("POST", "/api/global_dict/table/enable?db_name=demo&table_name=t&enable=true", "", 200, Json),
        ("GET", "/api/profile?query_id=nope", "", 404, Other),
        ("GET", "/api/query_detail?event_time=0", "", 200, Json),
        ("GET", "/api/connection?connection_id=5", "", 200, Json),
        ("GET", "/api/show_data?db=demo", "", 200, Json),
        ("POST", "/api/query_dump?db=demo", "select * from orders", 200, Json),
        ("GET", "/api/stop", "", 200, Json),
        ("GET", "/image?version=5000", "", 200, Other),
        ("GET", "/info", "", 200, Json),
        ("GET", "/version", "", 200, Other),
        ("GET", "/put?version=5001&port=9010", "", 400, Other),
        ("GET", "/journal_id", "", 200, Empty),
        ("GET", "/check", "", 200, Empty),
        ("GET", "/dump", "", 200, Other),
        ("GET", "/role", "", 400, Other),
        ("GET", "/role?host=nope&port=9010", "", 200, Empty),
        ("GET", "/api/demo/t/_count", "", 200, Json),
        ("GET", "/api/demo/t/_schema", "", 200, Json),
        ("POST", "/api/demo/t/_query_plan", "{\"sql\":\"select id from demo.t\"}", 200, Json),
        ("GET", "/api/v2/compute_nodes", "", 200, Json),
        ("GET", "/api/v2/catalogs/default_catalog/databases/demo/tables/orders/partition?page_num=0&page_size=2", "", 200, Json),
        ("GET", "/api/v2/catalogs/default_catalog/databases/demo/tables/orders/schema", "", 200, Json),
    ];
    for (method, path, body, status, kind) in fe {
        check(
            &sim,
            System::StarRocks,
            "fe",
            method,
            path,
            body,
            &b,
            status,
            kind,
        )
        .await;
    }
    let be: Vec<(&str, &str, u16, Kind)> = vec![
        ("GET", "/api/_download_load?token=x&file=y", 401, Other),
        ("HEAD", "/api/_tablet/_download?token=x&file=y", 401, Empty),
        ("GET", "/api/_load_error_log?file=nope", 404, Other),
        ("GET", "/api/health", 200, Json),
        ("GET", "/api/_stop_be", 200, Json),
        ("GET", "/pprof/heap", 200, Other),
        ("GET", "/pprof/growth", 200, Other),
        ("GET", "/pprof/profile?seconds=1", 200, Other),
        ("GET", "/pprof/pmuprofile", 200, Other),
        ("GET", "/pprof/contention", 200, Other),
        ("GET", "/pprof/cmdline", 200, Other),
        ("GET", "/pprof/symbol", 200, Other),
        ("POST", "/pprof/symbol", 200, Other),
        ("GET", "/metrics", 200, Other),
        ("HEAD", "/api/meta/header/20000", 200, Empty),
        (
            "GET",
            "/api/checksum?tablet_id=20000&version=2&schema_hash=1",
            200,
            Json,
        ),
        (
            "GET",
            "/api/reload_tablet?tablet_id=20000&schema_hash=1&path=/x",
            200,
            Other,
        ),
        (
            "POST",
            "/api/restore_tablet?tablet_id=20000&schema_hash=1",
            200,
            Other,
        ),
        (
            "GET",
            "/api/snapshot?tablet_id=20000&schema_hash=1",
            200,
            Other,
        ),
        ("GET", "/api/compaction/show?tablet_id=20000", 200, Json),
        (
            "POST",
            "/api/compact?tablet_id=20000&compaction_type=cumulative",
            200,
            Json,
        ),
        ("GET", "/api/compaction/show_repair", 200, Json),
        (
            "PUT",
            "/api/compaction/submit_repair?tablet_id=20000",
            200,
            Json,
        ),
        ("POST", "/api/update_config?mem_limit=80%25", 200, Json),
        ("GET", "/api/runtime_filter_cache/stat", 200, Json),
        ("PUT", "/api/runtime_filter_cache/enable_trace", 200, Json),
        ("POST", "/api/compact_rocksdb_meta", 200, Json),
        ("GET", "/api/query_cache/stat", 200, Json),
        ("PUT", "/api/query_cache/invalidate_all", 200, Json),
        ("GET", "/api/pipeline_blocking_drivers/stat", 200, Json),
        ("GET", "/greplog?pattern=tablet", 200, Other),
        ("GET", "/varz", 200, Other),
    ];
    for (method, path, status, kind) in be {
        check(
            &sim,
            System::StarRocks,
            "be3",
            method,
            path,
            "",
            &Auth::None,
            status,
            kind,
        )
        .await;
    }
    for path in [
        "/api/health",
        "/pprof/heap",
        "/pprof/growth",
        "/pprof/profile",
        "/pprof/pmuprofile",
        "/pprof/contention",
        "/pprof/cmdline",
        "/pprof/symbol",
        "/metrics",
    ] {
        let kind = if path == "/api/health" { Json } else { Other };
        check(
            &sim,
            System::StarRocks,
            "cn1",
            "GET",
            path,
            "",
            &Auth::None,
            200,
            kind,
        )
        .await;
    }
}

#[tokio::test]
async fn databend_meta_documented_endpoints() {
    let sim = start().await;
    for (path, kind) in [
        ("/v1/cluster/nodes", Json),
        ("/v1/cluster/status", Json),
        ("/v1/metrics", Other),
        ("/v1/ctrl/trigger_snapshot", Json),
        ("/v1/health", Json),
        ("/v1/config", Other),
        ("/v1/features/list", Json),
        ("/debug/home", Other),
        ("/debug/pprof/profile?seconds=1", Other),
    ] {
        check(
            &sim,
            System::Meta,
            "node3",
            "GET",
            path,
            "",
            &Auth::None,
            200,
            kind,
        )
        .await;
    }
}
