//! Publication time: the one "now" of a build (the clock, or `ROTATIVE_NOW`),
//! and the articles it holds back because they are dated after it.

use crate::content::dates;
use crate::error::ClockError;
use crate::model::Article;
use chrono::{DateTime, FixedOffset, Utc};
use chrono_tz::Tz;
use std::sync::Arc;

/// Environment variable that fixes the build time, for tests and reproducible builds.
pub const NOW_VAR: &str = "ROTATIVE_NOW";

/// The build time: `ROTATIVE_NOW` when set (any date format the front matter
/// accepts; without an offset it is in the site zone), else the clock.
pub fn now(tz: Tz) -> Result<DateTime<FixedOffset>, ClockError> {
    match std::env::var(NOW_VAR) {
        Ok(s) if !s.trim().is_empty() => dates::parse(&s, tz).ok_or(ClockError {
            var: NOW_VAR,
            value: s,
        }),
        _ => Ok(Utc::now().with_timezone(&tz).fixed_offset()),
    }
}

/// What the build time left out, for the summary line.
#[derive(Debug, Clone)]
pub struct Schedule {
    pub now: DateTime<FixedOffset>,
    /// Articles dated after `now`, left out (or, with `--future`, included).
    pub held: usize,
    /// The earliest of their dates: the next time the site changes by itself.
    pub next: Option<DateTime<FixedOffset>>,
    pub future: bool,
}

impl Schedule {
    /// Splits `articles` into those published at `now` (returned) and those
    /// scheduled for later (counted). Dates are instants, so an article dated
    /// today at midnight in the site zone is published from that midnight on,
    /// whatever offset `now` was written with.
    pub fn apply(
        articles: Vec<Arc<Article>>,
        now: DateTime<FixedOffset>,
        future: bool,
    ) -> (Vec<Arc<Article>>, Schedule) {
        let mut s = Schedule {
            now,
            held: 0,
            next: None,
            future,
        };
        let kept = articles
            .into_iter()
            .filter(|a| {
                if a.date <= now {
                    return true;
                }
                s.held += 1;
                s.next = Some(s.next.map_or(a.date, |n| n.min(a.date)));
                future
            })
            .collect();
        (kept, s)
    }

    /// Whether time alone, at `now`, would publish an article held back.
    pub fn due_at(&self, now: DateTime<FixedOffset>) -> bool {
        !self.future && self.next.is_some_and(|n| n <= now)
    }

    /// One line for `rotative build` and `serve`, or `None` when nothing is scheduled.
    pub fn describe(&self, tz: Tz) -> Option<String> {
        let next = self.next?.with_timezone(&tz);
        let n = self.held;
        let s = if n == 1 { "" } else { "s" };
        let when = format!("{} ({tz})", next.format("%Y-%m-%d at %H:%M"));
        Some(if self.future {
            format!(
                "Included {n} article{s} dated in the future (--future); the earliest is dated {when}"
            )
        } else {
            format!(
                "Held back {n} scheduled article{s}; the next is due on {when}; use --future to include them"
            )
        })
    }
}
