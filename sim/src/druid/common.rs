//! Endpoints every Druid service has (`/status...`), error bodies and the Jetty 404 page.

use axum::extract::{OriginalUri, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};

use super::{DruidCtx, Service};
use crate::config::System;
use crate::fault::jetty_error_page;
use crate::http_util::{empty, html, json, ok_json, raw};
use crate::rng::wander;

/// Druid version reported by every service.
pub const VERSION: &str = "31.0.1";

/// `{"error": msg}` (the older error style).
pub fn error(status: StatusCode, msg: &str) -> Response {
    json(status, &json!({"error": msg}))
}

/// The DruidException error body.
pub fn druid_exception(
    status: StatusCode,
    code: &str,
    category: &str,
    msg: &str,
    context: Value,
) -> Response {
    json(
        status,
        &json!({"error": "druidException", "errorCode": code, "persona": "USER", "category": category, "errorMessage": msg, "context": context}),
    )
}

/// Jetty's HTML 404 page (router fallback).
pub async fn not_found(uri: OriginalUri) -> Response {
    jetty_404(uri.0.path())
}

/// Jetty's HTML 404 page for a path.
pub fn jetty_404(path: &str) -> Response {
    html(
        StatusCode::NOT_FOUND,
        jetty_error_page(404, "Not Found", path),
    )
}

/// Empty `200 OK` (what POSTs to rules and configs return).
pub fn empty_ok() -> Response {
    empty(StatusCode::OK)
}

/// Routes of `/status`.
pub fn routes() -> Router<DruidCtx> {
    Router::new()
        .route("/status", get(status))
        .route(
            "/status/health",
            get(|| async { raw(StatusCode::OK, "application/json", "true") }),
        )
        .route("/status/properties", get(properties))
        .route(
            "/status/selfDiscovered/status",
            get(|| async { ok_json(&json!({"selfDiscovered": true})) }),
        )
        .route(
            "/status/selfDiscovered",
            get(|| async { empty(StatusCode::OK) }),
        )
}

/// Routes only the router has.
pub fn router_only_routes() -> Router<DruidCtx> {
    Router::new().route("/druid/router/v1/brokers", get(router_brokers))
}

async fn router_brokers(State(ctx): State<DruidCtx>) -> Response {
    ok_json(&json!({"druid/broker": [ctx.shared.plan.host_port(System::Druid, "broker")]}))
}

const MODULES: [(&str, &str); 8] = [
    ("org.apache.druid.common.aws.AWSModule", "druid-aws-common"),
    (
        "org.apache.druid.storage.s3.S3StorageDruidModule",
        "druid-s3-extensions",
    ),
    (
        "org.apache.druid.indexing.kafka.KafkaIndexTaskModule",
        "druid-kafka-indexing-service",
    ),
    (
        "org.apache.druid.indexing.kinesis.KinesisIndexingServiceModule",
        "druid-kinesis-indexing-service",
    ),
    (
        "org.apache.druid.query.aggregation.datasketches.theta.SketchModule",
        "druid-datasketches",
    ),
    (
        "org.apache.druid.query.aggregation.datasketches.hll.HllSketchModule",
        "druid-datasketches",
    ),
    (
        "org.apache.druid.msq.guice.MSQIndexingModule",
        "druid-multi-stage-query",
    ),
    (
        "org.apache.druid.msq.guice.MSQSqlModule",
        "druid-multi-stage-query",
    ),
];

async fn status(State(ctx): State<DruidCtx>) -> Response {
    let t = ctx.shared.clock.elapsed_secs();
    let seed = ctx.shared.seed ^ ctx.service as u64;
    let used = wander(seed, t, 129_374_768.0, 40_000_000.0).round();
    ok_json(&json!({
        "version": VERSION,
        "modules": MODULES.iter().map(|(n, a)| json!({"name": n, "artifact": a, "version": VERSION})).collect::<Vec<_>>(),
        "memory": {"maxMemory": 268_435_456i64, "totalMemory": 268_435_456i64, "freeMemory": 268_435_456.0 - used, "usedMemory": used, "directMemory": 134_217_728i64},
    }))
}

async fn properties(State(ctx): State<DruidCtx>) -> Response {
    let plan = ctx.shared.plan;
    let port = ctx.port;
    let mut props = json!({
        "druid.service": ctx.service.service_name(),
        "druid.host": plan.host_str(),
        "druid.plaintextPort": port.to_string(),
        "druid.extensions.loadList": "[\"druid-s3-extensions\", \"druid-kafka-indexing-service\", \"druid-kinesis-indexing-service\", \"druid-datasketches\", \"druid-multi-stage-query\"]",
        "druid.zk.service.host": "localhost:2181",
        "druid.metadata.storage.type": "postgresql",
        "druid.storage.type": "s3",
        "druid.indexer.logs.type": "s3",
        "druid.emitter": "noop",
        "java.version": "17.0.12",
        "user.timezone": "UTC",
        "file.encoding": "UTF-8",
        "druid.metadata.storage.connector.password": "<masked>",
    });
    let extra: &[(&str, &str)] = match ctx.service {
        Service::Coordinator => &[
            ("druid.coordinator.period", "PT30S"),
            ("druid.coordinator.startDelay", "PT10S"),
        ],
        Service::Overlord => &[
            ("druid.indexer.runner.type", "remote"),
            ("druid.indexer.storage.type", "metadata"),
        ],
        Service::Broker => &[
            ("druid.broker.http.numConnections", "20"),
            ("druid.sql.enable", "true"),
        ],
        Service::Historical => &[
            ("druid.server.maxSize", "300000000000"),
            (
                "druid.segmentCache.locations",
                "[{\"path\":\"var/druid/segment-cache\",\"maxSize\":\"300g\"}]",
            ),
        ],
        Service::MiddleManager => &[
            ("druid.worker.capacity", "16"),
            ("druid.indexer.runner.javaOptsArray", "[\"-Xmx1g\"]"),
        ],
        Service::Peon => &[
            ("druid.indexer.task.baseTaskDir", "var/druid/task"),
            ("druid.indexer.runner.javaOptsArray", "[\"-Xmx1g\"]"),
        ],
        Service::Router => &[
            ("druid.router.managementProxy.enabled", "true"),
            ("druid.router.defaultBrokerServiceName", "druid/broker"),
        ],
    };
    if let Some(obj) = props.as_object_mut() {
        for (k, v) in extra {
            obj.insert(k.to_string(), json!(v));
        }
    }
    ok_json(&props)
}

/// `GET .../leader`: the leader's URL as plain text.
pub fn leader_url(ctx: &DruidCtx, role: &str) -> Response {
    raw(
        StatusCode::OK,
        "text/plain",
        ctx.shared.plan.url(System::Druid, role),
    )
}

/// Parses an interval from a URL (`_` separated) or a query parameter.
pub fn url_interval(s: &str) -> Option<(i64, i64)> {
    crate::timefmt::parse_interval(s)
}
