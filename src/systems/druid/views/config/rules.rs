//! The rules tab: a datasource picker (`datasource=`, `_default` for the cluster's default rules),
//! every datasource's rules, and for the chosen one its effective rules (`?full`), a form per rule
//! (add, remove, move, a JSON preview and the diff to what is saved) saved with an author and a
//! comment, and the audit history with a diff between versions.

use super::{audit_inputs, history_filter, save_error, scope, History, DATASOURCE};
use crate::shell::use_cluster;
use crate::systems::druid::api::rules as rules_api;
use crate::systems::druid::model::rules::{
    describe, forms_from_json, forms_to_json, pretty, Action, RuleForm, Span,
};
use crate::ui::diff::LineDiff;
use crate::ui::kit::{empty, load_once, query, set_query, status, toaster};
use crate::ui::{ErrorPanel, ToastKind, Tone};
use leptos::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;

/// Every datasource's rules and the datasource names (for the picker).
#[derive(Clone, Default)]
struct Overview {
    rules: BTreeMap<String, Vec<Value>>,
    names: Vec<String>,
}

impl Overview {
    /// `_default` first, then every datasource with rules or segments, sorted.
    fn choices(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .rules
            .keys()
            .chain(self.names.iter())
            .filter(|n| n.as_str() != "_default")
            .cloned()
            .collect();
        v.sort();
        v.dedup();
        v.insert(0, "_default".into());
        v
    }
}

/// The rules tab.
#[component]
pub fn RulesTab() -> impl IntoView {
    let s = scope();
    let ds = query(DATASOURCE);
    let setq = set_query();
    let r = load_once(|c| async move {
        let rules = rules_api::all_rules(&c).await?;
        // The names only fill the picker; datasources with rules are listed anyway.
        let names = rules_api::datasource_names(&c).await.unwrap_or_default();
        Ok(Overview { rules, names })
    });
    let pick = {
        let setq = setq.clone();
        move |ev: leptos::ev::Event| setq(&[(DATASOURCE, event_target_value(&ev))])
    };
    view! {
        <div class=s.cls("stack")>
            <div class="sb-row">
                <label for="druid-rules-ds">"Datasource"</label>
                <select id="druid-rules-ds" aria-label="Datasource" data-rules-datasource="" on:change=pick>
                    <option value="" selected=move || ds.get().is_none()>"(every datasource)"</option>
                    {move || {
                        let chosen = ds.get();
                        let mut choices = r.with(|o| o.map(Overview::choices).unwrap_or_default());
                        if let Some(c) = chosen.clone().filter(|c| !choices.contains(c)) {
                            choices.push(c);
                        }
                        choices.into_iter().map(|n| {
                            let label = if n == "_default" { "_default (cluster default rules)".to_string() } else { n.clone() };
                            view! { <option value=n.clone() selected={chosen.as_deref() == Some(n.as_str())}>{label}</option> }
                        }).collect_view()
                    }}
                </select>
            </div>
            {status(r, "rules")}
            {move || match ds.get() {
                Some(d) => view! { <DatasourceRules datasource=d /> }.into_any(),
                None => view! { <AllRules r=r /> }.into_any(),
            }}
        </div>
    }
}

/// Every datasource's rules, each a link to its editor, and the history of all of them.
#[component]
fn AllRules(r: crate::ui::loaded::Loaded<Overview>) -> impl IntoView {
    let s = scope();
    let setq = set_query();
    let filter = history_filter();
    let h = load_once(move |c| {
        let f = filter.get();
        async move { rules_api::rules_history(&c, None, &f).await }
    });
    view! {
        <section class=s.cls("panel") data-all-rules="">
            <h2>"Rules of every datasource"</h2>
            <p class=s.cls("hint")>"Druid applies the first rule that matches a segment; a datasource's own rules come before the default ones."</p>
            {move || r.with(|o| o.map(|o| {
                if o.rules.is_empty() {
                    return empty("No rules.");
                }
                o.rules.iter().map(|(name, list)| {
                    let setq = setq.clone();
                    let n = name.clone();
                    view! {
                        <div data-rules-of=name.clone()>
                            <a href="#" on:click=move |ev| { ev.prevent_default(); setq(&[(DATASOURCE, n.clone())]) }><strong>{name.clone()}</strong></a>
                            {if list.is_empty() {
                                view! { <span class="sb-dim">" no rules of its own (the default rules apply)"</span> }.into_any()
                            } else {
                                view! { <ol class=s.cls("effective")>{list.iter().map(|rule| view! { <li>{describe(rule)}</li> }).collect_view()}</ol> }.into_any()
                            }}
                        </div>
                    }
                }).collect_view().into_any()
            }))}
        </section>
        <History id="rules-history" r=h show_key=true />
    }
}

