//! In Chromium: the keyboard reaches everything in document order with a
//! visible focus, the skip link moves focus to the content, and reduced
//! motion turns smooth scrolling off.

use crate::browser::{Browser, chromium};
use crate::harness::SiteTest;
use crate::server::Server;
use serde_json::{Value, json};

/// What has focus: a short description, its position in document order,
/// and whether the focus is drawn (an outline or a shadow).
const FOCUSED: &str = r#"(function () {
  var e = document.activeElement;
  if (!e || e === document.body) return null;
  var all = Array.prototype.indexOf.call(document.querySelectorAll('*'), e);
  var cs = getComputedStyle(e), r = e.getBoundingClientRect();
  var drawn = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none';
  return { what: e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '') + (e.id ? '#' + e.id : '') + ' ' + (e.textContent || e.getAttribute('aria-label') || e.name || '').trim().slice(0, 30),
           order: all, drawn: drawn, onscreen: r.width > 0 && r.height > 0 };
})()"#;

fn tab_stops(b: &mut Browser) -> Vec<Value> {
    let mut stops = Vec::new();
    for _ in 0..120 {
        b.0.press("Tab", false).unwrap();
        let f = b.eval(FOCUSED);
        if f.is_null() || stops.first() == Some(&f) {
            break;
        }
        stops.push(f);
    }
    stops
}

fn open(url: &str) -> Option<(Browser, SiteTest, Server)> {
    let binary = chromium()?;
    let t = SiteTest::demo();
    let s = Server::start(&t.root);
    let mut b = Browser::open(&binary, "about:blank");
    b.0.viewport(1280, 900).unwrap();
    b.0.navigate(&format!("{}{url}", s.url)).unwrap();
    Some((b, t, s))
}

#[test]
fn the_keyboard_reaches_everything_in_order_with_a_visible_focus() {
    let Some((mut b, _t, s)) = open("/2025/10/cantines-scolaires-tarifs/") else {
        eprintln!("skipped: chromium is not installed");
        return;
    };
    // First Tab: the skip link, shown on screen; Enter moves focus to main.
    b.0.press("Tab", false).unwrap();
    let first = b.eval(FOCUSED);
    assert!(
        first["what"]
            .as_str()
            .unwrap()
            .starts_with("a.skip-link Aller au contenu"),
        "{first}"
    );
    assert_eq!(first["onscreen"], json!(true));
    assert_eq!(first["drawn"], json!(true));
    b.0.press("Enter", false).unwrap();
    b.wait_until(
        "focus on main",
        "document.activeElement.id",
        &json!("contenu"),
    );

    b.0.navigate(&format!("{}/2025/10/cantines-scolaires-tarifs/", s.url))
        .unwrap();
    let stops = tab_stops(&mut b);
    let what: Vec<&str> = stops.iter().map(|s| s["what"].as_str().unwrap()).collect();
    for s in &stops {
        assert_eq!(s["drawn"], json!(true), "no visible focus on {}", s["what"]);
        assert_eq!(
            s["onscreen"],
            json!(true),
            "focus on something not shown: {}",
            s["what"]
        );
    }
    let orders: Vec<i64> = stops.iter().map(|s| s["order"].as_i64().unwrap()).collect();
    assert!(
        orders.windows(2).all(|w| w[0] < w[1]),
        "Tab does not follow the document: {what:#?}"
    );
    let has = |prefix: &str| what.iter().any(|w| w.starts_with(prefix));
    for wanted in [
        "a.skip-link",
        "input#topbar-q",
        "button ",
        "a.is-active Politique",
        "a.share-link.share-x",
        "a.share-link.share-copy Copier le lien",
        "a Haut de page",
    ] {
        assert!(
            has(wanted),
            "{wanted:?} is not reachable with Tab: {what:#?}"
        );
    }
    // The search box works from the keyboard: type, Enter, results page.
    b.0.navigate(&format!("{}/2025/10/cantines-scolaires-tarifs/", s.url))
        .unwrap();
    b.eval("document.getElementById('topbar-q').focus()");
    for c in "cantine".chars() {
        b.0.press(&c.to_string(), false).unwrap();
    }
    b.0.press("Enter", false).unwrap();
    b.wait_until(
        "the search results announced",
        "(document.querySelector('.search-status[aria-live]') || {}).textContent || ''",
        &json!("Un article correspond à « cantine »."),
    );
}

#[test]
fn pagination_is_reachable_with_tab_and_reduced_motion_stops_smooth_scrolling() {
    let Some((mut b, _t, s)) = open("/") else {
        eprintln!("skipped: chromium is not installed");
        return;
    };
    let stops = tab_stops(&mut b);
    let next = stops
        .iter()
        .position(|s| {
            s["what"]
                .as_str()
                .unwrap()
                .starts_with("a.pagination-step.pagination-next")
        })
        .unwrap_or_else(|| panic!("no « Suivante » link in {stops:#?}"));
    b.0.navigate(&format!("{}/", s.url)).unwrap();
    for _ in 0..=next {
        b.0.press("Tab", false).unwrap();
    }
    b.0.press("Enter", false).unwrap();
    b.wait_until("page 2", "location.pathname", &json!("/page/2/"));

    // Reduced motion: smooth scrolling off.
    b.0.navigate(&format!("{}/", s.url)).unwrap();
    let behaviour = "getComputedStyle(document.documentElement).scrollBehavior";
    assert_eq!(b.eval(behaviour), json!("smooth"));
    b.0.media(&[("prefers-reduced-motion", "reduce")]).unwrap();
    b.0.navigate(&format!("{}/", s.url)).unwrap();
    assert_eq!(b.eval(behaviour), json!("auto"));
    // Nothing else moves either: no transition or animation anywhere.
    let moving = r#"Array.prototype.filter.call(document.querySelectorAll('*'), function (e) {
      var cs = getComputedStyle(e);
      return parseFloat(cs.transitionDuration) > 0 || parseFloat(cs.animationDuration) > 0;
    }).length"#;
    assert_eq!(b.eval(moving), json!(0));
}
