//! Time formatting and parsing without a date library: ISO-8601 (Druid), RFC 3339 with
//! nanoseconds (CockroachDB) and `yyyy-MM-dd HH:mm:ss` (StarRocks).

/// Days since 1970-01-01 for a civil date (proleptic Gregorian).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Civil date `(year, month, day)` for days since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn split_ms(ms: i64) -> (i64, i64, i64, i64, i64, i64, i64) {
    let days = ms.div_euclid(86_400_000);
    let rem = ms.rem_euclid(86_400_000);
    let (y, mo, d) = civil_from_days(days);
    (
        y,
        mo,
        d,
        rem / 3_600_000,
        rem / 60_000 % 60,
        rem / 1000 % 60,
        rem % 1000,
    )
}

/// `2023-06-22T22:54:43.170Z` (Druid / Joda style, always milliseconds).
pub fn iso_millis(ms: i64) -> String {
    let (y, mo, d, h, mi, s, milli) = split_ms(ms);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{milli:03}Z")
}

/// Appends [`iso_millis`] of `ms` to `out` without the formatting machinery (fast in debug builds,
/// where list answers render hundreds of thousands of times).
pub fn push_iso_millis(out: &mut String, ms: i64) {
    let (y, mo, d, h, mi, s, milli) = split_ms(ms);
    if !(0..=9999).contains(&y) {
        out.push_str(&iso_millis(ms));
        return;
    }
    let mut buf = *b"0000-00-00T00:00:00.000Z";
    let mut put = |at: usize, width: usize, mut v: i64| {
        for k in (at..at + width).rev() {
            buf[k] = b'0' + (v % 10) as u8;
            v /= 10;
        }
    };
    put(0, 4, y);
    put(5, 2, mo);
    put(8, 2, d);
    put(11, 2, h);
    put(14, 2, mi);
    put(17, 2, s);
    put(20, 3, milli);
    out.push_str(std::str::from_utf8(&buf).unwrap_or_default());
}

/// Appends the decimal digits of `n` to `out` (fast in debug builds).
pub fn push_int(out: &mut String, n: i64) {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    let mut v = n.unsigned_abs();
    loop {
        at -= 1;
        buf[at] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    if n < 0 {
        out.push('-');
    }
    out.push_str(std::str::from_utf8(&buf[at..]).unwrap_or_default());
}

/// `2025-01-15 10:31:05` (StarRocks `SHOW` style).
pub fn sr_datetime(ms: i64) -> String {
    let (y, mo, d, h, mi, s, _) = split_ms(ms);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
}

/// `2019-12-16 18:13:43.224` (StarRocks BE style with milliseconds).
pub fn sr_datetime_millis(ms: i64) -> String {
    format!("{}.{:03}", sr_datetime(ms), ms.rem_euclid(1000))
}

/// Go's `time.RFC3339Nano` in UTC: trailing zeros of the fraction are dropped.
pub fn rfc3339_nanos(ns: i64) -> String {
    let ms = ns.div_euclid(1_000_000);
    let (y, mo, d, h, mi, s, _) = split_ms(ms);
    let frac = ns.rem_euclid(1_000_000_000);
    let mut out = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}");
    if frac != 0 {
        let digits = format!("{frac:09}");
        out.push('.');
        out.push_str(digits.trim_end_matches('0'));
    }
    out.push('Z');
    out
}

/// Parses ISO-8601 date-times as Druid accepts them: `2016-06-27`, `2016-06-27T00`,
/// `2016-06-27T00:00:00Z`, `2016-06-27T00:00:00.000+02:00`. Returns epoch milliseconds.
pub fn parse_iso(s: &str) -> Option<i64> {
    let s = s.trim();
    let (date, rest) = match s.find('T') {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s, ""),
    };
    let mut dp = date.split('-');
    let y: i64 = dp.next()?.parse().ok()?;
    let mo: i64 = dp.next().map(|v| v.parse().ok()).unwrap_or(Some(1))?;
    let d: i64 = dp.next().map(|v| v.parse().ok()).unwrap_or(Some(1))?;
    if dp.next().is_some()
        || !(1..=12).contains(&mo)
        || !(1..=31).contains(&d)
        || !(-100_000..=100_000).contains(&y)
    {
        return None;
    }
    let (time, offset_min) = split_offset(rest)?;
    let mut tp = time.split(':');
    let h: i64 = tp
        .next()
        .filter(|v| !v.is_empty())
        .map(|v| v.parse().ok())
        .unwrap_or(Some(0))?;
    let mi: i64 = tp.next().map(|v| v.parse().ok()).unwrap_or(Some(0))?;
    let sec_text = tp.next().unwrap_or("0");
    let (sec, frac) = match sec_text.split_once('.') {
        Some((a, b)) => (a, b),
        None => (sec_text, ""),
    };
    let sec: i64 = sec.parse().ok()?;
    let mut millis = 0i64;
    for (i, c) in frac.chars().take(3).enumerate() {
        millis += c.to_digit(10)? as i64 * [100, 10, 1][i];
    }
    if h > 24 || mi > 59 || sec > 60 {
        return None;
    }
    let days = days_from_civil(y, mo, d);
    Some(
        days * 86_400_000 + h * 3_600_000 + mi * 60_000 + sec * 1000 + millis - offset_min * 60_000,
    )
}

