//! File upload: a picker (or drop zone), a real progress bar fed by upload progress events, and
//! cancel. The caller builds the request for the chosen file (field names and content types are
//! the system's business).

use super::feedback::ErrorPanel;
use super::format::bytes;
use super::style::Scope;
use crate::net::upload::{start_upload, Progress, UploadHandle};
use crate::net::{ApiRequest, ApiResponse, FetchError, NetError};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Scoped styles of the upload box.
pub const STYLE: (&str, &str) = stylers::style_sheet_str!("src/ui/upload.css");
const _TRACK: &str = include_str!("upload.css");

/// "12.0 MB of 40.0 MB (30%)".
pub fn progress_text(p: Progress) -> String {
    match p.share() {
        Some(share) => format!(
            "{} of {} ({:.0}%)",
            bytes(p.loaded as i64),
            bytes(p.total as i64),
            share * 100.0
        ),
        None => format!("{} sent", bytes(p.loaded as i64)),
    }
}

/// What a failed upload had sent, said next to its error: "The upload failed after 12.0 MB of
/// 40.0 MB (30%); the file is still chosen."
pub fn sent_before_failure(p: Progress) -> String {
    format!(
        "The upload failed after {}; the file is still chosen.",
        progress_text(p)
    )
}

#[derive(Clone)]
enum Phase {
    Idle,
    Uploading,
    Failed(FetchError),
}

/// Picks a file and uploads it with `make_request`, showing progress; `on_done` gets the answer.
#[component]
pub fn FileUpload<F>(
    /// File types offered by the picker, e.g. ".jar".
    accept: &'static str,
    /// Builds the request for the chosen file.
    make_request: F,
    /// Called with the server's answer after a successful upload.
    on_done: Callback<ApiResponse>,
) -> impl IntoView
where
    F: Fn(web_sys::File) -> ApiRequest + 'static,
{
    let s = Scope::of(STYLE);
    let file = RwSignal::new_local(None::<web_sys::File>);
    let phase = RwSignal::new_local(Phase::Idle);
    let progress = RwSignal::new(Progress::default());
    let handle = StoredValue::new_local(None::<UploadHandle>);
    let over = RwSignal::new(false);
    let make_request = StoredValue::new_local(make_request);
    on_cleanup(move || {
        if let Some(h) = handle.try_get_value().flatten() {
            h.abort()
        }
    });

    let start = move || {
        let Some(f) = file.get_untracked() else {
            return;
        };
        let req = make_request.with_value(|m| m(f));
        progress.set(Progress::default());
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
                    match result {
                        Ok(resp) => {
                            let _ = phase.try_set(Phase::Idle);
                            let _ = file.try_set(None);
                            on_done.run(resp);
                        }
                        Err(e) if e.error == NetError::Aborted => {
                            let _ = phase.try_set(Phase::Idle);
                        }
                        Err(e) => {
                            let _ = phase.try_set(Phase::Failed(e));
                        }
                    }
                });
            }
        }
    };
    let pick = move |ev: web_sys::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        file.set(input.and_then(|i| i.files()).and_then(|l| l.get(0)));
        phase.set(Phase::Idle);
    };
    let drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        over.set(false);
        if let Some(f) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|l| l.get(0))
        {
            file.set(Some(f));
            phase.set(Phase::Idle);
        }
    };
    let uploading = move || matches!(phase.get(), Phase::Uploading);
    let chosen = move || {
        file.with(|f| {
            f.as_ref()
                .map(|f| format!("{} ({})", f.name(), bytes(f.size() as i64)))
        })
    };
    view! {
        <div class=move || s.cls(if over.get() { "box drop" } else { "box" }) data-upload=""
            on:dragover=move |ev: web_sys::DragEvent| { ev.prevent_default(); over.set(true); }
            on:dragleave=move |_| over.set(false)
            on:drop=drop>
            <div class="sb-row">
                <input type="file" accept=accept aria-label="File to upload" on:change=pick disabled=uploading />
                <button class="sb-primary" disabled=move || uploading() || file.with(Option::is_none) on:click=move |_| start()>"Upload"</button>
                <Show when=uploading>
                    <button on:click=move |_| if let Some(h) = handle.get_value() { h.abort() }>"Cancel upload"</button>
                </Show>
            </div>
            <div class=s.cls("status")>{move || chosen().unwrap_or_else(|| "Choose a file or drop it here.".into())}</div>
            <Show when=uploading>
                <div class=s.cls("bar") role="progressbar" aria-valuemin="0" aria-valuemax="100"
                    aria-valuenow=move || progress.get().share().map(|x| format!("{:.0}", x * 100.0)).unwrap_or_default()>
                    <div class=s.cls("fill") style=move || format!("width:{:.1}%", progress.get().share().unwrap_or(0.0) * 100.0)></div>
                </div>
                <div class=s.cls("status") data-progress="">{move || progress_text(progress.get())}</div>
            </Show>
            {move || match phase.get() {
                Phase::Failed(e) => view! {
                    <p class=s.cls("status") data-upload-sent="">{sent_before_failure(progress.get_untracked())}</p>
                    <ErrorPanel error=e on_retry=Callback::new(move |_| start()) />
                }.into_any(),
                _ => ().into_any(),
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_reads_as_sizes_and_a_percentage() {
        let p = Progress {
            loaded: 12.0 * 1048576.0,
            total: 40.0 * 1048576.0,
        };
        assert_eq!(progress_text(p), "12.0 MB of 40.0 MB (30%)");
        assert_eq!(
            sent_before_failure(p),
            "The upload failed after 12.0 MB of 40.0 MB (30%); the file is still chosen."
        );
        assert_eq!(
            progress_text(Progress {
                loaded: 2048.0,
                total: 0.0
            }),
            "2.0 KB sent"
        );
    }
}
