//! The Prometheus text exposition format (version 0.0.4): `# HELP` and `# TYPE` lines, samples with
//! labels (escaped values), histograms and summaries (`_bucket`/`_sum`/`_count`, `le` and
//! `quantile` labels), `NaN` and `±Inf`, optional timestamps. The parser never panics: a line it
//! cannot read is skipped and reported in [`Scrape::errors`].

/// What a metric family is, as its `# TYPE` line says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Kind {
    /// A monotonically increasing count.
    Counter,
    /// A value that goes up and down.
    Gauge,
    /// Buckets with `le` labels, `_sum` and `_count`.
    Histogram,
    /// Quantiles with `quantile` labels, `_sum` and `_count`.
    Summary,
    /// No `# TYPE` line, or `untyped`.
    #[default]
    Untyped,
}

impl Kind {
    fn parse(s: &str) -> Kind {
        match s {
            "counter" => Kind::Counter,
            "gauge" => Kind::Gauge,
            "histogram" => Kind::Histogram,
            "summary" => Kind::Summary,
            _ => Kind::Untyped,
        }
    }

    /// Its name as the format writes it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Counter => "counter",
            Kind::Gauge => "gauge",
            Kind::Histogram => "histogram",
            Kind::Summary => "summary",
            Kind::Untyped => "untyped",
        }
    }
}

/// A metric family: its name, type and help text.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Family {
    /// The family name (`metasrv_meta_network_rpc_delay_seconds`).
    pub name: String,
    /// Its type.
    pub kind: Kind,
    /// The `# HELP` text (unescaped), empty when absent.
    pub help: String,
}

/// One sample line.
#[derive(Clone, Debug, PartialEq)]
pub struct Sample {
    /// The sample's metric name (`..._bucket`, `..._sum` included).
    pub name: String,
    /// Labels in the order written.
    pub labels: Vec<(String, String)>,
    /// The value (may be NaN or infinite).
    pub value: f64,
    /// The timestamp in epoch milliseconds, when given.
    pub timestamp_ms: Option<i64>,
}

impl Sample {
    /// The series' identity: `name` or `name{a="x",b="y"}` (values escaped as in the format).
    pub fn key(&self) -> String {
        if self.labels.is_empty() {
            return self.name.clone();
        }
        let labels: Vec<String> = self
            .labels
            .iter()
            .map(|(k, v)| format!("{k}=\"{}\"", escape(v)))
            .collect();
        format!("{}{{{}}}", self.name, labels.join(","))
    }

