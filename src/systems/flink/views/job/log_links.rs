//! Links to the job's logs where the cluster has them (`GET /jobs/:jobid/jobmanager/log-url` and
//! `GET /jobs/:jobid/taskmanagers/:taskmanagerid/log-url`, 1.15+; the URLs come from
//! `historyserver.log.jobmanager.url-pattern` / `...taskmanager.url-pattern`, or Flink's own web
//! UI). Shown only when the cluster answers with an http(s) URL; the task managers are those
//! running the job's vertices (`GET /jobs/:jobid/vertices/:vertexid/taskmanagers`).

use super::use_job;
use crate::systems::flink::api;
use crate::ui::kit::load_once;
use crate::systems::flink::views::scope;
use leptos::prelude::*;

/// `url` when it is an absolute http(s) URL without spaces or control characters; `None`
/// otherwise (the server's text is data: never a `javascript:` or relative link).
pub fn safe_url(url: &str) -> Option<String> {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))?;
    let clean = !rest.is_empty()
        && !u
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>');
    clean.then(|| u.to_string())
}

/// Unique task manager ids in first-seen order.
pub fn unique(ids: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in ids {
        if !id.is_empty() && !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// The log links of the job header: `(label, url)` per link the cluster gave.
#[component]
pub fn LogLinks() -> impl IntoView {
    let s = scope();
    let job = use_job();
    let vertices = Memo::new(move |_| {
        job.details.with(|d| {
            d.map(|d| d.vertices.iter().map(|v| v.id.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let links = load_once(move |c| {
        let (j, vs) = (job.jid.get(), vertices.get());
        async move {
            let mut out: Vec<(String, String)> = Vec::new();
            if let Some(u) = api::job_jobmanager_log_url(&c, &j)
                .await
                .ok()
                .and_then(|u| safe_url(&u.url))
            {
                out.push(("Job manager log".into(), u));
            }
            let mut tms = Vec::new();
            for v in &vs {
                if let Ok(t) = api::vertex_taskmanagers(&c, &j, v).await {
                    tms.extend(t.taskmanagers.into_iter().filter_map(|t| t.taskmanager_id));
                }
            }
            for tm in unique(tms) {
                if let Some(u) = api::job_taskmanager_log_url(&c, &j, &tm)
                    .await
                    .ok()
                    .and_then(|u| safe_url(&u.url))
                {
                    out.push((format!("Task manager {tm} log"), u));
                }
            }
            Ok(out)
        }
    });
    move || {
        links.with(|l| {
            l.filter(|l| !l.is_empty()).map(|l| {
                view! {
                    <div class=s.cls("facts") data-log-links="">
                        {l.iter().map(|(label, url)| view! { <a href=url.clone() target="_blank" rel="noopener noreferrer">{format!("{label} ↗")}</a> }).collect_view()}
                    </div>
                }
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::systems::flink::model::LogUrl;

    #[test]
    fn only_http_urls_become_links() {
        for name in ["job-jobmanager-log-url", "job-taskmanager-log-url"] {
            let u: LogUrl = serde_json::from_str(
                &std::fs::read_to_string(format!("src/systems/flink/fixtures/2.3/{name}.json"))
                    .unwrap(),
            )
            .unwrap();
            assert_eq!(safe_url(&u.url).as_deref(), Some(u.url.as_str()), "{name}");
        }
        assert_eq!(
            safe_url(" HTTPS://logs.example/x?a=1 ").as_deref(),
            Some("HTTPS://logs.example/x?a=1")
        );
        for bad in [
            "javascript:alert(1)",
            "/relative",
            "",
            "http://",
            "ftp://x",
            "http://a b",
            "http://x\"onclick",
        ] {
            assert_eq!(safe_url(bad), None, "{bad}");
        }
        assert_eq!(
            unique(["a".to_string(), "b".into(), "a".into(), "".into()]),
            ["a", "b"]
        );
    }
}
