//! The stream load form: a table (from the URL's `db=`/`table=` or picked), a CSV or JSON file
//! and the common headers, sent with `PUT /api/{db}/{table}/_stream_load` through the proxy
//! (which adds `Expect: 100-continue` and follows the FE's 307 to a BE) with a progress bar.
//! The result shows the rows loaded, filtered and unselected and the times; when the BE kept
//! the rejected rows, their lines are fetched from its `ErrorURL`, only if that is a node the FE
//! reports. A failed upload keeps the file and everything typed.

use super::{loads_link, table_link, TablePicker, DB, TABLE};
use crate::net::upload::{start_upload, Progress, UploadHandle};
use crate::net::{FetchError, NetError};
use crate::shell::use_cluster;
use crate::systems::starrocks::api_data;
use crate::systems::starrocks::model_data::{error_log_target, LoadForm, LoadResult};
use crate::systems::starrocks::views::scope;
use crate::ui::format::{bytes, count, duration_ms};
use crate::ui::kit::{badge, query};
use crate::ui::style::Scope;
use crate::ui::upload::{progress_text, sent_before_failure};
use crate::ui::{ErrorPanel, Tone};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Clone)]
enum Phase {
    Idle,
    Invalid(String),
    Uploading,
    Failed(FetchError),
    Done(LoadResult),
}

#[derive(Clone)]
enum ErrorLog {
    Loading,
    Lines(Vec<String>),
    Refused(String),
    Failed(FetchError),
}

/// A text input bound to one field of the form.
fn field(
    form: RwSignal<LoadForm>,
    label: &'static str,
    placeholder: &'static str,
    get: fn(&LoadForm) -> &String,
    set: fn(&mut LoadForm, String),
) -> impl IntoView {
    view! {
        <label>{label}" "
            <input data-header=label placeholder=placeholder prop:value=move || form.with(|f| get(f).clone())
                on:input=move |ev| form.update(|f| set(f, event_target_value(&ev))) />
        </label>
    }
}

