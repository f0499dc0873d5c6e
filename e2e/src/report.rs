//! The rows of `make bench`'s one table: each figure beside its baseline measured in the same run,
//! as `median (min-max)` over the runs, and the ratio of the medians (Switchboard ÷ baseline).
//! Each benchmark binary prints its rows and also appends them to `$SWITCHBOARD_BENCH_ROWS/<part>.tsv`
//! (when that is set); `bench_report` prints them all as one table at the end.

use std::io::Write;

/// One row of the table.
#[derive(Clone, Debug)]
pub struct Row {
    /// What is measured, with its unit.
    pub figure: String,
    /// What it is compared with.
    pub baseline: String,
    /// The baseline's cell.
    pub base: String,
    /// Switchboard's cell.
    pub ours: String,
    /// Switchboard ÷ baseline (NaN: not measured).
    pub ratio: f64,
}

/// (median, min, max) of the samples that are numbers; NaN when there are none.
pub fn stats(mut v: Vec<f64>) -> (f64, f64, f64) {
    v.retain(|x| !x.is_nan());
    v.sort_by(|a, b| a.total_cmp(b));
    if v.is_empty() {
        return (f64::NAN, f64::NAN, f64::NAN);
    }
    let n = v.len();
    let med = if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    };
    (med, v[0], v[n - 1])
}

/// `median (min-max)` with `digits` decimals; one value alone when all runs agree.
pub fn cell((m, lo, hi): (f64, f64, f64), digits: usize) -> String {
    if m.is_nan() {
        "n/a".into()
    } else if lo == hi {
        format!("{m:.digits$}")
    } else {
        format!("{m:.digits$} ({lo:.digits$}-{hi:.digits$})")
    }
}

impl Row {
    /// A row comparing samples of Switchboard with samples of its baseline.
    pub fn compare(
        figure: &str,
        baseline: &str,
        base: Vec<f64>,
        ours: Vec<f64>,
        digits: usize,
    ) -> Row {
        let (b, o) = (stats(base), stats(ours));
        Row {
            figure: figure.into(),
            baseline: baseline.into(),
            base: cell(b, digits),
            ours: cell(o, digits),
            ratio: o.0 / b.0,
        }
    }
}

/// Width of the figure column.
const FIGURE_W: usize = 40;

/// The table's header line.
pub fn header() -> String {
    format!(
        "{:<FIGURE_W$} {:<22} {:>22} {:>22} {:>7}",
        "figure (median (min-max))", "baseline", "baseline", "Switchboard", "ratio"
    )
}

/// One row as a line of the table.
pub fn line(r: &Row) -> String {
    let ratio = if r.ratio.is_finite() {
        format!("{:.2}", r.ratio)
    } else {
        "-".into()
    };
    format!(
        "{:<FIGURE_W$} {:<22} {:>22} {:>22} {:>7}",
        r.figure, r.baseline, r.base, r.ours, ratio
    )
}

/// Prints the rows (under a header) and appends them to `$SWITCHBOARD_BENCH_ROWS/<part>.tsv`.
pub fn emit(part: &str, rows: &[Row]) {
    println!("{}", header());
    for r in rows {
        println!("{}", line(r));
    }
    let Ok(dir) = std::env::var("SWITCHBOARD_BENCH_ROWS") else {
        return;
    };
    let _ = std::fs::create_dir_all(&dir);
    let path = std::path::Path::new(&dir).join(format!("{part}.tsv"));
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    for r in rows {
        let clean = |s: &str| s.replace(['\t', '\n'], " ");
        let _ = writeln!(
            f,
            "{}\t{}\t{}\t{}\t{}",
            clean(&r.figure),
            clean(&r.baseline),
            clean(&r.base),
            clean(&r.ours),
            r.ratio
        );
    }
}

/// Reads the rows of a `.tsv` file written by [`emit`].
pub fn read(text: &str) -> Vec<Row> {
    text.lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() == 5).then(|| Row {
                figure: f[0].into(),
                baseline: f[1].into(),
                base: f[2].into(),
                ours: f[3].into(),
                ratio: f[4].parse().unwrap_or(f64::NAN),
            })
        })
        .collect()
}

/// Rows of a table printed as `name  base-cell  ours-cell  ratio` (the table part's own output,
/// `bench_table`): each line whose last word is a ratio and that holds two `m (lo-hi)` cells.
pub fn parse_printed(text: &str, baseline: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    for l in text.lines() {
        let Some((rest, ratio)) = l.trim_end().rsplit_once(' ') else {
            continue;
        };
        let Ok(ratio) = ratio.trim().parse::<f64>() else {
            continue;
        };
        // Cells: a number, then optionally " (lo-hi)".
        let mut cells = Vec::new();
        let mut s = rest.trim_end();
        for _ in 0..2 {
            let (before, c) = if s.ends_with(')') {
                let Some(open) = s.rfind(" (") else { break };
                let head = s[..open].trim_end();
                let Some(sp) = head.rfind(' ') else { break };
                (&s[..sp], s[sp + 1..].to_string())
            } else {
                let Some(sp) = s.rfind(' ') else { break };
                (&s[..sp], s[sp + 1..].to_string())
            };
            cells.push(c);
            s = before.trim_end();
        }
        if cells.len() == 2 && !s.is_empty() {
            rows.push(Row {
                figure: s.trim().to_string(),
                baseline: baseline.into(),
                base: cells[1].clone(),
                ours: cells[0].clone(),
                ratio,
            });
        }
    }
    rows
}
