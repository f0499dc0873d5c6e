//! The FE node on the cluster page: each FE's role (`/role` with the edit log address
//! `/frontends` lists), the replayer's state (`_meta_replay_state`), the replayed journal id
//! (`/journal_id`), the latest image (`/info`), the `VERSION` file (`/version`), the cluster's
//! token (`/check`); the image downloaded (`/image`, read-only), a metadata dump (`/dump`,
//! confirmed), what `/put` is for (never called), and the decommission check of BEs
//! (`check_decommission`, confirmed: recent versions also start decommissioning). A failure of
//! one part (most meta service endpoints refuse callers that are not an FE's host) is shown in
//! that part, with the request and the server's words.

use super::ops::{cluster_signal, oscope, outcome, outcome_view, run};
use super::scope;
use crate::net::FetchError;
use crate::systems::starrocks::fe_meta::{self, edit_log_addresses, heartbeat_addresses, host_ports, pairs_of, replay_ok, Pairs};
use crate::systems::starrocks::api;
use crate::ui::download::download_bytes;
use crate::ui::kit::{badge, load, status};
use crate::ui::{ConfirmButton, ErrorPanel, KeyValue, Tone};
use leptos::prelude::*;

/// One part of the panel: its title, its name for tests, its fields or its failure, and
/// whether its data says something is wrong.
#[derive(Clone)]
struct Part {
    title: String,
    id: &'static str,
    rows: Result<Pairs, FetchError>,
    warn: bool,
}

/// What the panel shows: its parts and the BEs' heartbeat addresses (for the decommission form).
#[derive(Clone)]
struct FeNode {
    parts: Vec<Part>,
    backends: Vec<String>,
}

fn part(title: &str, id: &'static str, rows: Result<Pairs, FetchError>) -> Part {
    Part { title: title.to_string(), id, rows, warn: false }
}

async fn fetch(c: crate::cluster::Cluster) -> FeNode {
    let mut parts = Vec::new();
    match api::show_proc(&c, "/frontends").await {
        Ok(t) => {
            for (name, host, port) in edit_log_addresses(&t) {
                parts.push(part(&format!("Role of {name} (/role)"), "role", fe_meta::role(&c, &host, &port).await));
            }
        }
        Err(e) => parts.push(part("Role (/role)", "role", Err(e))),
    }
    let replay = fe_meta::replay_state(&c).await;
    let warn = replay.as_ref().is_ok_and(|v| !replay_ok(v));
    parts.push(Part { warn, ..part("Meta replay state (_meta_replay_state)", "replay", replay.map(|v| pairs_of(&v))) });
    parts.push(part("Journal id (/journal_id)", "journal", fe_meta::journal_id(&c).await));
    parts.push(part("Latest image (/info)", "info", fe_meta::info(&c).await));
    parts.push(part("VERSION file (/version)", "version", fe_meta::version(&c).await));
    parts.push(part("Cluster token (/check)", "check", fe_meta::check(&c).await));
    let backends = api::show_proc(&c, "/backends").await.map(|t| heartbeat_addresses(&t)).unwrap_or_default();
    FeNode { parts, backends }
}

fn decommission_form(backends: Memo<Vec<String>>) -> impl IntoView {
    let s = scope();
    let o = oscope();
    let cs = cluster_signal();
    let text = RwSignal::new(String::new());
    let (out, busy) = (outcome(), RwSignal::new(false));
    let invalid = RwSignal::new(None::<String>);
    let go = Callback::new(move |_: ()| match host_ports(&text.get_untracked()) {
        Ok(l) => {
            invalid.set(None);
            run(cs, out, busy, move |c| async move { fe_meta::check_decommission(&c, &l).await });
        }
        Err(e) => invalid.set(Some(e)),
    });
    view! {
        <div data-decommission="">
            <h3>"Decommission check (check_decommission)"</h3>
            <p class="sb-dim">"BEs as host:heartbeat_port, separated by commas. The FE checks that their tablets can move elsewhere. On StarRocks 3.4 and later the same call also starts decommissioning them."</p>
            <div class=o.cls("tools")>
                {move || backends.get().into_iter().map(|hp| {
                    let add = hp.clone();
                    view! { <button data-add-be=hp.clone() on:click=move |_| text.update(|t| {
                        if !t.split(',').any(|x| x.trim() == add) {
                            if !t.trim().is_empty() { t.push(','); }
                            t.push_str(&add);
                        }
                    })>{format!("+ {hp}")}</button> }
                }).collect_view()}
            </div>
            <div class=s.cls("form")>
                <input data-decommission-hosts="" placeholder="host:9050,host2:9050" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev)) />
                <ConfirmButton label="Check…" title="Check decommission"
                    message="GET /api/check_decommission for these BEs. On StarRocks 3.4 and later this also marks them decommissioned: their tablets start moving away."
                    confirm_label="Check" danger=true disabled=busy on_confirm=go />
            </div>
            {move || invalid.get().map(|e| view! { <div class=s.cls("alert badline") data-invalid="">{e}</div> })}
            {outcome_view(out, "decommission", go)}
        </div>
    }
}

