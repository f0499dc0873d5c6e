//! Dynamic configuration of the coordinator and the overlord's workers, retention rules and
//! automatic compaction: the page `config/:tab?` with one tab each, and the pieces they share (the
//! audit inputs every change is saved with, and the audit history with a diff between versions).

pub mod compaction;
pub mod dynamic;
pub mod rules;

use crate::shell::use_cluster;
use crate::systems::druid::model::rules::{pretty_text, AuditEntry, HistoryFilter};
use crate::ui::any_row::{any_rows, col};
use crate::ui::diff::LineDiff;
use crate::ui::kit::{link_with, param, query, set_query, status};
use crate::ui::loaded::Loaded;
use crate::ui::style::Scope;
use crate::ui::tabs::{tab_links, tab_set, TabSet, Tabs};
use crate::ui::DataTable;
use crate::url_state::{QueryKey, REFRESH};
use leptos::prelude::*;

/// The datasource chosen on the rules and compaction tabs (`_default`: the cluster's default rules).
pub const DATASOURCE: QueryKey = QueryKey::new("datasource");
/// The older version of a history diff (its audit time).
pub const FROM: QueryKey = QueryKey::new("from");
/// The newer version of a history diff (its audit time).
pub const TO: QueryKey = QueryKey::new("to");
/// How many history entries to ask for.
pub const COUNT: QueryKey = QueryKey::new("count");
/// The history interval (`start/end`), instead of a count.
pub const INTERVAL: QueryKey = QueryKey::new("interval");

/// Scoped styles of the configuration views.
pub const STYLE: (&str, &str) = stylers::style_sheet_str!("src/systems/druid/views/config/config.css");
const _TRACK: &str = include_str!("config.css");

/// The scope of [`STYLE`].
pub fn scope() -> Scope {
    Scope::of(STYLE)
}

tab_set! {
    /// The tabs of the configuration page (`config/:tab`).
    pub enum ConfigTab {
        /// Retention rules (the default).
        Rules = ("", "Rules"),
        /// Automatic compaction.
        Compaction = ("compaction", "Compaction"),
        /// The coordinator's dynamic config.
        Coordinator = ("coordinator", "Coordinator"),
        /// The overlord's worker config.
        Workers = ("workers", "Workers"),
    }
}

/// The configuration page.
#[component]
pub fn ConfigPage() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let tab_param = param("tab");
    let tab = Memo::new(move |_| ConfigTab::parse(Some(&tab_param.get())));
    let tabs = Signal::derive(move || {
        let c = cluster.get();
        tab_links(
            tab.get(),
            |t| link_with(&c, &format!("config/{}", t.slug()), &[REFRESH], &[]),
            |t| t.label().to_string(),
        )
    });
    view! {
        <div class=s.cls("stack")>
            <h1>"Configuration"</h1>
            <div>
                <Tabs tabs />
                {move || match tab.get() {
                    ConfigTab::Rules => view! { <rules::RulesTab /> }.into_any(),
                    ConfigTab::Compaction => view! { <compaction::CompactionTab /> }.into_any(),
                    ConfigTab::Coordinator => view! { <dynamic::CoordinatorTab /> }.into_any(),
                    ConfigTab::Workers => view! { <dynamic::WorkersTab /> }.into_any(),
                }}
            </div>
        </div>
    }
}

/// The history filter of the URL: `interval=` when set, otherwise the last `count=` (20) entries.
pub fn history_filter() -> Memo<HistoryFilter> {
    let count = query(COUNT);
    let interval = query(INTERVAL);
    Memo::new(move |_| match interval.get() {
        Some(i) => HistoryFilter::Interval(i),
        None => HistoryFilter::Count(
            count
                .get()
                .and_then(|c| c.parse().ok())
                .filter(|n| *n > 0)
                .unwrap_or(20),
        ),
    })
}

