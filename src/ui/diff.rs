//! A line diff of two texts (configurations, rules, specs as pretty-printed JSON), shown as
//! `+`/`-` lines. A small longest-common-subsequence diff written here rather than a crate: the
//! texts are a few hundred lines at most, and this costs a few KB of wasm instead of a library's
//! worth.

use super::style::Scope;
use leptos::prelude::*;

/// Scoped styles of the diff.
pub const STYLE: (&str, &str) = stylers::style_sheet_str!("src/ui/diff.css");
const _TRACK: &str = include_str!("diff.css");

/// Above this many line pairs (after the common head and tail are set aside) the texts are shown
/// as all removed then all added, so a huge text never costs quadratic memory.
const MAX_CELLS: usize = 4_000_000;

/// One line of a diff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiffLine {
    /// In both texts.
    Same(String),
    /// Only in the new text.
    Added(String),
    /// Only in the old text.
    Removed(String),
}

impl DiffLine {
    /// `+`, `-` or a space.
    pub fn mark(&self) -> &'static str {
        match self {
            DiffLine::Same(_) => " ",
            DiffLine::Added(_) => "+",
            DiffLine::Removed(_) => "-",
        }
    }

    /// The line's text.
    pub fn text(&self) -> &str {
        match self {
            DiffLine::Same(t) | DiffLine::Added(t) | DiffLine::Removed(t) => t,
        }
    }
}

/// The lines of `old` and `new` in order, each kept, added or removed (removals before additions
/// where lines were replaced).
pub fn diff_lines(old: &str, new: &str) -> Vec<DiffLine> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let mut out: Vec<DiffLine> = a[..head]
        .iter()
        .map(|l| DiffLine::Same(l.to_string()))
        .collect();
    if ma.len().saturating_mul(mb.len()) > MAX_CELLS {
        out.extend(ma.iter().map(|l| DiffLine::Removed(l.to_string())));
        out.extend(mb.iter().map(|l| DiffLine::Added(l.to_string())));
    } else {
        middle(ma, mb, &mut out);
    }
    out.extend(
        a[a.len() - tail..]
            .iter()
            .map(|l| DiffLine::Same(l.to_string())),
    );
    out
}

/// The LCS diff of `a` and `b`, appended to `out`.
fn middle(a: &[&str], b: &[&str], out: &mut Vec<DiffLine>) {
    let (n, m) = (a.len(), b.len());
    let w = m + 1;
    // lcs[i * w + j]: length of the LCS of a[i..] and b[j..].
    let mut lcs = vec![0u32; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i * w + j] = if a[i] == b[j] {
                lcs[(i + 1) * w + j + 1] + 1
            } else {
                lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i] == b[j] {
            out.push(DiffLine::Same(a[i].to_string()));
            i += 1;
            j += 1;
        } else if lcs[(i + 1) * w + j] >= lcs[i * w + j + 1] {
            out.push(DiffLine::Removed(a[i].to_string()));
            i += 1;
        } else {
            out.push(DiffLine::Added(b[j].to_string()));
            j += 1;
        }
    }
    out.extend(a[i..].iter().map(|l| DiffLine::Removed(l.to_string())));
    out.extend(b[j..].iter().map(|l| DiffLine::Added(l.to_string())));
}

/// Whether a diff has any added or removed line.
pub fn has_changes(diff: &[DiffLine]) -> bool {
    diff.iter().any(|l| !matches!(l, DiffLine::Same(_)))
}

/// The diff as text, one `+`/`-`/space-prefixed line each (for copying and tests).
pub fn unified(diff: &[DiffLine]) -> String {
    diff.iter()
        .map(|l| format!("{}{}", l.mark(), l.text()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The diff of `old` and `new`, one line per row: added lines green with `+`, removed red with `-`.
/// `label` names it for tests (`data-diff`); "No changes" when the texts are equal.
#[component]
pub fn LineDiff(
    /// The old text.
    #[prop(into)]
    old: Signal<String>,
    /// The new text.
    #[prop(into)]
    new: Signal<String>,
    /// What it compares (`data-diff` hook).
    #[prop(into)]
    label: String,
) -> impl IntoView {
    let s = Scope::of(STYLE);
    let diff = Memo::new(move |_| old.with(|o| new.with(|n| diff_lines(o, n))));
    view! {
        <pre class=s.cls("diff") data-diff=label>
            {move || diff.with(|d| {
                if !has_changes(d) {
                    return view! { <span class=s.cls("same") data-diff-none="">"No changes"</span> }.into_any();
                }
                d.iter().map(|l| {
                    let class = match l {
                        DiffLine::Same(_) => s.cls("line same"),
                        DiffLine::Added(_) => s.cls("line added"),
                        DiffLine::Removed(_) => s.cls("line removed"),
                    };
                    view! { <span class=class data-diff-line=l.mark()>{format!("{} {}", l.mark(), l.text())}</span> }
                }).collect_view().into_any()
            })}
        </pre>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_have_no_changes() {
        let d = diff_lines("a\nb", "a\nb");
        assert!(!has_changes(&d));
        assert_eq!(unified(&d), " a\n b");
        assert!(!has_changes(&diff_lines("", "")));
    }

    #[test]
    fn a_changed_line_is_removed_then_added_and_the_rest_kept() {
        let old = "{\n  \"a\": 1,\n  \"b\": 2\n}";
        let new = "{\n  \"a\": 1,\n  \"b\": 3\n}";
        assert_eq!(
            unified(&diff_lines(old, new)),
            " {\n   \"a\": 1,\n-  \"b\": 2\n+  \"b\": 3\n }"
        );
    }

    #[test]
    fn insertions_and_deletions_in_the_middle_keep_common_lines() {
        let d = diff_lines("a\nb\nc\nd", "a\nx\nc\nd\ne");
        assert_eq!(unified(&d), " a\n-b\n+x\n c\n d\n+e");
        let d = diff_lines("a\nb\nc", "c");
        assert_eq!(unified(&d), "-a\n-b\n c");
        let d = diff_lines("", "x\ny");
        assert_eq!(unified(&d), "+x\n+y");
    }

    #[test]
    fn moved_blocks_show_as_removed_and_added() {
        let d = diff_lines("1\n2\n3", "3\n1\n2");
        assert_eq!(unified(&d), "+3\n 1\n 2\n-3");
    }
}
