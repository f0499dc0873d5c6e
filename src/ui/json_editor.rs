//! A JSON editor for specs, rules and queries: a text area that checks the JSON as it is typed
//! and says where it breaks (line, column, the line itself) before anything is sent. The text
//! stays in a signal the form owns, so it survives a failed submit.

use super::style::Scope;
use leptos::prelude::*;
use serde_json::Value;

/// Scoped styles of the JSON editor.
pub const STYLE: (&str, &str) = stylers::style_sheet_str!("src/ui/json_editor.css");
const _TRACK: &str = include_str!("json_editor.css");

/// Where a JSON text breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonProblem {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
    /// What serde_json says.
    pub message: String,
    /// The text of that line.
    pub excerpt: String,
}

impl JsonProblem {
    /// `line 3, column 7: expected ...`, then the line and a caret under the column.
    pub fn describe(&self) -> String {
        let caret = " ".repeat(self.column.saturating_sub(1)) + "^";
        format!(
            "line {}, column {}: {}\n{}\n{}",
            self.line, self.column, self.message, self.excerpt, caret
        )
    }
}

/// Parses `text` as JSON: the value, or where and why it breaks.
pub fn check_json(text: &str) -> Result<Value, JsonProblem> {
    serde_json::from_str::<Value>(text).map_err(|e| {
        let line = e.line().max(1);
        let message = e.to_string();
        // serde_json appends " at line L column C"; the position is shown apart.
        let message = message
            .rsplit_once(" at line ")
            .map(|(m, _)| m.to_string())
            .unwrap_or(message);
        JsonProblem {
            line,
            column: e.column().max(1),
            message,
            excerpt: text.lines().nth(line - 1).unwrap_or("").to_string(),
        }
    })
}

/// The editor. `text` is the document (owned by the form); the problem, if any, shows under it.
#[component]
pub fn JsonEditor(
    /// The JSON text.
    text: RwSignal<String>,
    /// Accessible label (and `data-json-editor` hook for tests).
    #[prop(into)]
    label: String,
    /// Visible rows.
    #[prop(optional)]
    rows: Option<u32>,
) -> impl IntoView {
    let s = Scope::of(STYLE);
    let problem = Memo::new(move |_| text.with(|t| check_json(t).err()));
    let area_class = {
        let (ok, bad) = (s.cls("area"), s.cls("area area-bad"));
        move || {
            if problem.with(Option::is_some) {
                bad.clone()
            } else {
                ok.clone()
            }
        }
    };
    view! {
        <div class=s.cls("editor")>
            <textarea class=area_class aria-label=label.clone() data-json-editor=label spellcheck="false"
                rows=rows.unwrap_or(18).to_string()
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            {move || match problem.get() {
                Some(p) => view! { <div class=s.cls("problem") role="alert" data-json-problem=format!("{}:{}", p.line, p.column)>{p.describe()}</div> }.into_any(),
                None => view! { <div class=s.cls("ok")>"Valid JSON"</div> }.into_any(),
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_json_parses_and_broken_json_says_where() {
        assert!(check_json(r#"{"a": [1, 2]}"#).is_ok());
        let p = check_json("{\n  \"type\": \"index\",\n  \"spec\": {,\n}").unwrap_err();
        assert_eq!((p.line, p.column), (3, 12));
        assert_eq!(p.excerpt, "  \"spec\": {,");
        assert!(
            p.message.starts_with("key must be a string"),
            "{}",
            p.message
        );
        assert!(p.describe().ends_with("\n           ^"), "{}", p.describe());
        let p = check_json("").unwrap_err();
        assert_eq!(p.line, 1);
    }
}
