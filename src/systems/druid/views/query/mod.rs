//! Queries (`query?mode=sql|native|candidates|schema`): a SQL editor whose text lives in the URL
//! (`?sql=`, so a link re-runs it) with results as a table and errors pointing at their line and
//! column; a native query editor with templates over a real datasource, results flattened to a
//! table and, for a timeseries, a chart; the segments and servers a query would use
//! (candidates); and the broker's (or router's) view of the datasources' dimensions and metrics.

use super::services::{failed, scope};
use crate::shell::use_cluster;
use crate::systems::druid::api::{self as druid_api, query as api, Target};
use crate::systems::druid::context::use_druid;
use crate::systems::druid::model::query::{
    cell_text, flatten_native, point_at, sql_error_position, sql_table, template,
    timeseries_lines, ResultTable, ALL_TIME, TEMPLATES,
};
use crate::net::FetchError;
use crate::ui::any_row::{any_rows, col, AnyRow};
use crate::ui::chart::{LineChart, Series};
use crate::ui::json_editor::{check_json, JsonEditor};
use crate::ui::kit::{empty, link_with, load_once, query, set_query, status};
use crate::ui::tabs::{tab_links, tab_set, TabSet, Tabs};
use crate::ui::{Cell, Column, DataTable, ErrorPanel, JsonView};
use crate::url_state::{QueryKey, REFRESH};
use leptos::prelude::*;
use serde_json::Value;
use std::cell::RefCell;
use std::collections::HashMap;

/// `?mode=`: the tab (`sql`, `native`, `candidates`, `schema`).
pub const MODE: QueryKey = QueryKey::new("mode");
/// `?sql=`: the SQL text last run (a link with it runs it again).
pub const SQL: QueryKey = QueryKey::new("sql");
/// `?native=`: the native query (JSON) last run (a link with it runs it again).
pub const NATIVE: QueryKey = QueryKey::new("native");
/// `?ds=`: the datasource chosen for templates, candidates and schema.
pub const DS: QueryKey = QueryKey::new("ds");
/// `?via=router`: ask the router instead of the broker about datasources.
pub const VIA: QueryKey = QueryKey::new("via");

tab_set! {
    /// The query page's modes.
    pub enum Mode {
        /// SQL (the default).
        Sql = ("sql", "SQL"),
        /// Native JSON queries.
        Native = ("native", "Native"),
        /// Segments and servers a query would use.
        Candidates = ("candidates", "Candidates"),
        /// Datasources, dimensions and metrics.
        Schema = ("schema", "Schema"),
    }
}

thread_local! {
    static NAMES: RefCell<HashMap<String, &'static str>> = RefCell::new(HashMap::new());
}

/// A column name as the `'static` text the table needs (each distinct name is kept once).
fn intern(name: &str) -> &'static str {
    NAMES.with(|n| {
        let mut n = n.borrow_mut();
        if let Some(s) = n.get(name) {
            return *s;
        }
        let s: &'static str = Box::leak(name.to_string().into_boxed_str());
        n.insert(name.to_string(), s);
        s
    })
}

fn cell(v: Option<&Value>) -> Cell {
    match v {
        None | Some(Value::Null) => Cell::Empty,
        Some(Value::Number(n)) => n.as_f64().map(Cell::Num).unwrap_or(Cell::Empty),
        Some(other) => Cell::Text(cell_text(other)),
    }
}

/// A result as a table (`data-result=<id>`, with its row count).
fn result_table(id: &'static str, t: &ResultTable) -> AnyView {
    let columns: Vec<Column<AnyRow>> = t
        .columns
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let cid = intern(&format!("c{i}"));
            let label = intern(name);
            let numeric = t.rows.iter().any(|r| matches!(r.get(i), Some(Value::Number(_))));
            let f = move |r: &Vec<Value>| cell(r.get(i));
            if numeric {
                col::num(cid, label, f)
            } else {
                col::text(cid, label, f)
            }
        })
        .collect();
    let rows = any_rows(t.rows.clone());
    let n = t.rows.len();
    view! {
        <div data-result=id data-rows=n.to_string()>
            <DataTable id columns rows=Signal::stored(rows) export_name=id />
        </div>
    }
    .into_any()
}

/// The queried target for datasource information.
fn ds_target(via: Option<String>, has_router: bool) -> Target {
    if has_router && via.as_deref() == Some("router") {
        Target::Router
    } else {
        Target::Broker
    }
}

