//! The metrics explorer: search the series of a Prometheus scrape ([`crate::net::prometheus`]),
//! pick some, and chart each as its value or as a rate per second across the successive scrapes
//! the caller pushes into a [`ScrapeHistory`] (kept while the page is open). The picks live in
//! the URL under the [`QueryKey`] the caller passes, so a copied link charts the same series.

use super::chart::{LineChart, Series};
use super::style::Scope;
use crate::net::prometheus::{rate, Scrape};
use crate::url_state::QueryKey;
use leptos::prelude::*;
use std::sync::Arc;

/// Scoped styles of the explorer.
pub const STYLE: (&str, &str) = stylers::style_sheet_str!("src/ui/metrics_explorer.css");
const _TRACK: &str = include_str!("metrics_explorer.css");

/// Scrapes kept per history (a few minutes at a few seconds per scrape).
pub const CAPACITY: usize = 150;

/// A ready-made chart of a system's key series: its title and lines, each
/// `(label, reader of a scrape, drawn as a rate per second)`.
pub type KeyChart = (
    &'static str,
    Vec<(&'static str, fn(&Scrape) -> Option<f64>, bool)>,
);

/// The line charts of `charts` over the scrapes of `history`, updating as scrapes arrive.
pub fn key_chart_views(history: ScrapeHistory, charts: Vec<KeyChart>) -> AnyView {
    charts
        .into_iter()
        .map(|(title, lines)| {
            let series = Signal::derive(move || {
                history.scrapes.with(|all: &Vec<(f64, Arc<Scrape>)>| {
                    lines
                        .iter()
                        .map(|(label, f, as_rate)| {
                            let pts = points_of(all, f);
                            crate::ui::chart::Series {
                                label: label.to_string(),
                                points: if *as_rate { rate_points(&pts) } else { pts },
                            }
                        })
                        .collect::<Vec<_>>()
                })
            });
            view! { <crate::ui::chart::LineChart title=title series=series /> }
        })
        .collect_view()
        .into_any()
}

/// Successive scrapes with their time (epoch ms), oldest first.
#[derive(Clone, Copy)]
pub struct ScrapeHistory {
    /// The scrapes so far.
    pub scrapes: RwSignal<Vec<(f64, Arc<Scrape>)>>,
}

impl ScrapeHistory {
    /// An empty history.
    pub fn new() -> ScrapeHistory {
        ScrapeHistory {
            scrapes: RwSignal::new(Vec::new()),
        }
    }

    /// Adds a scrape taken at `t` (epoch ms), dropping the oldest beyond [`CAPACITY`].
    pub fn push(self, t: f64, scrape: Scrape) {
        self.scrapes.try_update(|v| {
            v.push((t, Arc::new(scrape)));
            if v.len() > CAPACITY {
                let extra = v.len() - CAPACITY;
                v.drain(..extra);
            }
        });
    }

    /// Forgets every scrape (e.g. when another node is scraped).
    pub fn clear(self) {
        self.scrapes.try_set(Vec::new());
    }
}

impl Default for ScrapeHistory {
    fn default() -> Self {
        ScrapeHistory::new()
    }
}

/// A picked series: its key ([`crate::net::prometheus::Sample::key`]) and how it is charted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pick {
    /// The series key.
    pub key: String,
    /// Charted as a rate per second (else as its value).
    pub rate: bool,
}

/// Reads the picks from their URL form: one per line, `rate ` before the ones shown as rates.
pub fn parse_picks(text: &str) -> Vec<Pick> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| match l.strip_prefix("rate ") {
            Some(k) => Pick {
                key: k.trim().to_string(),
                rate: true,
            },
            None => Pick {
                key: l.to_string(),
                rate: false,
            },
        })
        .collect()
}

