//! Datasources, their intervals and segments as the coordinator and the metadata store report
//! them: lean types with only the fields the views show (a list of 200,000 segments decodes into
//! small rows), sentinel dates of empty datasources recognised, and the pure logic of the views
//! (sentinels, interval parsing, timeline buckets, markUsed/markUnused payloads).

use crate::net::lenient::{int, opt_int};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Segment totals of a datasource (`properties.segments` of `?simple`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SegmentTotals {
    /// Number of segments served.
    #[serde(deserialize_with = "int")]
    pub count: i64,
    /// Their size in bytes.
    #[serde(deserialize_with = "int")]
    pub size: i64,
    /// Their size with replicas.
    #[serde(deserialize_with = "int")]
    pub replicated_size: i64,
    /// Start of the earliest segment (a far-future sentinel when empty).
    pub min_time: String,
    /// End of the latest segment (a far-past sentinel when empty).
    pub max_time: String,
}

impl SegmentTotals {
    /// The time range as `(min, max)`, or `None` for an empty datasource (Druid sends the
    /// sentinels `146140482-04-24T15:36:27.903Z` / `-146136543-09-08T08:23:32.096Z`).
    pub fn range(&self) -> Option<(&str, &str)> {
        (is_real_time(&self.min_time) && is_real_time(&self.max_time) && self.count > 0)
            .then_some((self.min_time.as_str(), self.max_time.as_str()))
    }

    /// The time range as text: `min / max`, or "empty".
    pub fn range_text(&self) -> String {
        match self.range() {
            Some((a, b)) => format!("{a} / {b}"),
            None => "empty".into(),
        }
    }
}

/// Whether `t` is a real ISO time (a four-digit year), not one of Druid's sentinels.
pub fn is_real_time(t: &str) -> bool {
    let year = t.split('-').next().unwrap_or("");
    !t.is_empty() && year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit())
}

/// Segments of a datasource in one tier (`properties.tiers.<tier>`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TierTotals {
    /// Number of segments.
    #[serde(deserialize_with = "int")]
    pub segment_count: i64,
    /// Their size.
    #[serde(deserialize_with = "int")]
    pub size: i64,
    /// Their size with replicas.
    #[serde(deserialize_with = "int")]
    pub replicated_size: i64,
}

/// `GET /datasources/{ds}` (and `properties` of each entry of `/datasources?simple`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct DatasourceProperties {
    /// Per tier.
    pub tiers: BTreeMap<String, TierTotals>,
    /// Totals.
    pub segments: SegmentTotals,
}

/// One entry of `GET /datasources?simple`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct DatasourceSimple {
    /// Datasource name.
    pub name: String,
    /// Its totals.
    pub properties: DatasourceProperties,
}

/// A row of the datasources list: what the coordinator serves, or only the metadata store knows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DatasourceRow {
    /// Datasource name.
    pub name: String,
    /// Segments served.
    pub count: i64,
    /// Size in bytes.
    pub size: i64,
    /// Size with replicas.
    pub replicated_size: i64,
    /// `min / max`, or "empty".
    pub range: String,
    /// Known to the metadata store only (no used segment served).
    pub unused_only: bool,
}

impl From<DatasourceSimple> for DatasourceRow {
    fn from(d: DatasourceSimple) -> Self {
        let s = &d.properties.segments;
        DatasourceRow {
            range: s.range_text(),
            count: s.count,
            size: s.size,
            replicated_size: s.replicated_size,
            name: d.name,
            unused_only: false,
        }
    }
}

/// The datasources list: served ones, plus (when asked) the names the metadata store knows that
/// the coordinator does not serve, as "unused only" rows. Sorted by name.
pub fn datasource_rows(served: Vec<DatasourceSimple>, metadata: Option<Vec<String>>) -> Vec<DatasourceRow> {
    let mut rows: Vec<DatasourceRow> = served.into_iter().map(DatasourceRow::from).collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    if let Some(names) = metadata {
        let mut extra: Vec<DatasourceRow> = names
            .into_iter()
            .filter(|n| rows.binary_search_by(|r| r.name.as_str().cmp(n)).is_err())
            .map(|name| DatasourceRow {
                name,
                range: "unused only".into(),
                unused_only: true,
                ..Default::default()
            })
            .collect();
        extra.sort_by(|a, b| a.name.cmp(&b.name));
        extra.dedup_by(|a, b| a.name == b.name);
        rows.extend(extra);
        rows.sort_by(|a, b| a.name.cmp(&b.name));
    }
    rows
}

