use super::*;

struct Cat;

impl Catalog for Cat {
    fn table(&self, parts: &[String]) -> Option<Table> {
        if parts.last().map(|s| s.eq_ignore_ascii_case("t")) != Some(true) {
            return None;
        }
        let mut t = Table::new(vec![
            Column::new("name", ColType::Text),
            Column::new("n", ColType::Int),
        ]);
        for (name, n) in [("a", 3), ("b", 1), ("a", 5), ("c", 2)] {
            t.rows.push(vec![Value::from(name), Value::Int(n)]);
        }
        Some(t)
    }
}

fn run(sql: &str) -> Result<Table, SqlError> {
    query(sql, &Cat, Dialect::Druid, &[])
}

#[test]
fn filters_orders_and_limits() {
    let t = run("SELECT name, n FROM t WHERE n > 1 ORDER BY n DESC LIMIT 2").unwrap_or_default();
    assert_eq!(
        t.rows,
        vec![
            vec![Value::from("a"), Value::Int(5)],
            vec![Value::from("a"), Value::Int(3)]
        ]
    );
}

#[test]
fn groups_with_aggregates_and_aliases() {
    let t = run("SELECT name, COUNT(*) AS c, SUM(n) FROM t GROUP BY name ORDER BY c DESC, name")
        .unwrap_or_default();
    assert_eq!(t.columns[1].name, "c");
    assert_eq!(t.columns[2].name, "EXPR$2");
    assert_eq!(
        t.rows[0],
        vec![Value::from("a"), Value::Int(2), Value::Int(8)]
    );
    assert_eq!(t.rows.len(), 3);
}

#[test]
fn counts_without_group_and_without_from() {
    assert_eq!(
        run("SELECT COUNT(*) FROM t WHERE name LIKE 'a%'")
            .unwrap_or_default()
            .rows,
        vec![vec![Value::Int(2)]]
    );
    assert_eq!(
        run("SELECT 1 + 2").unwrap_or_default().rows,
        vec![vec![Value::Int(3)]]
    );
}

#[test]
fn reports_unknown_tables_and_syntax_errors_with_positions() {
    let e = run("SELECT *\nFROM nope")
        .err()
        .unwrap_or_else(|| SqlError::new(SqlErrorKind::Syntax, ""));
    assert_eq!(e.kind, SqlErrorKind::UnknownTable("nope".into()));
    assert_eq!((e.line, e.column), (2, 6));
    let e = run("SELECT FROM t").err().map(|e| e.kind);
    assert_eq!(e, Some(SqlErrorKind::Syntax));
}

#[test]
fn group_by_ordinal_and_alias() {
    let t = run("SELECT name AS who, SUM(n) FROM t GROUP BY 1 ORDER BY 2 DESC").unwrap_or_default();
    assert_eq!(t.rows[0], vec![Value::from("a"), Value::Int(8)]);
    let t = run("SELECT name AS who, COUNT(*) FROM t GROUP BY who").unwrap_or_default();
    assert_eq!(t.rows.len(), 3);
}

#[test]
fn ordered_pages_equal_slices_of_the_whole_order() {
    for order in [
        "ORDER BY name, n DESC",
        "ORDER BY n",
        "ORDER BY name DESC",
        "ORDER BY 2 DESC",
    ] {
        let all = run(&format!("SELECT name, n * 2 AS n2, n FROM t {order}")).unwrap_or_default();
        for (limit, offset) in [(1, 0), (2, 1), (3, 2), (9, 0)] {
            let page = run(&format!(
                "SELECT name, n * 2 AS n2, n FROM t {order} LIMIT {limit} OFFSET {offset}"
            ))
            .unwrap_or_default();
            let want: Vec<_> = all.rows.iter().skip(offset).take(limit).cloned().collect();
            assert_eq!(page.rows, want, "{order} LIMIT {limit} OFFSET {offset}");
        }
    }
    // An alias that hides an input column orders by the output value.
    let t = run("SELECT name, 10 - n AS n FROM t ORDER BY n LIMIT 1").unwrap_or_default();
    assert_eq!(t.rows, vec![vec![Value::from("a"), Value::Int(5)]]);
}