/// The author and comment inputs a change is saved with (`X-Druid-Author`, `X-Druid-Comment`);
/// the comment is required.
pub fn audit_inputs(author: RwSignal<String>, comment: RwSignal<String>) -> AnyView {
    let s = scope();
    view! {
        <div class=s.cls("form")>
            <label for="druid-audit-author">"Author"</label>
            <input id="druid-audit-author" aria-label="Author" data-audit="author" placeholder="who makes the change"
                prop:value=move || author.get() on:input=move |ev| author.set(event_target_value(&ev)) />
            <label for="druid-audit-comment">"Comment (required)"</label>
            <input id="druid-audit-comment" aria-label="Comment" data-audit="comment" placeholder="why"
                prop:value=move || comment.get() on:input=move |ev| comment.set(event_target_value(&ev)) />
        </div>
    }
    .into_any()
}

/// The error of a failed save, near its form.
pub fn save_error(error: RwSignal<Option<String>>) -> AnyView {
    (move || {
        error.get().map(|e| {
            view! { <p class="sb-field-error" role="alert" data-save-error="">{e}</p> }
        })
    })
    .into_any()
}

/// An option label for a history entry.
fn entry_label(e: &AuditEntry) -> String {
    let who = match (e.audit_info.author.as_str(), e.audit_info.comment.as_str()) {
        ("", "") => String::new(),
        (a, "") => format!(" by {a}"),
        ("", c) => format!(": {c}"),
        (a, c) => format!(" by {a}: {c}"),
    };
    let key = if e.key.is_empty() {
        String::new()
    } else {
        format!(" [{}]", e.key)
    };
    format!("{}{key}{who}", e.audit_time)
}

/// The versions a diff compares: the chosen `from`/`to` audit times, by default the previous and
/// the newest entry; `None` for a side that is not in `entries` (newest first).
pub fn chosen_pair(
    entries: &[AuditEntry],
    from: Option<&str>,
    to: Option<&str>,
) -> (Option<AuditEntry>, Option<AuditEntry>) {
    let find = |t: Option<&str>, default: usize| match t {
        Some(t) => entries.iter().find(|e| e.audit_time == t).cloned(),
        None => entries.get(default).cloned(),
    };
    (find(from, 1), find(to, 0))
}

