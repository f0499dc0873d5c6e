//! Initial Druid data: several datasources with thousands of segments, tasks in every state,
//! supervisors in several states, rules and configs with some history.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::state::{
    AuditEntry, Datasource, DruidState, Runner, Segment, Supervisor, Task, TaskStatus, DAY, HOUR,
};
use crate::config::System;
use crate::rng::Rng;
use crate::runtime::Shared;
use crate::timefmt::iso_millis;

struct DsPlan {
    name: &'static str,
    granularity: i64,
    count: i64,
    partitions: u32,
    dimensions: &'static [&'static str],
    metrics: &'static [&'static str],
}

const PLANS: [DsPlan; 5] = [
    DsPlan {
        name: "wikipedia",
        granularity: HOUR,
        count: 24 * 90,
        partitions: 1,
        dimensions: &[
            "channel",
            "cityName",
            "comment",
            "countryName",
            "isAnonymous",
            "isRobot",
            "namespace",
            "page",
            "user",
        ],
        metrics: &["count", "added", "deleted", "delta"],
    },
    DsPlan {
        name: "kttm",
        granularity: DAY,
        count: 365,
        partitions: 3,
        dimensions: &["browser", "city", "country", "event_type", "os", "session"],
        metrics: &["count", "session_length"],
    },
    DsPlan {
        name: "social_media",
        granularity: HOUR,
        count: 24 * 30,
        partitions: 2,
        dimensions: &["username", "post_title", "views_source", "platform"],
        metrics: &["count", "views", "upvotes", "comments"],
    },
    DsPlan {
        name: "clickstream",
        granularity: HOUR,
        count: 24 * 60,
        partitions: 1,
        dimensions: &["page", "referrer", "country", "device", "user_id"],
        metrics: &["count", "clicks", "dwell_ms"],
    },
    DsPlan {
        name: "metrics_infra",
        granularity: DAY,
        count: 180,
        partitions: 1,
        dimensions: &["host", "service", "metric", "region"],
        metrics: &["count", "value_sum", "value_max"],
    },
];

fn generate_datasources(rng: &mut Rng, start: i64) -> Vec<Datasource> {
    let mut out = Vec::new();
    for plan in &PLANS {
        let mut segs = Vec::new();
        let end = start - start.rem_euclid(plan.granularity);
        let first = end - plan.count * plan.granularity;
        let version = iso_millis(end + 3_600_000 - 86_400_000 * 2);
        for i in 0..plan.count {
            let s = first + i * plan.granularity;
            for p in 0..plan.partitions {
                let rows = rng.range(2_000, 60_000) * if plan.granularity == DAY { 12 } else { 1 };
                segs.push(Segment {
                    datasource: plan.name.into(),
                    start: s,
                    end: s + plan.granularity,
                    version: version.clone(),
                    partition: p,
                    partitions: plan.partitions,
                    size: rows * rng.range(60, 140),
                    num_rows: rows,
                    used: true,
                    loaded_at: 0,
                    overshadowed: false,
                    realtime: false,
                    compacted: plan.name == "kttm" && i < plan.count / 2,
                });
            }
        }
        out.push(Datasource {
            name: plan.name.into(),
            dimensions: plan.dimensions.iter().map(|s| s.to_string()).collect(),
            metrics: plan.metrics.iter().map(|s| s.to_string()).collect(),
            created: first - DAY,
            segments: segs,
        });
    }
    // kttm: a week of days was re-indexed; the old version is overshadowed but still used.
    if let Some(kttm) = out.iter_mut().find(|d| d.name == "kttm") {
        let newer = iso_millis(start - DAY);
        let mut extra = Vec::new();
        for s in kttm.segments.iter_mut().rev().take(21) {
            s.overshadowed = true;
            let mut n = s.clone();
            n.version = newer.clone();
            n.overshadowed = false;
            n.size = n.size * 9 / 10;
            extra.push(n);
        }
        kttm.segments.extend(extra);
    }
    // wikipedia: the newest hours are still being loaded by the historical.
    if let Some(wiki) = out.iter_mut().find(|d| d.name == "wikipedia") {
        for (k, s) in wiki.segments.iter_mut().rev().take(6).enumerate() {
            s.loaded_at = start + 10_000 * (k as i64 + 1);
        }
        // A few old hours were dropped (unused) by a retention rule.
        for s in wiki.segments.iter_mut().take(48) {
            s.used = false;
        }
    }
    // A datasource whose segments were all marked unused.
    let old = start - 400 * DAY;
    out.push(Datasource {
        name: "deprecated_logs".into(),
        dimensions: vec!["level".into(), "logger".into(), "message".into()],
        metrics: vec!["count".into()],
        created: old,
        segments: (0..30)
            .map(|i| Segment {
                datasource: "deprecated_logs".into(),
                start: old + i * DAY,
                end: old + (i + 1) * DAY,
                version: iso_millis(old + 31 * DAY),
                partition: 0,
                partitions: 1,
                size: 4_000_000,
                num_rows: 40_000,
                used: false,
                loaded_at: 0,
                overshadowed: false,
                realtime: false,
                compacted: false,
            })
            .collect(),
    });
    out
}

