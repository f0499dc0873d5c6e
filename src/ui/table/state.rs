//! The data table's logic, free of the DOM: cell values, filtering, sorting, paging, and the
//! state's round trip through the URL query string.

use crate::url_state::Query;
use std::cmp::Ordering;

/// A cell's value as the table sorts, filters and exports it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// No value (sorts last, exports empty).
    Empty,
    /// Text, compared case-insensitively.
    Text(String),
    /// A number, compared numerically; filters may use `>`, `<`, `>=`, `<=`, `=`.
    Num(f64),
}

impl Cell {
    /// The text shown and exported for this cell.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Num(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Num(n) => format!("{n}"),
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}
impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}
impl From<f64> for Cell {
    fn from(n: f64) -> Cell {
        Cell::Num(n)
    }
}
impl From<i64> for Cell {
    fn from(n: i64) -> Cell {
        Cell::Num(n as f64)
    }
}
impl From<u64> for Cell {
    fn from(n: u64) -> Cell {
        Cell::Num(n as f64)
    }
}
impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Cell {
        v.map(Into::into).unwrap_or(Cell::Empty)
    }
}

/// Sort direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    /// Smallest first.
    Asc,
    /// Largest first.
    Desc,
}

/// Everything about how a table is being looked at; all of it lives in the URL.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct TableState {
    /// Global search over the visible columns.
    pub search: String,
    /// Per-column filters: `(column id, filter text)`.
    pub filters: Vec<(String, String)>,
    /// The sort column and direction.
    pub sort: Option<(String, Dir)>,
    /// Zero-based page.
    pub page: usize,
    /// Rows per page.
    pub page_size: usize,
    /// Hidden column ids (the column chooser).
    pub hidden: Vec<String>,
}

/// The page size of "all rows on one page" (`size=all` in the URL); the table then renders only
/// the rows in view.
pub const ALL: usize = usize::MAX;
/// Page sizes the table offers.
pub const PAGE_SIZES: [usize; 5] = [25, 100, 500, 1000, ALL];
/// The page size when the URL names none.
pub const DEFAULT_PAGE_SIZE: usize = 100;