/// Size and count of the segments of one interval (`?simple` interval maps, `/intervals`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct IntervalStats {
    /// Bytes.
    #[serde(deserialize_with = "int")]
    pub size: i64,
    /// Segments.
    #[serde(deserialize_with = "int")]
    pub count: i64,
}

/// An interval map (`interval -> {size, count}`), as rows sorted newest first.
pub fn interval_rows(m: BTreeMap<String, IntervalStats>) -> Vec<(String, IntervalStats)> {
    let mut v: Vec<(String, IntervalStats)> = m.into_iter().collect();
    v.sort_by(|a, b| b.0.cmp(&a.0));
    v
}

/// The numbered shard of a segment (`shardSpec`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ShardSpec {
    /// Partition number.
    #[serde(deserialize_with = "opt_int")]
    pub partition_num: Option<i64>,
}

/// A segment as `/datasources/{ds}/segments?full` and `/metadata/segments` list it, lean.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SegmentRow {
    /// Datasource.
    pub data_source: String,
    /// Interval `start/end`.
    pub interval: String,
    /// Version.
    pub version: String,
    /// Shard.
    pub shard_spec: ShardSpec,
    /// Bytes.
    #[serde(deserialize_with = "int")]
    pub size: i64,
    /// Segment id.
    pub identifier: String,
    /// Overshadowed by a newer version (only with `includeOvershadowedStatus`).
    pub overshadowed: Option<bool>,
}

impl SegmentRow {
    /// The partition number, 0 when the shard spec has none.
    pub fn partition(&self) -> i64 {
        self.shard_spec.partition_num.unwrap_or(0)
    }
}

/// One entry of `GET /metadata/datasources/{ds}/unusedSegments`: `{"dataSegment": .., "createdDate":
/// .., "usedStatusLastUpdatedDate": ..}` (Druid 29+), or a bare segment (the first version of the
/// endpoint); the row is the segment, with its id made from its fields when it has none.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UnusedSegment {
    /// The segment.
    pub segment: SegmentRow,
    /// When it was created.
    pub created: String,
    /// When it was last marked used or unused (empty when unknown).
    pub status_updated: String,
}

impl<'de> Deserialize<'de> for UnusedSegment {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        let text = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or_default().to_string();
        let inner = v.get("dataSegment").cloned().unwrap_or_else(|| v.clone());
        let mut segment: SegmentRow = serde_json::from_value(inner).unwrap_or_default();
        if segment.identifier.is_empty() {
            segment.identifier = format!(
                "{}_{}_{}{}",
                segment.data_source,
                segment.interval.replace('/', "_"),
                segment.version,
                match segment.partition() {
                    0 => String::new(),
                    n => format!("_{n}"),
                }
            );
        }
        Ok(UnusedSegment {
            segment,
            created: text("createdDate"),
            status_updated: text("usedStatusLastUpdatedDate"),
        })
    }
}

/// The answer of the mark operations: `{"numChangedSegments": n}` or `{"segmentStateChanged": b}`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MarkResult {
    /// Segments whose state changed.
    #[serde(deserialize_with = "opt_int")]
    pub num_changed_segments: Option<i64>,
    /// Whether the one segment changed.
    pub segment_state_changed: Option<bool>,
}

impl MarkResult {
    /// What to tell the user.
    pub fn describe(&self) -> String {
        match (self.num_changed_segments, self.segment_state_changed) {
            (Some(n), _) => format!("{n} segment(s) changed"),
            (None, Some(true)) => "segment state changed".into(),
            (None, Some(false)) => "segment state unchanged (already so)".into(),
            (None, None) => "done".into(),
        }
    }
}

/// The body of `markUsed` / `markUnused`: exactly one of `interval` and `segmentIds`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MarkPayload {
    /// The interval `start/end`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<String>,
    /// Segment ids.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segment_ids: Option<Vec<String>>,
}