const DOMAINS: [&str; 12] = [
    "web", "mobile", "ads", "billing", "search", "payments", "iot", "infra", "crm", "games",
    "media", "retail",
];
const KINDS: [&str; 8] = [
    "events", "metrics", "logs", "sessions", "clicks", "orders", "traces", "audit",
];
const DIMENSIONS: [&str; 12] = [
    "country", "region", "device", "browser", "os", "user_id", "page", "service", "host", "status",
    "channel", "campaign",
];
const METRICS: [&str; 5] = ["value_sum", "value_max", "bytes", "latency_ms", "errors"];

/// `count` datasources (named `{domain}_{kind}_{n}`) holding `segments` used, loaded segments
/// between them (at least one each; sizes skewed so some are much bigger than others).
fn synthetic_datasources(
    rng: &mut Rng,
    start: i64,
    count: usize,
    segments: usize,
) -> Vec<Datasource> {
    if count == 0 {
        return Vec::new();
    }
    let weights: Vec<u64> = (0..count)
        .map(|_| {
            let w = 1 + rng.below(10);
            w * w
        })
        .collect();
    let total: u64 = weights.iter().sum();
    let spare = segments.saturating_sub(count) as u64;
    let mut shares: Vec<usize> = weights
        .iter()
        .map(|w| 1 + (spare * w / total.max(1)) as usize)
        .collect();
    let mut left = segments.saturating_sub(shares.iter().sum());
    for share in shares.iter_mut() {
        if left == 0 {
            break;
        }
        *share += 1;
        left -= 1;
    }
    // More than one extra segment per datasource was left over: give the rest to the first one.
    if let Some(first) = shares.first_mut() {
        *first += left;
    }
    let width = count.to_string().len().max(4);
    shares
        .into_iter()
        .enumerate()
        .map(|(i, n)| {
            let name = format!(
                "{}_{}_{:0width$}",
                DOMAINS[i % DOMAINS.len()],
                KINDS[(i / DOMAINS.len()) % KINDS.len()],
                i + 1
            );
            let partitions = (1 + rng.below(3) as usize).min(n) as u32;
            let chunks = n.div_ceil(partitions as usize) as i64;
            let granularity = if chunks > 400 || rng.chance(0.5) {
                HOUR
            } else {
                DAY
            };
            let end = start - start.rem_euclid(granularity);
            let first = end - chunks * granularity;
            let version = iso_millis(end - rng.range(1, 30) * DAY);
            let mut segs = Vec::with_capacity(n);
            for c in 0..chunks {
                let here = (n - c as usize * partitions as usize).min(partitions as usize) as u32;
                for p in 0..here {
                    let rows = rng.range(1_000, 50_000);
                    segs.push(Segment {
                        datasource: name.clone(),
                        start: first + c * granularity,
                        end: first + (c + 1) * granularity,
                        version: version.clone(),
                        partition: p,
                        partitions: here,
                        size: rows * rng.range(60, 140),
                        num_rows: rows,
                        used: true,
                        loaded_at: 0,
                        overshadowed: false,
                        realtime: false,
                        compacted: false,
                    });
                }
            }
            let dims = 3 + rng.below(5) as usize;
            let skip = rng.below(DIMENSIONS.len() as u64) as usize;
            let metrics = 1 + rng.below(3) as usize;
            Datasource {
                name,
                dimensions: (0..dims)
                    .map(|k| DIMENSIONS[(skip + k) % DIMENSIONS.len()].to_string())
                    .collect(),
                metrics: std::iter::once("count".to_string())
                    .chain((0..metrics).map(|k| METRICS[(i + k) % METRICS.len()].to_string()))
                    .collect(),
                created: first - DAY,
                segments: segs,
            }
        })
        .collect()
}