/// The stream load form.
#[component]
pub fn StreamLoadForm() -> impl IntoView {
    let s = scope();
    let up = Scope::of(crate::ui::upload::STYLE);
    let cluster = use_cluster();
    let form = RwSignal::new(LoadForm {
        db: query(DB).get_untracked().unwrap_or_default(),
        table: query(TABLE).get_untracked().unwrap_or_default(),
        format: "csv".into(),
        column_separator: ",".into(),
        ..Default::default()
    });
    let db = RwSignal::new(form.with_untracked(|f| f.db.clone()));
    let table = RwSignal::new(form.with_untracked(|f| f.table.clone()));
    Effect::new(move |_| {
        let (d, t) = (db.get(), table.get());
        form.update(|f| {
            f.db = d;
            f.table = t;
        })
    });
    let file = RwSignal::new_local(None::<web_sys::File>);
    let phase = RwSignal::new_local(Phase::Idle);
    let log = RwSignal::new_local(None::<ErrorLog>);
    let progress = RwSignal::new(Progress::default());
    let handle = StoredValue::new_local(None::<UploadHandle>);
    on_cleanup(move || {
        if let Some(h) = handle.try_get_value().flatten() {
            h.abort()
        }
    });

    let fetch_log = move |url: String| {
        let c = cluster.get_untracked();
        log.set(Some(ErrorLog::Loading));
        leptos::task::spawn_local(async move {
            let nodes = match api_data::node_targets(&c).await {
                Ok(n) => n,
                Err(e) => {
                    let _ = log.try_set(Some(ErrorLog::Failed(e)));
                    return;
                }
            };
            let r = match error_log_target(&url, &nodes) {
                Err(why) => ErrorLog::Refused(why),
                Ok((target, path)) => match api_data::error_log(&c, &target, &path).await {
                    Ok(t) => ErrorLog::Lines(t.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect()),
                    Err(e) => ErrorLog::Failed(e),
                },
            };
            let _ = log.try_set(Some(r));
        });
    };
    let start = move || {
        let Some(f) = file.get_untracked() else {
            phase.set(Phase::Invalid("Choose a file.".into()));
            return;
        };
        let c = cluster.get_untracked();
        let req = match form.with_untracked(|fm| api_data::stream_load_request(&c, fm, f.into())) {
            Ok(r) => r,
            Err(m) => return phase.set(Phase::Invalid(m)),
        };
        log.set(None);
        progress.set(Progress::default());
        let shape = req.clone();
        match start_upload(req, move |p| {
            let _ = progress.try_set(p);
        }) {
            Err(e) => phase.set(Phase::Failed(e)),
            Ok((h, fut)) => {
                handle.set_value(Some(h));
                phase.set(Phase::Uploading);
                leptos::task::spawn_local(async move {
                    let result = fut.await;
                    let _ = handle.try_set_value(None);
                    let next = match result {
                        Ok(resp) => match api_data::load_result(&shape, &resp.body) {
                            Ok(r) => {
                                if let Some(u) = r.error_url.clone() {
                                    fetch_log(u);
                                }
                                Phase::Done(r)
                            }
                            Err(e) => Phase::Failed(e),
                        },
                        Err(e) if e.error == NetError::Aborted => Phase::Idle,
                        Err(e) => Phase::Failed(e),
                    };
                    let _ = phase.try_set(next);
                });
            }
        }
    };
    let pick = move |ev: web_sys::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        let f = input.and_then(|i| i.files()).and_then(|l| l.get(0));
        if let Some(f) = &f {
            if f.name().to_ascii_lowercase().ends_with(".json") {
                form.update(|fm| fm.format = "json".into());
            }
        }
        file.set(f);
    };
    let uploading = move || matches!(phase.get(), Phase::Uploading);
    let json = move || form.with(|f| f.format == "json");
    view! {
        <div class=s.cls("panel") data-stream-load="">
            <h2>"Stream load"</h2>
            <div class=s.cls("form")><TablePicker db=db table=table /></div>
            <div class=s.cls("form")>
                <label>"Format "
                    <select data-header="format" prop:value=move || form.with(|f| f.format.clone()) on:change=move |ev| form.update(|f| f.format = event_target_value(&ev))>
                        <option value="csv">"CSV"</option>
                        <option value="json">"JSON"</option>
                    </select>
                </label>
                {field(form, "label", "made by the BE", |f| &f.label, |f, v| f.label = v)}
                {field(form, "max_filter_ratio", "0", |f| &f.max_filter_ratio, |f, v| f.max_filter_ratio = v)}
                {field(form, "columns", "a, b, c = a + b", |f| &f.columns, |f, v| f.columns = v)}
                {field(form, "where", "c > 0", |f| &f.where_, |f, v| f.where_ = v)}
            </div>
            <div class=s.cls("form")>
                <Show when=move || !json()>
                    {field(form, "column_separator", "\\t", |f| &f.column_separator, |f, v| f.column_separator = v)}
                    {field(form, "skip_header", "0", |f| &f.skip_header, |f, v| f.skip_header = v)}
                </Show>
                <Show when=json>
                    {field(form, "jsonpaths", "[\"$.a\", \"$.b\"]", |f| &f.jsonpaths, |f, v| f.jsonpaths = v)}
                    <label><input type="checkbox" data-header="strip_outer_array" prop:checked=move || form.with(|f| f.strip_outer_array)
                        on:change=move |ev| form.update(|f| f.strip_outer_array = event_target_checked(&ev)) />" strip_outer_array"</label>
                </Show>
            </div>
            <div class=up.cls("box") data-upload="">
                <div class="sb-row">
                    <input type="file" accept=".csv,.tsv,.txt,.json,text/csv,application/json" aria-label="File to load" on:change=pick disabled=uploading />
                    <button class="sb-primary" data-start-load="" disabled=uploading on:click=move |_| start()>"Load"</button>
                    <Show when=uploading>
                        <button on:click=move |_| if let Some(h) = handle.get_value() { h.abort() }>"Cancel upload"</button>
                    </Show>
                </div>
                <div class=up.cls("status") data-file="">{move || file.with(|f| f.as_ref().map(|f| format!("{} ({})", f.name(), bytes(f.size() as i64))).unwrap_or_else(|| "No file chosen.".into()))}</div>
                <Show when=uploading>
                    <div class=up.cls("bar") role="progressbar" aria-valuemin="0" aria-valuemax="100"
                        aria-valuenow=move || progress.get().share().map(|x| format!("{:.0}", x * 100.0)).unwrap_or_default()>
                        <div class=up.cls("fill") style=move || format!("width:{:.1}%", progress.get().share().unwrap_or(0.0) * 100.0)></div>
                    </div>
                    <div class=up.cls("status") data-progress="">{move || progress_text(progress.get())}</div>
                </Show>
            </div>
            {move || match phase.get() {
                Phase::Idle | Phase::Uploading => ().into_any(),
                Phase::Invalid(m) => view! { <p class=s.cls("err") data-invalid="">{m}</p> }.into_any(),
                Phase::Failed(e) => view! {
                    <p class=up.cls("status") data-upload-sent="">{sent_before_failure(progress.get_untracked())}</p>
                    <ErrorPanel error=e on_retry=Callback::new(move |_| start()) />
                }.into_any(),
                Phase::Done(r) => form.with_untracked(|f| result_view(r, &cluster.get_untracked(), &f.db, &f.table)),
            }}
            {move || log.get().map(|l| match l {
                ErrorLog::Loading => view! { <p class="sb-dim">"Reading the error log…"</p> }.into_any(),
                ErrorLog::Refused(why) => view! { <p class=s.cls("err") data-error-log-refused="">{why}</p> }.into_any(),
                ErrorLog::Failed(e) => view! { <ErrorPanel error=e /> }.into_any(),
                ErrorLog::Lines(lines) => view! {
                    <div data-error-log=lines.len().to_string()>
                        <h2>{format!("Rejected rows ({} lines of the error log)", lines.len())}</h2>
                        <pre class=s.cls("pre")>{lines.join("\n")}</pre>
                    </div>
                }.into_any(),
            })}
        </div>
    }
}

