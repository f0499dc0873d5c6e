//! Numbers as people read them: durations, byte sizes, counts, percentages and timestamps. Pure
//! functions (host-tested); only [`local_time`] asks the browser for its time zone.

/// The placeholder shown for an unknown value.
pub const NONE: &str = "–";

/// A duration in milliseconds: `850 ms`, `12s`, `3m 4s`, `2h 5m`, `1d 3h`. Negative means unknown.
pub fn duration_ms(ms: i64) -> String {
    if ms < 0 {
        return NONE.into();
    }
    if ms < 1000 {
        return format!("{ms} ms");
    }
    let s = ms / 1000;
    let (d, h, m, s) = (s / 86_400, s / 3600 % 24, s / 60 % 60, s % 60);
    match (d, h, m) {
        (0, 0, 0) => format!("{s}s"),
        (0, 0, _) => format!("{m}m {s}s"),
        (0, _, _) => format!("{h}h {m}m"),
        _ => format!("{d}d {h}h"),
    }
}

/// A byte size with binary units: `512 B`, `1.5 KB`, `20.0 MB`. Negative means unknown.
pub fn bytes(n: i64) -> String {
    if n < 0 {
        return NONE.into();
    }
    const UNITS: [&str; 5] = ["KB", "MB", "GB", "TB", "PB"];
    if n < 1024 {
        return format!("{n} B");
    }
    let mut v = n as f64 / 1024.0;
    let mut unit = 0;
    while v >= 1024.0 && unit + 1 < UNITS.len() {
        v /= 1024.0;
        unit += 1;
    }
    format!("{v:.1} {}", UNITS[unit])
}

/// A count with thousands separators: `1,234,567`.
pub fn count(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// A number with at most `digits` decimals, trailing zeros dropped: `3.5`, `12`, `0.125`.
pub fn number(v: f64, digits: usize) -> String {
    if !v.is_finite() {
        return NONE.into();
    }
    let s = format!("{v:.digits$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// A share (0..1) as a percentage: `42%`, `0.5%`.
pub fn percent(share: f64) -> String {
    if !share.is_finite() {
        return NONE.into();
    }
    let p = share * 100.0;
    if p != 0.0 && p.abs() < 10.0 {
        format!("{}%", number(p, 1))
    } else {
        format!("{p:.0}%")
    }
}

/// Epoch milliseconds as `YYYY-MM-DD HH:MM:SS`, shifted by `offset_minutes` east of UTC.
/// Zero or negative (Flink's "never") gives the placeholder.
pub fn timestamp(ms: i64, offset_minutes: i64) -> String {
    if ms <= 0 {
        return NONE.into();
    }
    let secs = ms.div_euclid(1000) + offset_minutes * 60;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, mo, d) = civil_from_days(days);
    format!(
        "{y:04}-{mo:02}-{d:02} {:02}:{:02}:{:02}",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Epoch milliseconds in the browser's time zone (see [`timestamp`]; UTC outside a browser).
pub fn local_time(ms: i64) -> String {
    if ms <= 0 {
        return NONE.into();
    }
    #[cfg(target_arch = "wasm32")]
    let offset = -(js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64))
        .get_timezone_offset() as i64);
    #[cfg(not(target_arch = "wasm32"))]
    let offset = 0;
    timestamp(ms, offset)
}

/// Milliseconds since the epoch now (browser clock; the system clock outside a browser).
pub fn now_epoch_ms() -> i64 {
    #[cfg(target_arch = "wasm32")]
    return js_sys::Date::now() as i64;
    #[cfg(not(target_arch = "wasm32"))]
    return std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_like_a_person_would_say_them() {
        assert_eq!(duration_ms(-1), NONE);
        assert_eq!(duration_ms(850), "850 ms");
        assert_eq!(duration_ms(12_400), "12s");
        assert_eq!(duration_ms(184_000), "3m 4s");
        assert_eq!(duration_ms(7_500_000), "2h 5m");
        assert_eq!(duration_ms(97_200_000), "1d 3h");
    }

    #[test]
    fn byte_sizes_use_binary_units() {
        assert_eq!(bytes(-1), NONE);
        assert_eq!(bytes(512), "512 B");
        assert_eq!(bytes(1536), "1.5 KB");
        assert_eq!(bytes(20 * 1024 * 1024), "20.0 MB");
        assert_eq!(bytes(3 * 1024_i64.pow(3)), "3.0 GB");
    }

    #[test]
    fn counts_and_numbers() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(count(-12_345), "-12,345");
        assert_eq!(number(3.50, 2), "3.5");
        assert_eq!(number(12.0, 2), "12");
        assert_eq!(number(f64::NAN, 2), NONE);
        assert_eq!(percent(0.42), "42%");
        assert_eq!(percent(0.005), "0.5%");
        assert_eq!(percent(0.0), "0%");
    }

    #[test]
    fn timestamps_in_a_given_offset() {
        // 2026-11-28 06:54:08.947 UTC, a time recorded from the test cluster.
        assert_eq!(timestamp(1_795_848_848_947, 0), "2026-11-28 06:54:08");
        assert_eq!(timestamp(1_795_848_848_947, 120), "2026-11-28 08:54:08");
        assert_eq!(timestamp(0, 0), NONE);
        assert_eq!(timestamp(-1, 60), NONE);
        assert_eq!(timestamp(951_782_400_000, 0), "2000-02-29 00:00:00");
    }
}