/// The query page.
#[component]
pub fn QueryPage() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let mode_q = query(MODE);
    let mode = Memo::new(move |_| Mode::parse(mode_q.get().as_deref()));
    let tabs = Signal::derive(move || {
        let c = cluster.get();
        tab_links(
            mode.get(),
            |m| link_with(&c, "query", &[REFRESH, SQL, NATIVE, DS, VIA], &[(MODE, m.slug().to_string())]),
            |m| m.label().to_string(),
        )
    });
    view! {
        <div class=s.cls("stack")>
            <h1>"Query"</h1>
            <div>
                <Tabs tabs />
                {move || match mode.get() {
                    Mode::Native => view! { <NativeTab /> }.into_any(),
                    Mode::Candidates => view! { <CandidatesTab /> }.into_any(),
                    Mode::Schema => view! { <SchemaTab /> }.into_any(),
                    Mode::Sql => view! { <SqlTab /> }.into_any(),
                }}
            </div>
        </div>
    }
}

/// A failed query: Druid's message, where it points in the text, and the request.
fn query_error(e: &FetchError, text: Option<&str>) -> AnyView {
    let s = scope();
    let msg = druid_api::error_text(e);
    let pos = sql_error_position(&msg);
    let caret = match (pos, text) {
        (Some((l, c)), Some(t)) => point_at(t, l, c),
        _ => None,
    };
    view! {
        <div data-query-error=pos.map(|(l, c)| format!("{l}:{c}")).unwrap_or_default()>
            <p class=s.cls("failed") role="alert">{msg}</p>
            {pos.map(|(l, c)| view! { <p class=s.cls("hint")>{format!("At line {l}, column {c}:")}</p> })}
            {caret.map(|c| view! { <pre class=s.cls("problem")>{c}</pre> })}
            <ErrorPanel error=e.clone() />
        </div>
    }
    .into_any()
}

#[component]
fn SqlTab() -> impl IntoView {
    let s = scope();
    let sql = query(SQL);
    let setq = set_query();
    let text = RwSignal::new(
        sql.get_untracked()
            .unwrap_or_else(|| "SELECT datasource, COUNT(*) AS segments\nFROM sys.segments\nGROUP BY 1\nORDER BY 2 DESC".into()),
    );
    let r = load_once(move |c| {
        let q = sql.get();
        async move {
            Ok(match q {
                None => None,
                Some(q) => Some(api::sql(&c, &q, true).await.map(|v| sql_table(&v, true))),
            })
        }
    });
    let run = StoredValue::new(move || {
        let t = text.get_untracked();
        if sql.get_untracked().as_deref() == Some(t.as_str()) {
            r.refetch();
        } else {
            setq(&[(SQL, t)]);
        }
    });
    let run = move || run.with_value(|f| f());
    view! {
        <div class=s.cls("stack")>
            <textarea class=s.cls("sql") aria-label="SQL" data-sql-editor="" spellcheck="false"
                prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))
                on:keydown=move |ev| if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) { ev.prevent_default(); run() }></textarea>
            <div class=s.cls("row")>
                <button class="sb-primary" data-run-sql="" on:click=move |_| run()>"Run"</button>
                <span class=s.cls("hint")>"Ctrl+Enter runs. The query is kept in the link: copy it to share or re-run."</span>
            </div>
            {status(r, "query")}
            {move || r.get().flatten().map(|res| match res {
                Ok(t) => result_table("sql", &t),
                Err(e) => query_error(&e, sql.get_untracked().as_deref()),
            })}
        </div>
    }
}

/// The datasources the broker (or router) can query.
fn use_datasources() -> crate::ui::loaded::Loaded<Vec<String>> {
    let druid = use_druid();
    let via = query(VIA);
    load_once(move |c| {
        let t = ds_target(via.get(), druid.has_router.get());
        async move { api::datasources(&c, &t).await }
    })
}

/// The datasource picker (`?ds=`), defaulting to the first queryable one.
fn ds_picker(list: crate::ui::loaded::Loaded<Vec<String>>) -> (Memo<String>, AnyView) {
    let ds_q = query(DS);
    let setq = set_query();
    let chosen = Memo::new(move |_| {
        ds_q.get()
            .or_else(|| list.with(|l| l.and_then(|l| l.first().cloned())))
            .unwrap_or_default()
    });
    let picker = view! {
        {status(list, "datasources")}
        <label>"Datasource "
            <select aria-label="Datasource" data-ds-picker="" on:change=move |ev| setq(&[(DS, event_target_value(&ev))])>
                {move || list.get().unwrap_or_default().into_iter().map(|d| {
                    let sel = d == chosen.get();
                    view! { <option value=d.clone() selected=sel>{d.clone()}</option> }
                }).collect_view()}
            </select>
        </label>
    }
    .into_any();
    (chosen, picker)
}