fn image_and_dump() -> impl IntoView {
    let s = scope();
    let cs = cluster_signal();
    let version = RwSignal::new(String::new());
    let (img_out, img_busy) = (outcome(), RwSignal::new(false));
    let image = Callback::new(move |_: ()| {
        let v = version.get_untracked().trim().to_string();
        run(cs, img_out, img_busy, move |c| async move {
            let b = fe_meta::image(&c, &v).await?;
            download_bytes(&format!("image.{v}"), "application/octet-stream", &b);
            Ok(format!("image.{v}: {} bytes saved", b.len()))
        });
    });
    let (dump_out, dump_busy) = (outcome(), RwSignal::new(false));
    let dump = Callback::new(move |_: ()| run(cs, dump_out, dump_busy, |c| async move { fe_meta::dump(&c).await.map(|p| format!("dump written to {p}")) }));
    view! {
        <div data-fe-image="">
            <h3>"Image (/image)"</h3>
            <p class="sb-dim">"Downloads the FE's metadata image of a journal id (the latest is /info's imageJournalId). Read-only."</p>
            <div class=s.cls("form")>
                <input data-image-version="" placeholder="journal id" prop:value=move || version.get() on:input=move |ev| version.set(event_target_value(&ev)) />
                <button data-image-download="" disabled=move || img_busy.get() on:click=move |_| image.run(())>"Download image"</button>
            </div>
            {outcome_view(img_out, "image", image)}
        </div>
        <div data-fe-dump="">
            <h3>"Dump (/dump)"</h3>
            <ConfirmButton label="Dump metadata…" title="Dump the FE's metadata"
                message="GET /dump: the FE writes a full dump of its metadata image to its meta directory, holding the catalog's read locks while it does (slow on a large cluster)."
                confirm_label="Dump" disabled=dump_busy on_confirm=dump />
            {outcome_view(dump_out, "dump", dump)}
        </div>
        <div data-fe-put="">
            <h3>"Image push (/put)"</h3>
            <p class="sb-dim">"/put is for FE-to-FE sync: after a checkpoint the leader asks each follower and observer to download the new image from it (/put?version=&port=). Called from here it would make this FE fetch an image from the console's host, so the console never calls it."</p>
        </div>
    }
}

/// The FE node panel (refreshed with the page: journal ids and replay state move).
pub fn fe_node_panel() -> impl IntoView {
    let s = scope();
    let r = load(|c| async move { Ok::<_, FetchError>(fetch(c).await) });
    let retry = Callback::new(move |_: ()| r.refetch());
    // Outside the refreshed part, so what is typed in the form survives each refresh.
    let backends = Memo::new(move |_| r.get().map(|n| n.backends).unwrap_or_default());
    view! {
        <div class=s.cls("panel") data-fe-node="">
            <h2>"FE node (meta service)"</h2>
            <p class="sb-dim">"Most of these endpoints answer only requests from another FE's host (400 invalid client host.); that is shown per part."</p>
            <button data-fe-node-refresh="" on:click=move |_| r.refetch()>"Refresh"</button>
            {move || r.get().map(|n| view! {
                <div class=s.cls("cards")>
                    {n.parts.into_iter().map(|p| {
                        let ok = p.rows.is_ok().to_string();
                        let warn = p.warn.then(|| badge(Tone::Warn, " not OK"));
                        let body = match p.rows {
                            Ok(rows) => view! { <KeyValue items=rows /> }.into_any(),
                            Err(e) => view! { <ErrorPanel error=e on_retry=retry /> }.into_any(),
                        };
                        view! { <div data-fe-meta=p.id data-ok=ok><h3>{p.title}{warn}</h3>{body}</div> }
                    }).collect_view()}
                </div>
            })}
            {decommission_form(backends)}
            {status(r, "FE node")}
            {image_and_dump()}
        </div>
    }
}
