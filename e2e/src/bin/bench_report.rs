//! `make bench`, the end: every part's rows as one table. Reads `$SWITCHBOARD_BENCH_ROWS`: the
//! `.tsv` files the benchmark binaries wrote ([`switchboard_e2e::report::emit`]) and `table.txt`,
//! the table part's printed output (`bench_table`), in the order of [`PARTS`].

use switchboard_e2e::report::{header, line, parse_printed, read, Row};

/// The parts in the order of the table; a missing part is named under the table.
const PARTS: [(&str, &str); 6] = [
    ("bundle", "first-load bytes"),
    ("table", "big table and decoding"),
    ("startup", "start-up"),
    ("anchor", "Flink's own dashboard"),
    ("dag", "graph layout"),
    ("soak", "polling soak"),
];

fn main() {
    let dir =
        std::env::var("SWITCHBOARD_BENCH_ROWS").unwrap_or_else(|_| "target/bench-rows".into());
    let dir = std::path::Path::new(&dir);
    println!("{}", header());
    let mut missing = Vec::new();
    for (part, what) in PARTS {
        let rows: Vec<Row> = if part == "table" {
            std::fs::read_to_string(dir.join("table.txt"))
                .map(|t| parse_printed(&t, "plain JS table / JSON.parse"))
                .unwrap_or_default()
        } else {
            std::fs::read_to_string(dir.join(format!("{part}.tsv")))
                .map(|t| read(&t))
                .unwrap_or_default()
        };
        if rows.is_empty() {
            missing.push(what);
        }
        for r in &rows {
            println!("{}", line(r));
        }
    }
    if !missing.is_empty() {
        println!("not measured in this run: {}", missing.join(", "));
    }
}