    /// The value of label `name`.
    pub fn label(&self, name: &str) -> Option<&str> {
        self.labels
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A parsed scrape.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Scrape {
    /// Families in order of first mention.
    pub families: Vec<Family>,
    /// Samples in order.
    pub samples: Vec<Sample>,
    /// Lines that could not be read: (1-based line number, why).
    pub errors: Vec<(usize, String)>,
}

impl Scrape {
    /// The value of the series `key` (see [`Sample::key`]).
    pub fn value(&self, key: &str) -> Option<f64> {
        self.samples
            .iter()
            .find(|s| s.key() == key)
            .map(|s| s.value)
    }

    /// The family a sample belongs to: the family named as it is, or, for a histogram or
    /// summary, the one its name extends with `_bucket`, `_sum` or `_count`.
    pub fn family_of(&self, sample_name: &str) -> Option<&Family> {
        if let Some(f) = self.families.iter().find(|f| f.name == sample_name) {
            return Some(f);
        }
        ["_bucket", "_sum", "_count"].iter().find_map(|suffix| {
            let base = sample_name.strip_suffix(suffix)?;
            self.families
                .iter()
                .find(|f| f.name == base && matches!(f.kind, Kind::Histogram | Kind::Summary))
        })
    }

    /// The type of the sample's family ([`Kind::Untyped`] when unknown).
    pub fn kind_of(&self, sample_name: &str) -> Kind {
        self.family_of(sample_name)
            .map(|f| f.kind)
            .unwrap_or_default()
    }

    fn family_mut(&mut self, name: &str) -> &mut Family {
        let i = match self.families.iter().position(|f| f.name == name) {
            Some(i) => i,
            None => {
                self.families.push(Family {
                    name: name.to_string(),
                    ..Family::default()
                });
                self.families.len() - 1
            }
        };
        &mut self.families[i]
    }
}

/// Escapes a label value as the format writes it (`\\`, `\"`, `\n`).
pub fn escape(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for c in v.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Parses a value: a float, `NaN`, `+Inf`, `-Inf`, `Inf`.
pub fn parse_value(s: &str) -> Option<f64> {
    match s {
        "NaN" | "nan" => Some(f64::NAN),
        "+Inf" | "Inf" | "+inf" | "inf" => Some(f64::INFINITY),
        "-Inf" | "-inf" => Some(f64::NEG_INFINITY),
        _ => s.parse::<f64>().ok(),
    }
}

/// Parses the text format.
pub fn parse(text: &str) -> Scrape {
    let mut scrape = Scrape::default();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim_start();
            let mut words = comment.splitn(3, char::is_whitespace);
            match (words.next(), words.next(), words.next()) {
                (Some("HELP"), Some(name), rest) => {
                    scrape.family_mut(name).help = unescape_help(rest.unwrap_or("").trim());
                }
                (Some("TYPE"), Some(name), rest) => {
                    scrape.family_mut(name).kind = Kind::parse(rest.unwrap_or("").trim());
                }
                _ => {}
            }
            continue;
        }
        match parse_sample(line) {
            Ok(s) => {
                if scrape.family_of(&s.name).is_none() {
                    scrape.family_mut(&s.name);
                }
                scrape.samples.push(s)
            }
            Err(why) => scrape.errors.push((i + 1, why)),
        }
    }
    scrape
}

/// Parses an answer that should be Prometheus text. A body of which no line is a sample or a
/// comment (an HTML error page, JSON, a cut-off download) is not that format: the error says how
/// many lines could not be read and quotes the first, instead of showing an empty scrape.
pub fn parse_answer(body: &str) -> Result<Scrape, String> {
    let scrape = parse(body);
    let commented = scrape
        .families
        .iter()
        .any(|f| !f.help.is_empty() || f.kind != Kind::Untyped);
    match scrape.errors.first() {
        Some((line, why)) if scrape.samples.is_empty() && !commented => Err(format!(
            "not Prometheus text: none of its {} lines is a sample (line {line}: {why})",
            scrape.errors.len()
        )),
        _ => Ok(scrape),
    }
}

fn unescape_help(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('\\') => out.push('\\'),
                Some(o) => {
                    out.push('\\');
                    out.push(o)
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c)
        }
    }
    out
}

fn parse_sample(line: &str) -> Result<Sample, String> {
    let mut chars = line.char_indices().peekable();
    let mut name_end = line.len();
    while let Some(&(i, c)) = chars.peek() {
        if c == '{' || c.is_whitespace() {
            name_end = i;
            break;
        }
        chars.next();
    }
    let name = line.get(..name_end).unwrap_or_default().to_string();
    if name.is_empty() {
        return Err("no metric name".into());
    }
    let mut labels = Vec::new();
    let mut rest_start = name_end;
    if chars.peek().map(|p| p.1) == Some('{') {
        chars.next();
        loop {
            while chars
                .peek()
                .is_some_and(|p| p.1.is_whitespace() || p.1 == ',')
            {
                chars.next();
            }
            match chars.next() {
                None => return Err("unclosed label set".into()),
                Some((i, '}')) => {
                    rest_start = i + 1;
                    break;
                }
                Some((_, c)) => {
                    let mut key = String::from(c);
                    loop {
                        match chars.next() {
                            Some((_, '=')) => break,
                            Some((_, c)) if !c.is_whitespace() => key.push(c),
                            Some(_) => {}
                            None => return Err(format!("label {key} has no value")),
                        }
                    }
                    while chars.peek().is_some_and(|p| p.1.is_whitespace()) {
                        chars.next();
                    }
                    if chars.next().map(|p| p.1) != Some('"') {
                        return Err(format!("label {key}: value is not quoted"));
                    }
                    let mut value = String::new();
                    loop {
                        match chars.next() {
                            Some((_, '"')) => break,
                            Some((_, '\\')) => match chars.next() {
                                Some((_, 'n')) => value.push('\n'),
                                Some((_, c)) => value.push(c),
                                None => return Err("unterminated escape".into()),
                            },
                            Some((_, c)) => value.push(c),
                            None => return Err(format!("label {key}: unterminated value")),
                        }
                    }
                    labels.push((key, value));
                }
            }
        }
    }
    let rest = line.get(rest_start..).unwrap_or_default();
    let mut parts = rest.split_whitespace();
    let value_text = parts.next().ok_or("no value")?;
    let value = parse_value(value_text).ok_or_else(|| format!("bad value {value_text:?}"))?;
    let timestamp_ms = match parts.next() {
        None => None,
        Some(t) => Some(
            t.parse::<i64>()
                .map_err(|_| format!("bad timestamp {t:?}"))?,
        ),
    };
    Ok(Sample {
        name,
        labels,
        value,
        timestamp_ms,
    })
}