/// A datasource's rules and the rules that apply to it (`?full`).
#[derive(Clone, Default)]
struct DsRules {
    rules: Vec<Value>,
    full: Vec<Value>,
}

/// One datasource's rules (`_default`: the cluster's default rules): the rules that apply, the
/// editor, and the audit history. Also embedded by the datasource page.
#[component]
pub fn DatasourceRules(
    /// The datasource (or `_default`).
    datasource: String,
) -> impl IntoView {
    let s = scope();
    let d = StoredValue::new(datasource);
    let r = load_once(move |c| {
        let ds = d.get_value();
        async move {
            let rules = rules_api::datasource_rules(&c, &ds, false).await?;
            let full = if ds == "_default" {
                rules.clone()
            } else {
                rules_api::datasource_rules(&c, &ds, true).await?
            };
            Ok(DsRules { rules, full })
        }
    });
    let filter = history_filter();
    let h = load_once(move |c| {
        let f = filter.get();
        let ds = d.get_value();
        async move { rules_api::rules_history(&c, Some(&ds), &f).await }
    });
    let saved = Callback::new(move |_| {
        r.refetch();
        h.refetch();
    });
    view! {
        <div class=s.cls("stack") data-datasource-rules=d.get_value()>
            {status(r, "rules")}
            {move || r.get().map(|data| view! {
                <section class=s.cls("panel")>
                    <h2>"Rules that apply"</h2>
                    <p class=s.cls("hint")>"In order; the first rule that matches a segment decides."</p>
                    {effective(&data)}
                </section>
                <RulesEditor datasource=d.get_value() rules=data.rules on_saved=saved />
            })}
            <History id="rules-history" r=h />
        </div>
    }
}

/// The ordered list of rules that apply, the default ones marked.
fn effective(data: &DsRules) -> AnyView {
    let s = scope();
    if data.full.is_empty() {
        return empty("No rules apply: segments are neither loaded nor dropped by any rule.");
    }
    let own = data.rules.len();
    view! {
        <ol class=s.cls("effective") data-effective-rules="">
            {data.full.iter().enumerate().map(|(i, rule)| view! {
                <li>{describe(rule)} {(i >= own).then(|| crate::ui::kit::badge(Tone::Unknown, "default"))}</li>
            }).collect_view()}
        </ol>
    }
    .into_any()
}

