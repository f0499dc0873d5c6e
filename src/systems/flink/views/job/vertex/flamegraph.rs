//! The flame graph of a vertex (`vtab=flamegraph`, Flink 1.13+): Flink samples the stacks of the
//! vertex's running subtasks (`.../flamegraph?type=...[&subtaskindex=N]`, needs
//! `rest.flamegraph.enabled`). On-CPU, off-CPU or both, of all subtasks or one, are chosen in
//! the URL (`fgtype=`, `fgsub=`); the graph follows the page's refresh and asks again by itself
//! while Flink is still sampling.

use crate::systems::flink::views::keys;
use crate::systems::flink::api;
use crate::systems::flink::capabilities::parse_version;
use crate::systems::flink::context::use_flink;
use crate::systems::flink::model::{FlameGraph, FlameNode};
use crate::ui::kit::{empty, load, query, set_query, status};
use crate::systems::flink::views::job::use_job;
use crate::ui::flame::{amount, FlameChart, FlameFrame};
use crate::ui::format::local_time;
use leptos::prelude::*;

/// The graphs Flink draws: `(type= value, label)`; the first is the default.
pub const TYPES: [(&str, &str); 3] = [
    ("ON_CPU", "On-CPU"),
    ("OFF_CPU", "Off-CPU"),
    ("FULL", "Mixed (on- and off-CPU)"),
];

/// Names of the frame colours (see [`frame_kind`]).
pub const KINDS: &[&str] = &["root", "Flink", "JVM / JDK", "user code and libraries"];

/// The graph type named in the URL (default: on-CPU).
pub fn parse_type(text: Option<&str>) -> &'static str {
    TYPES
        .iter()
        .map(|t| t.0)
        .find(|t| Some(*t) == text)
        .unwrap_or(TYPES[0].0)
}

/// The colour class of a frame: 0 the root, 1 Flink, 2 the JVM and JDK, 3 anything else.
pub fn frame_kind(name: &str, depth: usize) -> u8 {
    if depth == 0 {
        0
    } else if name.starts_with("org.apache.flink.") {
        1
    } else if ["java.", "javax.", "jdk.", "sun.", "com.sun."]
        .iter()
        .any(|p| name.starts_with(p))
    {
        2
    } else {
        3
    }
}

/// The frames of a flame graph in preorder, for [`FlameChart`] (no recursion: stacks are deep).
pub fn frames_of(root: &FlameNode) -> Vec<FlameFrame> {
    let mut out = Vec::new();
    let mut pending = vec![(root, None::<usize>, 0usize)];
    while let Some((node, parent, depth)) = pending.pop() {
        let me = out.len();
        out.push(FlameFrame {
            name: node.name.clone(),
            value: node.value,
            depth,
            parent,
            kind: frame_kind(&node.name, depth),
        });
        pending.extend(node.children.iter().rev().map(|c| (c, Some(me), depth + 1)));
    }
    out
}

/// What an answer of the flame graph endpoint means.
#[derive(Clone, Debug, PartialEq)]
pub enum FlameAnswer {
    /// Samples until `end` (epoch ms), as frames in preorder.
    Frames(Vec<FlameFrame>, i64),
    /// Sampled until `end`, but no sample of this type (e.g. no thread was on a CPU).
    NoSamples(i64),
    /// Flink is taking the first samples (`endTimestamp` -3).
    Sampling,
    /// The vertex or subtask is not running (`endTimestamp` -1).
    NotRunning,
    /// `rest.flamegraph.enabled` is false (`endTimestamp` -2).
    Disabled,
}

/// Reads an answer: Flink marks its special answers with a negative `endTimestamp` and no data.
pub fn answer_of(g: &FlameGraph) -> FlameAnswer {
    match (g.end_timestamp, &g.data) {
        (-2, _) => FlameAnswer::Disabled,
        (-1, _) => FlameAnswer::NotRunning,
        (end, Some(root)) if end > 0 && root.value > 0 => FlameAnswer::Frames(frames_of(root), end),
        (end, Some(_)) if end > 0 => FlameAnswer::NoSamples(end),
        _ => FlameAnswer::Sampling,
    }
}