fn supervisor_spec(
    id: &str,
    ds: &str,
    kind: &str,
    stream: &str,
    suspended: bool,
    dims: &[String],
) -> Value {
    json!({
        "type": kind,
        "spec": {
            "dataSchema": {
                "dataSource": ds,
                "timestampSpec": {"column": "__time", "format": "iso", "missingValue": null},
                "dimensionsSpec": {"dimensions": dims.iter().map(|d| json!({"type": "string", "name": d, "multiValueHandling": "SORTED_ARRAY", "createBitmapIndex": true})).collect::<Vec<_>>(), "dimensionExclusions": ["__time"], "includeAllDimensions": false, "useSchemaDiscovery": false},
                "metricsSpec": [{"type": "count", "name": "count"}],
                "granularitySpec": {"type": "uniform", "segmentGranularity": "HOUR", "queryGranularity": {"type": "none"}, "rollup": false, "intervals": []},
                "transformSpec": {"filter": null, "transforms": []}
            },
            "ioConfig": {"topic": stream, "stream": stream, "inputFormat": {"type": "json"}, "replicas": 1, "taskCount": 1, "taskDuration": "PT3600S", "consumerProperties": {"bootstrap.servers": "localhost:9092"}, "autoScalerConfig": null, "pollTimeout": 100, "startDelay": "PT5S", "period": "PT30S", "useEarliestOffset": true, "completionTimeout": "PT1800S", "lateMessageRejectionPeriod": null, "earlyMessageRejectionPeriod": null, "lateMessageRejectionStartDateTime": null, "configOverrides": null, "idleConfig": null, "useEarliestSequenceNumber": true},
            "tuningConfig": {"type": kind, "maxRowsInMemory": 150000, "maxRowsPerSegment": 5000000, "maxTotalRows": null, "intermediatePersistPeriod": "PT10M", "chatRetries": 8, "httpTimeout": "PT10S", "shutdownTimeout": "PT80S", "offsetFetchPeriod": "PT30S", "intermediateHandoffPeriod": "P2147483647D", "maxParseExceptions": 2147483647, "repartitionTransitionDuration": "PT120S"}
        },
        "dataSchema": {"dataSource": ds},
        "tuningConfig": {"type": kind},
        "ioConfig": {"topic": stream, "stream": stream},
        "context": null,
        "suspended": suspended,
        "id": id,
    })
}

fn task_id(kind: &str, ds: &str, rng: &mut Rng, at: i64) -> String {
    match kind {
        "index_kafka" | "index_kinesis" => {
            format!("{kind}_{ds}_{}_{}", rng.hex(15), rng.letters(8))
        }
        "query_controller" => format!("query-{}", rng.uuid()),
        _ => format!("{kind}_{ds}_{}_{}", rng.letters(8), iso_millis(at)),
    }
}

/// Makes a task record.
#[allow(clippy::too_many_arguments)]
pub fn make_task(
    id: String,
    kind: &str,
    ds: &str,
    created: i64,
    status: TaskStatus,
    runner: Runner,
    duration: i64,
    location: Option<(String, u16)>,
    payload: Value,
) -> Task {
    Task {
        group_id: id.clone(),
        id,
        kind: kind.into(),
        datasource: ds.into(),
        created,
        status,
        runner,
        duration,
        location,
        error: None,
        payload,
        plan: None,
        supervisor: None,
        rows: 0,
        unparseable: 0,
    }
}

/// Payload of a batch task.
pub fn batch_payload(id: &str, kind: &str, ds: &str, interval: &str) -> Value {
    json!({
        "type": kind,
        "id": id,
        "groupId": id,
        "resource": {"availabilityGroup": id, "requiredCapacity": 1},
        "spec": {
            "dataSchema": {"dataSource": ds, "timestampSpec": {"column": "time", "format": "iso"}, "dimensionsSpec": {"useSchemaDiscovery": true}, "granularitySpec": {"type": "uniform", "segmentGranularity": "DAY", "queryGranularity": "NONE", "rollup": false, "intervals": [interval]}},
            "ioConfig": {"type": kind, "inputSource": {"type": "s3", "prefixes": [format!("s3://demo-bucket/{ds}/")]}, "inputFormat": {"type": "json"}, "appendToExisting": false},
            "tuningConfig": {"type": kind, "maxRowsPerSegment": 5000000, "maxRowsInMemory": 25000, "maxNumConcurrentSubTasks": 2}
        },
        "context": {"forceTimeChunkLock": true, "useLineageBasedSegmentAllocation": true},
        "dataSource": ds,
    })
}