/// The markUsed/markUnused body from the form's interval and segment ids (one per line or
/// comma-separated), or why it cannot be sent: Druid refuses both or neither.
pub fn mark_payload(interval: &str, ids: &str) -> Result<MarkPayload, String> {
    let interval = interval.trim();
    let ids: Vec<String> = ids
        .split(['\n', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    match (interval.is_empty(), ids.is_empty()) {
        (true, true) => Err("Give an interval or segment ids.".into()),
        (false, false) => Err("Give an interval or segment ids, not both.".into()),
        (false, true) => match parse_interval(interval) {
            Some(_) => Ok(MarkPayload {
                interval: Some(interval.to_string()),
                segment_ids: None,
            }),
            None => Err(format!(
                "\"{interval}\" is not an interval: write start/end, e.g. 2024-01-01/2024-01-02."
            )),
        },
        (true, false) => Ok(MarkPayload {
            interval: None,
            segment_ids: Some(ids),
        }),
    }
}

/// Milliseconds since the epoch of an ISO date or time (`2024-01-02`, `2024-01-02T03:04:05.678Z`,
/// `2024-01-02T03:04`); UTC; `None` if it is not one.
pub fn parse_time(t: &str) -> Option<i64> {
    let t = t.trim().trim_end_matches('Z');
    let (date, time) = t.split_once('T').unwrap_or((t, ""));
    let mut d = date.split('-');
    let y: i64 = d.next()?.parse().ok()?;
    let m: i64 = d.next()?.parse().ok()?;
    let day: i64 = d.next().unwrap_or("1").parse().ok()?;
    if d.next().is_some() || !(1..=12).contains(&m) || !(1..=31).contains(&day) || !(0..=9999).contains(&y) {
        return None;
    }
    let mut parts = time.split(':');
    let h: i64 = parts.next().filter(|s| !s.is_empty()).unwrap_or("0").parse().ok()?;
    let min: i64 = parts.next().unwrap_or("0").parse().ok()?;
    let sec: f64 = parts.next().unwrap_or("0").parse().ok()?;
    if !(0..24).contains(&h) || !(0..60).contains(&min) || !(0.0..61.0).contains(&sec) {
        return None;
    }
    Some(days_from_civil(y, m, day) * 86_400_000 + h * 3_600_000 + min * 60_000 + (sec * 1000.0) as i64)
}

/// An interval `start/end` as epoch milliseconds, `end` after `start`.
pub fn parse_interval(i: &str) -> Option<(i64, i64)> {
    let (a, b) = i.split_once('/')?;
    let (a, b) = (parse_time(a)?, parse_time(b)?);
    (b > a).then_some((a, b))
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The UTC date-time of epoch milliseconds, `YYYY-MM-DDTHH:00` (hour) or `YYYY-MM-DD` (day).
pub fn format_bucket(ms: i64, hourly: bool) -> String {
    let days = ms.div_euclid(86_400_000);
    let hour = ms.rem_euclid(86_400_000) / 3_600_000;
    // civil_from_days
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    if hourly {
        format!("{y:04}-{m:02}-{d:02}T{hour:02}:00")
    } else {
        format!("{y:04}-{m:02}-{d:02}")
    }
}

/// One bar of the segment timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Bucket {
    /// Start of the bucket (epoch ms).
    pub start: i64,
    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:00`.
    pub label: String,
    /// Segments starting in it.
    pub count: i64,
    /// Their bytes.
    pub size: i64,
}

/// The most buckets a timeline draws (older ones are left out).
pub const MAX_BUCKETS: usize = 720;

/// Segment count and size per day (or hour) from an interval map: each interval counts in the
/// bucket of its start; empty buckets between the first and the last are kept (a gap shows as
/// one); at most [`MAX_BUCKETS`], the newest. Unparseable intervals are skipped.
pub fn timeline(intervals: &[(String, IntervalStats)], hourly: bool) -> Vec<Bucket> {
    let step: i64 = if hourly { 3_600_000 } else { 86_400_000 };
    let mut sums: BTreeMap<i64, (i64, i64)> = BTreeMap::new();
    for (i, s) in intervals {
        if let Some((a, _)) = parse_interval(i) {
            let e = sums.entry(a.div_euclid(step) * step).or_default();
            e.0 = e.0.saturating_add(s.count);
            e.1 = e.1.saturating_add(s.size);
        }
    }
    let (Some(&first), Some(&last)) = (sums.keys().next(), sums.keys().next_back()) else {
        return Vec::new();
    };
    let first = first.max(last - step * (MAX_BUCKETS as i64 - 1));
    let mut out = Vec::new();
    let mut t = first;
    while t <= last {
        let (count, size) = sums.get(&t).copied().unwrap_or_default();
        out.push(Bucket {
            start: t,
            label: format_bucket(t, hourly),
            count,
            size,
        });
        t += step;
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn unused_segments_read_in_both_shapes() {
        let text = r#"[{"dataSegment": {"dataSource": "w", "interval": "2024-01-01T00:00:00.000Z/2024-01-02T00:00:00.000Z",
            "version": "v1", "shardSpec": {"type": "numbered", "partitionNum": 2}, "size": 10, "identifier": "w_id"},
            "createdDate": "2024-01-03T00:00:00.000Z", "usedStatusLastUpdatedDate": null},
            {"dataSource": "w", "interval": "2024-01-01T00:00:00.000Z/2024-01-02T00:00:00.000Z", "version": "v2", "size": "7"},
            "not a segment"]"#;
        let list: Vec<super::UnusedSegment> = serde_json::from_str(text).unwrap_or_default();
        assert_eq!(list.len(), 3);
        assert_eq!(list[0].segment.identifier, "w_id");
        assert_eq!(list[0].segment.partition(), 2);
        assert_eq!(list[0].created, "2024-01-03T00:00:00.000Z");
        assert_eq!(list[0].status_updated, "");
        assert_eq!(
            list[1].segment.identifier,
            "w_2024-01-01T00:00:00.000Z_2024-01-02T00:00:00.000Z_v2"
        );
        assert_eq!(list[1].segment.size, 7);
        assert_eq!(list[2].segment, super::SegmentRow { identifier: "__".into(), ..Default::default() });
    }

    use super::*;

    #[test]
    fn decodes_the_simple_list_and_shows_empty_datasources_as_empty() {
        let v: Vec<DatasourceSimple> =
            serde_json::from_str(include_str!("../fixtures/coordinator-datasources-simple.json")).unwrap();
        let rows = datasource_rows(v, None);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].name, "empty_ds");
        assert_eq!(rows[0].range, "empty");
        assert_eq!(rows[1].name, "wikipedia");
        assert_eq!(rows[1].count, 1);
        assert_eq!(rows[1].size, 4857524);
        assert_eq!(rows[1].range, "2016-06-27T00:00:00.000Z / 2016-06-28T00:00:00.000Z");
    }

    #[test]
    fn metadata_names_not_served_become_unused_only_rows() {
        let v: Vec<DatasourceSimple> =
            serde_json::from_str(include_str!("../fixtures/coordinator-datasources-simple.json")).unwrap();
        let rows = datasource_rows(v, Some(vec!["zz_old".into(), "wikipedia".into(), "a_old".into()]));
        let names: Vec<(&str, bool)> = rows.iter().map(|r| (r.name.as_str(), r.unused_only)).collect();
        assert_eq!(
            names,
            [("a_old", true), ("empty_ds", false), ("wikipedia", false), ("zz_old", true)]
        );
    }

    #[test]
    fn decodes_simulator_answers() {
        let v: Vec<DatasourceSimple> =
            serde_json::from_str(include_str!("../fixtures/sim/datasources-simple.json")).unwrap();
        assert!(!v.is_empty());
        assert!(v.iter().all(|d| d.properties.segments.range().is_some()));
        let one: DatasourceProperties =
            serde_json::from_str(include_str!("../fixtures/sim/datasource.json")).unwrap();
        assert!(one.segments.count > 0);
        assert!(!one.tiers.is_empty());
        let iv: BTreeMap<String, IntervalStats> =
            serde_json::from_str(include_str!("../fixtures/sim/datasource-intervals-simple.json")).unwrap();
        let rows = interval_rows(iv);
        assert!(rows.len() > 1);
        assert!(rows[0].0 > rows[1].0);
        assert!(!timeline(&rows, false).is_empty());
        let segs: Vec<SegmentRow> =
            serde_json::from_str(include_str!("../fixtures/sim/metadata-segments.json")).unwrap();
        assert!(!segs.is_empty());
        assert!(segs.iter().all(|s| !s.identifier.is_empty() && s.overshadowed.is_some()));
        let all: BTreeMap<String, IntervalStats> =
            serde_json::from_str(include_str!("../fixtures/sim/intervals.json")).unwrap();
        assert!(!all.is_empty());
        let total: IntervalStats =
            serde_json::from_str(include_str!("../fixtures/sim/interval-total.json")).unwrap();
        assert!(total.count > 0);
        let m: MarkResult = serde_json::from_str(r#"{"numChangedSegments":3}"#).unwrap();
        assert_eq!(m.describe(), "3 segment(s) changed");
        let m: MarkResult = serde_json::from_str(r#"{"segmentStateChanged":false}"#).unwrap();
        assert_eq!(m.describe(), "segment state unchanged (already so)");
    }

    #[test]
    fn mark_payload_needs_exactly_one_of_interval_and_ids() {
        assert!(mark_payload("", " ").is_err());
        assert!(mark_payload("2024-01-01/2024-01-02", "a").unwrap_err().contains("not both"));
        assert!(mark_payload("yesterday", "").is_err());
        assert_eq!(
            serde_json::to_string(&mark_payload("2024-01-01/2024-01-02", "").unwrap()).unwrap(),
            r#"{"interval":"2024-01-01/2024-01-02"}"#
        );
        assert_eq!(
            serde_json::to_string(&mark_payload("", "a, b\nc\n").unwrap()).unwrap(),
            r#"{"segmentIds":["a","b","c"]}"#
        );
    }

    #[test]
    fn times_parse_and_format_in_utc() {
        assert_eq!(parse_time("1970-01-01"), Some(0));
        assert_eq!(parse_time("1970-01-02T01:00:00.500Z"), Some(86_400_000 + 3_600_000 + 500));
        assert_eq!(parse_time("146140482-04-24T15:36:27.903Z"), None);
        assert_eq!(parse_time("2024-13-01"), None);
        let t = parse_time("2024-02-29T13:00:00.000Z").unwrap();
        assert_eq!(format_bucket(t, true), "2024-02-29T13:00");
        assert_eq!(format_bucket(t, false), "2024-02-29");
        assert_eq!(parse_interval("2024-01-02/2024-01-01"), None);
        assert!(is_real_time("2016-06-27T00:00:00.000Z"));
        assert!(!is_real_time("-146136543-09-08T08:23:32.096Z"));
    }

    #[test]
    fn timeline_buckets_by_day_or_hour_and_keeps_gaps() {
        let s = |c, z| IntervalStats { count: c, size: z };
        let iv = vec![
            ("2024-01-03T05:00:00.000Z/2024-01-03T06:00:00.000Z".to_string(), s(2, 20)),
            ("2024-01-03T01:00:00.000Z/2024-01-03T02:00:00.000Z".to_string(), s(1, 10)),
            ("2024-01-01T00:00:00.000Z/2024-01-02T00:00:00.000Z".to_string(), s(4, 40)),
            ("nonsense".to_string(), s(9, 9)),
        ];
        let days = timeline(&iv, false);
        let got: Vec<(&str, i64, i64)> = days.iter().map(|b| (b.label.as_str(), b.count, b.size)).collect();
        assert_eq!(got, [("2024-01-01", 4, 40), ("2024-01-02", 0, 0), ("2024-01-03", 3, 30)]);
        let hours = timeline(&iv, true);
        assert_eq!(hours.len(), 48 + 6);
        assert_eq!(hours.last().map(|b| (b.label.as_str(), b.count)), Some(("2024-01-03T05:00", 2)));
        assert!(timeline(&[], false).is_empty());
        let far = vec![
            ("2000-01-01/2000-01-02".to_string(), s(1, 1)),
            ("2024-01-01/2024-01-02".to_string(), s(1, 1)),
        ];
        let capped = timeline(&far, false);
        assert_eq!(capped.len(), MAX_BUCKETS);
        assert_eq!(capped.last().map(|b| b.label.as_str()), Some("2024-01-01"));
    }
}
