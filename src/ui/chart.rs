//! A small SVG line chart for live metrics, the history it draws (a rolling window of samples per
//! series), and a sampler that calls a function on a fixed interval while the view lives.

use super::style::Scope;
use leptos::prelude::*;
use std::time::Duration;

/// Scoped styles of the chart.
pub const STYLE: (&str, &str) = stylers::style_sheet_str!("src/ui/chart.css");
const _TRACK: &str = include_str!("chart.css");

/// One line: its label and `(epoch ms, value)` samples, oldest first.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Series {
    /// Legend text.
    pub label: String,
    /// Samples.
    pub points: Vec<(f64, f64)>,
}

/// Samples kept per series by default (a few minutes at a few seconds per sample).
pub const DEFAULT_CAPACITY: usize = 120;

/// Adds one sample time with its values to `series` (creating series for new labels), dropping
/// the oldest samples beyond `cap`.
pub fn push_sample(series: &mut Vec<Series>, t: f64, values: &[(String, f64)], cap: usize) {
    for (label, v) in values {
        if !v.is_finite() {
            continue;
        }
        let s = match series.iter_mut().position(|s| &s.label == label) {
            Some(i) => &mut series[i],
            None => {
                series.push(Series {
                    label: label.clone(),
                    points: Vec::new(),
                });
                let last = series.len() - 1;
                &mut series[last]
            }
        };
        s.points.push((t, *v));
        if s.points.len() > cap {
            let extra = s.points.len() - cap;
            s.points.drain(..extra);
        }
    }
}

/// The value range drawn: from 0 (or the lowest value, if negative) to a bit above the highest.
pub fn value_range(series: &[Series]) -> (f64, f64) {
    let values = series.iter().flat_map(|s| s.points.iter().map(|p| p.1));
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    let lo = lo.min(0.0);
    let hi = if hi <= lo {
        lo + 1.0
    } else {
        hi + (hi - lo) * 0.08
    };
    (lo, hi)
}

/// The time range drawn.
pub fn time_range(series: &[Series]) -> (f64, f64) {
    let ts = series.iter().flat_map(|s| s.points.iter().map(|p| p.0));
    let (a, b) = ts.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), t| {
        (a.min(t), b.max(t))
    });
    if !a.is_finite() {
        (0.0, 1.0)
    } else if b <= a {
        (a - 1000.0, a)
    } else {
        (a, b)
    }
}

/// An SVG path of `points` in a `w`×`h` box for the given ranges.
pub fn line_path(points: &[(f64, f64)], t: (f64, f64), v: (f64, f64), w: f64, h: f64) -> String {
    points
        .iter()
        .enumerate()
        .map(|(i, &(pt, pv))| {
            let x = (pt - t.0) / (t.1 - t.0) * w;
            let y = h - (pv - v.0) / (v.1 - v.0) * h;
            format!("{}{x:.1},{y:.1}", if i == 0 { "M" } else { " L" })
        })
        .collect()
}

/// A rolling window of samples, shared by a sampler and a chart.
#[derive(Clone, Copy)]
pub struct History {
    /// The series so far.
    pub series: RwSignal<Vec<Series>>,
}

impl History {
    /// An empty history.
    pub fn new() -> History {
        History {
            series: RwSignal::new(Vec::new()),
        }
    }
    /// Records values at time `t` (epoch ms).
    pub fn push(self, t: f64, values: &[(String, f64)]) {
        self.series
            .try_update(|s| push_sample(s, t, values, DEFAULT_CAPACITY));
    }
    /// Forgets everything (e.g. when the metric selection changes).
    pub fn clear(self) {
        self.series.try_set(Vec::new());
    }
}

impl Default for History {
    fn default() -> Self {
        History::new()
    }
}

/// Calls `f` now and then every `every` while the calling view lives, skipping ticks while the
/// browser tab is hidden.
pub fn sample_every(every: Duration, f: impl Fn() + 'static) {
    let f = std::rc::Rc::new(f);
    f();
    let g = f.clone();
    let handle = set_interval_with_handle(
        move || {
            let hidden = web_sys::window()
                .and_then(|w| w.document())
                .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden);
            if !hidden {
                g()
            }
        },
        every,
    );
    if let Ok(h) = handle {
        on_cleanup(move || h.clear());
    }
}

const W: f64 = 560.0;
const H: f64 = 150.0;
const LEFT: f64 = 64.0;
const BOTTOM: f64 = 20.0;

