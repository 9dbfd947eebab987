//! What depends on each article, kept between preview rebuilds: which jobs of
//! the plan read it (so an edit swapped in place re-signs those jobs, not all
//! of them), and where its source sits in the model and whether a card shows
//! it (so finding the edited article is a lookup, not a scan of every one).

use super::signature::{Changed, Fingerprints};
use crate::model::Model;
use crate::render::{Job, Renderer};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The jobs that read each article, by position in the plan.
pub struct Dependents {
    /// The jobs of article `i` are `jobs[starts[i]..starts[i + 1]]`.
    starts: Vec<u32>,
    jobs: Vec<u32>,
    sitemap: Vec<u32>,
    news: Vec<u32>,
}

/// The fingerprint of the template a job renders with, and of what it pulls in.
fn template_hash(closures: &HashMap<String, u64>, job: Job) -> u64 {
    Renderer::template(job)
        .and_then(|t| closures.get(t))
        .copied()
        .unwrap_or(0)
}

impl Dependents {
    /// Signs every job of the plan and notes what each read, in one walk.
    pub fn sign(
        fp: &Fingerprints,
        r: &Renderer,
        plan: &[(Job, String)],
        closures: &HashMap<String, u64>,
    ) -> (Vec<u64>, Dependents) {
        let n = r.ctx().model.articles.len();
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        let mut read = Vec::new();
        let (mut sitemap, mut news) = (Vec::new(), Vec::new());
        let sigs = plan
            .iter()
            .enumerate()
            .map(|(pos, (job, _))| {
                read.clear();
                let pos = pos as u32;
                let (sig, reads) =
                    fp.job_with_reads(r, *job, template_hash(closures, *job), &mut read);
                pairs.extend(read.iter().map(|&a| (a, pos)));
                if reads.sitemap {
                    sitemap.push(pos);
                }
                if reads.news {
                    news.push(pos);
                }
                sig
            })
            .collect();
        // Grouped by article with a counting pass: a sort of ~200,000 pairs
        // at 10,000 articles would cost more than signing.
        let mut starts = vec![0u32; n + 1];
        for &(a, _) in &pairs {
            starts[a as usize + 1] += 1;
        }
        for i in 0..n {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut jobs = vec![0u32; pairs.len()];
        for (a, pos) in pairs {
            let slot = &mut next[a as usize];
            jobs[*slot as usize] = pos;
            *slot += 1;
        }
        let deps = Dependents {
            starts,
            jobs,
            sitemap,
            news,
        };
        (sigs, deps)
    }

    /// The positions of the jobs whose signature may have moved, sorted.
    pub fn of(&self, changed: &Changed) -> Vec<usize> {
        let mut out: Vec<usize> = changed
            .articles
            .iter()
            .flat_map(|&i| {
                let (a, b) = (self.starts[i] as usize, self.starts[i + 1] as usize);
                self.jobs[a..b].iter()
            })
            .chain(
                changed
                    .sitemap
                    .then_some(&self.sitemap)
                    .into_iter()
                    .flatten(),
            )
            .chain(changed.news.then_some(&self.news).into_iter().flatten())
            .map(|&p| p as usize)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Signs again the jobs at `positions` (after `Fingerprints::update`).
    pub fn resign(
        fp: &Fingerprints,
        r: &Renderer,
        plan: &[(Job, String)],
        closures: &HashMap<String, u64>,
        positions: &[usize],
        sigs: &mut [u64],
    ) {
        for &p in positions {
            let job = plan[p].0;
            sigs[p] = fp.job(r, job, template_hash(closures, job));
        }
    }
}

/// Where each article's source sits in the model, and which sources a card
/// shows (in an article or a standalone page).
pub struct Lookup {
    by_source: HashMap<PathBuf, usize>,
    card_targets: HashSet<PathBuf>,
}

impl Lookup {
    pub fn of(m: &Model) -> Lookup {
        let by_source = m
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.source.clone(), i))
            .collect();
        let card_targets = m
            .articles
            .iter()
            .flat_map(|a| a.shortcodes.iter())
            .chain(m.pages.iter().flat_map(|p| p.shortcodes.iter()))
            .filter_map(|s| s.card_target())
            .collect();
        Lookup {
            by_source,
            card_targets,
        }
    }

    pub fn article(&self, source: &Path) -> Option<usize> {
        self.by_source.get(source).copied()
    }

    /// Whether an article card, anywhere, shows the article at `source`.
    pub fn carded(&self, source: &Path) -> bool {
        self.card_targets.contains(source)
    }
}