fn generate_tasks(rng: &mut Rng, start: i64, mm: &(String, u16)) -> Vec<Task> {
    let mut tasks = Vec::new();
    let kinds = [
        "index_parallel",
        "compact",
        "kill",
        "query_controller",
        "index_kafka",
    ];
    let dss = [
        "wikipedia",
        "kttm",
        "social_media",
        "clickstream",
        "metrics_infra",
    ];
    let failures = [
        "Task failed: 2 subtasks failed",
        "java.lang.RuntimeException: org.apache.druid.java.util.common.ISE: Failed to allocate segment",
        "Task execution process exited unsuccessfully with code[137]. See middleManager logs for more details.",
        "Max parse exceptions [0] exceeded",
        "Shutdown request from user",
    ];
    for i in 0..320 {
        let kind = kinds[(i * 7 + rng.below(5) as usize) % kinds.len()];
        let ds = dss[rng.below(dss.len() as u64) as usize];
        let created = start - (320 - i as i64) * 1_300_000 - rng.range(0, 600_000);
        let id = task_id(kind, ds, rng, created);
        let failed = rng.chance(0.12);
        let interval = format!(
            "{}/{}",
            iso_millis(created - created.rem_euclid(DAY) - DAY),
            iso_millis(created - created.rem_euclid(DAY))
        );
        let mut t = make_task(
            id.clone(),
            kind,
            ds,
            created,
            if failed {
                TaskStatus::Failed
            } else {
                TaskStatus::Success
            },
            Runner::None,
            rng.range(8_000, 900_000),
            Some(mm.clone()),
            batch_payload(&id, kind, ds, &interval),
        );
        if failed {
            t.error = Some(failures[rng.below(failures.len() as u64) as usize].into());
        }
        t.rows = rng.range(10_000, 2_000_000);
        tasks.push(t);
    }
    // Batch tasks running, waiting and pending.
    for (k, runner) in [
        Runner::Running,
        Runner::Running,
        Runner::Waiting,
        Runner::Waiting,
        Runner::Waiting,
        Runner::Pending,
        Runner::Pending,
    ]
    .iter()
    .enumerate()
    {
        let ds = dss[k % dss.len()];
        let created = start - 600_000 + k as i64 * 30_000;
        let id = task_id("index_parallel", ds, rng, created);
        let interval = format!(
            "{}/{}",
            iso_millis(start - 3 * DAY),
            iso_millis(start - 2 * DAY)
        );
        let location = (*runner == Runner::Running).then(|| mm.clone());
        let mut t = make_task(
            id.clone(),
            "index_parallel",
            ds,
            created,
            TaskStatus::Running,
            *runner,
            -1,
            location,
            batch_payload(&id, "index_parallel", ds, &interval),
        );
        t.rows = if *runner == Runner::Running {
            rng.range(1_000, 90_000)
        } else {
            0
        };
        tasks.push(t);
    }
    tasks
}