/// The rule editor: a form per rule, add / remove / move, the JSON that will be sent, the diff
/// to the saved rules, and save with author and comment. A failed save keeps the form.
#[component]
fn RulesEditor(datasource: String, rules: Vec<Value>, on_saved: Callback<()>) -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let toast = toaster();
    let original = pretty(&Value::Array(rules.clone()));
    let forms = match forms_from_json(&rules) {
        Ok(f) => f,
        Err(e) => {
            return view! {
                <section class=s.cls("panel")>
                    <p class="sb-field-error" role="alert">{format!("These rules cannot be edited in the form: {e}")}</p>
                    <pre class=s.cls("preview")>{original}</pre>
                </section>
            }
            .into_any()
        }
    };
    let list = RwSignal::new(forms.into_iter().map(RwSignal::new).collect::<Vec<_>>());
    let json = Memo::new(move |_| {
        let forms: Vec<RuleForm> = list.with(|l| l.iter().map(|f| f.get()).collect());
        forms_to_json(&forms)
    });
    let new_action = RwSignal::new(Action::Drop);
    let new_span = RwSignal::new(Span::Forever);
    let (author, comment) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let error = RwSignal::new(None::<String>);
    let failed = RwSignal::new(None::<crate::net::FetchError>);
    let busy = RwSignal::new(false);
    let ds = StoredValue::new(datasource);
    let save = move || {
        if comment.get_untracked().trim().is_empty() {
            error.set(Some("Add a comment: say why the rules change.".into()));
            return;
        }
        let rules = match json.get_untracked() {
            Ok(r) => r,
            Err(e) => {
                error.set(Some(e));
                return;
            }
        };
        if ds.get_value() == "_default" && rules.is_empty() {
            error.set(Some("The default rules cannot be empty.".into()));
            return;
        }
        error.set(None);
        failed.set(None);
        busy.set(true);
        let (c, name) = (cluster.get_untracked(), ds.get_value());
        let (a, m) = (author.get_untracked(), comment.get_untracked());
        leptos::task::spawn_local(async move {
            match rules_api::set_rules(&c, &name, &rules, &a, &m).await {
                Ok(()) => {
                    toast(ToastKind::Success, format!("Rules of {name} saved"));
                    let _ = busy.try_set(false);
                    on_saved.run(());
                }
                Err(e) => {
                    let _ = failed.try_set(Some(e));
                    let _ = busy.try_set(false);
                }
            }
        });
    };
    let add = move |_| {
        let (a, sp) = (new_action.get_untracked(), new_span.get_untracked());
        let sp = if sp.fits(a) { sp } else { Span::Period };
        list.update(|l| l.push(RwSignal::new(RuleForm::new(a, sp))));
    };
    let preview = Signal::derive(move || match json.get() {
        Ok(r) => pretty(&Value::Array(r)),
        Err(e) => format!("(not valid yet) {e}"),
    });
    let old = Signal::stored(original);
    let new = Signal::derive(move || json.with(|j| j.as_ref().map(|r| pretty(&Value::Array(r.clone()))).unwrap_or_default()));
    view! {
        <section class=s.cls("panel") data-rules-editor="">
            <h2>"Edit rules"</h2>
            <ol class=s.cls("rules")>
                {move || {
                    let n = list.with(Vec::len);
                    list.get().into_iter().enumerate().map(|(i, rule)| rule_row(i, n, rule, list)).collect_view()
                }}
            </ol>
            {move || list.with(Vec::is_empty).then(|| empty("No rules of its own: the default rules apply."))}
            <div class="sb-row">
                <select aria-label="New rule action" data-new-rule-action="" on:change=move |ev| {
                    if let Some(a) = Action::parse(&event_target_value(&ev)) { new_action.set(a) }
                }>
                    {Action::ALL.into_iter().map(|a| view! { <option value=a.name() selected=move || new_action.get() == a>{a.name()}</option> }).collect_view()}
                </select>
                <select aria-label="New rule span" data-new-rule-span="" on:change=move |ev| {
                    if let Some(sp) = Span::parse(&event_target_value(&ev)) { new_span.set(sp) }
                }>
                    {Span::ALL.into_iter().map(|sp| view! { <option value=sp.name() selected=move || new_span.get() == sp>{span_label(sp)}</option> }).collect_view()}
                </select>
                <button on:click=add data-add-rule="">"Add rule"</button>
            </div>
            <div class=s.cls("cols")>
                <div>
                    <h3>"JSON to send"</h3>
                    <pre class=s.cls("preview") data-rules-preview="">{preview}</pre>
                </div>
                <div>
                    <h3>"Changes"</h3>
                    <LineDiff old new label="rules-changes" />
                </div>
            </div>
            {audit_inputs(author, comment)}
            {save_error(error)}
            {move || failed.get().map(|e| view! { <ErrorPanel error=e on_retry=Callback::new(move |_| save()) /> })}
            <div class="sb-row">
                <button class="sb-primary" data-save-rules="" disabled=move || busy.get() on:click=move |_| save()>
                    {move || if busy.get() { "Saving…" } else { "Save rules" }}
                </button>
            </div>
        </section>
    }
    .into_any()
}

/// How a span reads in the form.
fn span_label(sp: Span) -> &'static str {
    match sp {
        Span::Forever => "forever",
        Span::Interval => "by interval",
        Span::Period => "by period",
        Span::BeforePeriod => "before period (drop)",
    }
}

