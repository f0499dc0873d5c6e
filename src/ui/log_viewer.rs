//! A viewer for large text files (logs, stdout): shows the tail, loads earlier lines on demand,
//! filters lines by a search, and downloads the whole file. Only a window of lines is drawn, so a
//! log of many megabytes stays responsive.

use super::download::download_text;
use super::style::Scope;
use leptos::prelude::*;

/// Scoped styles of the log viewer.
pub const STYLE: (&str, &str) = stylers::style_sheet_str!("src/ui/log_viewer.css");
const _TRACK: &str = include_str!("log_viewer.css");

/// Lines shown at first, and added by each "load more".
pub const PAGE_LINES: usize = 1000;
/// Matches listed at most by a search.
pub const MAX_MATCHES: usize = 5000;

/// The lines to draw as `(1-based line number, line)`, and whether more matched than are listed.
/// Without a search: the last `shown` lines. With one: the lines of the whole file that contain
/// it (case-insensitive), at most [`MAX_MATCHES`].
pub fn visible_lines<'a>(
    text: &'a str,
    needle: &str,
    shown: usize,
) -> (Vec<(usize, &'a str)>, bool) {
    let lines: Vec<&str> = text.lines().collect();
    let needle = needle.trim().to_lowercase();
    if needle.is_empty() {
        let start = lines.len().saturating_sub(shown);
        return (
            lines[start..]
                .iter()
                .enumerate()
                .map(|(i, l)| (start + i + 1, *l))
                .collect(),
            false,
        );
    }
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if l.to_lowercase().contains(&needle) {
            if out.len() == MAX_MATCHES {
                return (out, true);
            }
            out.push((i + 1, *l));
        }
    }
    (out, false)
}

/// Shows `text` (the file named `file_name`) with tail, load more, search and download.
#[component]
pub fn LogViewer(
    /// The whole file.
    #[prop(into)]
    text: Signal<String>,
    /// Name used for the download.
    #[prop(into)]
    file_name: String,
) -> impl IntoView {
    let s = Scope::of(STYLE);
    let shown = RwSignal::new(PAGE_LINES);
    let needle = RwSignal::new(String::new());
    let scroller = NodeRef::<leptos::html::Div>::new();
    let total = Memo::new(move |_| text.with(|t| t.lines().count()));
    let window = Memo::new(move |_| {
        text.with(|t| {
            let (lines, more) = visible_lines(t, &needle.get(), shown.get());
            let numbers = lines
                .iter()
                .map(|(n, _)| n.to_string())
                .collect::<Vec<_>>()
                .join("\n");
            let body = lines.iter().map(|(_, l)| *l).collect::<Vec<_>>().join("\n");
            (numbers, body, lines.len(), more)
        })
    });
    // Start at the end of the file, like `tail`.
    Effect::new(move |done: Option<bool>| {
        let has_text = text.with(|t| !t.is_empty());
        if done != Some(true) && has_text {
            request_animation_frame(move || {
                if let Some(el) = scroller.get_untracked() {
                    el.set_scroll_top(el.scroll_height());
                }
            });
            return true;
        }
        done.unwrap_or(false)
    });
    let info = move || {
        let (_, _, n, more) = window.get();
        let all = total.get();
        if needle.with(|x| x.trim().is_empty()) {
            format!("Last {n} of {all} lines")
        } else {
            format!("{n}{} matching lines of {all}", if more { "+" } else { "" })
        }
    };
    let can_load_more = move || needle.with(|x| x.trim().is_empty()) && shown.get() < total.get();
    let download = {
        let name = file_name.clone();
        move |_| text.with_untracked(|t| download_text(&name, "text/plain", t))
    };
    view! {
        <div class=s.cls("viewer") data-log-viewer=file_name.clone()>
            <div class=s.cls("tools")>
                <input class=s.cls("search") type="search" placeholder="Search lines" aria-label="Search the log"
                    prop:value=move || needle.get() on:input=move |ev| needle.set(event_target_value(&ev)) />
                <Show when=can_load_more>
                    <button on:click=move |_| shown.update(|n| *n += PAGE_LINES)>{format!("Load {PAGE_LINES} earlier lines")}</button>
                    <button on:click=move |_| shown.set(usize::MAX)>"Show all"</button>
                </Show>
                <button on:click=download title="Download the whole file">"Download"</button>
                <span class=s.cls("info") data-lines=move || window.with(|w| w.2.to_string())>{info}</span>
            </div>
            <div class=s.cls("scroll") node_ref=scroller>
                <pre class=s.cls("gutter") aria-hidden="true">{move || window.with(|w| w.0.clone())}</pre>
                <pre class=s.cls("text")>{move || window.with(|w| w.1.clone())}</pre>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_the_tail_with_line_numbers() {
        let text = (1..=10)
            .map(|i| format!("line {i}"))
            .collect::<Vec<_>>()
            .join("\n");
        let (lines, more) = visible_lines(&text, "", 3);
        assert_eq!(lines, vec![(8, "line 8"), (9, "line 9"), (10, "line 10")]);
        assert!(!more);
        assert_eq!(visible_lines(&text, "", 100).0.len(), 10);
    }

    #[test]
    fn search_finds_matches_in_the_whole_file_case_insensitively() {
        let text = "INFO start\nWARN disk\ninfo again\nERROR boom";
        let (lines, _) = visible_lines(text, "Info", 1);
        assert_eq!(lines, vec![(1, "INFO start"), (3, "info again")]);
        let many = "x\n".repeat(MAX_MATCHES + 5);
        let (lines, more) = visible_lines(&many, "x", 10);
        assert_eq!(lines.len(), MAX_MATCHES);
        assert!(more);
    }
}
