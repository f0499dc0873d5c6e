//! Retention rules (`/druid/coordinator/v1/rules`) as the rule form edits them, and the audit
//! history entries that rules, the coordinator's and the workers' dynamic configs share.
//!
//! Rules stay `serde_json::Value`s on the wire; [`RuleForm`] reads one into form fields and writes
//! it back, keeping every field it does not know (e.g. `useDefaultTierForNull`) as it was.

use serde::Deserialize;
use serde_json::{Map, Value};

/// What a rule does with the segments it matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Loads them on historicals (`load*`).
    Load,
    /// Drops them from the cluster (`drop*`).
    Drop,
    /// Loads them on every server (`broadcast*`).
    Broadcast,
}

impl Action {
    /// Every action, in the order the form offers them.
    pub const ALL: [Action; 3] = [Action::Load, Action::Drop, Action::Broadcast];

    /// The prefix of the rule type (`load`, `drop`, `broadcast`).
    pub fn name(self) -> &'static str {
        match self {
            Action::Load => "load",
            Action::Drop => "drop",
            Action::Broadcast => "broadcast",
        }
    }

    /// The action named `name`.
    pub fn parse(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }
}

/// Which segments a rule matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span {
    /// All of them (`*Forever`).
    Forever,
    /// Those inside an interval (`*ByInterval`).
    Interval,
    /// Those within a period back from now (`*ByPeriod`).
    Period,
    /// Those older than a period back from now (`dropBeforeByPeriod`, drop only).
    BeforePeriod,
}

impl Span {
    /// Every span, in the order the form offers them.
    pub const ALL: [Span; 4] = [
        Span::Forever,
        Span::Interval,
        Span::Period,
        Span::BeforePeriod,
    ];

    /// The suffix of the rule type (`Forever`, `ByInterval`, ...), `BeforeByPeriod` included.
    pub fn suffix(self) -> &'static str {
        match self {
            Span::Forever => "Forever",
            Span::Interval => "ByInterval",
            Span::Period => "ByPeriod",
            Span::BeforePeriod => "BeforeByPeriod",
        }
    }

    /// Its name in the form (`forever`, `interval`, `period`, `beforePeriod`).
    pub fn name(self) -> &'static str {
        match self {
            Span::Forever => "forever",
            Span::Interval => "interval",
            Span::Period => "period",
            Span::BeforePeriod => "beforePeriod",
        }
    }

    /// The span named `name` in the form.
    pub fn parse(name: &str) -> Option<Span> {
        Span::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Whether it is offered with `action` (only drop rules have "before period").
    pub fn fits(self, action: Action) -> bool {
        self != Span::BeforePeriod || action == Action::Drop
    }
}

/// One rule as form fields.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleForm {
    /// Load, drop or broadcast.
    pub action: Action,
    /// Forever, by interval, by period, before period.
    pub span: Span,
    /// `period` (ISO 8601, e.g. `P1M`) of period rules.
    pub period: String,
    /// `interval` (`start/end`) of interval rules.
    pub interval: String,
    /// `includeFuture` of period rules; `None` when absent (Druid's default: true).
    pub include_future: Option<bool>,
    /// `tieredReplicants` of load rules as (tier, replicas) rows; replicas as typed.
    pub tiers: Vec<(String, String)>,
    /// Every other field of the rule, kept as it was.
    pub extra: Map<String, Value>,
}

/// The fields the form edits; everything else is kept in [`RuleForm::extra`].
const FORM_FIELDS: [&str; 5] = [
    "type",
    "period",
    "interval",
    "includeFuture",
    "tieredReplicants",
];

impl Default for RuleForm {
    fn default() -> Self {
        RuleForm {
            action: Action::Load,
            span: Span::Forever,
            period: String::new(),
            interval: String::new(),
            include_future: None,
            tiers: vec![("_default_tier".into(), "2".into())],
            extra: Map::new(),
        }
    }
}

impl RuleForm {
    /// A new rule of the given kind (the form's "Add rule"), with sensible fields.
    pub fn new(action: Action, span: Span) -> RuleForm {
        let mut r = RuleForm {
            action,
            span,
            ..RuleForm::default()
        };
        if action != Action::Load {
            r.tiers.clear();
        }
        if matches!(span, Span::Period | Span::BeforePeriod) {
            r.period = "P1M".into();
        }
        r
    }

