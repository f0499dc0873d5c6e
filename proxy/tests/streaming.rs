//! Bodies stream through the proxy in both directions: hundreds of megabytes pass with a small,
//! bounded growth of the process's memory. (Its own test binary, so no other test shares the process.)

mod common;

use common::*;
use http::StatusCode;
use http_body_util::BodyExt;
use std::time::Instant;

const TOTAL: u64 = 256 * 1024 * 1024;
const ALLOWED_GROWTH_KB: u64 = 64 * 1024;

fn status_kb(field: &str) -> u64 {
    let status =
        std::fs::read_to_string("/proc/self/status").expect("/proc/self/status is readable");
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("{field} not in /proc/self/status"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn large_bodies_stream_with_bounded_memory() {
    let sink = upstream(|req, up| async move {
        let seen = up.record(req).await;
        http::Response::new(full(seen.body_len.to_string()))
    })
    .await;
    let source = upstream(|req, up| async move {
        up.record_head(&req);
        http::Response::new(generated(TOTAL))
    })
    .await;
    let config = format!(
        "[limits]\nmax_body_bytes = {}\n[[clusters]]\nname='f'\nsystem='flink'\ntargets={{jobmanager='{}'}}\n\
         [[clusters]]\nname='g'\nsystem='flink'\ntargets={{jobmanager='{}'}}",
        TOTAL * 2,
        sink.url(),
        source.url()
    );
    let proxy = start_proxy(&config).await;
    // Warm up allocator and connection pools before the baseline.
    let _ = send(
        "POST",
        &proxy.url("/proxy/f/jobmanager/jars/upload"),
        &[],
        generated(4 * 1024 * 1024),
    )
    .await;
    let baseline = status_kb("VmRSS:");

    let started = Instant::now();
    let length = TOTAL.to_string();
    let answer = send(
        "POST",
        &proxy.url("/proxy/f/jobmanager/jars/upload"),
        &[("content-length", length.as_str())],
        generated(TOTAL),
    )
    .await;
    let upload_time = started.elapsed();
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    assert_eq!(
        answer.text(),
        TOTAL.to_string(),
        "the upstream received every byte"
    );
    let seen = sink.requests();
    let last = seen.last().unwrap();
    assert_eq!(last.headers["content-length"], length.as_str());

    let started = Instant::now();
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http::<TestBody>();
    let request = http::Request::get(proxy.url("/proxy/g/jobmanager/jobmanager/log"))
        .body(full(""))
        .unwrap();
    let response = client.request(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let mut body = response.into_body();
    let mut received = 0u64;
    while let Some(frame) = body.frame().await {
        if let Some(data) = frame.unwrap().data_ref() {
            received += data.len() as u64;
        }
    }
    let download_time = started.elapsed();
    assert_eq!(received, TOTAL);

    let peak = status_kb("VmHWM:");
    let growth = peak.saturating_sub(baseline);
    eprintln!(
        "streamed {} MiB up in {:?} and down in {:?}; RSS baseline {} KiB, peak {} KiB, growth {} KiB",
        TOTAL >> 20,
        upload_time,
        download_time,
        baseline,
        peak,
        growth
    );
    assert!(
        growth < ALLOWED_GROWTH_KB,
        "memory grew by {growth} KiB while streaming {} MiB",
        TOTAL >> 20
    );
}
