//! Drives Chromium over the sample pages: axe-core at each width and colour
//! scheme, and the reflow check at the narrow widths.

use super::{Findings, REFLOW_WIDTHS, Sample, TAGS, Violation, WIDTHS};
use crate::devtools::{Browser, DevtoolsError};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error(
        "axe-core was not found at {}: install it with `npm install axe-core` in the site folder, or give its axe.min.js with --axe PATH",
        .looked.display()
    )]
    NoAxe { looked: PathBuf },
    #[error("cannot read {}: {source}", .path.display())]
    ReadAxe {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} is not axe-core: the page has no `axe` after loading it", .path.display())]
    NotAxe { path: PathBuf },
    #[error(transparent)]
    Browser(#[from] DevtoolsError),
}

/// Does any stylesheet of the page have a dark variant? Only then is the
/// dark scheme worth a second pass.
const HAS_DARK: &str = r#"Array.prototype.some.call(document.styleSheets, function (s) {
  function dark(r) {
    return (r.media && /prefers-color-scheme:\s*dark/.test(r.media.mediaText)) ||
      (r.cssRules ? Array.prototype.some.call(r.cssRules, dark) : false);
  }
  try { return Array.prototype.some.call(s.cssRules, dark); } catch (e) { return false; }
})"#;

/// Waits (up to 5 s) for a live region to say something: the search page
/// announces its results there once the index has loaded.
const ANNOUNCED: &str = r#"new Promise(function (done) {
  var t0 = Date.now();
  (function poll() {
    var live = document.querySelectorAll('[aria-live], [role=status]');
    var said = Array.prototype.some.call(live, function (n) { return n.textContent.trim() !== ''; });
    if (said || Date.now() - t0 > 5000) done(said); else setTimeout(poll, 50);
  })();
})"#;

/// The page's overflow at this width: `null`, or how wide it is and the
/// innermost element that sticks out (one that needs its own scrolling,
/// like a wide table in a scrolling box, does not count).
const OVERFLOW: &str = r#"(function () {
  var root = document.documentElement, w = root.clientWidth;
  if (root.scrollWidth <= w) return null;
  function clipped(e) {
    for (var p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') return true;
    }
    return false;
  }
  function sticksOut(e) { return e.getBoundingClientRect().right > w + 1 && !clipped(e); }
  function name(e) {
    var s = e.tagName.toLowerCase();
    if (e.id) return s + '#' + e.id;
    if (typeof e.className === 'string' && e.className.trim()) s += '.' + e.className.trim().split(/\s+/).join('.');
    return s;
  }
  var all = document.body.querySelectorAll('*'), culprit = null;
  for (var i = 0; i < all.length && !culprit; i++) {
    var e = all[i];
    if (sticksOut(e) && !Array.prototype.some.call(e.children, sticksOut)) culprit = e;
  }
  var path = [];
  for (var n = culprit; n && n !== document.body && path.length < 3; n = n.parentElement) path.unshift(name(n));
  return { width: root.scrollWidth, element: path.join(' > ') || 'body' };
})()"#;

fn axe_script() -> String {
    format!(
        r#"axe.run(document, {{ runOnly: {{ type: 'tag', values: {tags} }}, resultTypes: ['violations'] }})
  .then(function (r) {{
    return r.violations.map(function (v) {{
      return {{ id: v.id, impact: v.impact || '', help: v.help,
        nodes: v.nodes.map(function (n) {{
          return [n.target.join(' '), (n.failureSummary || '').replace(/\s*\n\s*/g, ' ')];
        }}) }};
    }});
  }})"#,
        tags = json!(TAGS)
    )
}

fn violations(
    found: &Value,
    url: &str,
    width: u32,
    scheme: &'static str,
) -> impl Iterator<Item = Violation> {
    let text = |v: &Value| v.as_str().unwrap_or("").to_string();
    found
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(move |v| Violation {
            url: url.to_string(),
            width,
            scheme,
            rule: text(&v["id"]),
            impact: text(&v["impact"]),
            help: text(&v["help"]),
            nodes: v["nodes"]
                .as_array()
                .map(|ns| ns.iter().map(|n| (text(&n[0]), text(&n[1]))).collect())
                .unwrap_or_default(),
        })
}

/// Audits `samples` on the site served at `base` (`http://127.0.0.1:PORT`),
/// calling `progress` before each page.
pub fn run(
    chromium: &str,
    axe: &Path,
    base: &str,
    samples: &[Sample],
    progress: &dyn Fn(&Sample),
) -> Result<Findings, AuditError> {
    let source = std::fs::read_to_string(axe).map_err(|source| AuditError::ReadAxe {
        path: axe.to_path_buf(),
        source,
    })?;
    let mut b = Browser::launch(chromium, "about:blank")?;
    b.on_new_document(&source)?;
    let mut findings = Findings {
        pages: samples.to_vec(),
        schemes: vec!["light"],
        ..Findings::default()
    };
    let Some(first) = samples.first() else {
        return Ok(findings);
    };
    b.viewport(WIDTHS[0], 900)?;
    b.navigate(&format!("{base}{}", first.url))?;
    findings.axe_version = match b.eval("typeof axe === 'object' && axe.version")? {
        Value::String(v) => v,
        _ => {
            return Err(AuditError::NotAxe {
                path: axe.to_path_buf(),
            });
        }
    };
    if b.eval(HAS_DARK)? == json!(true) {
        findings.schemes.push("dark");
    }
    let script = axe_script();
    for sample in samples {
        progress(sample);
        let url = format!("{base}{}", sample.url);
        for &scheme in &findings.schemes.clone() {
            b.media(&[("prefers-color-scheme", scheme)])?;
            for width in WIDTHS {
                b.viewport(width, 900)?;
                b.navigate(&url)?;
                if sample.url.contains('?') {
                    b.eval(ANNOUNCED)?;
                }
                let found = b.eval(&script)?;
                findings
                    .violations
                    .extend(violations(&found, &sample.url, width, scheme));
            }
        }
        b.media(&[])?;
        for width in REFLOW_WIDTHS {
            b.viewport(width, 900)?;
            b.navigate(&url)?;
            let o = b.eval(OVERFLOW)?;
            if o.is_null() {
                continue;
            }
            findings.violations.push(Violation {
                url: sample.url.clone(),
                width,
                scheme: "light",
                rule: "reflow".into(),
                impact: "serious".into(),
                help: format!(
                    "Content must fit {width} px without scrolling sideways (WCAG 1.4.10)"
                ),
                nodes: vec![(
                    o["element"].as_str().unwrap_or("body").to_string(),
                    format!("the page is {} px wide", o["width"]),
                )],
            });
        }
    }
    Ok(findings)
}
