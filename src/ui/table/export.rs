//! CSV and JSON export of a table's filtered rows.

use super::state::Cell;
use crate::ui::download::download_text;

/// Saves `rows` (the shown columns' cells, in the order shown) as `<name>.json` (objects keyed by
/// column id) or `<name>.csv` (a header line of `labels`). In the release bundle the code that
/// writes the file is a chunk of its own (`table_export`), fetched at the first export.
pub fn save_rows(
    json: bool,
    name: String,
    ids: Vec<&'static str>,
    labels: Vec<&'static str>,
    rows: Vec<Vec<Cell>>,
) {
    leptos::task::spawn_local(async move {
        #[cfg(wasm_split)]
        let _ = write_file(json, name, ids, labels, rows).await;
        #[cfg(not(wasm_split))]
        let _ = write_file(json, name, ids, labels, rows);
    });
}

/// Writes and downloads the file of [`save_rows`].
#[cfg_attr(
    wasm_split,
    leptos::wasm_split::wasm_split(table_export, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn write_file(
    json: bool,
    name: String,
    ids: Vec<&'static str>,
    labels: Vec<&'static str>,
    rows: Vec<Vec<Cell>>,
) -> Result<(), crate::systems::chunk::ChunkError> {
    let (cols, order): (Vec<usize>, Vec<usize>) =
        ((0..ids.len()).collect(), (0..rows.len()).collect());
    if json {
        download_text(
            &format!("{name}.json"),
            "application/json",
            &to_json(&ids, &cols, &rows, &order),
        );
    } else {
        download_text(
            &format!("{name}.csv"),
            "text/csv",
            &to_csv(&labels, &cols, &rows, &order),
        );
    }
    Ok(())
}

/// Quotes one CSV field (RFC 4180), and defuses text a spreadsheet would run as a formula.
fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) && text.parse::<f64>().is_err() {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The rows `order` (indices into `rows`), columns `cols` (indices into each row), as CSV with a
/// header line of `labels`.
pub fn to_csv(labels: &[&str], cols: &[usize], rows: &[Vec<Cell>], order: &[usize]) -> String {
    let mut out = labels
        .iter()
        .map(|l| csv_field(l))
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    for &r in order {
        let line: Vec<String> = cols
            .iter()
            .map(|&c| csv_field(&rows[r].get(c).map(Cell::display).unwrap_or_default()))
            .collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The same selection as an array of objects keyed by column id; numbers stay numbers.
pub fn to_json(ids: &[&str], cols: &[usize], rows: &[Vec<Cell>], order: &[usize]) -> String {
    let items: Vec<serde_json::Value> = order
        .iter()
        .map(|&r| {
            let obj: serde_json::Map<String, serde_json::Value> = cols
                .iter()
                .map(|&c| {
                    let v = match rows[r].get(c) {
                        Some(Cell::Num(n)) => serde_json::Number::from_f64(*n)
                            .map(serde_json::Value::Number)
                            .unwrap_or(serde_json::Value::Null),
                        Some(Cell::Text(s)) => serde_json::Value::String(s.clone()),
                        _ => serde_json::Value::Null,
                    };
                    (ids[c].to_string(), v)
                })
                .collect();
            serde_json::Value::Object(obj)
        })
        .collect();
    serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let rows = vec![vec![
            Cell::from("a,\"b\""),
            Cell::Num(3.0),
            Cell::from("=cmd()"),
        ]];
        let csv = to_csv(&["Name", "N", "F"], &[0, 1, 2], &rows, &[0]);
        assert_eq!(csv, "Name,N,F\r\n\"a,\"\"b\"\"\",3,'=cmd()\r\n");
        assert!(to_csv(&["N"], &[0], &[vec![Cell::Num(-2.0)]], &[0]).contains("\r\n-2\r\n"));
    }

    #[test]
    fn json_keeps_types_and_only_chosen_rows() {
        let rows = vec![
            vec![Cell::from("x"), Cell::Num(1.5)],
            vec![Cell::Empty, Cell::Num(2.0)],
        ];
        let v: serde_json::Value =
            serde_json::from_str(&to_json(&["a", "b"], &[0, 1], &rows, &[1])).unwrap();
        assert_eq!(v, serde_json::json!([{"a": null, "b": 2.0}]));
    }
}
