//! The context of the date archive pages (`archive.html`, `page_kind`
//! `year` or `month`): the period, its months with counts, its neighbours
//! and a paginator, all read from `model.archives`.

use super::context::{Ctx, paginator};
use super::{Job, Vars, obj, to_value};
use crate::i18n::month_name;
use crate::model::archives::{Year, neighbours};
use serde_json::{Value, json};
use tera::Value as TeraValue;

fn month_ref(c: &Ctx, year: &Year, k: usize) -> Value {
    let m = &year.months[k];
    let lang = c.config.language.as_str();
    json!({
        "year": year.year,
        "month": m.month,
        "name": format!("{} {}", month_name(m.month, lang), year.year),
        "month_name": month_name(m.month, lang),
        "url": c.urls.month(year.year, m.month),
        "count": m.articles.len(),
    })
}

fn year_ref(c: &Ctx, year: &Year) -> Value {
    json!({
        "year": year.year,
        "name": year.year.to_string(),
        "url": c.urls.year(year.year),
        "count": year.articles.len(),
    })
}

/// The variables of a `Year` or `Month` job; `None` for other jobs.
pub fn vars(c: &Ctx, job: Job, summary: &dyn Fn(usize) -> TeraValue) -> Option<Vars> {
    let years = &c.model.archives;
    let per = c.config.per_page;
    let (y, month, n) = match job {
        Job::Year(y, n) => (y, None, n),
        Job::Month(y, k, n) => (y, Some(k), n),
        _ => return None,
    };
    let year = &years[y];
    let months: Vec<Value> = (0..year.months.len())
        .map(|k| month_ref(c, year, k))
        .collect();
    let (mut archive, base, ids) = match month {
        None => {
            let mut v = year_ref(c, year);
            v["kind"] = json!("year");
            v["month"] = Value::Null;
            // Years are newest first: the older one is next in the list.
            v["previous"] = years.get(y + 1).map_or(Value::Null, |o| year_ref(c, o));
            v["next"] = y
                .checked_sub(1)
                .map_or(Value::Null, |p| year_ref(c, &years[p]));
            (v, c.urls.year(year.year), &year.articles)
        }
        Some(k) => {
            let mut v = month_ref(c, year, k);
            v["kind"] = json!("month");
            let (older, newer) = neighbours(years, y, k);
            let at = |p: Option<(usize, usize)>| {
                p.map_or(Value::Null, |(y, k)| month_ref(c, &years[y], k))
            };
            v["previous"] = at(older);
            v["next"] = at(newer);
            v["year_url"] = json!(c.urls.year(year.year));
            let url = c.urls.month(year.year, year.months[k].month);
            (v, url, &year.months[k].articles)
        }
    };
    archive["permalink"] = json!(c.urls.absolute(&base));
    archive["months"] = json!(months);
    let pager = paginator(&base, ids, n, per, summary);
    Some(obj([("archive", to_value(&archive)), ("paginator", pager)]))
}
