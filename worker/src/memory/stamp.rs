//! Timestamps for memory documents and prompt lines, without a date crate.
//!
//! Milliseconds since the Unix epoch (what events carry) become RFC 3339 UTC for Synap's
//! `document_created_at` (§5.1) and a short `YYYY-MM-DD HH:MMZ` for prompt lines. Proleptic
//! Gregorian calendar; any `i64` is accepted; nothing fails.

/// Milliseconds since the epoch as RFC 3339 UTC (`2026-09-02T09:12:44.120Z`).
pub fn rfc3339(at_ms: i64) -> String {
    let (date, secs, ms) = split(at_ms);
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    format!("{date}T{h:02}:{m:02}:{s:02}.{ms:03}Z")
}

/// Short UTC stamp for prompt lines (`2026-09-02 09:12Z`).
pub fn short_stamp(at_ms: i64) -> String {
    let (date, secs, _) = split(at_ms);
    format!("{date} {:02}:{:02}Z", secs / 3600, secs / 60 % 60)
}

/// Splits into (`YYYY-MM-DD`, seconds of the day, milliseconds).
fn split(at_ms: i64) -> (String, i64, i64) {
    let days = at_ms.div_euclid(86_400_000);
    let rest = at_ms.rem_euclid(86_400_000);
    // Civil-from-days (H. Hinnant), proleptic Gregorian calendar.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (format!("{y:04}-{m:02}-{d:02}"), rest / 1000, rest % 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(rfc3339(1_788_340_364_120), "2026-09-02T09:12:44.120Z");
        assert_eq!(rfc3339(951_782_400_000), "2000-02-29T00:00:00.000Z");
        assert_eq!(short_stamp(1_788_340_364_120), "2026-09-02 09:12Z");
    }
}