fn generate_supervisors(rng: &mut Rng, datasources: &[Datasource], start: i64) -> Vec<Supervisor> {
    let plans = [
        (
            "wikipedia",
            "kafka",
            "wikipedia-edits",
            "RUNNING",
            "RUNNING",
            true,
            false,
        ),
        (
            "social_media",
            "kafka",
            "social_media",
            "UNHEALTHY_SUPERVISOR",
            "UNABLE_TO_CONNECT_TO_STREAM",
            false,
            false,
        ),
        (
            "clickstream",
            "kafka",
            "clicks",
            "RUNNING",
            "RUNNING",
            true,
            false,
        ),
        (
            "kttm",
            "kafka",
            "kttm-events",
            "UNHEALTHY_TASKS",
            "UNHEALTHY_TASKS",
            false,
            false,
        ),
        (
            "metrics_infra",
            "kinesis",
            "infra-metrics",
            "SUSPENDED",
            "SUSPENDED",
            true,
            true,
        ),
        (
            "orders",
            "kafka",
            "orders",
            "PENDING",
            "CONNECTING_TO_STREAM",
            true,
            false,
        ),
    ];
    plans
        .iter()
        .map(|(id, kind, stream, state, detailed, healthy, suspended)| {
            let dims: Vec<String> = datasources.iter().find(|d| d.name == *id).map(|d| d.dimensions.clone()).unwrap_or_else(|| vec!["order_id".into(), "customer".into(), "status".into()]);
            let spec = supervisor_spec(id, id, kind, stream, *suspended, &dims);
            let mut errors = Vec::new();
            if *state == "UNHEALTHY_SUPERVISOR" {
                errors.push(json!({"timestamp": iso_millis(start - 60_000), "exceptionClass": "org.apache.kafka.common.errors.TimeoutException", "message": "org.apache.kafka.common.errors.TimeoutException: Timeout expired while fetching topic metadata", "streamException": true}));
            }
            Supervisor {
                id: id.to_string(),
                datasource: id.to_string(),
                kind: kind.to_string(),
                stream: stream.to_string(),
                history: vec![(spec.clone(), iso_millis(start - 5 * DAY - rng.range(0, DAY)))],
                spec,
                state: state.to_string(),
                detailed_state: detailed.to_string(),
                healthy: *healthy,
                suspended: *suspended,
                terminated: false,
                pending_until: (*state == "PENDING").then_some(start + 30_000),
                partitions: 1 + rng.below(3) as u32,
                offset_base: rng.range(1_000_000, 9_000_000),
                reset_at: start - 7 * DAY,
                errors,
            }
        })
        .collect()
}

/// A running streaming task for a supervisor.
pub fn supervisor_task(rng: &mut Rng, sup: &Supervisor, created: i64, mm: &(String, u16)) -> Task {
    let kind = format!("index_{}", sup.kind);
    let id = task_id(&kind, &sup.datasource, rng, created);
    let mut t = make_task(
        id.clone(),
        &kind,
        &sup.datasource,
        created,
        TaskStatus::Running,
        Runner::Running,
        -1,
        Some(mm.clone()),
        json!({"type": kind, "id": id, "dataSource": sup.datasource, "spec": sup.spec["spec"].clone(), "context": {"checkpoints": "{\"0\":{\"0\":0}}"}}),
    );
    t.group_id = format!("{kind}_{}_{}", sup.datasource, rng.hex(15));
    t.supervisor = Some(sup.id.clone());
    t
}

