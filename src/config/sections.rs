//! The smaller tables of `site.toml`, each with its defaults: `[paths]`,
//! `[newsletter]`, `[share]`, `[news]`, `[related]`, `[search]`, `[images]`,
//! `[typography]`, `[markdown]`, `[comments]`.

use super::SHARE_NETWORKS;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Paths {
    pub authors: String,
    pub tags: String,
    pub categories: String,
}

impl Default for Paths {
    fn default() -> Self {
        Paths {
            authors: "authors".into(),
            tags: "tags".into(),
            categories: "categories".into(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Newsletter {
    pub action: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Share {
    pub networks: Vec<String>,
}

impl Default for Share {
    fn default() -> Self {
        Share {
            networks: SHARE_NETWORKS.iter().map(|s| s.to_string()).collect(),
        }
    }
}

/// Google News: the news sitemap, and the publication name it gives.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct News {
    /// Write `news-sitemap.xml` (and list it in robots.txt).
    pub sitemap: bool,
    /// The name registered with Google News; `title` when unset.
    pub name: Option<String>,
}

impl Default for News {
    fn default() -> Self {
        News {
            sitemap: true,
            name: None,
        }
    }
}

/// `[related]`: the « À lire aussi » list under each article (see `related.rs`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Related {
    /// How many related articles each article lists; 0 turns the list off.
    pub count: usize,
}

impl Default for Related {
    fn default() -> Self {
        Related { count: 4 }
    }
}

/// `[search]`: the JSON index and the search page (see `render/search.rs`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Search {
    pub enabled: bool,
    /// URL segment of the search page; the index sits beside it.
    pub path: String,
    /// Also index each article's full text (a much larger index).
    pub body: bool,
}

impl Default for Search {
    fn default() -> Self {
        Search {
            enabled: true,
            path: "recherche".into(),
            body: false,
        }
    }
}

/// `[images]`: the widths lead photos are resized to, and the encoders' quality.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Images {
    pub widths: Vec<u32>,
    pub quality: u8,
}

impl Default for Images {
    fn default() -> Self {
        Images {
            widths: vec![480, 960, 1600],
            quality: 80,
        }
    }
}

/// `[typography]`: French rules are on by default for a French site.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Typography {
    #[serde(default)]
    pub french: Option<bool>,
}

/// `[markdown]`: how article bodies are read.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Markdown {
    /// HTML written in Markdown goes through as HTML (editors are trusted);
    /// `false` prints it as text instead.
    pub raw_html: bool,
}

impl Default for Markdown {
    fn default() -> Self {
        Markdown { raw_html: true }
    }
}

/// `[comments]`: a self-hosted comment server embedded under articles.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Comments {
    pub provider: String,
    pub url: String,
    /// The embed script; by default the provider's usual path on `url`.
    #[serde(default)]
    pub script: Option<String>,
    /// Remark42's site identifier (`remark` by default).
    #[serde(default)]
    pub site_id: Option<String>,
}
