//! « À lire aussi »: for every article, the few other articles most related to
//! it, computed once per build from an inverted index (the taxonomies' article
//! lists), never by comparing every pair.
//!
//! Score of a candidate: the sum of the weights of the terms it shares with the
//! article. A tag weighs its rarity, `ln(1 + N / df)` (N articles, df of them
//! with the tag), so a tag on three articles says more than one on half the
//! site; the same category adds [`CATEGORY_WEIGHT`], each shared author
//! [`AUTHOR_WEIGHT`]. Ties go to the more recent article, then the smaller URL.
//!
//! Cost: a term carried by many articles (a category, a tag on 20 % of 50,000
//! articles) would make the scan quadratic. So each term's article list is
//! scanned over at most [`WINDOW`] entries: the ones nearest in publication
//! order to the article being scored. A very common term therefore only links
//! articles published around the same time, which is also what a reader of a
//! news site expects from it; terms with fewer articles are scanned whole. The
//! work is then at most `WINDOW × terms` per article, in parallel.

use crate::model::Model;
use rayon::prelude::*;
use std::cmp::Ordering;

/// Longest stretch of one term's article list scanned for one article.
pub const WINDOW: usize = 256;
/// Weights are integers (thousandths), so that sums are exact, equal sums
/// are real ties and the order never depends on floating-point rounding.
const SCALE: f64 = 1000.0;
/// Bonus for sharing the category, in the tag weights' unit: about the
/// weight of a tag carried by half the articles.
pub const CATEGORY_WEIGHT: u32 = 1000;
/// Bonus for each shared author.
pub const AUTHOR_WEIGHT: u32 = 500;

/// The order that breaks equal scores, as a place per article (smaller
/// first) and its inverse.
pub struct TieOrder {
    pub place: Vec<u32>,
    pub by_place: Vec<u32>,
}

impl TieOrder {
    /// `first(a, b)` is `Less` when article `a` goes before article `b`.
    pub fn new(n: usize, first: impl Fn(usize, usize) -> Ordering) -> TieOrder {
        let mut by_place: Vec<u32> = (0..n as u32).collect();
        by_place.sort_by(|&a, &b| first(a as usize, b as usize).then(a.cmp(&b)));
        let mut place = vec![0; n];
        for (k, &j) in by_place.iter().enumerate() {
            place[j as usize] = k as u32;
        }
        TieOrder { place, by_place }
    }
}

/// Per-thread working memory: a score per article, and which ones were touched.
pub struct Scratch {
    score: Vec<u32>,
    touched: Vec<usize>,
}

impl Scratch {
    pub fn new(n: usize) -> Scratch {
        Scratch {
            score: vec![0; n],
            touched: Vec::new(),
        }
    }
}

/// The part of a sorted article list scanned for article `i`: all of it when
/// short, else the `WINDOW` entries around `i`'s place in it.
pub fn window(postings: &[usize], i: usize) -> &[usize] {
    if postings.len() <= WINDOW {
        return postings;
    }
    let at = postings.binary_search(&i).unwrap_or_else(|p| p);
    let start = at.saturating_sub(WINDOW / 2).min(postings.len() - WINDOW);
    &postings[start..start + WINDOW]
}

/// The `count` best candidates for article `i` given its terms (article list,
/// weight); `order` breaks ties. Returns them and how many list entries were
/// scanned (for tests of the cost bound).
pub fn rank<'a>(
    i: usize,
    terms: impl IntoIterator<Item = (&'a [usize], u32)>,
    count: usize,
    scratch: &mut Scratch,
    order: &TieOrder,
) -> (Vec<usize>, usize) {
    let mut scanned = 0;
    for (postings, weight) in terms {
        for &j in window(postings, i) {
            scanned += 1;
            if j == i {
                continue;
            }
            if scratch.score[j] == 0 {
                scratch.touched.push(j);
            }
            scratch.score[j] += weight;
        }
    }
    // One integer per candidate, smallest best: the score reversed, then its
    // place. The best `count` are kept sorted in one pass over the
    // candidates, which are often a thousand or more for four places.
    let mut best: Vec<u64> = Vec::with_capacity(count + 1);
    for j in scratch.touched.drain(..) {
        let score = std::mem::take(&mut scratch.score[j]);
        let key = (u64::from(u32::MAX - score) << 32) | u64::from(order.place[j]);
        if best.len() == count && best.last().is_none_or(|&worst| key >= worst) {
            continue;
        }
        let at = best.partition_point(|&k| k < key);
        best.insert(at, key);
        best.truncate(count);
    }
    let ids = best
        .into_iter()
        .map(|key| order.by_place[key as u32 as usize] as usize)
        .collect();
    (ids, scanned)
}

