//! Log files of a process (`.../logs`), the chosen file (`?log=<name>`, else the main log
//! `.../log`) in the log viewer, and stdout (`.../stdout`).

use crate::systems::flink::views::keys;
use crate::systems::flink::api::{self, Process};
use crate::systems::flink::model::LogFile;
use crate::ui::kit::{load, load_once, query, set_query, status};
use crate::ui::any_row::{any_rows, col, on_row};
use crate::ui::format::{bytes, local_time};
use crate::ui::log_viewer::LogViewer;
use crate::ui::{Cell, DataTable};
use leptos::prelude::*;

/// A text file of the process, shown in the log viewer, reloaded on demand (logs can be large,
/// so they do not follow the refresh clock).
#[component]
fn TextFile(
    /// Whose file.
    process: Process,
    /// The file name, or `None` for the main log.
    file: Option<String>,
    /// Stdout instead of a log.
    #[prop(optional)]
    stdout: bool,
) -> impl IntoView {
    let name = if stdout {
        "stdout.txt".to_string()
    } else {
        file.clone().unwrap_or_else(|| "main.log".into())
    };
    let (p, f) = (StoredValue::new(process), StoredValue::new(file));
    let r = load_once(move |c| {
        let (p, f) = (p.get_value(), f.get_value());
        async move {
            if stdout {
                api::stdout(&c, &p).await
            } else {
                match f {
                    Some(f) => api::log_file(&c, &p, &f).await,
                    None => api::main_log(&c, &p).await,
                }
            }
        }
    });
    let text = r;
    view! {
        <div class="sb-row" style="margin-bottom:6px">
            <strong>{name.clone()}</strong>
            <button on:click=move |_| r.refetch()>"Reload"</button>
        </div>
        {status(r, "file")}
        <LogViewer text=Signal::derive(move || text.get().unwrap_or_default()) file_name=name />
    }
}

/// The log list and the chosen log.
#[component]
pub fn LogsView(
    /// Whose logs.
    process: Process,
) -> impl IntoView {
    let setq = set_query();
    let chosen = query(keys::LOG);
    let p = StoredValue::new(process);
    let list = load(move |c| {
        let p = p.get_value();
        async move { api::logs(&c, &p).await.map(|l| l.logs) }
    });
    let files = list;
    let columns = vec![
        col::text("name", "File", |f: &LogFile| f.name.as_str().into()),
        col::num_text(
            "size",
            "Size",
            |f: &LogFile| f.size.into(),
            |f: &LogFile| bytes(f.size),
        ),
        col::text("mtime", "Modified", |f: &LogFile| {
            Cell::from(f.mtime.map(local_time))
        }),
    ];
    let pick = {
        let setq = setq.clone();
        on_row(move |f: LogFile| setq(&[(keys::LOG, f.name)]))
    };
    view! {
        {status(list, "log list")}
        <DataTable id="logs" columns rows=Signal::derive(move || any_rows(files.get().unwrap_or_default())) on_row_click=pick export_name="logs" />
        <div class="sb-row" style="margin:10px 0 6px">
            <span class="sb-dim">{move || if chosen.get().is_some() { "Chosen file:" } else { "The main log (choose a file above for another):" }}</span>
            <Show when=move || chosen.get().is_some()>
                <button on:click={ let setq = setq.clone(); move |_| setq(&[(keys::LOG, String::new())]) }>"Show the main log"</button>
            </Show>
        </div>
        {move || { let file = chosen.get(); view! { <TextFile process=p.get_value() file /> } }}
    }
}

/// The process's stdout.
#[component]
pub fn StdoutView(
    /// Whose stdout.
    process: Process,
) -> impl IntoView {
    view! { <TextFile process file=None stdout=true /> }
}