/// An audit history: a table (time, author, comment, ip; the key when `show_key`), and a diff
/// between two versions chosen in two selects (kept in the URL as `from`/`to`).
#[component]
pub fn History(
    /// The table's id (URL prefix of its state).
    id: &'static str,
    /// The history, newest first.
    r: Loaded<Vec<AuditEntry>>,
    /// Shows the key column (histories of every datasource).
    #[prop(optional)]
    show_key: bool,
) -> impl IntoView {
    let s = scope();
    let setq = set_query();
    let (from, to) = (query(FROM), query(TO));
    let count_q = query(COUNT);
    let interval_q = query(INTERVAL);
    let count = RwSignal::new(count_q.get_untracked().unwrap_or_default());
    let interval = RwSignal::new(interval_q.get_untracked().unwrap_or_default());
    let apply = {
        let setq = setq.clone();
        move |_| {
            setq(&[
                (COUNT, count.get_untracked().trim().to_string()),
                (INTERVAL, interval.get_untracked().trim().to_string()),
            ])
        }
    };
    let mut columns = vec![
        col::text("time", "Time", |e: &AuditEntry| e.audit_time.as_str().into()),
        col::text("author", "Author", |e: &AuditEntry| {
            e.audit_info.author.as_str().into()
        }),
        col::text("comment", "Comment", |e: &AuditEntry| {
            e.audit_info.comment.as_str().into()
        }),
        col::text("ip", "IP", |e: &AuditEntry| e.audit_info.ip.as_str().into()),
    ];
    if show_key {
        columns.insert(1, col::text("key", "Datasource", |e: &AuditEntry| e.key.as_str().into()));
    }
    let pair = Memo::new(move |_| {
        r.with(|h| {
            let h = h.map(Vec::as_slice).unwrap_or_default();
            chosen_pair(h, from.get().as_deref(), to.get().as_deref())
        })
    });
    let old = Signal::derive(move || {
        pair.with(|(a, _)| a.as_ref().map(|e| pretty_text(&e.payload)).unwrap_or_default())
    });
    let new = Signal::derive(move || {
        pair.with(|(_, b)| b.as_ref().map(|e| pretty_text(&e.payload)).unwrap_or_default())
    });
    let picker = move |key: QueryKey, side: bool| {
        let setq = setq.clone();
        view! {
            <select aria-label=if side { "Newer version" } else { "Older version" }
                data-diff-pick=if side { "to" } else { "from" }
                on:change=move |ev| setq(&[(key, event_target_value(&ev))])>
                <option value="">"(none)"</option>
                {move || {
                    let chosen = pair.with(|(a, b)| if side { b.clone() } else { a.clone() }).map(|e| e.audit_time);
                    r.with(|h| h.map(|h| h.iter().map(|e| {
                        let selected = chosen.as_deref() == Some(e.audit_time.as_str());
                        view! { <option value=e.audit_time.clone() selected=selected>{entry_label(e)}</option> }
                    }).collect_view()))
                }}
            </select>
        }
    };
    view! {
        <section class=s.cls("panel") data-history=id>
            <h2>"History"</h2>
            <div class="sb-row">
                <label>"Last " <input aria-label="Entries" data-history-count="" size="4" placeholder="20"
                    prop:value=move || count.get() on:input=move |ev| count.set(event_target_value(&ev)) /> " changes"</label>
                <label>"or in interval " <input aria-label="Interval" data-history-interval="" size="44"
                    placeholder="2024-01-01T00:00:00Z/2024-02-01T00:00:00Z"
                    prop:value=move || interval.get() on:input=move |ev| interval.set(event_target_value(&ev)) /></label>
                <button on:click=apply>"Show"</button>
            </div>
            {status(r, "history")}
            <DataTable id columns rows=Signal::derive(move || any_rows(r.get().unwrap_or_default())) export_name=id />
            <h3>"Compare two versions"</h3>
            <div class="sb-row">
                {picker(FROM, false)} " → " {picker(TO, true)}
            </div>
            {move || if pair.with(|(a, b)| a.is_some() && b.is_some()) {
                view! { <LineDiff old new label="history" /> }.into_any()
            } else {
                view! { <p class="sb-dim">"Choose two versions to compare."</p> }.into_any()
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(t: &str) -> AuditEntry {
        AuditEntry {
            audit_time: t.into(),
            ..AuditEntry::default()
        }
    }

    #[test]
    fn the_diff_compares_the_previous_and_newest_versions_unless_chosen() {
        let h = [entry("3"), entry("2"), entry("1")];
        let (a, b) = chosen_pair(&h, None, None);
        assert_eq!((a.unwrap().audit_time, b.unwrap().audit_time), ("2".into(), "3".into()));
        let (a, b) = chosen_pair(&h, Some("1"), Some("2"));
        assert_eq!((a.unwrap().audit_time, b.unwrap().audit_time), ("1".into(), "2".into()));
        let (a, _) = chosen_pair(&h, Some("gone"), None);
        assert!(a.is_none());
        let (a, b) = chosen_pair(&h[..1], None, None);
        assert!(a.is_none() && b.is_some());
    }

    #[test]
    fn entries_are_labelled_with_time_key_author_and_comment() {
        let mut e = entry("2024-01-01T00:00:00.000Z");
        assert_eq!(entry_label(&e), "2024-01-01T00:00:00.000Z");
        e.key = "wiki".into();
        e.audit_info.author = "ann".into();
        e.audit_info.comment = "more replicas".into();
        assert_eq!(
            entry_label(&e),
            "2024-01-01T00:00:00.000Z [wiki] by ann: more replicas"
        );
    }
}
