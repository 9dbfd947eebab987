//! Localization: dates written the way readers of the site's language expect
//! them, and the few words rotative writes itself (share labels, redirect
//! pages). One test of the language, `is_french`, serves every choice.

use chrono::{DateTime, Datelike, FixedOffset, Timelike};

const FR_DAYS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
const FR_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const FR_DAYS_SHORT: [&str; 7] = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."];
const FR_MONTHS_SHORT: [&str; 12] = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
    "déc.",
];

/// What a strftime name specifier (`%A %a %B %b %e`) gives in French:
/// day and month names, and « 1er » for the first of the month.
pub fn french_name(d: &DateTime<FixedOffset>, spec: char) -> String {
    let wd = d.weekday().num_days_from_monday() as usize;
    let m = d.month0() as usize;
    match spec {
        'A' => FR_DAYS[wd].to_string(),
        'a' => FR_DAYS_SHORT[wd].to_string(),
        'B' => FR_MONTHS[m].to_string(),
        'b' => FR_MONTHS_SHORT[m].to_string(),
        _ if d.day() == 1 => "1er".to_string(),
        _ => d.day().to_string(),
    }
}

const EN_DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `fr`, `fr-CA`, `fr_BE`…: the site is French.
pub fn is_french(lang: &str) -> bool {
    lang == "fr" || lang.starts_with("fr-") || lang.starts_with("fr_")
}

/// The words rotative writes into pages itself, in the site's language.
pub struct Labels {
    /// The e-mail share link.
    pub email: &'static str,
    /// The share link that copies the article's address.
    pub copy_link: &'static str,
    /// Title and text of the page left at an old URL.
    pub page_moved: &'static str,
    pub has_moved: &'static str,
}

impl Labels {
    pub fn of(lang: &str) -> Labels {
        if is_french(lang) {
            Labels {
                email: "E-mail",
                copy_link: "Copier le lien",
                page_moved: "Page déplacée",
                has_moved: "Cette page a changé d'adresse\u{a0}:",
            }
        } else {
            Labels {
                email: "Email",
                copy_link: "Copy link",
                page_moved: "Page moved",
                has_moved: "This page has moved:",
            }
        }
    }
}

/// The words of an article's life the default theme shows, in the site's
/// language: `site.labels` in templates.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ThemeLabels {
    pub published: &'static str,
    pub updated: &'static str,
    /// Between a date and its time: « le 5 mars à 14 h 20 ».
    pub at: &'static str,
    pub correction: &'static str,
    pub corrections: &'static str,
    pub atom_feed: &'static str,
    pub rss_feed: &'static str,
    /// The badge of live coverage.
    pub live: &'static str,
}

impl ThemeLabels {
    pub fn of(lang: &str) -> ThemeLabels {
        if is_french(lang) {
            ThemeLabels {
                published: "Publié le",
                updated: "Mis à jour le",
                at: "à",
                correction: "Correction",
                corrections: "Corrections",
                atom_feed: "Flux Atom",
                rss_feed: "Flux RSS",
                live: "En direct",
            }
        } else {
            ThemeLabels {
                published: "Published on",
                updated: "Updated on",
                at: "at",
                correction: "Correction",
                corrections: "Corrections",
                atom_feed: "Atom feed",
                rss_feed: "RSS feed",
                live: "Live",
            }
        }
    }
}

/// « mardi 4 mars 2025 » / "Tuesday, March 4, 2025".
pub fn long_date(d: &DateTime<FixedOffset>, lang: &str) -> String {
    let wd = d.weekday().num_days_from_monday() as usize;
    let m = d.month0() as usize;
    if is_french(lang) {
        // French writes the first of the month as an ordinal: « 1er mars ».
        let day = if d.day() == 1 {
            "1er".to_string()
        } else {
            d.day().to_string()
        };
        format!("{} {} {} {}", FR_DAYS[wd], day, FR_MONTHS[m], d.year())
    } else {
        format!(
            "{}, {} {}, {}",
            EN_DAYS[wd],
            EN_MONTHS[m],
            d.day(),
            d.year()
        )
    }
}

/// « mars » / "March", for month `m` (1 to 12).
pub fn month_name(m: u32, lang: &str) -> &'static str {
    let i = (m.clamp(1, 12) - 1) as usize;
    if is_french(lang) {
        FR_MONTHS[i]
    } else {
        EN_MONTHS[i]
    }
}

/// « 4 mars 2025 » / "March 4, 2025".
pub fn short_date(d: &DateTime<FixedOffset>, lang: &str) -> String {
    let m = d.month0() as usize;
    if is_french(lang) {
        let day = if d.day() == 1 {
            "1er".to_string()
        } else {
            d.day().to_string()
        };
        format!("{} {} {}", day, FR_MONTHS[m], d.year())
    } else {
        format!("{} {}, {}", EN_MONTHS[m], d.day(), d.year())
    }
}

/// « 08 h 30 » / "08:30".
pub fn time(d: &DateTime<FixedOffset>, lang: &str) -> String {
    if is_french(lang) {
        format!("{:02}\u{a0}h\u{a0}{:02}", d.hour(), d.minute())
    } else {
        format!("{:02}:{:02}", d.hour(), d.minute())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_dates() {
        let d = DateTime::parse_from_rfc3339("2025-03-04T08:30:00+01:00").unwrap();
        assert_eq!(long_date(&d, "fr"), "mardi 4 mars 2025");
        assert_eq!(short_date(&d, "fr"), "4 mars 2025");
        assert_eq!(time(&d, "fr"), "08\u{a0}h\u{a0}30");
        let d = DateTime::parse_from_rfc3339("2025-08-01T08:30:00+02:00").unwrap();
        assert_eq!(long_date(&d, "fr"), "vendredi 1er août 2025");
        assert_eq!(long_date(&d, "en"), "Friday, August 1, 2025");
    }
}
