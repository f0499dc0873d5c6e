//! A JSON viewer: a collapsible tree (children drawn only when opened, so large documents stay
//! fast), copy, and a search that lists every matching path.

use super::download::copy_text;
use super::style::Scope;
use leptos::prelude::*;
use serde_json::Value;

/// Scoped styles of the JSON viewer.
pub const STYLE: (&str, &str) = stylers::style_sheet_str!("src/ui/json_view.css");
const _TRACK: &str = include_str!("json_view.css");
fn scope() -> Scope {
    Scope::of(STYLE)
}

/// The most search hits listed.
pub const MAX_HITS: usize = 200;

/// Every `(path, text)` in `value` whose key or scalar value contains `needle`
/// (case-insensitive), at most `limit` of them.
pub fn search(value: &Value, needle: &str, limit: usize) -> Vec<(String, String)> {
    fn walk(v: &Value, path: &str, needle: &str, out: &mut Vec<(String, String)>, limit: usize) {
        if out.len() >= limit {
            return;
        }
        match v {
            Value::Object(m) => {
                for (k, child) in m {
                    let p = format!("{path}.{k}");
                    if k.to_lowercase().contains(needle) && !child.is_object() && !child.is_array()
                    {
                        out.push((p.clone(), scalar_text(child)));
                    } else if k.to_lowercase().contains(needle) {
                        out.push((p.clone(), summary(child)));
                    }
                    if out.len() >= limit {
                        return;
                    }
                    if !k.to_lowercase().contains(needle) || child.is_object() || child.is_array() {
                        walk(child, &p, needle, out, limit);
                    }
                }
            }
            Value::Array(a) => {
                for (i, child) in a.iter().enumerate() {
                    walk(child, &format!("{path}[{i}]"), needle, out, limit);
                }
            }
            scalar => {
                let t = scalar_text(scalar);
                if t.to_lowercase().contains(needle) {
                    out.push((
                        if path.is_empty() {
                            ".".into()
                        } else {
                            path.to_string()
                        },
                        t,
                    ));
                }
            }
        }
    }
    let mut out = Vec::new();
    let needle = needle.trim().to_lowercase();
    if !needle.is_empty() {
        walk(value, "", &needle, &mut out, limit);
    }
    out
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn summary(v: &Value) -> String {
    match v {
        Value::Object(m) => format!("{{…}} {} keys", m.len()),
        Value::Array(a) => format!("[…] {} items", a.len()),
        other => scalar_text(other),
    }
}

/// A collapsible view of a JSON document, with copy and search.
#[component]
pub fn JsonView(
    /// The document.
    #[prop(into)]
    value: Signal<Value>,
    /// Depth opened at first.
    #[prop(default = 2)]
    open_depth: usize,
) -> impl IntoView {
    let s = scope();
    let needle = RwSignal::new(String::new());
    let hits = move || value.with(|v| search(v, &needle.get(), MAX_HITS));
    view! {
        <div class=s.cls("root")>
            <div class=s.cls("bar")>
                <input type="search" placeholder="Search keys and values" aria-label="Search JSON"
                    prop:value=move || needle.get() on:input=move |ev| needle.set(event_target_value(&ev)) />
                <button on:click=move |_| copy_text(&value.with(|v| serde_json::to_string_pretty(v).unwrap_or_default()))>"Copy"</button>
            </div>
            <Show when=move || !needle.with(String::is_empty)>
                <div class=s.cls("hits") data-hits=move || hits().len().to_string()>
                    {move || {
                        let h = hits();
                        if h.is_empty() {
                            view! { <div>"No match."</div> }.into_any()
                        } else {
                            h.into_iter().map(|(p, t)| view! {
                                <div><span class=s.cls("hit-path")>{p}</span>" = "{t}</div>
                            }).collect_view().into_any()
                        }
                    }}
                </div>
            </Show>
            <div class=s.cls("tree")>{move || node(None, value.get(), 0, open_depth)}</div>
        </div>
    }
}

fn node(key: Option<String>, v: Value, depth: usize, open_depth: usize) -> AnyView {
    let s = scope();
    let key_view = key.map(|k| view! { <span class=s.cls("key")>{format!("{k:?}")}</span>": " });
    match v {
        Value::Object(_) | Value::Array(_) => {
            let open = RwSignal::new(depth < open_depth);
            let (open_b, close_b, n) = match &v {
                Value::Object(m) => ("{", "}", m.len()),
                Value::Array(a) => ("[", "]", a.len()),
                _ => unreachable!(),
            };
            let v = StoredValue::new(v);
            let children = move || {
                v.with_value(|v| match v {
                    Value::Object(m) => m
                        .iter()
                        .map(|(k, c)| node(Some(k.clone()), c.clone(), depth + 1, open_depth))
                        .collect_view()
                        .into_any(),
                    Value::Array(a) => a
                        .iter()
                        .map(|c| node(None, c.clone(), depth + 1, open_depth))
                        .collect_view()
                        .into_any(),
                    _ => ().into_any(),
                })
            };
            view! {
                <div class=s.cls("line")>
                    <span class=s.cls("toggle") role="button" aria-expanded=move || open.get().to_string()
                        on:click=move |_| open.update(|o| *o = !*o)>{move || if open.get() { "▾" } else { "▸" }}</span>
                    {key_view}{open_b}
                    <Show when=move || open.get() fallback=move || view! { {format!("… {n} {}", if open_b == "{" { "keys" } else { "items" })}{close_b} }>
                        <div class=s.cls("node")>{children()}</div>{close_b}
                    </Show>
                </div>
            }
            .into_any()
        }
        scalar => {
            let class = match &scalar {
                Value::String(_) => "str",
                Value::Number(_) => "num",
                _ => "lit",
            };
            let text = scalar.to_string();
            view! { <div class=s.cls("line")><span class=s.cls("toggle")></span>{key_view}<span class=s.cls(class)>{text}</span></div> }.into_any()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn search_finds_keys_and_values_with_paths() {
        let v = json!({"jobs": [{"id": "a1", "state": "RUNNING"}, {"id": "b2", "state": "FAILED"}], "failed": 1});
        let hits = search(&v, "fail", 10);
        // Object keys come in serde_json's (sorted) order.
        assert_eq!(
            hits,
            vec![
                (".failed".to_string(), "1".to_string()),
                (".jobs[1].state".into(), "FAILED".into())
            ]
        );
    }

    #[test]
    fn search_stops_at_the_limit_and_ignores_blank_needles() {
        let v = json!((0..1000).map(|i| format!("x{i}")).collect::<Vec<_>>());
        assert_eq!(search(&v, "x", 5).len(), 5);
        assert!(search(&v, "  ", 5).is_empty());
    }
}