/// The form of rule `i` of `n`.
fn rule_row(i: usize, n: usize, rule: RwSignal<RuleForm>, list: RwSignal<Vec<RwSignal<RuleForm>>>) -> AnyView {
    let s = scope();
    let kind = Memo::new(move |_| rule.with(|r| (r.action, r.span)));
    let ntiers = Memo::new(move |_| rule.with(|r| r.tiers.len()));
    let set_action = move |ev: leptos::ev::Event| {
        if let Some(a) = Action::parse(&event_target_value(&ev)) {
            rule.update(|r| {
                r.action = a;
                if !r.span.fits(a) {
                    r.span = Span::Period;
                }
                if a == Action::Load && r.tiers.is_empty() {
                    r.tiers.push(("_default_tier".into(), "2".into()));
                } else if a != Action::Load {
                    r.tiers.clear();
                }
            })
        }
    };
    let set_span = move |ev: leptos::ev::Event| {
        if let Some(sp) = Span::parse(&event_target_value(&ev)) {
            rule.update(|r| {
                if sp.fits(r.action) {
                    r.span = sp;
                    if matches!(sp, Span::Period | Span::BeforePeriod) && r.period.is_empty() {
                        r.period = "P1M".into();
                    }
                }
            })
        }
    };
    let move_by = move |up: bool| {
        list.update(|l| {
            let j = if up { i.checked_sub(1) } else { Some(i + 1) };
            if let Some(j) = j.filter(|j| *j < l.len()) {
                l.swap(i, j);
            }
        })
    };
    let spans = move || {
        let (action, span) = kind.get();
        Span::ALL
            .into_iter()
            .map(|sp| view! { <option value=sp.name() selected={span == sp} disabled={!sp.fits(action)}>{span_label(sp)}</option> })
            .collect_view()
    };
    let fields = move || {
        let (_, span) = kind.get();
        match span {
            Span::Forever => ().into_any(),
            Span::Interval => view! {
                <label class="sb-row">"Interval"
                    <input aria-label="Interval" data-rule-interval="" size="50" placeholder="2024-01-01T00:00:00Z/2024-02-01T00:00:00Z"
                        prop:value=move || rule.with(|r| r.interval.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); rule.update(|r| r.interval = v) } />
                </label>
            }.into_any(),
            Span::Period | Span::BeforePeriod => view! {
                <div class="sb-row">
                    <label class="sb-row">"Period"
                        <input aria-label="Period" data-rule-period="" size="10" placeholder="P1M"
                            prop:value=move || rule.with(|r| r.period.clone())
                            on:input=move |ev| { let v = event_target_value(&ev); rule.update(|r| r.period = v) } />
                    </label>
                    {(span == Span::Period).then(|| view! {
                        <label class="sb-row">
                            <input type="checkbox" data-rule-include-future=""
                                prop:checked=move || rule.with(|r| r.include_future != Some(false))
                                on:change=move |ev| { let on = event_target_checked(&ev); rule.update(|r| r.include_future = Some(on)) } />
                            "include the future"
                        </label>
                    })}
                </div>
            }.into_any(),
        }
    };
    let tiers = move || {
        (kind.get().0 == Action::Load).then(|| view! {
            <div data-rule-tiers="">
                <span class=s.cls("hint")>"Replicas per tier (tieredReplicants)"</span>
                {move || (0..ntiers.get()).map(|t| view! {
                    <div class="sb-row" data-tier=t.to_string()>
                        <input aria-label="Tier" data-tier-name=t.to_string() placeholder="_default_tier"
                            prop:value=move || rule.with(|r| r.tiers.get(t).map(|x| x.0.clone()).unwrap_or_default())
                            on:input=move |ev| { let v = event_target_value(&ev); rule.update(|r| if let Some(x) = r.tiers.get_mut(t) { x.0 = v }) } />
                        <input aria-label="Replicas" type="number" min="0" size="4" data-tier-replicas=t.to_string()
                            prop:value=move || rule.with(|r| r.tiers.get(t).map(|x| x.1.clone()).unwrap_or_default())
                            on:input=move |ev| { let v = event_target_value(&ev); rule.update(|r| if let Some(x) = r.tiers.get_mut(t) { x.1 = v }) } />
                        <button on:click=move |_| rule.update(|r| { if t < r.tiers.len() { r.tiers.remove(t); } })>"Remove tier"</button>
                    </div>
                }).collect_view()}
                <button on:click=move |_| rule.update(|r| r.tiers.push((String::new(), "1".into())))>"Add tier"</button>
            </div>
        })
    };
    view! {
        <li class=s.cls("rule") data-rule=i.to_string()>
            <div class="sb-row">
                <strong>{format!("{}.", i + 1)}</strong>
                <select aria-label="Action" data-rule-action="" on:change=set_action>
                    {move || {
                        let action = kind.get().0;
                        Action::ALL.into_iter().map(|a| view! { <option value=a.name() selected={action == a}>{a.name()}</option> }).collect_view()
                    }}
                </select>
                <select aria-label="Span" data-rule-span="" on:change=set_span>{spans}</select>
                <code class="sb-dim">{move || rule.with(|r| r.type_name())}</code>
                <button disabled={i == 0} on:click=move |_| move_by(true) title="Move up">"↑"</button>
                <button disabled={i + 1 >= n} on:click=move |_| move_by(false) title="Move down">"↓"</button>
                <button on:click=move |_| list.update(|l| { if i < l.len() { l.remove(i); } }) data-remove-rule="">"Remove"</button>
            </div>
            {fields}
            {tiers}
        </li>
    }
    .into_any()
}