#[component]
fn NativeTab() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let list = use_datasources();
    let (ds, picker) = ds_picker(list);
    let native = query(NATIVE);
    let setq = set_query();
    let text = RwSignal::new(native.get_untracked().unwrap_or_default());
    let problem = RwSignal::new(None::<String>);
    // The query in the URL runs (again) when the URL changes: a link re-runs it.
    let r = load_once(move |c| {
        let q = native.get();
        async move {
            let Some(q) = q else { return Ok(None) };
            match check_json(&q) {
                Ok(v) => Ok(Some(api::native(&c, &v).await)),
                Err(_) => Ok(None),
            }
        }
    });
    let pick = move |kind: &'static str| {
        let c = cluster.get_untracked();
        let d = ds.get_untracked();
        leptos::task::spawn_local(async move {
            let t = Target::Broker;
            let dims = api::dimensions(&c, &t, &d).await.unwrap_or_default();
            let mets = api::metrics(&c, &t, &d).await.unwrap_or_default();
            let q = template(kind, &d, &dims, &mets);
            let _ = text.try_set(serde_json::to_string_pretty(&q).unwrap_or_default());
        });
    };
    Effect::new(move |_| {
        let d = ds.get();
        if !d.is_empty() && text.get_untracked().is_empty() {
            let q = template("timeseries", &d, &[], &[]);
            text.set(serde_json::to_string_pretty(&q).unwrap_or_default());
        }
    });
    let run = StoredValue::new(move || {
        let t = text.get_untracked();
        if let Err(p) = check_json(&t) {
            problem.set(Some(p.describe()));
            return;
        }
        problem.set(None);
        if native.get_untracked().as_deref() == Some(t.as_str()) {
            r.refetch();
        } else {
            setq(&[(NATIVE, t)]);
        }
    });
    let run = move || run.with_value(|f| f());
    let result = Signal::derive(move || r.get().flatten());
    view! {
        <div class=s.cls("stack")>
            <div class=s.cls("row")>
                {picker}
                <span>"Templates: "</span>
                {TEMPLATES.iter().map(|(kind, label)| {
                    let kind: &'static str = kind;
                    view! { <button data-template=kind on:click=move |_| pick(kind)>{*label}</button> }
                }).collect_view()}
            </div>
            <JsonEditor text label="Native query" rows=16 />
            <div class=s.cls("row")>
                <button class="sb-primary" data-run-native="" on:click=move |_| run()>"Run"</button>
                <span class=s.cls("hint")>"The query is kept in the link: copy it to share or re-run."</span>
            </div>
            {status(r, "native query")}
            {move || problem.get().map(|p| view! { <pre class=s.cls("problem")>{p}</pre> })}
            {move || result.get().map(|r| match r {
                Ok(v) => {
                    let t = flatten_native(&v);
                    let lines = if v.get(0).and_then(|x| x.get("result")).is_some_and(Value::is_object) {
                        timeseries_lines(&t)
                    } else {
                        vec![]
                    };
                    let chart = (!lines.is_empty() && t.rows.len() > 1).then(|| {
                        let series: Vec<Series> = lines.into_iter().map(|(label, points)| Series { label, points }).collect();
                        view! { <LineChart title="Timeseries" series=Signal::stored(series) /> }
                    });
                    view! {
                        {chart}
                        {result_table("native", &t)}
                        <details><summary>"Raw answer"</summary><JsonView value=Signal::stored(v) open_depth=1 /></details>
                    }.into_any()
                }
                Err(e) => query_error(&e, None),
            })}
        </div>
    }
}

