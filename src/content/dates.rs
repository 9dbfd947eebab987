//! Front-matter dates: the accepted formats and their time zone.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

/// The forms `parse` reads, for messages; the README's table lists them too.
pub const ACCEPTED: &str = "2025-03-04, 2025-03-04 08:30, 2025-03-04T08:30:00+01:00, \
2025-03-04 08:30:00 +0100 (a zone name such as CET or Europe/Paris may follow), \
Tue, 04 Mar 2025 08:30:00 +0100, 4 March 2025 or March 4, 2025";

/// Parses the date formats editors write, and those Jekyll (Ruby's
/// `Time.parse`) and Hugo (Go layouts) accept in practice. A date without an
/// offset is a wall clock time in the site's zone; a bare day is midnight there.
pub fn parse(s: &str, tz: Tz) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    if let Some(d) = parse_plain(s, tz) {
        return Some(d);
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d);
    }
    // Go's `time.String()` and Ruby's `Time#to_s` end with a zone name after
    // the offset (`+0100 CET`); a zone name alone stands for its offset.
    let (rest, zone) = s.rsplit_once(' ')?;
    let rest = rest.trim_end();
    if let Some(off) = abbreviation(zone) {
        let d = parse_plain(rest, tz)?;
        if has_offset(rest) {
            return Some(d);
        }
        return parse_plain(rest, Tz::UTC).map(|u| reoffset(u, off));
    }
    let zone_tz = zone.parse::<Tz>().ok()?;
    if has_offset(rest) {
        return parse_plain(rest, tz);
    }
    parse_plain(rest, zone_tz)
}

/// The numeric forms and English month names, without a trailing zone name.
fn parse_plain(s: &str, tz: Tz) -> Option<DateTime<FixedOffset>> {
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d);
    }
    let s = &normalize(s);
    // Offsets such as `+0200`, `+02:00` or `Z`, after a space or glued on.
    for fmt in [
        "%Y-%m-%d %H:%M:%S%.f %z",
        "%Y-%m-%d %H:%M %z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M%z",
        "%Y-%m-%dT%H:%M:%S%.f %z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(s, fmt) {
            return Some(d);
        }
    }
    for fmt in [
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%d %B %Y %H:%M:%S",
        "%d %B %Y %H:%M",
        "%B %d %Y %H:%M:%S",
        "%B %d %Y %H:%M",
    ] {
        if let Ok(n) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(localize(n, tz));
        }
    }
    for fmt in ["%Y-%m-%d", "%d %B %Y", "%B %d %Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return Some(localize(d.and_hms_opt(0, 0, 0)?, tz));
        }
    }
    None
}

/// `2025/03/04` as Ruby reads it, `Z` after a space, and the comma of
/// `March 4, 2025`, reduced to the forms above.
fn normalize(s: &str) -> String {
    let mut out = s.replace(", ", " ").replace(',', " ");
    if out.len() >= 10 && out.as_bytes()[4] == b'/' && out.as_bytes()[7] == b'/' {
        out.replace_range(4..5, "-");
        out.replace_range(7..8, "-");
    }
    if let Some(head) = out.strip_suffix(" Z").or_else(|| out.strip_suffix(" UTC")) {
        out = format!("{head} +0000");
    }
    out
}

/// Whether `s` carries its own offset: then the zone it is read in changes nothing.
fn has_offset(s: &str) -> bool {
    parse_plain(s, Tz::UTC) == parse_plain(s, Tz::Pacific__Kiritimati)
}

/// Zone abbreviations Ruby's `Time.parse` knows, and the French ones.
fn abbreviation(zone: &str) -> Option<FixedOffset> {
    let hours = match zone {
        "UTC" | "GMT" | "UT" | "Z" => 0,
        "CET" | "WEST" | "BST" => 1,
        "CEST" | "EET" => 2,
        "EEST" => 3,
        "WET" => 0,
        "EST" => -5,
        "EDT" | "AST" => -4,
        "CST" => -6,
        "CDT" => -5,
        "MST" => -7,
        "MDT" => -6,
        "PST" => -8,
        "PDT" => -7,
        _ => return None,
    };
    FixedOffset::east_opt(hours * 3600)
}

/// A wall-clock time read as UTC, placed at `off` instead.
fn reoffset(utc_wall: DateTime<FixedOffset>, off: FixedOffset) -> DateTime<FixedOffset> {
    let wall = utc_wall.naive_utc();
    off.from_local_datetime(&wall)
        .single()
        .unwrap_or_else(|| off.from_utc_datetime(&wall))
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
    fn jekyll_and_hugo_forms() {
        // Go layouts Hugo accepts, and Go's own `time.String()` output.
        assert_eq!(
            p("2025-07-04T08:30:00.123+02:00"),
            "2025-07-04T08:30:00.123+02:00"
        );
        assert_eq!(
            p("2025-07-04 08:30:00 -0700 MST"),
            "2025-07-04T08:30:00-07:00"
        );
        assert_eq!(
            p("2025-07-04 08:30:00.5 +0000 UTC"),
            "2025-07-04T08:30:00.500+00:00"
        );
        assert_eq!(p("2025-07-04T08:30:00"), "2025-07-04T08:30:00+02:00");
        assert_eq!(p("2025-07-04T08:30:00+0200"), "2025-07-04T08:30:00+02:00");
        assert_eq!(p("2025-07-04 08:30:00+02:00"), "2025-07-04T08:30:00+02:00");
        // A zone name alone stands for its offset.
        assert_eq!(p("2025-07-04 08:30:00 UTC"), "2025-07-04T08:30:00+00:00");
        assert_eq!(p("2025-01-04 08:30 CET"), "2025-01-04T08:30:00+01:00");
        assert_eq!(p("2025-07-04 08:30 EST"), "2025-07-04T08:30:00-05:00");
        assert_eq!(
            p("2025-07-04 08:30 America/New_York"),
            "2025-07-04T08:30:00-04:00"
        );
        // Ruby's `Time.parse`: slashes, English month names, RFC 2822.
        assert_eq!(p("2025/07/04 08:30"), "2025-07-04T08:30:00+02:00");
        assert_eq!(p("2025/07/04"), "2025-07-04T00:00:00+02:00");
        assert_eq!(p("4 July 2025"), "2025-07-04T00:00:00+02:00");
        assert_eq!(p("4 Jul 2025 08:30"), "2025-07-04T08:30:00+02:00");
        assert_eq!(p("July 4, 2025"), "2025-07-04T00:00:00+02:00");
        assert_eq!(
            p("Fri, 04 Jul 2025 08:30:00 +0200"),
            "2025-07-04T08:30:00+02:00"
        );
    }

    #[test]
    fn rejected_formats() {
        assert_eq!(p("2025-07-04 08:30 XYZ"), "");
        assert_eq!(p("2025-07-04 08:30 +0200 Mars/Olympus"), "");
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
