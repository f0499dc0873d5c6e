//! Submitting jobs: upload a jar (`POST /jars/upload`, with progress and cancel), list and
//! delete uploaded jars (`GET /jars`, `DELETE /jars/:jarid`), and run one (`?jar=<id>`). Hidden,
//! with the reason, when the cluster forbids web submission.

use crate::systems::flink::views::keys;
use crate::ui::kit::{load, query, set_query, status, toaster};
use super::scope;
use crate::shell::use_cluster;
use crate::systems::flink::actions::run::RunForm;
use crate::systems::flink::api::{self, error_text};
use crate::systems::flink::context::use_flink;
use crate::systems::flink::model::{JarFile, JarUploadResponse};
use crate::ui::any_row::{any_rows, col, on_row};
use crate::ui::format::local_time;
use crate::ui::upload::FileUpload;
use crate::ui::{ConfirmButton, DataTable, ToastKind};
use leptos::prelude::*;

/// The entry classes of a jar, comma-separated.
pub fn entry_classes(j: &JarFile) -> String {
    j.entry
        .iter()
        .map(|e| e.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The submit page.
#[component]
pub fn SubmitPage() -> impl IntoView {
    let s = scope();
    let flink = use_flink();
    let forbidden = Memo::new(move |_| flink.caps().submit.reason().map(str::to_string));
    view! {
        <div class=s.cls("stack")>
            <h1>"Submit a job"</h1>
            {move || match forbidden.get() {
                Some(reason) => view! { <div class=s.cls("panel") data-forbidden=""><strong>"Not available"</strong><span>{reason}</span></div> }.into_any(),
                None => view! { <Jars /> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn Jars() -> impl IntoView {
    let cluster = use_cluster();
    let setq = set_query();
    let selected = query(keys::JAR);
    let toast = toaster();
    let r = load(|c| async move { api::jars(&c).await.map(|j| j.files) });
    let jars = r;
    let uploaded = {
        let setq = setq.clone();
        Callback::new(move |resp: crate::net::ApiResponse| {
            let id = resp
                .decode::<JarUploadResponse>()
                .map(|u| u.jar_id().to_string())
                .unwrap_or_default();
            toast(ToastKind::Success, "Jar uploaded".into());
            r.refetch();
            if !id.is_empty() {
                setq(&[(keys::JAR, id)]);
            }
        })
    };
    let delete = move |j: JarFile| {
        let c = cluster.get_untracked();
        let setq = setq.clone();
        leptos::task::spawn_local(async move {
            match api::delete_jar(&c, &j.id).await {
                Ok(()) => {
                    toast(ToastKind::Success, format!("Deleted {}", j.name));
                    if selected.get_untracked().as_deref() == Some(j.id.as_str()) {
                        setq(&[(keys::JAR, String::new())]);
                    }
                    r.refetch();
                }
                Err(e) => toast(
                    ToastKind::Error,
                    format!("Could not delete {}: {}", j.name, error_text(&e)),
                ),
            }
        });
    };
    let delete = std::sync::Arc::new(delete);
    let columns = vec![
        col::text("name", "Jar", |j: &JarFile| j.name.as_str().into()),
        col::text("uploaded", "Uploaded", |j: &JarFile| {
            local_time(j.uploaded).into()
        }),
        col::text("entry", "Entry classes", |j: &JarFile| {
            entry_classes(j).into()
        }),
        col::view(
            "actions",
            "",
            |_: &JarFile| "".into(),
            move |j: &JarFile| {
                let (d, j2) = (delete.clone(), j.clone());
                view! {
                <span on:click=|ev| ev.stop_propagation()>
                    <ConfirmButton label="Delete" title="Delete this jar?" danger=true
                        message=format!("{} is removed from the cluster. Running jobs are not affected.", j.name)
                        confirm_label="Delete jar" on_confirm=Callback::new(move |_| d(j2.clone())) />
                </span>
            }.into_any()
            },
        ),
        col::text("id", "Jar id", |j: &JarFile| j.id.as_str().into()).hidden(),
    ];
    let pick = {
        let setq = set_query();
        on_row(move |j: JarFile| setq(&[(keys::JAR, j.id)]))
    };
    let chosen = Memo::new(move |_| {
        let id = selected.get()?;
        jars.with(|j| j.and_then(|j| j.iter().find(|x| x.id == id).cloned()))
    });
    view! {
        <section>
            <h2>"Upload a jar"</h2>
            <FileUpload accept=".jar" make_request=move |f: web_sys::File| api::upload_jar_request(&cluster.get_untracked(), &f) on_done=uploaded />
        </section>
        <section>
            <h2>"Uploaded jars"</h2>
            {status(r, "jars")}
            <DataTable id="jars" columns rows=Signal::derive(move || any_rows(jars.get().unwrap_or_default())) on_row_click=pick export_name="jars" />
        </section>
        {move || chosen.get().map(|jar| view! { <RunForm jar /> })}
    }
}