/// Why a cluster has no flame graphs, if it has none: they came with Flink 1.13.
pub fn flame_gate(version: Option<&str>) -> Option<String> {
    let v = version?;
    (parse_version(v)? < (1, 13))
        .then(|| format!("Flame graphs need Flink 1.13 or newer; this cluster runs {v}."))
}

/// The explanation shown for an answer without frames.
pub fn answer_text(a: &FlameAnswer, kind: &str) -> String {
    match a {
        FlameAnswer::Frames(..) => String::new(),
        FlameAnswer::NoSamples(end) => {
            let what = TYPES.iter().find(|t| t.0 == kind).map_or(kind, |t| t.1);
            format!("No {what} samples until {}: no sampled thread was in that state. Try another type.", local_time(*end))
        }
        FlameAnswer::Sampling => "Sampling… Flink is taking stack samples of the running subtasks; the graph appears in a few seconds.".into(),
        FlameAnswer::NotRunning => "Not running: Flink samples only running subtasks, and this vertex (or subtask) is not running.".into(),
        FlameAnswer::Disabled => "Flame graphs are turned off on this cluster: Flink answers without samples while rest.flamegraph.enabled is false (set it to true and restart the cluster to use them).".into(),
    }
}

fn picker(
    label: &'static str,
    key: crate::url_state::QueryKey,
    current: String,
    options: Vec<(String, String)>,
) -> AnyView {
    let setq = set_query();
    view! {
        <label class="sb-row" style="gap:4px">{label}
            <select aria-label=label on:change=move |ev| setq(&[(key, event_target_value(&ev))])>
                {options.into_iter().map(|(v, text)| { let sel = v == current; view! { <option value=v selected=sel>{text}</option> } }).collect_view()}
            </select>
        </label>
    }
    .into_any()
}