/// Rarity weight of a term carried by `df` of `n` articles.
pub fn rarity(n: usize, df: usize) -> u32 {
    ((1.0 + n as f64 / df.max(1) as f64).ln() * SCALE).round() as u32
}

/// The related articles of every article of the model, in model order.
pub fn compute(m: &Model, count: usize) -> Vec<Vec<u32>> {
    let n = m.articles.len();
    if count == 0 || n < 2 {
        return vec![Vec::new(); n];
    }
    let tag_weight: Vec<u32> = m.tags.iter().map(|t| rarity(n, t.articles.len())).collect();
    // More recent first, then by URL.
    let order = TieOrder::new(n, |a, b| {
        m.articles[b]
            .date
            .cmp(&m.articles[a].date)
            .then_with(|| m.links[a].url.cmp(&m.links[b].url))
    });
    (0..n)
        .into_par_iter()
        .map_init(
            || Scratch::new(n),
            |scratch, i| {
                let l = &m.links[i];
                // A tag written twice in one front matter counts once.
                let mut tags = l.tags.clone();
                tags.sort_unstable();
                tags.dedup();
                let terms = tags
                    .into_iter()
                    .map(|t| (m.tags[t].articles.as_slice(), tag_weight[t]))
                    .chain(
                        l.category
                            .map(|c| (m.categories[c].articles.as_slice(), CATEGORY_WEIGHT)),
                    )
                    .chain(
                        l.authors
                            .iter()
                            .map(|&a| (m.authors[a].articles.as_slice(), AUTHOR_WEIGHT)),
                    );
                let (ids, _) = rank(i, terms, count, scratch, &order);
                ids.into_iter().map(|j| j as u32).collect()
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_index(n: usize) -> TieOrder {
        TieOrder::new(n, |a, b| a.cmp(&b))
    }

    #[test]
    fn rarer_shared_terms_rank_higher() {
        // Article 0 has a rare tag (0, 3) and a common one (0, 1, 2, 3, 4, 5).
        let rare = [0, 3];
        let common = [0, 1, 2, 3, 4, 5];
        let terms = [(&rare[..], rarity(6, 2)), (&common[..], rarity(6, 6))];
        let mut s = Scratch::new(6);
        let (ids, _) = rank(0, terms, 3, &mut s, &by_index(6));
        // 3 shares both; 1 and 2 only the common tag, tie broken by order.
        assert_eq!(ids, [3, 1, 2]);
        // Ties follow the given order, whatever the article numbers.
        let reversed = TieOrder::new(6, |a, b| b.cmp(&a));
        let terms = [(&rare[..], rarity(6, 2)), (&common[..], rarity(6, 6))];
        assert_eq!(rank(0, terms, 3, &mut s, &reversed).0, [3, 5, 4]);
        // The scratch is clean for the next article.
        assert!(s.score.iter().all(|&x| x == 0) && s.touched.is_empty());
    }

    #[test]
    fn weights_are_exact_integers() {
        assert_eq!(rarity(100, 100), 693);
        assert!(rarity(100, 2) > rarity(100, 3));
    }

    #[test]
    fn a_very_common_term_scans_only_a_window() {
        // 50,000 articles; a tag on every fifth one and a category on all.
        let n = 50_000;
        let tag: Vec<usize> = (0..n).step_by(5).collect();
        let all: Vec<usize> = (0..n).collect();
        let mut s = Scratch::new(n);
        let order = by_index(n);
        let mut total = 0;
        for i in (0..n).step_by(5) {
            let terms = [
                (&tag[..], rarity(n, tag.len())),
                (&all[..], CATEGORY_WEIGHT),
            ];
            let (ids, scanned) = rank(i, terms, 4, &mut s, &order);
            assert!(scanned <= 2 * WINDOW);
            assert_eq!(ids.len(), 4);
            // Neighbours in time that share the tag come first.
            assert!(
                ids.iter()
                    .all(|j| j % 5 == 0 && j.abs_diff(i) <= 5 * WINDOW)
            );
            total += scanned;
        }
        assert!(total <= n / 5 * 2 * WINDOW);
    }

    #[test]
    fn window_is_centred_and_clamped() {
        let p: Vec<usize> = (0..1000).collect();
        assert_eq!(window(&p, 0)[0], 0);
        assert_eq!(window(&p, 999).last(), Some(&999));
        let w = window(&p, 500);
        assert_eq!((w[0], w.len()), (500 - WINDOW / 2, WINDOW));
        assert_eq!(window(&p[..10], 3).len(), 10);
    }
}
