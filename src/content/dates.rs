//! Front-matter dates: the accepted formats and their time zone.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

/// Parses the date formats editors write. A date without an offset is a wall
/// clock time in the site's zone; a bare day is midnight there.
pub fn parse(s: &str, tz: Tz) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d);
    }
    // Offsets such as `+0200`, `+02:00` or `Z`, after a space or glued on.
    for fmt in [
        "%Y-%m-%d %H:%M:%S %z",
        "%Y-%m-%d %H:%M %z",
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%z",
        "%Y-%m-%d %H:%M%z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(s, fmt) {
            return Some(d);
        }
    }
    for fmt in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(n) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(localize(n, tz));
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(localize(d.and_hms_opt(0, 0, 0)?, tz));
    }
    None
}

/// Places a wall-clock time in `tz`. In the spring-forward gap the time does not
/// exist, so the next valid instant an hour later is taken; in the autumn
/// overlap, the earlier one.
fn localize(n: NaiveDateTime, tz: Tz) -> DateTime<FixedOffset> {
    let local = tz
        .from_local_datetime(&n)
        .earliest()
        .or_else(|| {
            tz.from_local_datetime(&(n + chrono::Duration::hours(1)))
                .earliest()
        })
        .unwrap_or_else(|| tz.from_utc_datetime(&n));
    local.fixed_offset()
}

/// The `YYYY-MM-DD-` prefix of a file name, if there is one.
pub fn from_file_name(stem: &str) -> Option<(NaiveDate, &str)> {
    let prefix = stem.get(..10)?;
    let date = NaiveDate::parse_from_str(prefix, "%Y-%m-%d").ok()?;
    let rest = stem[10..].strip_prefix('-').unwrap_or(&stem[10..]);
    Some((date, rest))
}

/// A date from a file name prefix, at midnight in the site zone.
pub fn day_start(d: NaiveDate, tz: Tz) -> DateTime<FixedOffset> {
    localize(d.and_hms_opt(0, 0, 0).expect("midnight exists"), tz)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Paris;

    fn p(s: &str) -> String {
        parse(s, Paris).map(|d| d.to_rfc3339()).unwrap_or_default()
    }

    #[test]
    fn accepted_formats() {
        assert_eq!(p("2025-03-04"), "2025-03-04T00:00:00+01:00");
        assert_eq!(p("2025-07-04 08:30"), "2025-07-04T08:30:00+02:00");
        assert_eq!(p("2025-07-04 08:30:15"), "2025-07-04T08:30:15+02:00");
        assert_eq!(p("2025-07-04T08:30:00Z"), "2025-07-04T08:30:00+00:00");
        assert_eq!(p("2025-07-04 08:30 -0700"), "2025-07-04T08:30:00-07:00");
        assert_eq!(p("2025-07-04 08:30:00 +0200"), "2025-07-04T08:30:00+02:00");
        assert_eq!(p("2025-07-04T08:30:00+02:00"), "2025-07-04T08:30:00+02:00");
    }

    #[test]
    fn rejected_formats() {
        assert_eq!(p("4 mars 2025"), "");
        assert_eq!(p("2025-13-01"), "");
        assert_eq!(p(""), "");
    }

    #[test]
    fn spring_forward_gap_moves_an_hour_later() {
        assert_eq!(p("2025-03-30 02:30"), "2025-03-30T03:30:00+02:00");
    }

    #[test]
    fn file_name_prefix() {
        let (d, rest) = from_file_name("2025-03-04-mon-article").unwrap();
        assert_eq!(d.to_string(), "2025-03-04");
        assert_eq!(rest, "mon-article");
        assert!(from_file_name("mon-article").is_none());
    }
}
