//! Query profiles (`/api/profile?query_id=`): the indented text StarRocks prints, read into a
//! tree of sections (`Fragment 0`, `Pipeline (id=1)`, operators such as `OLAP_SCAN
//! (plan_node_id=0)`) with their counters (`- Name: value`), each operator's time
//! (`OperatorTotalTime`, in its own counters or its `CommonMetrics`) and the slowest operators.

/// One section of a profile.
#[derive(Clone, Debug, PartialEq)]
pub struct ProfileNode {
    /// Its title, without the trailing colon.
    pub name: String,
    /// How deep it is (0 for the root).
    pub depth: usize,
    /// Its parent's index.
    pub parent: Option<usize>,
    /// Its counters, `(name, value)` in order.
    pub counters: Vec<(String, String)>,
    /// Whether it is an operator (an upper-case name such as `HASH_JOIN_PROBE`).
    pub operator: bool,
    /// Its time in nanoseconds: `OperatorTotalTime` for an operator, else `Total`.
    pub time_ns: Option<f64>,
}

/// A profile read into sections, in the order of the text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Profile {
    /// The sections; a parent always comes before its children.
    pub nodes: Vec<ProfileNode>,
}

/// Reads a duration as StarRocks prints it (`1s234ms`, `2.500ms`, `12.345us`, `345ns`,
/// `1m2s`, `1h2m3s`, `0`) in nanoseconds; `None` for anything else.
pub fn parse_duration_ns(s: &str) -> Option<f64> {
    let s = s.trim();
    if s == "0" {
        return Some(0.0);
    }
    let mut total = 0.0;
    let mut rest = s;
    let mut any = false;
    while !rest.is_empty() {
        let n_end = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
        if n_end == 0 {
            return None;
        }
        let n: f64 = rest[..n_end].parse().ok()?;
        rest = &rest[n_end..];
        let u_end = rest.find(|c: char| c.is_ascii_digit() || c == '.').unwrap_or(rest.len());
        let unit = &rest[..u_end];
        rest = &rest[u_end..];
        let mult = match unit {
            "h" => 3_600e9,
            "m" => 60e9,
            "s" => 1e9,
            "ms" => 1e6,
            "us" | "µs" => 1e3,
            "ns" => 1.0,
            _ => return None,
        };
        total += n * mult;
        any = true;
    }
    any.then_some(total)
}

