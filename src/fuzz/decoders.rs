//! The decoders under test, each with its recorded answers: typed ones (JSON into a model, then
//! what the views derive from it) and text ones.

use crate::net::error::decode_json;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A typed decoder: name, its recorded answer, and the decode + derive step.
pub type Typed = (&'static str, &'static str, fn(&str));
/// A text decoder: name, recorded texts, and the parse + derive step.
pub type Text = (&'static str, &'static [&'static str], fn(&str));

/// Decodes as the API layer does (a failure names its JSON path) and formats the result.
fn json<T: DeserializeOwned + std::fmt::Debug>(text: &str) -> Option<T> {
    let v = decode_json::<T>(text, "application/json");
    let _ = format!("{v:?}");
    v.ok()
}

macro_rules! fx {
    ($path:literal) => {
        include_str!(concat!("../systems/", $path))
    };
}

mod flink {
    use super::json;
    use crate::systems::flink::model::*;

    pub fn job(t: &str) {
        if let Some(j) = json::<JobDetails>(t) {
            for v in &j.vertices {
                let _ = j.vertex(&v.id);
            }
        }
    }
    pub fn plan(t: &str) {
        if let Some(p) = json::<JobPlan>(t) {
            let _ = p.plan.edges();
            for n in &p.plan.nodes {
                let _ = n.description_lines();
            }
        }
    }
    pub fn exceptions(t: &str) {
        if let Some(e) = json::<JobExceptions>(t) {
            let _ = e.summaries();
        }
    }
    pub fn rescales(t: &str) {
        if let Some(r) = json::<Rescale>(t) {
            let _ = (r.state(), r.duration(i64::MAX), r.vertices_by_name());
        }
    }
    pub fn metrics(t: &str) {
        if let Some(m) = json::<Vec<MetricValue>>(t) {
            for v in &m {
                let _ = v.as_f64();
            }
        }
    }
    pub fn overview(t: &str) {
        let _ = json::<JobsOverview>(t);
    }
    pub fn checkpoints(t: &str) {
        let _ = json::<CheckpointingStatistics>(t);
    }
    pub fn vertex(t: &str) {
        let _ = json::<JobVertexDetails>(t);
    }
    pub fn backpressure(t: &str) {
        let _ = json::<VertexBackpressure>(t);
    }
    pub fn taskmanagers(t: &str) {
        let _ = json::<TaskManagers>(t);
    }
    pub fn taskmanager(t: &str) {
        let _ = json::<TaskManagerInfo>(t);
    }
    pub fn agg(t: &str) {
        let _ = json::<Vec<AggregatedMetric>>(t);
    }
    pub fn cluster(t: &str) {
        let _ = json::<ClusterOverview>(t);
    }
    /// The flame graph's own parser, then the frames and layout the chart draws.
    pub fn flame(t: &str) {
        if let Ok(g) = FlameGraph::parse(t) {
            if let Some(root) = &g.data {
                let _ = root.depth();
                let frames = crate::systems::flink::views::job::vertex::flamegraph::frames_of(root);
                let zoom = frames.len() / 2;
                let _ = crate::ui::flame::layout(&frames, zoom, crate::ui::flame::MIN_WIDTH);
                let hits = crate::ui::flame::matches(&frames, "a");
                let _ = crate::ui::flame::matched_share(&frames, &hits, zoom);
                if !frames.is_empty() {
                    let last = frames.len() - 1;
                    let path = crate::ui::flame::path_of(&frames, last);
                    let _ = crate::ui::flame::find_path(&frames, &path);
                    let _ = crate::ui::flame::describe(&frames, last, zoom, "samples");
                    let _ = crate::ui::flame::subtree_end(&frames, 0);
                }
            }
        }
    }
}

mod druid {
    use super::json;
    use crate::systems::druid::model::{
        config::*, datasources::*, query::*, rules::*, services::*, status::*, supervisors::*,
        tasks::*,
    };
    use serde_json::Value;
    use std::collections::BTreeMap;

    pub fn datasources(t: &str) {
        if let Some(v) = json::<Vec<DatasourceSimple>>(t) {
            let _ = datasource_rows(v, Some(vec!["x".into()]));
        }
    }
    pub fn datasource(t: &str) {
        let _ = json::<crate::systems::druid::model::datasources::DatasourceProperties>(t);
    }
    pub fn intervals(t: &str) {
        if let Some(m) = json::<BTreeMap<String, IntervalStats>>(t) {
            let rows = interval_rows(m);
            let _ = timeline(&rows, true);
            let _ = timeline(&rows, false);
        }
    }
    pub fn segments(t: &str) {
        let whole = json::<Vec<SegmentRow>>(t);
        if let Some(s) = &whole {
            for r in s {
                let _ = r.partition();
            }
        }
        // The piecewise decoding of long lists (`net::list`) agrees with the whole decode: the
        // same elements when both read the text, and never a list where the whole fails.
        let pieces = crate::net::list::read_all::<SegmentRow>(t);
        match (&whole, &pieces) {
            (Some(w), Some(p)) => {
                assert_eq!(w.len(), p.len(), "piecewise decoding found other elements")
            }
            (None, Some(_)) => panic!("piecewise decoding read a list the whole decode refuses"),
            _ => {}
        }
    }
    pub fn tasks(t: &str) {
        if let Some(ts) = json::<Vec<TaskSummary>>(t) {
            for t in &ts {
                let _ = (
                    t.location.host_port(),
                    is_finished(&t.status),
                    state_tone(&t.status),
                );
            }
        }
    }
    pub fn task_status(t: &str) {
        let _ = json::<TaskStatusAnswer>(t);
    }
    pub fn reports(t: &str) {
        if let Some(v) = json::<Value>(t) {
            let _ = report_summary(&v);
        }
    }
    pub fn servers(t: &str) {
        if let Some(s) = json::<Vec<Server>>(t) {
            let _ = group_servers(&s);
            for x in &s {
                let _ = x.usage();
                let _ = node_kind(&x.host, &s, &[], None);
            }
        }
    }
    pub fn workers(t: &str) {
        let _ = json::<Vec<Worker>>(t);
    }
    pub fn status(t: &str) {
        let _ = json::<ProcessStatus>(t);
    }
    pub fn supervisors(t: &str) {
        if let Some(s) = json::<Vec<SupervisorEntry>>(t) {
            let _ = merge_rows(&s, &s);
            for e in &s {
                let _ = spec_kind_and_datasource(&e.spec);
            }
        }
    }
    pub fn supervisor_status(t: &str) {
        if let Some(s) = json::<SupervisorStatus>(t) {
            let _ = s.payload.lags();
        }
    }
    pub fn rules(t: &str) {
        if let Some(r) = json::<Vec<Value>>(t) {
            if let Ok(forms) = forms_from_json(&r) {
                let _ = forms_to_json(&forms);
                for f in &forms {
                    let _ = f.describe();
                }
            }
            for x in &r {
                let _ = (describe(x), pretty(x));
            }
        }
        let _ = pretty_text(t);
    }
    pub fn rules_full(t: &str) {
        if let Some(m) = json::<BTreeMap<String, Vec<Value>>>(t) {
            for r in m.values() {
                let _ = forms_from_json(r);
            }
        }
    }
    pub fn config(t: &str) {
        if let Some(v) = json::<Value>(t) {
            let _ = field_text(&v, "maxSegmentsToMove");
            let _ = set_number(&v, "maxSegmentsToMove", "12");
            let f = CompactionForm::from_json("ds", &v);
            let _ = f.to_json();
        }
    }
    pub fn query(t: &str) {
        if let Some(v) = json::<Value>(t) {
            let table = flatten_native(&v);
            let _ = timeseries_lines(&table);
            let _ = sql_table(&v, true);
            let _ = cell_text(&v);
        }
    }
}

mod cockroach {
    use super::json;
    use crate::systems::cockroach::model::*;

    pub fn nodes(t: &str) {
        if let Some(p) = json::<NodesPage>(t) {
            for n in &p.nodes {
                let _ = (n.store_sum("capacity"), n.locality_text());
            }
        }
    }
    pub fn ranges(t: &str) {
        if let Some(r) = json::<RangesPage>(t) {
            for x in &r.ranges {
                let _ = x.problem_names();
            }
        }
    }
    pub fn range(t: &str) {
        let _ = json::<RangeResponse>(t);
    }
    pub fn hot(t: &str) {
        let _ = json::<HotPage>(t);
    }
    pub fn sessions(t: &str) {
        let _ = json::<SessionsPage>(t);
    }
}

mod databend {
    use super::json;
    use crate::systems::databend::model::*;

    pub fn status(t: &str) {
        if let Some(s) = json::<MetaStatus>(t) {
            let _ = (s.applied_index(), s.leader_id());
        }
    }
    pub fn nodes(t: &str) {
        if let Some(n) = json::<Vec<MetaNode>>(t) {
            for x in &n {
                let _ = (x.id(), x.endpoint_text());
            }
        }
    }
    pub fn features(t: &str) {
        let _ = json::<Features>(t);
    }
}

/// JSON decoders with the answer each was recorded from.
pub const TYPED: &[Typed] = &[
    (
        "flink job",
        fx!("flink/fixtures/2.3/job-detail.json"),
        flink::job,
    ),
    (
        "flink plan",
        fx!("flink/fixtures/2.3/job-plan.json"),
        flink::plan,
    ),
    (
        "flink exceptions",
        fx!("flink/fixtures/2.3/job-exceptions.json"),
        flink::exceptions,
    ),
    (
        "flink exceptions 1.12",
        fx!("flink/fixtures/1.12/job-exceptions.json"),
        flink::exceptions,
    ),
    (
        "flink rescale",
        fx!("flink/fixtures/2.3/job-rescales-details.json"),
        flink::rescales,
    ),
    (
        "flink metrics",
        fx!("flink/fixtures/2.3/vertex-metrics.json"),
        flink::metrics,
    ),
    (
        "flink jobs",
        fx!("flink/fixtures/2.3/jobs-overview.json"),
        flink::overview,
    ),
    (
        "flink checkpoints",
        fx!("flink/fixtures/2.3/job-checkpoints.json"),
        flink::checkpoints,
    ),
    (
        "flink vertex",
        fx!("flink/fixtures/2.3/vertex-detail.json"),
        flink::vertex,
    ),
    (
        "flink backpressure",
        fx!("flink/fixtures/2.3/vertex-backpressure.json"),
        flink::backpressure,
    ),
    (
        "flink task managers",
        fx!("flink/fixtures/2.3/taskmanagers.json"),
        flink::taskmanagers,
    ),
    (
        "flink task manager",
        fx!("flink/fixtures/2.3/taskmanager-detail.json"),
        flink::taskmanager,
    ),
    (
        "flink aggregated",
        fx!("flink/fixtures/2.3/jobs-metrics-agg.json"),
        flink::agg,
    ),
    (
        "flink cluster",
        fx!("flink/fixtures/2.3/overview.json"),
        flink::cluster,
    ),
    (
        "druid datasources",
        fx!("druid/fixtures/coordinator-datasources-simple.json"),
        druid::datasources,
    ),
    (
        "druid datasource",
        fx!("druid/fixtures/sim/datasource.json"),
        druid::datasource,
    ),
    (
        "druid intervals",
        fx!("druid/fixtures/sim/intervals.json"),
        druid::intervals,
    ),
    (
        "druid segments",
        fx!("druid/fixtures/sim/metadata-segments.json"),
        druid::segments,
    ),
    (
        "druid tasks",
        fx!("druid/fixtures/tasks.json"),
        druid::tasks,
    ),
    (
        "druid task status",
        fx!("druid/fixtures/task-status.json"),
        druid::task_status,
    ),
    (
        "druid reports",
        fx!("druid/fixtures/task-reports.json"),
        druid::reports,
    ),
    (
        "druid servers",
        fx!("druid/fixtures/coordinator-servers.json"),
        druid::servers,
    ),
    (
        "druid workers",
        fx!("druid/fixtures/workers.json"),
        druid::workers,
    ),
    (
        "druid status",
        fx!("druid/fixtures/status.json"),
        druid::status,
    ),
    (
        "druid supervisors",
        fx!("druid/fixtures/supervisor-full.abridged.json"),
        druid::supervisors,
    ),
    (
        "druid supervisor status",
        fx!("druid/fixtures/supervisor-status.json"),
        druid::supervisor_status,
    ),
    (
        "druid rules",
        fx!("druid/fixtures/rules.json"),
        druid::rules,
    ),
    (
        "druid rules full",
        fx!("druid/fixtures/rules-datasource-full.json"),
        druid::rules_full,
    ),
    (
        "druid config",
        fx!("druid/fixtures/coordinator-config.json"),
        druid::config,
    ),
    (
        "cockroach nodes",
        fx!("cockroach/fixtures/nodes.json"),
        cockroach::nodes,
    ),
    (
        "cockroach ranges",
        fx!("cockroach/fixtures/node-ranges.json"),
        cockroach::ranges,
    ),
    (
        "cockroach range",
        fx!("cockroach/fixtures/range.json"),
        cockroach::range,
    ),
    (
        "cockroach hot ranges",
        fx!("cockroach/fixtures/hot-ranges.json"),
        cockroach::hot,
    ),
    (
        "cockroach sessions",
        fx!("cockroach/fixtures/sessions.json"),
        cockroach::sessions,
    ),
    (
        "databend status",
        fx!("databend/fixtures/cluster-status.json"),
        databend::status,
    ),
    (
        "databend status (sim)",
        fx!("databend/fixtures/sim-status-leader.json"),
        databend::status,
    ),
    (
        "databend nodes",
        fx!("databend/fixtures/cluster-nodes.json"),
        databend::nodes,
    ),
    (
        "databend features",
        fx!("databend/fixtures/features-list.json"),
        databend::features,
    ),
    (
        "druid query",
        fx!("druid/fixtures/task-reports.json"),
        druid::query,
    ),
];

fn prometheus(t: &str) {
    use crate::net::prometheus::*;
    let s = parse(t);
    for x in s.samples.iter().take(50) {
        let _ = (
            x.key(),
            s.kind_of(&x.name),
            s.family_of(&x.name),
            escape(&x.name),
        );
    }
    for f in s.families.iter().take(20) {
        let _ = histogram_quantile(&s, &f.name, 0.99);
        let _ = histogram_quantile(&s, &f.name, 0.5);
    }
    let _ = parse_value(t);
    let _ = parse_answer(t);
}

fn starrocks(t: &str) {
    use crate::systems::starrocks::model::*;
    for status in [200, 500] {
        let _ = format!("{:?}", decode(status, t));
    }
    if let Ok(p) = ProcTable::parse(t) {
        let _ = crate::systems::starrocks::fe_meta::edit_log_addresses(&p);
        for r in &p.rows {
            let _ = (
                r.first(),
                child_path("/a/b", r),
                child_path("/dbs/1", r),
                child_path("/", r),
            );
            for c in &p.columns {
                let v = r.get(c);
                let _ = (parse_size(v), parse_number(v), json_in_string(v));
            }
        }
    }
    if let Ok(s) = crate::systems::starrocks::metrics_json::parse_json_metrics(t) {
        for x in &s.samples {
            let _ = x.key();
        }
    }
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(t) {
        let _ = (
            crate::systems::starrocks::fe_meta::pairs_of(&v),
            crate::systems::starrocks::fe_meta::replay_ok(&v),
            crate::systems::starrocks::views::admin::groups(&v),
        );
    }
    let _ = (
        crate::systems::starrocks::fe_meta::properties(t),
        crate::systems::starrocks::fe_meta::dump_path(t),
        crate::systems::starrocks::fe_meta::host_ports(t),
        crate::systems::starrocks::ops_model::pprof_failure(t),
        child_column(t),
    );
    let _ = (
        normalize(t),
        breadcrumbs(t),
        excerpt(t),
        parse_size(t),
        parse_number(t),
    );
}

/// An exported registry, as the console writes it.
const EXPORT: &str = r#"{"clusters":[{"name":"ok","system":"flink","endpoints":{"jobmanager":"http://j:8081"}},{"name":"d","system":"druid","endpoints":{"router":"https://r:8888"},"tag":"prod"},{"name":"c","system":"cockroach","endpoints":{"nodes":["http://a:8080","http://b:8080"]}}]}"#;

fn import(t: &str) {
    let _ = crate::cluster::portable::import_json(t, &["demo-druid".to_string()]);
}

fn strings(t: &str) {
    use crate::systems::druid::model::{datasources::*, query::*};
    let _ = (
        sql_error_position(t),
        iso_ms(t),
        parse_time(t),
        parse_interval(t),
    );
    let _ = point_at(t, 1, 1);
    let _ = point_at(t, 3, 200);
    let _ = mark_payload(t, t);
    let _ = crate::systems::cockroach::model::unbase64(t);
    let _ = crate::systems::cockroach::model::key_text(t);
    let _ = crate::net::error::excerpt(t);
    let _ = format!("{:?}", crate::net::error::from_status(500, "x", false, t));
    let _ = format!("{:?}", crate::net::error::from_status(502, "x", true, t));
    let _ = decode_json::<Value>(t, "application/json");
    let _ = decode_json::<Vec<Vec<String>>>(t, "application/json");
}

/// Text decoders with the texts they were recorded from.
pub const TEXT: &[Text] = &[
    (
        "prometheus",
        &[
            fx!("databend/fixtures/metrics.prom.txt"),
            fx!("databend/fixtures/metrics-legacy.prom.txt"),
            fx!("databend/fixtures/sim-metrics.prom.txt"),
        ],
        prometheus,
    ),
    (
        "flame graph",
        &[
            fx!("flink/fixtures/2.3/vertex-flamegraph.json"),
            fx!("flink/fixtures/2.3/vertex-flamegraph-source-full.json"),
        ],
        flink::flame,
    ),
    (
        "starrocks",
        &[
            fx!("starrocks/fixtures/show_proc-backends.json"),
            fx!("starrocks/fixtures/show_proc-frontends.json"),
            fx!("starrocks/fixtures/show_meta_info-SHOW_HA.json"),
            fx!("starrocks/fixtures/v2-wrapper-ok.json"),
            fx!("starrocks/fixtures/show_data.txt"),
            fx!("starrocks/fixtures/error-401.json"),
            fx!("starrocks/fixtures/fe-metrics-type-json.json"),
        ],
        starrocks,
    ),
    ("cluster import", &[EXPORT], import),
    (
        "strings",
        &[fx!("druid/fixtures/rules-history.json")],
        strings,
    ),
];
