//! Pages of the benchmark (`make bench`), compiled only with the `bench` feature: never in the
//! release bundle. `/_bench/table?data=/bench/<file>.json` shows the Druid segments of a file of
//! the bundle in the shared table (every row on one page); `/_bench/decode?data=...` decodes the
//! same kind of file into the typed model and with the browser's `JSON.parse`, several times,
//! and leaves the times in `window.__bench`.

use crate::net::ApiRequest;
use crate::systems::druid::model::datasources::SegmentRow;
use crate::ui::{Cell, Column, DataTable};
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::JsValue;

/// Decodes of each kind per run of the decoding page.
const DECODES: usize = 5;

fn now() -> f64 {
    crate::net::request::now_ms()
}

/// Sets `window[key] = value`.
fn publish(key: &str, value: &JsValue) {
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(&w, &JsValue::from_str(key), value);
    }
}

/// The data file named by the URL: only a JSON file of the bundle's `bench/` folder.
fn data_path(search: &str) -> Option<String> {
    let q = crate::url_state::Query::parse(search);
    let d = q.get("data")?;
    let ok = d.starts_with("/bench/")
        && d.ends_with(".json")
        && !d.contains("..")
        && d.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/-_.".contains(c));
    ok.then(|| d.to_string())
}

/// Mounts a benchmark page instead of the console when the address asks for one.
pub fn mount_if_asked() -> bool {
    let Some(loc) = web_sys::window().map(|w| w.location()) else {
        return false;
    };
    let (path, search) = (
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default(),
    );
    let Some(data) = data_path(&search) else {
        return false;
    };
    if path.ends_with("/_bench/table") {
        leptos::mount::mount_to_body(
            move || view! { <Router><TablePage data=data.clone() /></Router> },
        );
        true
    } else if path.ends_with("/_bench/decode") {
        // Nothing is mounted: the browser's own task queue runs it.
        wasm_bindgen_futures::spawn_local(decode(data));
        true
    } else {
        false
    }
}

#[component]
fn TablePage(data: String) -> impl IntoView {
    let rows = RwSignal::new(Vec::<SegmentRow>::new());
    leptos::task::spawn_local(async move {
        let Ok(resp) = ApiRequest::get(data).timeout(0).send().await else {
            publish("__benchError", &JsValue::TRUE);
            return;
        };
        publish("__benchArrived", &JsValue::from_f64(now()));
        // As the Druid segment lists decode their answers.
        match crate::net::list::decode_list::<SegmentRow>(&resp.body, &resp.content_type).await {
            Ok(v) => rows.set(v),
            Err(_) => publish("__benchError", &JsValue::TRUE),
        }
    });
    let columns = vec![
        Column::text("ds", "Datasource", |s: &SegmentRow| {
            s.data_source.as_str().into()
        }),
        Column::text("interval", "Interval", |s: &SegmentRow| {
            s.interval.as_str().into()
        }),
        Column::text("version", "Version", |s: &SegmentRow| {
            s.version.as_str().into()
        }),
        Column::num("partition", "Partition", |s: &SegmentRow| {
            Cell::from(s.partition())
        }),
        Column::num("size", "Size", |s: &SegmentRow| Cell::from(s.size)),
        Column::text("id", "Segment", |s: &SegmentRow| {
            s.identifier.as_str().into()
        }),
    ];
    view! { <DataTable id="seg" columns rows /> }
}

/// Times decoding the file's text into the typed model and with `JSON.parse`, alternately.
async fn decode(data: String) {
    let Ok(text) = ApiRequest::get(data).timeout(0).text().await else {
        publish("__benchError", &JsValue::TRUE);
        return;
    };
    // The answer as the network layer receives it (bytes) and as `JSON.parse` takes it (text).
    let bytes = js_sys::Uint8Array::from(text.as_bytes());
    let js_text = JsValue::from_str(&text);
    drop(text);
    let json = js_sys::Reflect::get(&js_sys::global(), &"JSON".into()).unwrap_or(JsValue::NULL);
    let parse: js_sys::Function = js_sys::Reflect::get(&json, &"parse".into())
        .ok()
        .and_then(|f| wasm_bindgen::JsCast::dyn_into(f).ok())
        .unwrap_or_else(|| js_sys::Function::new_no_args(""));
    let (typed, parsed) = (js_sys::Array::new(), js_sys::Array::new());
    let mut rows = 0;
    for _ in 0..DECODES {
        let t = now();
        // As an answer arrives: its bytes copied into the module, checked as UTF-8, decoded.
        let owned = crate::net::request::body_text(bytes.to_vec());
        rows = serde_json::from_str::<Vec<SegmentRow>>(&owned).map_or(0, |v| v.len());
        typed.push(&JsValue::from_f64(now() - t));
        let t = now();
        let v = parse.call1(&json, &js_text).ok();
        parsed.push(&JsValue::from_f64(now() - t));
        drop(v);
    }
    let out = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&out, &"typed".into(), &typed);
    let _ = js_sys::Reflect::set(&out, &"parse".into(), &parsed);
    let _ = js_sys::Reflect::set(&out, &"rows".into(), &JsValue::from_f64(rows as f64));
    publish("__bench", &out);
}