/// A duration in nanoseconds, shortly (`1.23 s`, `45.6 ms`, `12 µs`).
pub fn format_ns(ns: f64) -> String {
    if ns >= 1e9 {
        format!("{:.2} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.1} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

/// Whether a section title names an operator: its first word is upper case with underscores
/// (`OLAP_SCAN`, `RESULT_SINK`), not a section such as `Fragment 0` or `CommonMetrics`.
fn is_operator(name: &str) -> bool {
    let first = name.split([' ', '(']).next().unwrap_or_default();
    first.len() > 2
        && first.chars().all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
        && first.chars().any(|c| c.is_ascii_uppercase())
}

impl Profile {
    /// Reads the profile text; lines that are neither sections nor counters are skipped.
    pub fn parse(text: &str) -> Profile {
        let mut nodes: Vec<ProfileNode> = Vec::new();
        // (indent, index) of the open sections, outermost first.
        let mut open: Vec<(usize, usize)> = Vec::new();
        for line in text.lines() {
            let trimmed = line.trim();
            if trimmed.is_empty() {
                continue;
            }
            let indent = line.len() - line.trim_start().len();
            while open.last().is_some_and(|(i, _)| *i >= indent) {
                open.pop();
            }
            if let Some(counter) = trimmed.strip_prefix("- ") {
                let (k, v) = counter.split_once(": ").unwrap_or((counter.trim_end_matches(':'), ""));
                if let Some((_, at)) = open.last() {
                    nodes[*at].counters.push((k.trim().to_string(), v.trim().to_string()));
                }
                continue;
            }
            let name = trimmed.trim_end_matches(':').trim().to_string();
            let parent = open.last().map(|(_, at)| *at);
            let depth = open.len();
            nodes.push(ProfileNode {
                operator: is_operator(&name),
                name,
                depth,
                parent,
                counters: Vec::new(),
                time_ns: None,
            });
            open.push((indent, nodes.len() - 1));
        }
        for i in 0..nodes.len() {
            let own = |n: &ProfileNode, key: &str| {
                n.counters.iter().find(|(k, _)| k == key).and_then(|(_, v)| parse_duration_ns(v))
            };
            let time = if nodes[i].operator {
                own(&nodes[i], "OperatorTotalTime").or_else(|| {
                    nodes
                        .iter()
                        .filter(|c| c.parent == Some(i) && c.name == "CommonMetrics")
                        .find_map(|c| own(c, "OperatorTotalTime"))
                })
            } else {
                own(&nodes[i], "Total").or_else(|| own(&nodes[i], "ActiveTime"))
            };
            nodes[i].time_ns = time;
        }
        Profile { nodes }
    }

    /// The operators with a time, slowest first, at most `n` (indices into `nodes`).
    pub fn slowest(&self, n: usize) -> Vec<usize> {
        let mut ops: Vec<usize> = (0..self.nodes.len())
            .filter(|i| self.nodes[*i].operator && self.nodes[*i].time_ns.is_some())
            .collect();
        ops.sort_by(|a, b| {
            let (ta, tb) = (self.nodes[*a].time_ns.unwrap_or(0.0), self.nodes[*b].time_ns.unwrap_or(0.0));
            tb.total_cmp(&ta).then(a.cmp(b))
        });
        ops.truncate(n);
        ops
    }

    /// The indices of `i`'s ancestors, nearest first.
    pub fn ancestors(&self, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut at = self.nodes.get(i).and_then(|n| n.parent);
        while let Some(p) = at {
            out.push(p);
            at = self.nodes.get(p).and_then(|n| n.parent);
        }
        out
    }

    /// The sections shown for a search: those whose name or counters contain every word of
    /// `needle` (case-insensitive), and their ancestors; all when the search is empty.
    pub fn matching(&self, needle: &str) -> Vec<bool> {
        let words: Vec<String> = needle.split_whitespace().map(str::to_lowercase).collect();
        if words.is_empty() {
            return vec![true; self.nodes.len()];
        }
        let mut shown = vec![false; self.nodes.len()];
        for (i, n) in self.nodes.iter().enumerate() {
            let text = format!(
                "{} {}",
                n.name,
                n.counters.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(" ")
            )
            .to_lowercase();
            if words.iter().all(|w| text.contains(w.as_str())) {
                shown[i] = true;
                for a in self.ancestors(i) {
                    shown[a] = true;
                }
            }
        }
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("fixtures/profile.txt");

    #[test]
    fn durations_read_every_unit_starrocks_prints() {
        assert_eq!(parse_duration_ns("1s234ms"), Some(1.234e9));
        assert_eq!(parse_duration_ns("2.500ms"), Some(2.5e6));
        assert_eq!(parse_duration_ns("12.345us"), Some(12_345.0));
        assert_eq!(parse_duration_ns("345ns"), Some(345.0));
        assert_eq!(parse_duration_ns("1m2s"), Some(62e9));
        assert_eq!(parse_duration_ns("1h2m3s"), Some(3_723e9));
        assert_eq!(parse_duration_ns("0"), Some(0.0));
        assert_eq!(parse_duration_ns("2.000 MB"), None);
        assert_eq!(parse_duration_ns("12"), None);
        assert_eq!(parse_duration_ns(""), None);
        assert_eq!(format_ns(2.5e6), "2.50 ms");
    }

    #[test]
    fn the_profile_text_becomes_a_tree_with_operator_times() {
        let p = Profile::parse(SAMPLE);
        assert_eq!(p.nodes[0].name, "Query");
        assert_eq!(p.nodes[0].depth, 0);
        let summary = &p.nodes[1];
        assert_eq!((summary.name.as_str(), summary.parent), ("Summary", Some(0)));
        assert!(summary.counters.iter().any(|(k, v)| k == "Query State" && v == "FINISHED"));
        // A value with ": " inside stays whole.
        let exec = p.nodes.iter().find(|n| n.name == "Execution").unwrap();
        assert!(exec.counters.iter().any(|(k, v)| k == "Topology" && v.starts_with("{\"rootId\":1")));
        let scan = p.nodes.iter().position(|n| n.name == "OLAP_SCAN (plan_node_id=0)").unwrap();
        assert!(p.nodes[scan].operator);
        assert_eq!(p.nodes[scan].time_ns, Some(465.0e6));
        let pipeline = p.nodes[scan].parent.unwrap();
        assert_eq!(p.nodes[pipeline].name, "Pipeline (id=1)");
        assert!(!p.nodes[pipeline].operator);
        assert_eq!(p.nodes[p.nodes[pipeline].parent.unwrap()].name, "Fragment 1");
        assert!(!p.nodes.iter().any(|n| n.name == "CommonMetrics" && n.operator));
        assert_eq!(p.nodes.iter().filter(|n| n.operator).count(), 6);
        assert!(p.nodes.iter().filter(|n| n.operator).all(|n| n.time_ns.is_some()));
    }

    #[test]
    fn the_slowest_operators_come_first() {
        let p = Profile::parse(SAMPLE);
        let names: Vec<&str> = p.slowest(3).iter().map(|i| p.nodes[*i].name.as_str()).collect();
        assert_eq!(
            names,
            ["AGGREGATE_BLOCKING_SINK (plan_node_id=2)", "OLAP_SCAN (plan_node_id=0)", "EXCHANGE_SINK (plan_node_id=3)"]
        );
        assert!(Profile::parse("Query:\n  Summary:\n     - Total: 1ms\n").slowest(1).is_empty());
        assert!(Profile::parse("").nodes.is_empty());
    }

    #[test]
    fn a_search_keeps_matches_and_their_ancestors() {
        let p = Profile::parse(SAMPLE);
        let shown = p.matching("rawrowsread");
        let scan = p.nodes.iter().position(|n| n.name == "OLAP_SCAN (plan_node_id=0)").unwrap();
        let unique = p.nodes.iter().position(|n| n.parent == Some(scan) && n.name == "UniqueMetrics").unwrap();
        assert!(shown[unique] && shown[scan] && shown[0]);
        assert!(p.ancestors(unique).iter().all(|a| shown[*a]));
        assert!(!shown[1], "Summary does not match");
        assert!(p.matching("  ").iter().all(|s| *s));
    }
}