/// The flame graph of vertex `vid`.
#[component]
pub fn FlameGraphView(
    /// Vertex id.
    vid: String,
) -> impl IntoView {
    let job = use_job();
    let flink = use_flink();
    let vid = StoredValue::new(vid);
    let (fgtype, fgsub) = (query(keys::FLAME_TYPE), query(keys::FLAME_SUBTASK));
    let kind = Memo::new(move |_| parse_type(fgtype.get().as_deref()));
    let subtask = Memo::new(move |_| {
        fgsub
            .get()
            .and_then(|s| s.parse::<i64>().ok())
            .filter(|i| *i >= 0)
    });
    let r = load(move |c| {
        let (j, v, k, s) = (job.jid.get(), vid.get_value(), kind.get(), subtask.get());
        async move {
            api::vertex_flamegraph(&c, &j, &v, k, s)
                .await
                .map(|g| answer_of(&g))
        }
    });
    // While Flink samples, ask again shortly whatever the refresh interval.
    r.follow(|a| (*a == FlameAnswer::Sampling).then_some(2000));
    let parallelism = move || {
        job.details.with(|d| {
            d.and_then(|d| d.vertex(&vid.get_value()).map(|v| v.parallelism))
                .unwrap_or(0)
        })
    };
    let pickers = move || {
        let types = TYPES
            .iter()
            .map(|(v, l)| (v.to_string(), l.to_string()))
            .collect();
        let mut subs = vec![(String::new(), "All subtasks".to_string())];
        subs.extend((0..parallelism()).map(|i| (i.to_string(), format!("Subtask {i}"))));
        let sub = subtask.get().map(|i| i.to_string()).unwrap_or_default();
        view! { {picker("Type", keys::FLAME_TYPE, kind.get().to_string(), types)}{picker("Subtasks", keys::FLAME_SUBTASK, sub, subs)} }
    };
    let head = move || {
        r.with(|a| match a {
            Some(FlameAnswer::Frames(f, end)) => {
                let samples = f.first().map_or(0, |x| x.value);
                view! { <span class="sb-dim" data-flame-end="">{format!("{}, taken until {}", amount(samples, "samples"), local_time(*end))}</span> }.into_any()
            }
            Some(other) => view! { <span data-flame-state="">{answer_text(other, kind.get())}</span> }.into_any(),
            None => ().into_any(),
        })
    };
    let frames = Signal::derive(move || {
        r.with(|a| match a {
            Some(FlameAnswer::Frames(f, _)) => f.clone(),
            _ => Vec::new(),
        })
    });
    let gate = Memo::new(move |_| flame_gate(flink.version().as_deref()));
    view! {
        {move || match gate.get() {
            Some(reason) => empty(&reason),
            None => view! {
                <div class="sb-row" style="margin-bottom:6px">{pickers}</div>
                <div class="sb-row" style="margin-bottom:6px">{head}</div>
                {status(r, "flame graph")}
                <Show when=move || !frames.with(Vec::is_empty)>
                    <FlameChart frames kinds=KINDS />
                </Show>
            }.into_any(),
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> FlameGraph {
        FlameGraph::parse(
            &std::fs::read_to_string(format!("src/systems/flink/fixtures/2.3/{name}")).unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn recorded_graphs_become_preorder_frames() {
        let g = fixture("vertex-flamegraph-source-full.json");
        let FlameAnswer::Frames(f, end) = answer_of(&g) else {
            panic!("frames expected")
        };
        assert!(end > 0);
        let root = g.data.as_ref().unwrap();
        assert_eq!(f.len(), 38, "one frame per node of the recording");
        assert_eq!(f.iter().map(|x| x.depth).max(), Some(root.depth()));
        assert_eq!(
            (f[0].name.as_str(), f[0].value, f[0].kind),
            ("root", 100, 0)
        );
        for (i, x) in f.iter().enumerate().skip(1) {
            let p = x.parent.unwrap();
            assert!(
                p < i && f[p].depth + 1 == x.depth,
                "frame {i} follows its caller"
            );
        }
        // The callees of a frame hold no more samples than it.
        for (i, x) in f.iter().enumerate() {
            let below: i64 = f
                .iter()
                .filter(|c| c.parent == Some(i))
                .map(|c| c.value)
                .sum();
            assert!(below <= x.value, "{}", x.name);
        }
        assert_eq!(f[1].kind, 2, "{}", f[1].name);
        assert!(f.iter().any(|x| x.kind == 1));
        let thin = fixture("vertex-flamegraph.json");
        assert!(matches!(answer_of(&thin), FlameAnswer::Frames(ref f, _) if f.len() == 16));
    }

    #[test]
    fn special_answers_are_told_apart() {
        assert_eq!(
            answer_of(&fixture("vertex-flamegraph-waiting.json")),
            FlameAnswer::Sampling
        );
        let idle = fixture("vertex-flamegraph-idle-on-cpu.json");
        assert!(matches!(answer_of(&idle), FlameAnswer::NoSamples(e) if e > 0));
        assert_eq!(
            answer_of(&FlameGraph::parse(r#"{"endTimestamp":-2}"#).unwrap()),
            FlameAnswer::Disabled
        );
        assert_eq!(
            answer_of(&FlameGraph::parse(r#"{"endTimestamp":-1}"#).unwrap()),
            FlameAnswer::NotRunning
        );
        assert!(answer_text(&FlameAnswer::Disabled, "FULL").contains("rest.flamegraph.enabled"));
        assert!(answer_text(&answer_of(&idle), "ON_CPU").starts_with("No On-CPU samples"));
        assert!(answer_text(&FlameAnswer::Sampling, "ON_CPU").starts_with("Sampling"));
    }

    #[test]
    fn types_default_to_on_cpu_and_versions_gate() {
        assert_eq!(parse_type(None), "ON_CPU");
        assert_eq!(parse_type(Some("FULL")), "FULL");
        assert_eq!(parse_type(Some("x")), "ON_CPU");
        assert!(flame_gate(Some("1.12.7")).unwrap().contains("1.13"));
        assert_eq!(flame_gate(Some("2.3.0")), None);
        assert_eq!(flame_gate(None), None);
        assert_eq!(frame_kind("com.example.Job.map:12", 3), 3);
    }
}
