//! The environment a job manager runs in (JVM, options, class path), as
//! `GET /jobmanager/environment` and `GET /jobs/:jobid/jobmanager/environment` (1.15+) answer it.

use super::scope;
use crate::systems::flink::model::JobManagerEnvironment;
use crate::ui::loaded::Loaded;
use crate::ui::KeyValue;
use leptos::prelude::*;

/// The JVM facts of the environment.
pub fn environment_facts(e: &JobManagerEnvironment) -> Vec<(String, String)> {
    vec![
        ("JVM".to_string(), e.jvm.version.clone()),
        ("Architecture".into(), e.jvm.arch.clone()),
        ("Options".into(), e.jvm.options.join("\n")),
    ]
}

/// The environment loaded by `r`, from `endpoint` (named in the message shown when the cluster
/// does not serve it, i.e. answers 404), with the loading line and the error panel.
pub fn environment_section(r: Loaded<JobManagerEnvironment>, endpoint: &'static str) -> AnyView {
    let s = scope();
    let missing = move || r.error().and_then(|e| e.error.status()) == Some(404);
    view! {
        <Show when=move || !missing() fallback=move || view! { <p class="sb-dim">{format!("This cluster does not serve {endpoint} (Flink 1.15+).")}</p> }>
            {r.status("environment")}
            {move || r.with(|d| d.map(|e| view! {
                <KeyValue items=environment_facts(e) />
                <h3>"Class path"</h3>
                <pre class=s.cls("trace")>{e.classpath.join("\n")}</pre>
            }))}
        </Show>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_lists_the_jvm_of_the_cluster_and_of_a_job() {
        for text in [
            include_str!("../fixtures/2.3/jobmanager-environment.json"),
            include_str!("../fixtures/2.3/job-jobmanager-environment.json"),
        ] {
            let e: JobManagerEnvironment = serde_json::from_str(text).unwrap();
            let f = environment_facts(&e);
            assert_eq!(f[0].0, "JVM");
            assert!(f[0].1.contains("17"), "{f:?}");
            assert!(f[2].1.contains("-Xmx"), "{f:?}");
        }
    }
}