/// A line chart of `series` with a legend showing each series' latest value.
#[component]
pub fn LineChart(
    /// Title above the chart.
    #[prop(into)]
    title: String,
    /// The lines.
    #[prop(into)]
    series: Signal<Vec<Series>>,
    /// Formats values for the axis and legend.
    #[prop(default = default_format)]
    format: fn(f64) -> String,
) -> impl IntoView {
    let s = Scope::of(STYLE);
    let body = move || {
        series.with(|all| {
            if all.iter().all(|x| x.points.is_empty()) {
                return view! { <text class=s.cls("empty") x=W / 2.0 y=H / 2.0 text-anchor="middle">"Waiting for samples…"</text> }.into_any();
            }
            let (t, v) = (time_range(all), value_range(all));
            let (pw, ph) = (W - LEFT - 8.0, H - BOTTOM - 8.0);
            let lines = all.iter().enumerate().map(|(i, x)| {
                view! { <path class=s.cls(&format!("line c{}", i % 6)) d=line_path(&x.points, t, v, pw, ph) /> }
            }).collect_view();
            let ticks = [v.1, (v.0 + v.1) / 2.0, v.0].into_iter().enumerate().map(|(i, val)| {
                let y = 8.0 + ph * i as f64 / 2.0;
                view! {
                    <line class=s.cls("grid") x1=LEFT x2=W - 8.0 y1=y y2=y />
                    <text class=s.cls("axis") x=LEFT - 6.0 y=y + 4.0 text-anchor="end">{format(val)}</text>
                }
            }).collect_view();
            let clock = |ms: f64| super::format::local_time(ms as i64).get(11..).unwrap_or_default().to_string();
            view! {
                {ticks}
                <text class=s.cls("axis") x=LEFT y=H - 4.0>{clock(t.0)}</text>
                <text class=s.cls("axis") x=W - 8.0 y=H - 4.0 text-anchor="end">{clock(t.1)}</text>
                <g transform=format!("translate({LEFT},8)")>{lines}</g>
            }.into_any()
        })
    };
    let legend = move || {
        series.with(|all| all.iter().enumerate().map(|(i, x)| {
            let last = x.points.last().map(|p| format(p.1)).unwrap_or_default();
            view! { <span class=s.cls("key")><span class=s.cls(&format!("swatch c{}", i % 6))></span>{x.label.clone()}": "<strong>{last}</strong></span> }
        }).collect_view())
    };
    let name = title.clone();
    view! {
        <figure class=s.cls("chart") data-chart=name>
            <figcaption class=s.cls("caption")>{title}</figcaption>
            <svg class=s.cls("plot") viewBox=format!("0 0 {W} {H}") role="img">{body}</svg>
            <div class=s.cls("legend")>{legend}</div>
        </figure>
    }
}

/// Values with up to two decimals.
pub fn default_format(v: f64) -> String {
    super::format::number(v, 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_roll_and_new_labels_start_new_series() {
        let mut s = Vec::new();
        for t in 0..5 {
            push_sample(&mut s, t as f64, &[("heap".into(), t as f64)], 3);
        }
        push_sample(
            &mut s,
            5.0,
            &[
                ("heap".into(), 9.0),
                ("gc".into(), 1.0),
                ("bad".into(), f64::NAN),
            ],
            3,
        );
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].points, vec![(3.0, 3.0), (4.0, 4.0), (5.0, 9.0)]);
        assert_eq!(s[1].label, "gc");
    }

    #[test]
    fn ranges_start_at_zero_and_leave_headroom() {
        let s = vec![Series {
            label: "a".into(),
            points: vec![(10.0, 50.0), (20.0, 100.0)],
        }];
        let (lo, hi) = value_range(&s);
        assert_eq!(lo, 0.0);
        assert!(hi > 100.0 && hi < 110.0);
        assert_eq!(time_range(&s), (10.0, 20.0));
        assert_eq!(value_range(&[]), (0.0, 1.0));
        let flat = vec![Series {
            label: "z".into(),
            points: vec![(1.0, 0.0)],
        }];
        assert_eq!(value_range(&flat), (0.0, 1.0));
        assert_eq!(time_range(&flat), (-999.0, 1.0));
    }

    #[test]
    fn paths_map_time_to_x_and_value_to_y() {
        let d = line_path(
            &[(0.0, 0.0), (10.0, 5.0)],
            (0.0, 10.0),
            (0.0, 10.0),
            100.0,
            50.0,
        );
        assert_eq!(d, "M0.0,50.0 L100.0,25.0");
    }
}