fn split_offset(rest: &str) -> Option<(&str, i64)> {
    if let Some(t) = rest.strip_suffix('Z') {
        return Some((t, 0));
    }
    if let Some(i) = rest.rfind(['+', '-']) {
        let (t, off) = rest.split_at(i);
        let sign = if off.starts_with('-') { -1 } else { 1 };
        let digits: String = off[1..].chars().filter(|c| c.is_ascii_digit()).collect();
        if digits.len() < 2 {
            return None;
        }
        let hh: i64 = digits[..2].parse().ok()?;
        let mm: i64 = if digits.len() >= 4 {
            digits[2..4].parse().ok()?
        } else {
            0
        };
        return Some((t, sign * (hh * 60 + mm)));
    }
    Some((rest, 0))
}

/// Parses an ISO interval `start/end` or, as in Druid URLs, `start_end`. Returns `(start, end)` ms.
pub fn parse_interval(s: &str) -> Option<(i64, i64)> {
    let (a, b) = s.split_once('/').or_else(|| s.split_once('_'))?;
    let start = parse_iso(a)?;
    let end = if b.starts_with('P') {
        start.checked_add(parse_period_ms(b)?)?
    } else {
        parse_iso(b)?
    };
    (end >= start).then_some((start, end))
}

/// Parses simple ISO periods (`P1D`, `PT1H`, `P2W`, `P1M` as 30 days, `P1Y` as 365 days).
pub fn parse_period_ms(p: &str) -> Option<i64> {
    let body = p.strip_prefix('P')?;
    let mut total = 0i64;
    let mut num = String::new();
    let mut in_time = false;
    for c in body.chars() {
        match c {
            'T' => in_time = true,
            '0'..='9' | '.' => num.push(c),
            unit => {
                let n: f64 = num.parse().ok()?;
                num.clear();
                let ms = match (unit, in_time) {
                    ('Y', false) => 365.0 * 86_400_000.0,
                    ('M', false) => 30.0 * 86_400_000.0,
                    ('W', false) => 7.0 * 86_400_000.0,
                    ('D', false) => 86_400_000.0,
                    ('H', true) => 3_600_000.0,
                    ('M', true) => 60_000.0,
                    ('S', true) => 1000.0,
                    _ => return None,
                };
                total = total.saturating_add((n * ms) as i64);
            }
        }
    }
    num.is_empty().then_some(total)
}

/// `start/end` in Druid's ISO form.
pub fn iso_interval(start: i64, end: i64) -> String {
    format!("{}/{}", iso_millis(start), iso_millis(end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses_round_trip() {
        let ms = parse_iso("2023-06-22T22:54:43.170Z").unwrap_or_default();
        assert_eq!(iso_millis(ms), "2023-06-22T22:54:43.170Z");
        assert_eq!(
            parse_iso("2016-06-27"),
            parse_iso("2016-06-27T00:00:00.000Z")
        );
        assert_eq!(
            parse_iso("2016-06-27T02:00:00+02:00"),
            parse_iso("2016-06-27T00:00:00Z")
        );
        assert_eq!(
            rfc3339_nanos(1_736_935_201_234_560_000),
            "2025-01-15T10:00:01.23456Z"
        );
        assert_eq!(sr_datetime(0), "1970-01-01 00:00:00");
    }

    #[test]
    fn intervals_accept_underscore_and_periods() {
        let (a, b) = parse_interval("2016-06-27_2016-06-28").unwrap_or((0, 0));
        assert_eq!(b - a, 86_400_000);
        let (c, d) = parse_interval("2016-06-27/P2D").unwrap_or((0, 0));
        assert_eq!((c, d - c), (a, 2 * 86_400_000));
        assert!(parse_interval("nonsense").is_none());
    }
}
