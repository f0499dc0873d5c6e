//! When each subtask of a vertex entered each state (`.../vertices/:vertexid/subtasktimes`),
//! drawn as a timeline: one row per subtask, one bar per state.

use super::load_vertex;
use crate::systems::flink::api;
use crate::systems::flink::model::{SubtaskTimes, SubtasksTimes};
use crate::ui::kit::status;
use crate::systems::flink::views::scope;
use crate::ui::format::{duration_ms, local_time};
use leptos::prelude::*;

/// A stretch of time a subtask spent in one state.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    /// The state.
    pub state: String,
    /// Entered, epoch ms.
    pub start: i64,
    /// Left (or now), epoch ms.
    pub end: i64,
}

const TERMINAL: [&str; 3] = ["FINISHED", "CANCELED", "FAILED"];

/// The states a subtask went through, in time order: each lasts until the next state was entered;
/// the last one (if not terminal) until `now`.
pub fn segments(t: &SubtaskTimes, now: i64) -> Vec<Segment> {
    let mut entered: Vec<(&String, i64)> = t
        .timestamps
        .iter()
        .filter(|(_, ts)| **ts > 0)
        .map(|(s, ts)| (s, *ts))
        .collect();
    entered.sort_by_key(|(_, ts)| *ts);
    let mut out = Vec::new();
    for (i, (state, start)) in entered.iter().enumerate() {
        let end = match entered.get(i + 1) {
            Some((_, next)) => *next,
            None if TERMINAL.contains(&state.as_str()) => continue,
            None => now.max(*start),
        };
        out.push(Segment {
            state: state.to_string(),
            start: *start,
            end,
        });
    }
    out
}

/// The colour of a state's bar.
pub fn state_colour(state: &str) -> &'static str {
    match state {
        "CREATED" => "#9ca3af",
        "SCHEDULED" => "#a78bfa",
        "DEPLOYING" => "#60a5fa",
        "INITIALIZING" => "#f59e0b",
        "RUNNING" => "#22c55e",
        "CANCELING" | "CANCELED" => "#6b7280",
        "FAILED" => "#ef4444",
        _ => "#0ea5e9",
    }
}

fn timeline(t: &SubtasksTimes) -> AnyView {
    let s = scope();
    let rows: Vec<(i64, Vec<Segment>)> = t
        .subtasks
        .iter()
        .map(|st| (st.subtask, segments(st, t.now)))
        .collect();
    let lo = rows
        .iter()
        .flat_map(|(_, r)| r.iter().map(|x| x.start))
        .min();
    let hi = rows.iter().flat_map(|(_, r)| r.iter().map(|x| x.end)).max();
    let (Some(lo), Some(hi)) = (lo, hi) else {
        return view! { <p class="sb-dim">"No subtask has started yet."</p> }.into_any();
    };
    let span = (hi - lo).max(1) as f64;
    let (left, width, row_h) = (90.0, 900.0, 22.0);
    let height = rows.len() as f64 * row_h + 26.0;
    let mut states: Vec<String> = Vec::new();
    let bars = rows.iter().enumerate().map(|(i, (index, segs))| {
        let y = i as f64 * row_h + 4.0;
        let rects = segs.iter().map(|seg| {
            if !states.contains(&seg.state) {
                states.push(seg.state.clone());
            }
            let x = left + (seg.start - lo) as f64 / span * (width - left - 10.0);
            let w = ((seg.end - seg.start) as f64 / span * (width - left - 10.0)).max(1.5);
            let tip = format!("Subtask {index}: {} from {} for {}", seg.state, local_time(seg.start), duration_ms(seg.end - seg.start));
            view! { <rect x=x y=y width=w height=row_h - 6.0 rx=2.0 fill=state_colour(&seg.state)><title>{tip}</title></rect> }
        }).collect_view();
        view! { <text class=s.cls("tl-label") x=4.0 y=y + 12.0>{format!("Subtask {index}")}</text>{rects} }
    }).collect_view();
    let legend = states.iter().map(|st| view! {
        <span class="sb-row" style="gap:4px"><span style=format!("width:10px;height:10px;border-radius:2px;background:{}", state_colour(st))></span>{st.clone()}</span>
    }).collect_view();
    view! {
        <svg class=s.cls("timeline") viewBox=format!("0 0 {width} {height}") role="img" aria-label="Subtask timeline">
            {bars}
            <text class=s.cls("tl-label") x=left y=height - 6.0>{local_time(lo)}</text>
            <text class=s.cls("tl-label") x=width - 10.0 y=height - 6.0 text-anchor="end">{local_time(hi)}</text>
        </svg>
        <div class="sb-row" style="font-size:12px">{legend}</div>
    }
    .into_any()
}

/// The subtask timeline of vertex `vid`.
#[component]
pub fn TimesView(
    /// Vertex id.
    vid: String,
) -> impl IntoView {
    let vid = StoredValue::new(vid);
    let r = load_vertex(vid, move |c, j, v| async move {
        api::subtask_times(&c, &j, &v).await
    });
    let data = r;
    view! {
        {status(r, "subtask times")}
        {move || data.with(|d| d.map(timeline))}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_follow_the_state_order_and_end_now_while_running() {
        let t: SubtasksTimes = serde_json::from_str(include_str!(
            "../../../fixtures/2.3/vertex-subtasktimes.json"
        ))
        .unwrap();
        let segs = segments(&t.subtasks[0], t.now);
        assert!(!segs.is_empty());
        assert!(segs.windows(2).all(|w| w[0].end == w[1].start), "{segs:?}");
        let last = segs.last().unwrap();
        assert_eq!(last.state, "RUNNING");
        assert_eq!(last.end, t.now);
    }

    #[test]
    fn a_terminal_state_has_no_bar() {
        let mut t = SubtaskTimes::default();
        t.timestamps.insert("RUNNING".into(), 100);
        t.timestamps.insert("FINISHED".into(), 250);
        t.timestamps.insert("FAILED".into(), 0);
        let segs = segments(&t, 1000);
        assert_eq!(
            segs,
            vec![Segment {
                state: "RUNNING".into(),
                start: 100,
                end: 250
            }]
        );
    }
}