#[component]
fn CandidatesTab() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let list = use_datasources();
    let (ds, picker) = ds_picker(list);
    let intervals = RwSignal::new(ALL_TIME.to_string());
    let num = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let result = RwSignal::new(None::<Result<Value, FetchError>>);
    Effect::new(move |_| {
        let d = ds.get();
        if !d.is_empty() {
            let q = serde_json::json!({"queryType": "timeseries", "dataSource": d, "granularity": "all",
                "intervals": [ALL_TIME], "aggregations": [{"type": "count", "name": "count"}]});
            text.set(serde_json::to_string_pretty(&q).unwrap_or_default());
        }
    });
    let by_get = move || {
        let c = cluster.get_untracked();
        let (d, i) = (ds.get_untracked(), intervals.get_untracked());
        let n = num.get_untracked().trim().parse::<u32>().ok();
        leptos::task::spawn_local(async move {
            let r = api::candidates(&c, &d, &i, n).await;
            let _ = result.try_set(Some(r));
        });
    };
    let by_post = move || {
        let q = match check_json(&text.get_untracked()) {
            Ok(q) => q,
            Err(_) => return,
        };
        let c = cluster.get_untracked();
        leptos::task::spawn_local(async move {
            let r = api::query_candidates(&c, &q).await;
            let _ = result.try_set(Some(r));
        });
    };
    view! {
        <div class=s.cls("stack")>
            <div class=s.cls("panel")>
                <h2>"By datasource and intervals (GET …/candidates)"</h2>
                <div class=s.cls("row")>
                    {picker}
                    <label>"Intervals "<input type="text" size="60" aria-label="Intervals" prop:value=move || intervals.get()
                        on:input=move |ev| intervals.set(event_target_value(&ev)) /></label>
                    <label>"Candidates per segment "<input type="number" min="1" size="4" aria-label="numCandidates" prop:value=move || num.get()
                        on:input=move |ev| num.set(event_target_value(&ev)) /></label>
                    <button class="sb-primary" data-candidates-get="" on:click=move |_| by_get()>"Find"</button>
                </div>
            </div>
            <div class=s.cls("panel")>
                <h2>"For a native query (POST /druid/v2/candidates/)"</h2>
                <JsonEditor text label="Candidates query" rows=8 />
                <div><button class="sb-primary" data-candidates-post="" on:click=move |_| by_post()>"Find for this query"</button></div>
            </div>
            {move || result.get().map(|r| match r {
                Ok(v) => {
                    let t = flatten_native(&v);
                    if t.rows.is_empty() { empty("No segment matches.") } else { result_table("candidates", &t) }
                }
                Err(e) => query_error(&e, None),
            })}
        </div>
    }
}

#[derive(Clone, Debug, PartialEq)]
struct Schema {
    info: Result<Value, String>,
    dimensions: Result<Vec<String>, String>,
    metrics: Result<Vec<String>, String>,
}

fn shown<T>(r: Result<T, FetchError>) -> Result<T, String> {
    r.map_err(|e| druid_api::error_text(&e))
}

#[component]
fn SchemaTab() -> impl IntoView {
    let s = scope();
    let druid = use_druid();
    let via = query(VIA);
    let setq = set_query();
    let list = use_datasources();
    let (ds, picker) = ds_picker(list);
    let r = load_once(move |c| {
        let d = ds.get();
        let t = ds_target(via.get(), druid.has_router.get());
        async move {
            if d.is_empty() {
                return Ok(None);
            }
            Ok(Some(Schema {
                info: shown(api::datasource(&c, &t, &d, None).await),
                dimensions: shown(api::dimensions(&c, &t, &d).await),
                metrics: shown(api::metrics(&c, &t, &d).await),
            }))
        }
    });
    let names = move |what: &'static str, v: &Result<Vec<String>, String>| match v {
        Ok(v) if v.is_empty() => empty("None."),
        Ok(v) => view! {
            <div class=s.cls("names") data-names=what>{v.iter().map(|n| view! { <span class=s.cls("name")>{n.clone()}</span> }).collect_view()}</div>
        }.into_any(),
        Err(e) => failed(what, e),
    };
    view! {
        <div class=s.cls("stack")>
            <div class=s.cls("row")>
                {picker}
                {move || druid.has_router.get().then(|| {
                    let setq = setq.clone();
                    let router = via.get().as_deref() == Some("router");
                    view! { <label><input type="checkbox" prop:checked=router
                        on:change=move |ev| setq(&[(VIA, if event_target_checked(&ev) { "router".into() } else { String::new() })]) />
                        " Ask the router"</label> }
                })}
            </div>
            <p class=s.cls("hint")>{move || format!("{} queryable datasources: {}", list.with(|l| l.map(Vec::len).unwrap_or(0)), list.get().unwrap_or_default().join(", "))}</p>
            {status(r, "schema")}
            {move || r.get().flatten().map(|sc| view! {
                <h2>"Dimensions"</h2>
                {names("dimensions", &sc.dimensions)}
                <h2>"Metrics"</h2>
                {names("metrics", &sc.metrics)}
                <h2>{format!("/druid/v2/datasources/{}", ds.get_untracked())}</h2>
                {match sc.info { Ok(v) => view! { <JsonView value=Signal::stored(v) /> }.into_any(), Err(e) => failed("datasource", &e) }}
            })}
        </div>
    }
}