/// A load's result: status, rows, size and times.
fn result_view(r: LoadResult, c: &crate::cluster::Cluster, db: &str, table: &str) -> AnyView {
    let s = scope();
    let tone = if r.ok() { Tone::Ok } else { Tone::Bad };
    let rows = r.rows.iter().map(|(k, n)| view! { <span data-rows=*k data-n=n.to_string()>{format!("{k}: {}", count(*n))}</span> }).collect_view();
    let times = r.times.iter().map(|(k, ms)| format!("{k} {}", duration_ms(*ms))).collect::<Vec<_>>().join(" · ");
    let state_link = loads_link(c, db, table, &r.label);
    view! {
        <div class=s.cls(if r.ok() { "panel" } else { "alert badline" }) data-load-result=r.status.clone() role=if r.ok() { "status" } else { "alert" }>
            <div class="sb-row">{badge(tone, &r.status)}<span data-load-message="">{r.message.clone()}</span></div>
            <div class="sb-row">{rows}{r.bytes.map(|b| view! { <span>{format!("bytes: {}", bytes(b))}</span> })}</div>
            <div class="sb-dim">{times}</div>
            <div class="sb-row">
                <span>{format!("label {}", r.label)}{r.txn_id.map(|t| format!(" · transaction {t}"))}{(!r.existing.is_empty()).then(|| format!(" · existing job {}", r.existing))}</span>
                {(!db.is_empty() && !table.is_empty()).then(|| view! { <a href=table_link(c, db, table)>"Open the table"</a> })}
                {(!r.label.is_empty()).then(|| view! { <a href=state_link>"The label's state"</a> })}
            </div>
        </div>
    }
    .into_any()
}