    /// The Druid rule type, e.g. `loadByPeriod`.
    pub fn type_name(&self) -> String {
        if self.span == Span::BeforePeriod {
            return "dropBeforeByPeriod".into();
        }
        format!("{}{}", self.action.name(), self.span.suffix())
    }

    /// Reads a rule; an unknown or missing `type` is an error naming it.
    pub fn from_json(rule: &Value) -> Result<RuleForm, String> {
        let obj = rule.as_object().ok_or("a rule must be a JSON object")?;
        let ty = obj
            .get("type")
            .and_then(Value::as_str)
            .ok_or("a rule has no type")?;
        let (action, span) = parse_type(ty).ok_or_else(|| format!("unknown rule type {ty}"))?;
        let text = |k: &str| {
            obj.get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        let tiers = obj
            .get("tieredReplicants")
            .and_then(Value::as_object)
            .map(|t| {
                t.iter()
                    .map(|(tier, n)| (tier.clone(), number_text(n)))
                    .collect()
            })
            .unwrap_or_default();
        let extra = obj
            .iter()
            .filter(|(k, _)| !FORM_FIELDS.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        Ok(RuleForm {
            action,
            span,
            period: text("period"),
            interval: text("interval"),
            include_future: obj.get("includeFuture").and_then(Value::as_bool),
            tiers,
            extra,
        })
    }

    /// Writes the rule back, or says which field is wrong: a period rule needs a period, an
    /// interval rule an interval `start/end`, a load rule at least one tier with a whole number of
    /// replicas (0 or more), each tier named once.
    pub fn to_json(&self) -> Result<Value, String> {
        let mut obj = self.extra.clone();
        obj.insert("type".into(), Value::String(self.type_name()));
        match self.span {
            Span::Forever => {}
            Span::Interval => {
                let iv = self.interval.trim();
                if iv.split('/').filter(|p| !p.trim().is_empty()).count() != 2 {
                    return Err(format!(
                        "{}: the interval must be start/end, e.g. 2024-01-01/2024-02-01",
                        self.type_name()
                    ));
                }
                obj.insert("interval".into(), Value::String(iv.into()));
            }
            Span::Period | Span::BeforePeriod => {
                let p = self.period.trim();
                if !p.starts_with('P') || p.len() < 3 {
                    return Err(format!(
                        "{}: the period must be ISO 8601, e.g. P1M or PT6H",
                        self.type_name()
                    ));
                }
                obj.insert("period".into(), Value::String(p.into()));
                if self.span == Span::Period {
                    if let Some(f) = self.include_future {
                        obj.insert("includeFuture".into(), Value::Bool(f));
                    }
                }
            }
        }
        if self.action == Action::Load {
            if self.tiers.is_empty() {
                return Err(format!("{}: add at least one tier", self.type_name()));
            }
            let mut tiers = Map::new();
            for (tier, n) in &self.tiers {
                let tier = tier.trim();
                if tier.is_empty() {
                    return Err(format!("{}: a tier has no name", self.type_name()));
                }
                let n: u64 = n.trim().parse().map_err(|_| {
                    format!(
                        "{}: replicas of {tier} must be a whole number (0 or more), not '{n}'",
                        self.type_name()
                    )
                })?;
                if tiers.insert(tier.into(), Value::from(n)).is_some() {
                    return Err(format!("{}: tier {tier} is listed twice", self.type_name()));
                }
            }
            obj.insert("tieredReplicants".into(), Value::Object(tiers));
        }
        Ok(Value::Object(obj))
    }

    /// A one-line summary: `loadByPeriod P1M (+future) _default_tier×2`.
    pub fn describe(&self) -> String {
        let mut out = self.type_name();
        match self.span {
            Span::Forever => {}
            Span::Interval => out += &format!(" {}", self.interval),
            Span::Period | Span::BeforePeriod => {
                out += &format!(" {}", self.period);
                if self.span == Span::Period && self.include_future != Some(false) {
                    out += " (+future)";
                }
            }
        }
        for (tier, n) in &self.tiers {
            out += &format!(" {tier}×{n}");
        }
        out
    }
}

/// `loadByPeriod` → (Load, Period).
fn parse_type(ty: &str) -> Option<(Action, Span)> {
    if ty == "dropBeforeByPeriod" {
        return Some((Action::Drop, Span::BeforePeriod));
    }
    Action::ALL.into_iter().find_map(|a| {
        let rest = ty.strip_prefix(a.name())?;
        [Span::Forever, Span::Interval, Span::Period]
            .into_iter()
            .find(|s| s.suffix() == rest)
            .map(|s| (a, s))
    })
}

fn number_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Reads a rule list; the first rule that cannot be read is the error.
pub fn forms_from_json(rules: &[Value]) -> Result<Vec<RuleForm>, String> {
    rules.iter().map(RuleForm::from_json).collect()
}

/// Writes a rule list; the first invalid rule is the error, with its position.
pub fn forms_to_json(forms: &[RuleForm]) -> Result<Vec<Value>, String> {
    forms
        .iter()
        .enumerate()
        .map(|(i, f)| f.to_json().map_err(|e| format!("rule {}: {e}", i + 1)))
        .collect()
}

/// A one-line summary of any rule, also of one the form cannot read.
pub fn describe(rule: &Value) -> String {
    RuleForm::from_json(rule)
        .map(|f| f.describe())
        .unwrap_or_else(|_| rule.to_string())
}

/// Pretty-printed JSON (two spaces, keys sorted), the form diffs compare.
pub fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

/// `payload` of a history entry pretty-printed when it is JSON, as it is otherwise.
pub fn pretty_text(payload: &str) -> String {
    serde_json::from_str::<Value>(payload)
        .map(|v| pretty(&v))
        .unwrap_or_else(|_| payload.to_string())
}

/// Who changed something and why (`auditInfo`).
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct AuditInfo {
    /// `X-Druid-Author` of the change.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub author: String,
    /// `X-Druid-Comment` of the change.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub comment: String,
    /// The address the change came from.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub ip: String,
}

/// One entry of an audit history (`/rules/history`, `/config/history`, `/worker/history`).
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct AuditEntry {
    /// What changed: the datasource of rules, the config's name otherwise.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub key: String,
    /// Who and why.
    #[serde(rename = "auditInfo", deserialize_with = "crate::net::lenient::nullable")]
    pub audit_info: AuditInfo,
    /// The new value, as JSON text.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub payload: String,
    /// When (ISO 8601).
    #[serde(rename = "auditTime", deserialize_with = "crate::net::lenient::nullable")]
    pub audit_time: String,
}

/// Entries newest first (histories answer oldest first for `interval=`, newest first for `count=`).
pub fn newest_first(mut entries: Vec<AuditEntry>) -> Vec<AuditEntry> {
    entries.sort_by(|a, b| b.audit_time.cmp(&a.audit_time));
    entries
}

/// Which part of a history to ask for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HistoryFilter {
    /// The last `n` entries.
    Count(u32),
    /// Entries inside an interval `start/end`.
    Interval(String),
}

impl HistoryFilter {
    /// The query string (`count=20`, `interval=<start>_<end>`).
    pub fn query(&self) -> String {
        match self {
            HistoryFilter::Count(n) => format!("count={n}"),
            HistoryFilter::Interval(i) => {
                format!("interval={}", crate::systems::druid::api::interval_segment(i))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn fixture(name: &str) -> &'static str {
        match name {
            "rules" => include_str!("../fixtures/rules.json"),
            "full" => include_str!("../fixtures/rules-datasource-full.json"),
            "history" => include_str!("../fixtures/rules-history.json"),
            _ => include_str!("../fixtures/rules-post-request.json"),
        }
    }

    #[test]
    fn reads_every_recorded_rule_list() {
        let all: BTreeMap<String, Vec<Value>> = serde_json::from_str(fixture("rules")).unwrap();
        assert_eq!(all.len(), 3);
        let default = forms_from_json(&all["_default"]).unwrap();
        assert_eq!(default[0].describe(), "loadForever _default_tier×2");
        assert_eq!(
            describe(&all["social_media"][0]),
            "dropByInterval 2023-01-01T00:00:00.000Z/2023-02-01T00:00:00.000Z"
        );
        let full: Vec<Value> = serde_json::from_str(fixture("full")).unwrap();
        let forms = forms_from_json(&full).unwrap();
        assert_eq!(
            forms.iter().map(|f| f.type_name()).collect::<Vec<_>>(),
            ["dropByInterval", "loadByInterval", "loadForever"]
        );
        let post: Vec<Value> = serde_json::from_str(fixture("post")).unwrap();
        let forms = forms_from_json(&post).unwrap();
        assert_eq!(forms[0].action, Action::Broadcast);
        assert_eq!(forms[2].period, "P1M");
        // Writing the forms back gives the request as recorded.
        assert_eq!(forms_to_json(&forms).unwrap(), post);
    }

    #[test]
    fn every_rule_type_round_trips_through_the_form() {
        let rules = [
            r#"{"type":"loadForever","tieredReplicants":{"_default_tier":2,"hot":1},"useDefaultTierForNull":true}"#,
            r#"{"type":"loadByInterval","interval":"2024-01-01/2024-02-01","tieredReplicants":{"_default_tier":1}}"#,
            r#"{"type":"loadByPeriod","period":"P90D","includeFuture":true,"tieredReplicants":{"_default_tier":1}}"#,
            r#"{"type":"loadByPeriod","period":"P1M","tieredReplicants":{"hot":0}}"#,
            r#"{"type":"dropForever"}"#,
            r#"{"type":"dropByInterval","interval":"2020-01-01/2021-01-01"}"#,
            r#"{"type":"dropByPeriod","period":"P1M","includeFuture":false}"#,
            r#"{"type":"dropBeforeByPeriod","period":"P1Y"}"#,
            r#"{"type":"broadcastForever"}"#,
            r#"{"type":"broadcastByInterval","interval":"2024-01-01/2024-02-01"}"#,
            r#"{"type":"broadcastByPeriod","period":"P7D","includeFuture":true}"#,
        ];
        for text in rules {
            let json: Value = serde_json::from_str(text).unwrap();
            let form = RuleForm::from_json(&json).unwrap();
            assert_eq!(form.to_json().unwrap(), json, "{text}");
            let again = RuleForm::from_json(&form.to_json().unwrap()).unwrap();
            assert_eq!(again, form, "{text}");
        }
        // Every kind the form offers writes a rule it can read back.
        for a in Action::ALL {
            for s in Span::ALL.into_iter().filter(|s| s.fits(a)) {
                let mut f = RuleForm::new(a, s);
                if s == Span::Interval {
                    f.interval = "2024-01-01/2024-02-01".into();
                }
                let json = f.to_json().unwrap();
                assert_eq!(RuleForm::from_json(&json).unwrap(), f, "{}", f.type_name());
            }
        }
    }

    #[test]
    fn invalid_fields_are_named() {
        assert!(RuleForm::from_json(&serde_json::json!({"type": "keepForever"}))
            .unwrap_err()
            .contains("keepForever"));
        assert!(RuleForm::from_json(&serde_json::json!([1])).is_err());
        let mut f = RuleForm::new(Action::Load, Span::Forever);
        f.tiers[0].1 = "two".into();
        assert!(f.to_json().unwrap_err().contains("'two'"));
        f.tiers = vec![("a".into(), "1".into()), ("a".into(), "2".into())];
        assert!(f.to_json().unwrap_err().contains("twice"));
        f.tiers.clear();
        assert!(f.to_json().unwrap_err().contains("at least one tier"));
        let mut f = RuleForm::new(Action::Drop, Span::Interval);
        assert!(f.to_json().unwrap_err().contains("start/end"));
        f.span = Span::Period;
        f.period = "1M".into();
        let err = forms_to_json(&[RuleForm::new(Action::Drop, Span::Forever), f]).unwrap_err();
        assert!(err.starts_with("rule 2: dropByPeriod"), "{err}");
    }

    #[test]
    fn reads_the_recorded_history_and_pretty_prints_payloads() {
        let h: Vec<AuditEntry> = serde_json::from_str(fixture("history")).unwrap();
        let h = newest_first(h);
        assert_eq!(h[0].key, "wikipedia_api");
        assert_eq!(h[0].audit_info.author, "console");
        assert_eq!(h[1].audit_info.comment, "test");
        assert_eq!(h[1].audit_info.ip, "127.0.0.1");
        assert!(pretty_text(&h[0].payload).contains("\n    \"tieredReplicants\": {"));
        assert_eq!(pretty_text("not json"), "not json");
        let odd: Vec<AuditEntry> =
            serde_json::from_str(r#"[{"key":null,"auditInfo":null,"payload":"[]"}]"#).unwrap();
        assert_eq!(odd[0].audit_info, AuditInfo::default());
    }

    #[test]
    fn history_filters_become_query_strings() {
        assert_eq!(HistoryFilter::Count(20).query(), "count=20");
        assert_eq!(
            HistoryFilter::Interval("2024-01-01/2024-02-01".into()).query(),
            "interval=2024-01-01_2024-02-01"
        );
    }
}
