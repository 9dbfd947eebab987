//! Date archives: the articles of each year and month, newest first, built
//! once from the ordered article list (one pass and one sort per build, not
//! a scan per page), with each month's neighbours.

use super::Article;
use chrono::Datelike;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Month {
    /// 1 to 12.
    pub month: u32,
    /// Newest published first.
    pub articles: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Year {
    pub year: i32,
    pub articles: Vec<usize>,
    /// Months that have articles, newest first.
    pub months: Vec<Month>,
}

/// Years newest first, from the articles' dates as written (the same year
/// and month as their permalinks).
pub fn gather(articles: &[Arc<Article>]) -> Vec<Year> {
    let mut ids: Vec<usize> = (0..articles.len()).collect();
    // The model may be ordered by update; archives are by publication.
    // Stable, so equal dates keep the model's order.
    ids.sort_by(|&x, &y| articles[y].date.cmp(&articles[x].date));
    let mut years: Vec<Year> = Vec::new();
    for i in ids {
        let d = articles[i].date;
        let (y, m) = (d.year(), d.month());
        if years.last().is_none_or(|last| last.year != y) {
            years.push(Year {
                year: y,
                articles: Vec::new(),
                months: Vec::new(),
            });
        }
        let year = years.last_mut().expect("pushed above");
        year.articles.push(i);
        if year.months.last().is_none_or(|last| last.month != m) {
            year.months.push(Month {
                month: m,
                articles: Vec::new(),
            });
        }
        year.months
            .last_mut()
            .expect("pushed above")
            .articles
            .push(i);
    }
    // Dates with other offsets could interleave at a year's edge: merge.
    years.sort_by_key(|y| std::cmp::Reverse(y.year));
    years.dedup_by(|later, kept| {
        if later.year != kept.year {
            return false;
        }
        kept.articles.append(&mut later.articles);
        kept.months.append(&mut later.months);
        true
    });
    for y in &mut years {
        y.months.sort_by_key(|m| std::cmp::Reverse(m.month));
        y.months.dedup_by(|later, kept| {
            if later.month != kept.month {
                return false;
            }
            kept.articles.append(&mut later.articles);
            true
        });
        // Merged runs: newest first again (already sorted runs cost one pass).
        let newest_first = |v: &mut Vec<usize>| {
            v.sort_by_key(|&i| std::cmp::Reverse(articles[i].date));
        };
        newest_first(&mut y.articles);
        y.months
            .iter_mut()
            .for_each(|m| newest_first(&mut m.articles));
    }
    years
}

/// A month as indexes into `years` and its `months`.
pub type MonthAt = (usize, usize);

/// The month before and after `(y, m)` that have articles: (older, newer).
pub fn neighbours(years: &[Year], y: usize, m: usize) -> (Option<MonthAt>, Option<MonthAt>) {
    let older = if m + 1 < years[y].months.len() {
        Some((y, m + 1))
    } else {
        (y + 1 < years.len()).then_some((y + 1, 0))
    };
    let newer = if m > 0 {
        Some((y, m - 1))
    } else {
        y.checked_sub(1).map(|p| (p, years[p].months.len() - 1))
    };
    (older, newer)
}