impl TableState {
    /// Reads the state of the table whose keys start with `prefix` (e.g. `jobs.`).
    pub fn from_query(prefix: &str, q: &Query) -> TableState {
        let key = |k: &str| format!("{prefix}{k}");
        let filter_prefix = key("f.");
        let filters =
            q.0.iter()
                .filter_map(|(k, v)| {
                    k.strip_prefix(&filter_prefix)
                        .map(|c| (c.to_string(), v.clone()))
                })
                .filter(|(_, v)| !v.is_empty())
                .collect();
        let sort = q.get(&key("sort")).and_then(|s| {
            let (col, dir) = s.rsplit_once(':').unwrap_or((s, "asc"));
            let dir = if dir == "desc" { Dir::Desc } else { Dir::Asc };
            (!col.is_empty()).then(|| (col.to_string(), dir))
        });
        TableState {
            search: q.get(&key("q")).unwrap_or_default().to_string(),
            filters,
            sort,
            page: q
                .get(&key("page"))
                .and_then(|p| p.parse::<usize>().ok())
                .map(|p| p.saturating_sub(1))
                .unwrap_or(0),
            page_size: q
                .get(&key("size"))
                .and_then(|p| {
                    if p == "all" {
                        Some(ALL)
                    } else {
                        p.parse().ok()
                    }
                })
                .filter(|s| PAGE_SIZES.contains(s))
                .unwrap_or(DEFAULT_PAGE_SIZE),
            hidden: q
                .get(&key("hide"))
                .map(|h| {
                    h.split(',')
                        .filter(|c| !c.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    /// Writes this state into `q` under `prefix`, replacing what was there; defaults are left out
    /// so links stay short.
    pub fn write_query(&self, prefix: &str, q: &mut Query) {
        let key = |k: &str| format!("{prefix}{k}");
        for k in ["q", "sort", "page", "size", "hide"] {
            q.remove(&key(k));
        }
        q.remove_prefix(&key("f."));
        q.set(&key("q"), self.search.clone());
        for (col, f) in &self.filters {
            q.set(&key(&format!("f.{col}")), f.clone());
        }
        if let Some((col, dir)) = &self.sort {
            let d = if *dir == Dir::Desc { "desc" } else { "asc" };
            q.set(&key("sort"), format!("{col}:{d}"));
        }
        if self.page > 0 {
            q.set(&key("page"), (self.page + 1).to_string());
        }
        if self.page_size != DEFAULT_PAGE_SIZE {
            let size = if self.page_size == ALL {
                "all".to_string()
            } else {
                self.page_size.to_string()
            };
            q.set(&key("size"), size);
        }
        q.set(&key("hide"), self.hidden.join(","));
    }

    /// The filter text of a column.
    pub fn filter(&self, col: &str) -> &str {
        self.filters
            .iter()
            .find(|(c, _)| c == col)
            .map(|(_, f)| f.as_str())
            .unwrap_or("")
    }

    /// Sets (or clears, when empty) a column filter and goes back to the first page.
    pub fn set_filter(&mut self, col: &str, text: &str) {
        self.filters.retain(|(c, _)| c != col);
        if !text.is_empty() {
            self.filters.push((col.to_string(), text.to_string()));
        }
        self.page = 0;
    }

    /// Cycles a column's sort: ascending, descending, none.
    pub fn toggle_sort(&mut self, col: &str) {
        self.sort = match &self.sort {
            Some((c, Dir::Asc)) if c == col => Some((col.to_string(), Dir::Desc)),
            Some((c, Dir::Desc)) if c == col => None,
            _ => Some((col.to_string(), Dir::Asc)),
        };
        self.page = 0;
    }

    /// Whether a column is shown.
    pub fn is_visible(&self, col: &str) -> bool {
        !self.hidden.iter().any(|h| h == col)
    }
}

/// A column filter, parsed: numeric comparisons or a case-insensitive substring.
#[derive(Debug, PartialEq)]
enum Filter {
    Contains(String),
    Cmp(Ordering, bool, f64),
}

fn parse_filter(text: &str) -> Filter {
    let t = text.trim();
    let (op, rest) = if let Some(r) = t.strip_prefix(">=") {
        (Some((Ordering::Greater, true)), r)
    } else if let Some(r) = t.strip_prefix("<=") {
        (Some((Ordering::Less, true)), r)
    } else if let Some(r) = t.strip_prefix('>') {
        (Some((Ordering::Greater, false)), r)
    } else if let Some(r) = t.strip_prefix('<') {
        (Some((Ordering::Less, false)), r)
    } else if let Some(r) = t.strip_prefix('=') {
        (Some((Ordering::Equal, true)), r)
    } else {
        (None, t)
    };
    match (op, rest.trim().parse::<f64>()) {
        (Some((ord, eq)), Ok(n)) => Filter::Cmp(ord, eq, n),
        _ => Filter::Contains(t.to_lowercase()),
    }
}

/// Whether `cell`'s text contains `needle` (already lower case), ignoring case; ASCII text (most
/// of what servers send) is compared in place, without copying the cell.
fn contains(cell: &Cell, needle: &str) -> bool {
    match cell {
        Cell::Text(t) if t.is_ascii() && needle.is_ascii() => {
            let n = needle.as_bytes();
            n.is_empty()
                || t.as_bytes()
                    .windows(n.len())
                    .any(|w| w.eq_ignore_ascii_case(n))
        }
        _ => cell.display().to_lowercase().contains(needle),
    }
}

fn matches(cell: &Cell, f: &Filter) -> bool {
    match f {
        Filter::Contains(s) => contains(cell, s),
        Filter::Cmp(ord, eq, n) => match cell {
            Cell::Num(v) => {
                let c = v.partial_cmp(n).unwrap_or(Ordering::Less);
                c == *ord || (*eq && c == Ordering::Equal)
            }
            _ => false,
        },
    }
}

/// What the global search looks through: the searched cells of every row, lower case, in one
/// string (each cell followed by a separator that no typed search contains), so a search is one
/// pass over one string instead of formatting and lowering every cell at every keystroke.
#[derive(Debug, Default)]
pub struct SearchText {
    text: String,
    /// Where each row starts in `text`; one more entry than rows (the end).
    starts: Vec<usize>,
}

/// Ends each cell in [`SearchText`]: a control character no search box can hold.
const CELL_END: char = '\u{1f}';

impl SearchText {
    /// The search text of `rows` over the columns `searched` (indices into each row's cells).
    pub fn build(rows: &[Vec<Cell>], searched: &[usize]) -> SearchText {
        let mut text = String::with_capacity(rows.len() * 16 * searched.len().max(1));
        let mut starts = Vec::with_capacity(rows.len() + 1);
        for row in rows {
            starts.push(text.len());
            for cell in searched.iter().filter_map(|&i| row.get(i)) {
                match cell {
                    Cell::Text(t) if t.is_ascii() => {
                        let from = text.len();
                        text.push_str(t);
                        text[from..].make_ascii_lowercase();
                    }
                    Cell::Text(t) => text.push_str(&t.to_lowercase()),
                    Cell::Num(_) => text.push_str(&cell.display().to_lowercase()),
                    Cell::Empty => {}
                }
                text.push(CELL_END);
            }
        }
        starts.push(text.len());
        SearchText { text, starts }
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn row(&self, r: usize) -> &str {
        match (self.starts.get(r), self.starts.get(r + 1)) {
            (Some(&a), Some(&b)) => &self.text[a..b],
            _ => "",
        }
    }

    /// Whether row `r` holds `needle` (lower case).
    pub fn row_contains(&self, r: usize, needle: &str) -> bool {
        self.row(r).contains(needle)
    }

    /// The rows holding `needle` (lower case), in row order: one scan of the whole text.
    pub fn rows_containing(&self, needle: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(found) = self.text.get(at..).and_then(|t| t.find(needle)) {
            // The row that holds the match (`starts` is sorted), then on past that row.
            let r = self.starts.partition_point(|&s| s <= at + found) - 1;
            out.push(r);
            at = self.starts[r + 1];
            if at >= self.text.len() {
                break;
            }
        }
        out
    }
}

/// The rows a table shows and how it chose them, kept so that the next keystroke of a search
/// that only grows looks through these rows instead of all of them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Shown {
    search: String,
    filters: Vec<(String, String)>,
    sort: Option<(String, Dir)>,
    hidden: Vec<String>,
    /// Indices into the rows, in the order shown.
    pub order: Vec<usize>,
}

/// The rows (indices into `rows`) that pass the search and filters, in sort order.
/// `columns` are the column ids, in the order of each row's cells.
pub fn visible_rows(columns: &[&str], rows: &[Vec<Cell>], state: &TableState) -> Vec<usize> {
    let searched: Vec<usize> = (0..columns.len())
        .filter(|&i| state.is_visible(columns[i]))
        .collect();
    TableCache::default().order(0, columns, rows, &searched, state)
}

/// What a table keeps between computations over the same rows and columns: the search text
/// and the rows shown a keystroke ago.
#[derive(Debug, Default)]
pub struct TableCache {
    /// The version of the rows and columns this was computed for.
    epoch: u64,
    search: Option<SearchText>,
    shown: Option<Shown>,
}

impl TableCache {
    /// Forgets everything when the rows or columns (`epoch`) changed.
    fn at(&mut self, epoch: u64) {
        if self.epoch != epoch {
            *self = TableCache {
                epoch,
                ..TableCache::default()
            };
        }
    }

    /// Builds the search text of `rows` over the `searched` columns unless it is there (done
    /// ahead of the first search, in a task of its own).
    pub fn prepare(&mut self, epoch: u64, rows: &[Vec<Cell>], searched: &[usize]) -> &SearchText {
        self.at(epoch);
        self.search
            .get_or_insert_with(|| SearchText::build(rows, searched))
    }

    /// The rows shown for `state`, in order (see [`shown_rows`]).
    pub fn order(
        &mut self,
        epoch: u64,
        columns: &[&str],
        rows: &[Vec<Cell>],
        searched: &[usize],
        state: &TableState,
    ) -> Vec<usize> {
        self.at(epoch);
        if !state.search.trim().is_empty() {
            self.prepare(epoch, rows, searched);
        }
        let previous = self.shown.take();
        let shown = shown_rows(
            columns,
            rows,
            self.search.as_ref(),
            state,
            previous.as_ref(),
        );
        let order = shown.order.clone();
        self.shown = Some(shown);
        order
    }
}

/// [`visible_rows`], searching `search` (the [`SearchText`] of these rows over the visible
/// columns; without one the search is left out), and narrowing `previous` (the answer for the same rows a keystroke ago)
/// when the filters and sort are the same and the search only grew.
pub fn shown_rows(
    columns: &[&str],
    rows: &[Vec<Cell>],
    search: Option<&SearchText>,
    state: &TableState,
    previous: Option<&Shown>,
) -> Shown {
    let needle = state.search.trim().to_lowercase();
    let search = search.filter(|s| s.len() == rows.len());
    let mut shown = Shown {
        search: needle.clone(),
        filters: state.filters.clone(),
        sort: state.sort.clone(),
        hidden: state.hidden.clone(),
        order: Vec::new(),
    };
    if let Some(prev) = previous.filter(|p| {
        p.filters == state.filters
            && p.sort == state.sort
            && p.hidden == state.hidden
            && needle.contains(&p.search)
    }) {
        // A longer search over the same filters and sort: a subset of the rows shown, in the same
        // order.
        shown.order = prev
            .order
            .iter()
            .copied()
            .filter(|&r| needle == prev.search || search.is_none_or(|s| s.row_contains(r, &needle)))
            .collect();
        return shown;
    }
    let filters: Vec<(usize, Filter)> = state
        .filters
        .iter()
        .filter_map(|(c, f)| {
            columns
                .iter()
                .position(|x| x == c)
                .map(|i| (i, parse_filter(f)))
        })
        .collect();
    let passes_filters = |r: &usize| {
        let row = &rows[*r];
        filters
            .iter()
            .all(|(i, f)| row.get(*i).is_some_and(|c| matches(c, f)))
    };
    let out: Vec<usize> = match search {
        _ if needle.is_empty() => (0..rows.len()).filter(passes_filters).collect(),
        Some(s) => s
            .rows_containing(&needle)
            .into_iter()
            .filter(passes_filters)
            .collect(),
        None => (0..rows.len()).filter(passes_filters).collect(),
    };
    shown.order = sort_rows(columns, rows, state, out);
    shown
}

/// `out` in the state's sort order (as it is when there is no sort).
fn sort_rows(
    columns: &[&str],
    rows: &[Vec<Cell>],
    state: &TableState,
    out: Vec<usize>,
) -> Vec<usize> {
    let Some((col, dir)) = &state.sort else {
        return out;
    };
    let Some(i) = columns.iter().position(|c| c == col) else {
        return out;
    };
    // Each row's key is computed once (text lowered once, not at every comparison).
    let empty = Cell::Empty;
    let mut keyed: Vec<(SortKey, usize)> = out
        .iter()
        .map(|&r| (SortKey::of(rows[r].get(i).unwrap_or(&empty)), r))
        .collect();
    keyed.sort_by(|(a, _), (b, _)| {
        let o = a.compare(b);
        if *dir == Dir::Desc && !matches!((a, b), (SortKey::Empty, _) | (_, SortKey::Empty)) {
            o.reverse()
        } else {
            o
        }
    });
    keyed.into_iter().map(|(_, r)| r).collect()
}

/// A cell as the sort compares it, computed once per row.
enum SortKey<'a> {
    Num(f64),
    Text(String, &'a str),
    Empty,
}

impl<'a> SortKey<'a> {
    fn of(cell: &'a Cell) -> SortKey<'a> {
        match cell {
            Cell::Num(n) => SortKey::Num(*n),
            Cell::Text(t) => SortKey::Text(t.to_lowercase(), t),
            Cell::Empty => SortKey::Empty,
        }
    }

    fn compare(&self, other: &SortKey) -> Ordering {
        use SortKey::*;
        match (self, other) {
            (Num(a), Num(b)) => a.partial_cmp(b).unwrap_or(Ordering::Equal),
            (Empty, Empty) => Ordering::Equal,
            (Empty, _) => Ordering::Greater,
            (_, Empty) => Ordering::Less,
            (Num(_), Text(..)) => Ordering::Less,
            (Text(..), Num(_)) => Ordering::Greater,
            (Text(a, x), Text(b, y)) => a.cmp(b).then_with(|| x.cmp(y)),
        }
    }
}

/// The number of pages for `total` rows (at least 1).
pub fn page_count(total: usize, page_size: usize) -> usize {
    total.div_ceil(page_size.max(1)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<Vec<Cell>> {
        vec![
            vec!["wordcount".into(), Cell::Num(4.0), "RUNNING".into()],
            vec!["Alpha".into(), Cell::Num(12.0), "FAILED".into()],
            vec!["beta".into(), Cell::Empty, "RUNNING".into()],
            vec!["gamma".into(), Cell::Num(1.5), "FINISHED".into()],
        ]
    }
    const COLS: [&str; 3] = ["name", "parallelism", "state"];

    #[test]
    fn sorts_text_case_insensitively_and_numbers_numerically_with_empty_last() {
        let mut s = TableState::default();
        s.toggle_sort("name");
        assert_eq!(visible_rows(&COLS, &rows(), &s), vec![1, 2, 3, 0]);
        s.toggle_sort("parallelism");
        assert_eq!(visible_rows(&COLS, &rows(), &s), vec![3, 0, 1, 2]);
        s.toggle_sort("parallelism");
        assert_eq!(visible_rows(&COLS, &rows(), &s), vec![1, 0, 3, 2]);
        s.toggle_sort("parallelism");
        assert_eq!(s.sort, None);
    }

    #[test]
    fn filters_by_substring_and_numeric_comparison() {
        let mut s = TableState::default();
        s.set_filter("state", "run");
        assert_eq!(visible_rows(&COLS, &rows(), &s), vec![0, 2]);
        s.set_filter("state", "");
        s.set_filter("parallelism", ">=4");
        assert_eq!(visible_rows(&COLS, &rows(), &s), vec![0, 1]);
        s.set_filter("parallelism", "<2");
        assert_eq!(visible_rows(&COLS, &rows(), &s), vec![3]);
    }

    #[test]
    fn global_search_skips_hidden_columns() {
        let mut s = TableState {
            search: "fail".into(),
            ..Default::default()
        };
        assert_eq!(visible_rows(&COLS, &rows(), &s), vec![1]);
        s.hidden = vec!["state".into()];
        assert!(visible_rows(&COLS, &rows(), &s).is_empty());
    }

    #[test]
    fn state_round_trips_through_the_url_and_keeps_other_keys() {
        let mut s = TableState {
            search: "a b".into(),
            page: 2,
            page_size: 500,
            ..Default::default()
        };
        s.set_filter("state", ">3");
        s.toggle_sort("name");
        s.toggle_sort("name");
        assert_eq!(s.page, 0, "changing the sort goes back to the first page");
        s.page = 2;
        s.hidden = vec!["x".into(), "y".into()];
        let mut q = Query::parse("tab=graph&jobs.f.old=1");
        s.write_query("jobs.", &mut q);
        let q2 = Query::parse(&q.to_query_string());
        assert_eq!(TableState::from_query("jobs.", &q2), s);
        assert_eq!(q2.get("tab"), Some("graph"));
        assert_eq!(q2.get("jobs.f.old"), None);
        assert_eq!(q2.get("jobs.page"), Some("3"));
    }

    #[test]
    fn defaults_stay_out_of_the_url() {
        let mut q = Query::default();
        TableState {
            page_size: DEFAULT_PAGE_SIZE,
            ..Default::default()
        }
        .write_query("t.", &mut q);
        assert_eq!(q.to_query_string(), "");
    }

    #[test]
    fn all_rows_on_one_page_round_trip_as_all() {
        let s = TableState {
            page_size: ALL,
            ..Default::default()
        };
        let mut q = Query::default();
        s.write_query("t.", &mut q);
        assert_eq!(q.get("t.size"), Some("all"));
        assert_eq!(TableState::from_query("t.", &q).page_size, ALL);
        assert_eq!(page_count(100_000, ALL), 1);
    }

    #[test]
    fn search_ignores_case_in_ascii_and_other_text() {
        let rows = vec![
            vec!["ÉTÉ".into(), Cell::Num(10.0), "x".into()],
            vec!["Wiki".into(), Cell::Num(105.0), "x".into()],
        ];
        let mut s = TableState {
            search: "été".into(),
            ..Default::default()
        };
        assert_eq!(visible_rows(&COLS, &rows, &s), vec![0]);
        s.search = "IKI".into();
        assert_eq!(visible_rows(&COLS, &rows, &s), vec![1]);
        s.search = "10".into();
        assert_eq!(visible_rows(&COLS, &rows, &s), vec![0, 1]);
    }

    #[test]
    fn the_search_text_finds_the_same_rows_as_the_cells() {
        let rows = vec![
            vec!["ÉTÉ".into(), Cell::Num(10.0), "x".into()],
            vec!["Wiki".into(), Cell::Empty, "RUNNING".into()],
            vec![Cell::Empty, Cell::Empty, Cell::Empty],
            vec!["wiki-2".into(), Cell::Num(1e20), "kttm".into()],
        ];
        let searched = [0, 1, 2];
        let text = SearchText::build(&rows, &searched);
        assert_eq!(text.len(), 4);
        for needle in ["été", "wiki", "10", "1e20", "x", "ng", "kttm", "z", "i"] {
            let s = TableState {
                search: needle.into(),
                ..Default::default()
            };
            let with = shown_rows(&COLS, &rows, Some(&text), &s, None).order;
            assert_eq!(with, visible_rows(&COLS, &rows, &s), "{needle}");
            assert_eq!(text.rows_containing(needle), with, "{needle}");
        }
        // A match never runs from one cell into the next.
        assert!(text.rows_containing("10x").is_empty());
        // Hidden columns are left out of the text the view builds.
        assert!(SearchText::build(&rows, &[0])
            .rows_containing("kttm")
            .is_empty());
    }

    #[test]
    fn a_growing_search_narrows_the_rows_shown_in_their_order() {
        let rows: Vec<Vec<Cell>> = (0..2_000)
            .map(|i| {
                vec![
                    format!("ds_{}", i % 37).into(),
                    Cell::Num((i % 101) as f64),
                    ["kttm", "wiki", "KtTm-2"][i % 3].into(),
                ]
            })
            .collect();
        let text = SearchText::build(&rows, &[0, 1, 2]);
        let mut s = TableState::default();
        s.toggle_sort("parallelism");
        s.toggle_sort("parallelism");
        s.set_filter("parallelism", ">5");
        let mut prev: Option<Shown> = None;
        for typed in ["k", "kt", "ktt", "kttm", "kttm-", "kttm-2"] {
            s.search = typed.into();
            let next = shown_rows(&COLS, &rows, Some(&text), &s, prev.as_ref());
            assert_eq!(next.order, visible_rows(&COLS, &rows, &s), "{typed}");
            prev = Some(next);
        }
        assert!(!prev.as_ref().unwrap().order.is_empty());
        // A shorter search, or another filter, starts again from all rows.
        s.search = "wik".into();
        let wik = shown_rows(&COLS, &rows, Some(&text), &s, prev.as_ref());
        assert_eq!(wik.order, visible_rows(&COLS, &rows, &s));
        assert!(!wik.order.is_empty());
        s.set_filter("parallelism", ">50");
        let other = shown_rows(&COLS, &rows, Some(&text), &s, Some(&wik));
        assert_eq!(other.order, visible_rows(&COLS, &rows, &s));
        s.hidden = vec!["state".into()];
        s.search = "wiki".into();
        let text = SearchText::build(&rows, &[0, 1]);
        let hidden = shown_rows(&COLS, &rows, Some(&text), &s, Some(&other));
        assert!(hidden.order.is_empty(), "the state column is hidden");
    }

    #[test]
    fn unknown_page_sizes_fall_back() {
        let s = TableState::from_query("", &Query::parse("size=7&page=0"));
        assert_eq!((s.page_size, s.page), (DEFAULT_PAGE_SIZE, 0));
    }

    #[test]
    fn handles_a_hundred_thousand_rows() {
        let rows: Vec<Vec<Cell>> = (0..100_000)
            .map(|i| {
                vec![
                    format!("segment_{i:06}").into(),
                    Cell::Num((i % 977) as f64),
                    "x".into(),
                ]
            })
            .collect();
        let mut s = TableState::default();
        s.toggle_sort("parallelism");
        s.toggle_sort("parallelism");
        s.set_filter("name", "_09");
        let v = visible_rows(&COLS, &rows, &s);
        assert_eq!(v.len(), 10_000);
        assert!(matches!(rows[v[0]][1], Cell::Num(n) if n == 976.0));
        assert_eq!(page_count(v.len(), 100), 100);
    }
}
