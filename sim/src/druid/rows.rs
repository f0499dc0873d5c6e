//! Synthetic rows of each datasource, for SQL and native queries.

use super::state::{Datasource, DruidState};
use crate::rng::Rng;
use crate::sqlmini::{ColType, Column, Table, Value};
use crate::timefmt::iso_millis;

/// Rows generated per datasource.
pub const ROWS: usize = 720;

const VOCAB: [&str; 12] = [
    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet",
    "kilo", "lima",
];

/// Column type of a datasource column.
pub fn column_type(ds: &Datasource, name: &str) -> ColType {
    if name == "__time" {
        ColType::Timestamp
    } else if ds.metrics.iter().any(|m| m == name) {
        if name.ends_with("_ms")
            || name == "count"
            || name == "added"
            || name == "deleted"
            || name == "delta"
            || name == "views"
            || name == "clicks"
        {
            ColType::Int
        } else {
            ColType::Float
        }
    } else {
        ColType::Text
    }
}

/// The datasource as a table: `__time`, dimensions, metrics; times spread over its segments.
pub fn table(st: &DruidState, ds: &Datasource, now: i64) -> Table {
    let segs: Vec<_> = ds.segments.iter().filter(|s| s.available(now)).collect();
    let mut columns = vec![Column::new("__time", ColType::Timestamp)];
    columns.extend(ds.dimensions.iter().map(|d| Column::new(d, ColType::Text)));
    columns.extend(
        ds.metrics
            .iter()
            .map(|m| Column::new(m, column_type(ds, m))),
    );
    let mut t = Table::new(columns);
    let (Some(min), Some(max)) = (
        segs.iter().map(|s| s.start).min(),
        segs.iter().map(|s| s.end).max(),
    ) else {
        return t;
    };
    let mut rng = Rng::new(st.seed).fork(&ds.name);
    let span = (max - min).max(1);
    let mut times: Vec<i64> = (0..ROWS)
        .map(|_| min + (rng.next_u64() % span as u64) as i64)
        .collect();
    times.sort();
    for time in times {
        let mut row = vec![Value::from(iso_millis(time))];
        for (i, d) in ds.dimensions.iter().enumerate() {
            let spread = 3 + (i % 4) * 2;
            let v = VOCAB[(rng.below(spread as u64) as usize + i) % VOCAB.len()];
            row.push(Value::from(format!(
                "{}_{v}",
                d.chars().take(4).collect::<String>()
            )));
        }
        for m in &ds.metrics {
            row.push(match column_type(ds, m) {
                ColType::Int if m == "count" => Value::Int(1),
                ColType::Int => Value::Int(rng.range(0, 500)),
                _ => Value::Float((rng.range(0, 100_000) as f64) / 100.0),
            });
        }
        t.rows.push(row);
    }
    t
}