/// Builds the initial state.
pub fn generate(shared: &Shared) -> DruidState {
    let mut rng = Rng::new(shared.seed).fork("druid");
    let start = shared.clock.start_ms();
    let host = shared.plan.host_str();
    let mm_port = shared.plan.must(System::Druid, "middlemanager");
    let mm = (host.clone(), mm_port);
    let mut datasources = generate_datasources(&mut rng, start);
    let (extra_ds, extra_segs) = shared.druid.extra();
    // A separate generator, so the default datasources, tasks and supervisors stay the same.
    let mut scale_rng = rng.fork("scale");
    datasources.extend(synthetic_datasources(
        &mut scale_rng,
        start,
        extra_ds,
        extra_segs,
    ));
    let mut tasks = generate_tasks(&mut rng, start, &mm);
    let supervisors = generate_supervisors(&mut rng, &datasources, start);
    for s in supervisors
        .iter()
        .filter(|s| s.state == "RUNNING" || s.state == "UNHEALTHY_TASKS")
    {
        let mut t = supervisor_task(&mut rng, s, start - 1_200_000, &mm);
        t.rows = rng.range(50_000, 900_000);
        tasks.push(t);
    }
    tasks.sort_by_key(|t| t.created);

    let mut rules = BTreeMap::new();
    rules.insert("_default".to_string(), json!([{"type": "loadForever", "tieredReplicants": {"_default_tier": 1}, "useDefaultTierForNull": true}]));
    rules.insert("wikipedia".to_string(), json!([{"type": "loadByPeriod", "period": "P90D", "includeFuture": true, "tieredReplicants": {"_default_tier": 1}, "useDefaultTierForNull": true}, {"type": "dropForever"}]));
    rules.insert("kttm".to_string(), json!([{"type": "dropByInterval", "interval": format!("{}/{}", iso_millis(start - 800 * DAY), iso_millis(start - 400 * DAY))}, {"type": "loadForever", "tieredReplicants": {"_default_tier": 1}, "useDefaultTierForNull": true}]));
    rules.insert("social_media".to_string(), json!([]));

    let coordinator_config = json!({
        "millisToWaitBeforeDeleting": 900000, "maxSegmentsToMove": 100, "replicantLifetime": 15, "replicationThrottleLimit": 500,
        "balancerComputeThreads": 1, "killDataSourceWhitelist": [], "killPendingSegmentsSkipList": [], "maxSegmentsInNodeLoadingQueue": 500,
        "decommissioningNodes": [], "decommissioningMaxPercentOfMaxSegmentsToMove": 70, "pauseCoordination": false,
        "replicateAfterLoadTimeout": false, "maxNonPrimaryReplicantsToLoad": 2147483647, "useRoundRobinSegmentAssignment": true,
        "smartSegmentLoading": true, "debugDimensions": null, "turboLoadingNodes": [], "cloneServers": {}
    });
    let worker_config = json!({"type": "default", "selectStrategy": {"type": "equalDistribution", "affinityConfig": null}, "autoScaler": null});
    let mut compaction = BTreeMap::new();
    for ds in ["kttm", "wikipedia"] {
        compaction.insert(ds.to_string(), compaction_config(ds, "P1D"));
    }
    let audit = vec![
        AuditEntry {
            key: "wikipedia".into(),
            kind: "rules".into(),
            author: "admin".into(),
            comment: "keep 90 days".into(),
            ip: "10.0.0.12".into(),
            payload: rules["wikipedia"].to_string(),
            time: start - 20 * DAY,
        },
        AuditEntry {
            key: "kttm".into(),
            kind: "rules".into(),
            author: "console".into(),
            comment: "drop old data".into(),
            ip: "10.0.0.12".into(),
            payload: rules["kttm"].to_string(),
            time: start - 9 * DAY,
        },
        AuditEntry {
            key: "coordinator.config".into(),
            kind: "coordinator.config".into(),
            author: "admin".into(),
            comment: "initial".into(),
            ip: "10.0.0.12".into(),
            payload: coordinator_config.to_string(),
            time: start - 30 * DAY,
        },
        AuditEntry {
            key: "worker.config".into(),
            kind: "worker.config".into(),
            author: "admin".into(),
            comment: "equal distribution".into(),
            ip: "10.0.0.12".into(),
            payload: worker_config.to_string(),
            time: start - 30 * DAY,
        },
    ];
    let compaction_history = compaction
        .iter()
        .map(|(ds, cfg)| (ds.clone(), json!({"globalConfig": {"compactionTaskSlotRatio": 0.1, "maxCompactionTaskSlots": 2147483647, "useAutoScaleSlots": false, "engine": "native"}, "compactionConfig": cfg, "auditInfo": {"author": "admin", "comment": "enable auto-compaction", "ip": "10.0.0.12"}, "auditTime": iso_millis(start - 15 * DAY)})))
        .collect();
    let mut state = DruidState {
        datasources,
        tasks,
        supervisors,
        rules,
        coordinator_config,
        worker_config,
        compaction,
        compaction_slots: (0.1, 2_147_483_647),
        compaction_history,
        audit,
        worker_enabled: true,
        pending_segments: [
            ("wikipedia".to_string(), 3),
            ("social_media".to_string(), 5),
        ]
        .into_iter()
        .collect(),
        rng,
        seed: shared.seed,
        start_ms: start,
        host,
        historical_port: shared.plan.must(System::Druid, "historical"),
        mm_port,
        peon_ports: crate::config::PEON_ROLES
            .iter()
            .map(|r| shared.plan.must(System::Druid, r))
            .collect(),
    };
    state.place_on_peons();
    state
}

/// A datasource's auto-compaction config with defaults filled in.
pub fn compaction_config(ds: &str, skip: &str) -> Value {
    json!({
        "dataSource": ds, "taskPriority": 25, "inputSegmentSizeBytes": 100_000_000_000_000i64, "maxRowsPerSegment": null,
        "skipOffsetFromLatest": skip, "tuningConfig": null, "granularitySpec": null, "dimensionsSpec": null, "metricsSpec": null,
        "transformSpec": null, "ioConfig": null, "taskContext": null, "engine": null
    })
}