/// The URL form of `picks` (see [`parse_picks`]).
pub fn write_picks(picks: &[Pick]) -> String {
    picks
        .iter()
        .map(|p| {
            if p.rate {
                format!("rate {}", p.key)
            } else {
                p.key.clone()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `f` of every scrape, as `(time, value)` points (scrapes where `f` gives nothing are skipped).
pub fn points_of(
    scrapes: &[(f64, Arc<Scrape>)],
    f: impl Fn(&Scrape) -> Option<f64>,
) -> Vec<(f64, f64)> {
    scrapes
        .iter()
        .filter_map(|(t, s)| f(s).filter(|v| v.is_finite()).map(|v| (*t, v)))
        .collect()
}

/// The per-second rate between successive points (a counter reset gives no point).
pub fn rate_points(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    points
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => rate(a.1, b.1, b.0 - a.0).map(|r| (b.0, r)),
            _ => None,
        })
        .collect()
}

/// The points of series `key`: its values, or their rate per second.
pub fn series_points(scrapes: &[(f64, Arc<Scrape>)], key: &str, as_rate: bool) -> Vec<(f64, f64)> {
    let values = points_of(scrapes, |s| s.value(key));
    if as_rate {
        rate_points(&values)
    } else {
        values
    }
}

/// The series of the latest scrape whose key contains every word of `needle` (case-insensitive),
/// with their latest value and type, at most `limit`.
pub fn search(scrape: &Scrape, needle: &str, limit: usize) -> Vec<(String, f64, &'static str)> {
    let words: Vec<String> = needle.split_whitespace().map(str::to_lowercase).collect();
    scrape
        .samples
        .iter()
        .map(|s| (s.key(), s))
        .filter(|(k, _)| {
            let k = k.to_lowercase();
            words.iter().all(|w| k.contains(w.as_str()))
        })
        .take(limit)
        .map(|(k, s)| (k, s.value, scrape.kind_of(&s.name).name()))
        .collect()
}

/// Values with up to three significant decimals.
fn fmt(v: f64) -> String {
    super::format::number(v, 3)
}

/// Search, pick and chart series of the scrapes in `history`; the picks live in the URL under
/// `key`, the search text under `search_key`.
#[component]
pub fn MetricsExplorer(
    /// The scrapes to chart.
    history: ScrapeHistory,
    /// The URL key of the picks.
    key: QueryKey,
    /// The URL key of the search text.
    search_key: QueryKey,
) -> impl IntoView {
    let s = Scope::of(STYLE);
    let picked = super::kit::query(key);
    let needle = super::kit::query(search_key);
    let set = super::kit::set_query();
    let picks = Memo::new(move |_| parse_picks(&picked.get().unwrap_or_default()));
    let set_picks = {
        let set = set.clone();
        move |p: Vec<Pick>| set(&[(key, write_picks(&p))])
    };
    let add = {
        let set_picks = set_picks.clone();
        move |k: String, as_rate: bool| {
            let mut p = picks.get_untracked();
            p.retain(|x| !(x.key == k && x.rate == as_rate));
            p.push(Pick {
                key: k,
                rate: as_rate,
            });
            set_picks(p);
        }
    };
    let set_search = set.clone();
    let matches = move || {
        history.scrapes.with(|all| match all.last() {
            None => view! { <p class="sb-dim">"Waiting for the first scrape…"</p> }.into_any(),
            Some((_, scrape)) => {
                let needle = needle.get().unwrap_or_default();
                let found = search(scrape, &needle, 60);
                let total = scrape.samples.len();
                let add = add.clone();
                let rows = found
                    .into_iter()
                    .map(|(k, v, kind)| {
                        let (a, b) = (add.clone(), add.clone());
                        let (k1, k2) = (k.clone(), k.clone());
                        view! {
                            <tr data-series=k.clone()>
                                <td class="sb-mono">{k.clone()}</td>
                                <td class=s.cls("dim")>{kind}</td>
                                <td class=s.cls("num")>{fmt(v)}</td>
                                <td class=s.cls("acts")>
                                    <button on:click=move |_| a(k1.clone(), false)>"Chart value"</button>
                                    <button on:click=move |_| b(k2.clone(), true)>"Chart rate"</button>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <p class="sb-dim">{format!("{total} series in the latest scrape")}</p>
                    <div class=s.cls("list")>
                        <table class=s.cls("table")><tbody>{rows}</tbody></table>
                    </div>
                }
                .into_any()
            }
        })
    };
    let charts =
        move || {
            picks
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                let (k, r) = (p.key.clone(), p.rate);
                let series = Signal::derive(move || {
                    history.scrapes.with(|all| {
                        vec![Series {
                            label: if r { "per second".into() } else { "value".into() },
                            points: series_points(all, &k, r),
                        }]
                    })
                });
                let title = if p.rate {
                    format!("rate({})", p.key)
                } else {
                    p.key.clone()
                };
                let (toggle, remove) = (set_picks.clone(), set_picks.clone());
                view! {
                    <div class=s.cls("pick") data-pick=p.key.clone() data-rate=p.rate.to_string()>
                        <div class=s.cls("pick-bar")>
                            <button on:click=move |_| {
                                let mut all = picks.get_untracked();
                                if let Some(x) = all.get_mut(i) { x.rate = !x.rate; }
                                toggle(all);
                            }>{if p.rate { "Show value" } else { "Show rate" }}</button>
                            <button on:click=move |_| {
                                let mut all = picks.get_untracked();
                                if i < all.len() { all.remove(i); }
                                remove(all);
                            }>"Remove"</button>
                        </div>
                        <LineChart title=title series=series format=fmt />
                    </div>
                }
            })
            .collect_view()
        };
    view! {
        <section class=s.cls("explorer") data-metrics-explorer="">
            <div class=s.cls("charts")>{charts}</div>
            <label class=s.cls("search")>
                "Find series "
                <input type="search" placeholder="words of a series name or label"
                    prop:value=move || needle.get().unwrap_or_default()
                    on:input=move |ev| set_search(&[(search_key, event_target_value(&ev))]) />
            </label>
            {matches}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::prometheus::parse;

    #[test]
    fn picks_round_trip_through_the_url_form() {
        let p = vec![
            Pick {
                key: "a{x=\"1 2\"}".into(),
                rate: true,
            },
            Pick {
                key: "b".into(),
                rate: false,
            },
        ];
        assert_eq!(parse_picks(&write_picks(&p)), p);
        assert!(parse_picks("\n  \n").is_empty());
    }

    #[test]
    fn charts_values_and_rates_across_scrapes() {
        let h: Vec<(f64, Arc<Scrape>)> = [
            (0.0, "c 10"),
            (1000.0, "c 20"),
            (3000.0, "c 5"),
            (4000.0, "c 7"),
        ]
        .into_iter()
        .map(|(t, text)| (t, Arc::new(parse(text))))
        .collect();
        assert_eq!(series_points(&h, "c", false).len(), 4);
        assert_eq!(
            series_points(&h, "c", true),
            vec![(1000.0, 10.0), (4000.0, 2.0)]
        );
    }

    #[test]
    fn search_matches_every_word() {
        let s = parse(
            "metasrv_server_proposals_applied 3\nmetasrv_server_is_leader 1\nx{role=\"leader\"} 2",
        );
        let hits: Vec<String> = search(&s, "LEADER", 10).into_iter().map(|h| h.0).collect();
        assert_eq!(hits, vec!["metasrv_server_is_leader", "x{role=\"leader\"}"]);
        assert_eq!(search(&s, "server applied", 10).len(), 1);
    }
}