/// The `q` quantile (0..=1) of the histogram `base` (its `base_bucket` samples whose other
/// labels equal `labels`), interpolated linearly inside the bucket as Prometheus does; `None`
/// without buckets or observations.
pub fn histogram_quantile(scrape: &Scrape, base: &str, q: f64) -> Option<f64> {
    let name = format!("{base}_bucket");
    let mut buckets: Vec<(f64, f64)> = scrape
        .samples
        .iter()
        .filter(|s| s.name == name)
        .filter_map(|s| Some((parse_value(s.label("le")?)?, s.value)))
        .collect();
    buckets.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total = buckets.last()?.1;
    if total.is_nan() || total <= 0.0 || !(0.0..=1.0).contains(&q) {
        return None;
    }
    let rank = q * total;
    let mut prev = (0.0_f64, 0.0_f64);
    for &(le, count) in &buckets {
        if count >= rank {
            if le.is_infinite() {
                return Some(prev.0);
            }
            let width = count - prev.1;
            let share = if width > 0.0 {
                (rank - prev.1) / width
            } else {
                1.0
            };
            return Some(prev.0 + (le - prev.0) * share);
        }
        prev = (le, count);
    }
    Some(prev.0)
}

/// The per-second rate between two readings of a counter taken `dt_ms` apart; `None` when the
/// counter went down (a restart) or no time passed.
pub fn rate(before: f64, after: f64, dt_ms: f64) -> Option<f64> {
    (dt_ms > 0.0 && after >= before && before.is_finite() && after.is_finite())
        .then(|| (after - before) / dt_ms * 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const META: &str = include_str!("../systems/databend/fixtures/metrics.prom.txt");

    #[test]
    fn an_answer_that_is_not_prometheus_text_is_an_error_saying_so() {
        let json = "{\"status\": \"ok\", \"items\": [1, 2]}\n{\"more\": true}";
        let e = parse_answer(json).unwrap_err();
        assert!(
            e.starts_with("not Prometheus text: none of its 2 lines"),
            "{e}"
        );
        assert!(parse_answer("<html><body>Bad gateway</body></html>").is_err());
        // A real scrape, one with a bad line among good ones, and one with only families, are read.
        assert!(!parse_answer(META).unwrap().samples.is_empty());
        let mixed = parse_answer("up 1\n{oops\n").unwrap();
        assert_eq!((mixed.samples.len(), mixed.errors.len()), (1, 1));
        assert!(parse_answer("# TYPE up gauge\n").is_ok());
        assert!(parse_answer("").is_ok());
    }

    #[test]
    fn reads_the_recorded_meta_metrics() {
        let s = parse(META);
        assert!(s.errors.is_empty(), "{:?}", s.errors);
        assert!(s.samples.len() > 50);
        assert!(s.value("metasrv_server_leader_changes_total").is_some());
        assert!(s.value("metasrv_server_current_term").is_some());
        let median = histogram_quantile(&s, "metasrv_raft_network_append_sent_seconds", 0.5);
        assert!(median.is_some());
        assert!(s.value("metasrv_server_proposals_applied").is_some());
        for sample in &s.samples {
            assert!(s.family_of(&sample.name).is_some(), "{}", sample.name);
        }
    }

    #[test]
    fn reads_the_reference_metrics_with_types_and_the_simulator_metrics() {
        let s = parse(include_str!(
            "../systems/databend/fixtures/metrics-legacy.prom.txt"
        ));
        assert!(s.errors.is_empty(), "{:?}", s.errors);
        assert_eq!(s.kind_of("metasrv_server_leader_changes"), Kind::Counter);
        assert_eq!(
            s.kind_of("metasrv_meta_network_rpc_delay_seconds_sum"),
            Kind::Summary
        );
        assert_eq!(
            s.value("metasrv_meta_network_rpc_delay_seconds{quantile=\"0.5\"}"),
            Some(0.0002439615242199244)
        );
        let sim = parse(include_str!(
            "../systems/databend/fixtures/sim-metrics.prom.txt"
        ));
        assert!(sim.errors.is_empty(), "{:?}", sim.errors);
        assert!(sim.value("metasrv_server_proposals_applied").is_some());
        let p99 = histogram_quantile(&sim, "metasrv_meta_network_rpc_delay_ms", 0.99);
        assert!(p99.is_some_and(|v| v > 0.0 && v <= 100.0), "{p99:?}");
    }

    #[test]
    fn quantiles_interpolate_inside_buckets() {
        let s = parse("h_bucket{le=\"1\"} 50\nh_bucket{le=\"2\"} 100\nh_bucket{le=\"+Inf\"} 100\n");
        assert_eq!(histogram_quantile(&s, "h", 0.5), Some(1.0));
        assert_eq!(histogram_quantile(&s, "h", 0.75), Some(1.5));
        assert_eq!(histogram_quantile(&parse("x 1"), "h", 0.5), None);
    }

    #[test]
    fn reads_labels_escapes_special_values_and_timestamps() {
        let text = "# HELP m A \\\\ help\\nline\n# TYPE m gauge\nm{a=\"x\\\"y\",b=\"1\\\\2\\n\",} NaN 1700000000000\nm{ c = \"+\" } +Inf\nm -Inf\nm 1.5e3\n";
        let s = parse(text);
        assert!(s.errors.is_empty(), "{:?}", s.errors);
        assert_eq!(s.families[0].help, "A \\ help\nline");
        assert_eq!(s.samples[0].label("a"), Some("x\"y"));
        assert_eq!(s.samples[0].label("b"), Some("1\\2\n"));
        assert!(s.samples[0].value.is_nan());
        assert_eq!(s.samples[0].timestamp_ms, Some(1_700_000_000_000));
        assert_eq!(s.samples[0].key(), "m{a=\"x\\\"y\",b=\"1\\\\2\\n\"}");
        assert_eq!(s.samples[1].value, f64::INFINITY);
        assert_eq!(s.samples[2].value, f64::NEG_INFINITY);
        assert_eq!(s.samples[3].value, 1500.0);
    }

    #[test]
    fn histograms_and_summaries_group_under_their_family() {
        let text = "# TYPE h histogram\nh_bucket{le=\"0.1\"} 1\nh_bucket{le=\"+Inf\"} 3\nh_sum 0.7\nh_count 3\n# TYPE s summary\ns{quantile=\"0.5\"} 0.2\ns_sum 1\ns_count 4\n";
        let s = parse(text);
        assert_eq!(s.families.len(), 2);
        assert_eq!(s.kind_of("h_bucket"), Kind::Histogram);
        assert_eq!(s.kind_of("h_count"), Kind::Histogram);
        assert_eq!(s.kind_of("s_sum"), Kind::Summary);
        assert_eq!(s.samples[1].label("le"), Some("+Inf"));
        assert_eq!(s.value("s{quantile=\"0.5\"}"), Some(0.2));
    }

    #[test]
    fn never_panics_on_broken_lines() {
        for bad in [
            "{",
            "m{",
            "m{a",
            "m{a=",
            "m{a=\"",
            "m{a=\"x\\",
            "m{a=x} 1",
            "m",
            "m x",
            "m 1 t",
            "m{a=\"é\"} 1",
            "é{ü=\"\\\"} 2",
            "#",
            "# TYPE",
            "# HELP m",
            "\u{0}",
        ] {
            let s = parse(bad);
            let _ = s.samples.iter().map(Sample::key).count();
        }
        let s = parse("ok 1\nm{a=\"x} 1\nok2 2");
        assert_eq!(s.samples.len(), 2);
        assert_eq!(s.errors.len(), 1);
        assert_eq!(s.errors[0].0, 2);
    }

    #[test]
    fn rates_per_second_skip_resets() {
        assert_eq!(rate(10.0, 30.0, 2000.0), Some(10.0));
        assert_eq!(rate(30.0, 10.0, 2000.0), None);
        assert_eq!(rate(1.0, 2.0, 0.0), None);
    }
}
