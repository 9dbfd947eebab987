//! The template context contract (README, "Templates and their context"),
//! checked through a theme whose templates dump their whole context as JSON.

use crate::harness::SiteTest;
use serde_json::Value;

fn context(t: &SiteTest, rel: &str) -> Value {
    let text = t.read(rel);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel} is not JSON ({e}):\n{text}"))
}

fn dumped() -> SiteTest {
    SiteTest::fixture("basic")
        .theme("dump")
        .build()
        .assert_success()
}

#[test]
fn article_context_has_the_documented_fields() {
    let t = dumped();
    let c = context(&t, "2025/07/electricite-ete/index.html");
    let a = &c["article"];
    assert_eq!(c["page_kind"], "article");
    assert_eq!(c["current_path"], "/2025/07/electricite-ete/");
    assert_eq!(
        c["current_url"],
        "https://gazette.example/2025/07/electricite-ete/"
    );
    assert_eq!(a["title"], "L'électricité de l'été : les prix baissent");
    assert_eq!(a["slug"], "electricite-ete");
    assert_eq!(a["url"], "/2025/07/electricite-ete/");
    assert_eq!(
        a["permalink"],
        "https://gazette.example/2025/07/electricite-ete/"
    );
    assert_eq!(a["date"], "2025-07-04T08:30:00+02:00");
    assert_eq!(a["date_display"], "vendredi 4 juillet 2025");
    assert_eq!(a["date_short"], "4 juillet 2025");
    assert_eq!(a["time_display"], "08\u{a0}h\u{a0}30");
    let c2 = context(&t, "2025/03/marche-du-samedi/index.html");
    assert_eq!(c2["article"]["time_display"], Value::Null);
    assert_eq!(a["category"]["name"], "Économie");
    assert_eq!(a["category"]["url"], "/rubriques/economie/");
    let tags: Vec<&str> = a["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["slug"].as_str().unwrap())
        .collect();
    assert_eq!(tags, ["energie", "prix"]);
    assert_eq!(a["photo"]["src"], "/images/pylone.png");
    assert_eq!(a["photo"]["url"], "/images/pylone.png");
    assert_eq!(
        a["photo"]["permalink"],
        "https://gazette.example/images/pylone.png"
    );
    assert_eq!(a["photo"]["credit"], "Jean Photo / La Gazette");
    assert_eq!(
        a["summary"],
        "Les tarifs de l'électricité baissent cet été, une première depuis trois ans."
    );
    assert_eq!(a["extra"]["humeur"], "optimiste");
    assert_eq!(
        a["source"],
        "content/actualite/2025-03-04-electricite-ete.md"
    );
    assert!(a["content"].as_str().unwrap().contains("<h2>Pourquoi</h2>"));
    assert_eq!(a["updated"], Value::Null);
    let author = &a["authors"][0];
    assert_eq!(author["name"], "Alice Durand");
    assert_eq!(author["url"], "/auteurs/alice-durand/");
    assert_eq!(author["role"], "Cheffe du service Économie");
    assert_eq!(author["has_profile"], true);
    assert_eq!(
        author["bio"],
        "<p>Alice couvre l'économie régionale depuis <strong>dix ans</strong>.</p>\n"
    );
    assert_eq!(a["word_count"], 19);
    assert_eq!(a["reading_time"], 1);
    // Newest first: this article (July) is the newest, so no `next`.
    assert_eq!(c["next"], Value::Null);
    assert_eq!(c["previous"]["slug"], "conseil-municipal");
    let networks: Vec<&str> = c["share"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["network"].as_str().unwrap())
        .collect();
    assert_eq!(networks, ["x", "facebook", "linkedin", "email", "copy"]);
    assert_eq!(
        c["share"][2]["url"],
        "https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fgazette%2Eexample%2F2025%2F07%2Felectricite%2Dete%2F"
    );
    assert_eq!(
        c["share"][4]["url"],
        "https://gazette.example/2025/07/electricite-ete/"
    );
}

#[test]
fn site_context_is_on_every_page() {
    let t = dumped();
    for rel in [
        "index.html",
        "404.html",
        "a-propos/index.html",
        "auteurs/index.html",
        "mots-cles/prix/index.html",
    ] {
        let c = context(&t, rel);
        let s = &c["site"];
        assert_eq!(s["title"], "La Gazette d'essai", "{rel}");
        assert_eq!(s["base_url"], "https://gazette.example");
        assert_eq!(s["language"], "fr");
        assert_eq!(s["extra"]["slogan"], "Toujours à l'heure");
        assert_eq!(
            s["newsletter"]["action"],
            "https://lettre.gazette.example/inscription"
        );
        assert_eq!(s["authors_url"], "/auteurs/");
        let cats: Vec<&str> = s["categories"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect();
        assert_eq!(cats, ["Économie", "Opinion", "Politique", "Société"]);
    }
}

#[test]
fn paginated_listings() {
    let t = dumped();
    let p1 = context(&t, "index.html");
    let p = &p1["paginator"];
    assert_eq!(p["current"], 1);
    assert_eq!(p["total_pages"], 2);
    assert_eq!(p["total_items"], 4);
    assert_eq!(p["previous"], Value::Null);
    assert_eq!(p["next"], "/page/2/");
    let titles: Vec<&str> = p["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["slug"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["electricite-ete", "conseil-municipal"]);
    let p2 = context(&t, "page/2/index.html");
    assert_eq!(p2["paginator"]["previous"], "/");
    assert_eq!(p2["paginator"]["next"], Value::Null);
    let titles: Vec<&str> = p2["paginator"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["slug"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["marche-du-samedi", "lettre-des-lecteurs"]);
    assert!(!t.public().join("page/3").exists());
    assert!(!t.public().join("page/1").exists());
}

#[test]
fn author_tag_and_category_pages() {
    let t = dumped();
    let c = context(&t, "auteurs/alice-durand/index.html");
    assert_eq!(c["author"]["count"], 2);
    assert_eq!(c["author"]["email"], "alice@gazette.example");
    assert_eq!(c["author"]["links"][0]["label"], "Mastodon");
    assert_eq!(c["author"]["feed_url"], "/auteurs/alice-durand/atom.xml");
    let c = context(&t, "auteurs/claire-invitee/index.html");
    assert_eq!(c["author"]["name"], "Claire Invitée");
    assert_eq!(c["author"]["has_profile"], false);
    let c = context(&t, "auteurs/index.html");
    let names: Vec<&str> = c["authors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Alice Durand", "Bruno Petit", "Claire Invitée"]);
    let c = context(&t, "mots-cles/energie/index.html");
    assert_eq!(c["tag"]["name"], "énergie");
    assert_eq!(c["tag"]["count"], 2);
    let c = context(&t, "rubriques/politique/index.html");
    assert_eq!(c["category"]["count"], 1);
    assert_eq!(
        c["paginator"]["items"][0]["summary"],
        "Une séance sous tension, résumée en une phrase."
    );
    let c = context(&t, "rubriques/societe/index.html");
    assert_eq!(
        c["paginator"]["items"][0]["summary"],
        "Le marché quitte la place centrale."
    );
    let c = context(&t, "mots-cles/index.html");
    let tags: Vec<&str> = c["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["slug"].as_str().unwrap())
        .collect();
    assert_eq!(tags, ["commerce", "energie", "mairie", "prix"]);
}

#[test]
fn pages_and_updated_dates() {
    let t = dumped();
    let c = context(&t, "a-propos/index.html");
    assert_eq!(c["page"]["title"], "À propos");
    assert_eq!(c["page"]["url"], "/a-propos/");
    assert_eq!(c["page_kind"], "page");
    let c = context(&t, "2025/03/conseil-municipal/index.html");
    assert_eq!(c["article"]["date"], "2025-03-10T19:00:00+01:00");
    assert_eq!(c["article"]["updated"], "2025-03-11T09:15:00+01:00");
    assert_eq!(c["article"]["updated_display"], "mardi 11 mars 2025");
}

/// The about page rendered by `page` (a page.html), beside a probe partial
/// that prints what a fragment sees.
fn page_with_probe(page: &str) -> String {
    SiteTest::fixture("basic")
        .theme("dump")
        .file(
            "themes/default/templates/partials/probe.html",
            "[{{ site.title }}|{{ item.title }}|{{ flag }}|{% if page_kind is defined %}leak{% endif %}]",
        )
        .file("themes/default/templates/page.html", page)
        .build()
        .assert_success()
        .read("a-propos/index.html")
}

#[test]
fn fragments_render_with_their_arguments_and_site_only() {
    assert_eq!(
        page_with_probe(
            "{% for x in [1, 2] %}{{ fragment(name=\"partials/probe.html\", item=page, flag=x) }}{% endfor %}"
        ),
        "[La Gazette d&#39;essai|À propos|1|][La Gazette d&#39;essai|À propos|2|]"
    );
}

#[test]
fn fragment_without_a_name_is_a_template_error() {
    let t = SiteTest::fixture("basic")
        .theme("dump")
        .file(
            "themes/default/templates/page.html",
            "{{ fragment(item=page) }}",
        )
        .build();
    assert_eq!(t.status, Some(1));
    assert!(
        t.stderr
            .contains("fragment() needs `name`, the partial's template name"),
        "{}",
        t.stderr
    );
}

#[test]
fn the_fragment_filter_renders_the_filtered_value_as_item() {
    assert_eq!(
        page_with_probe(
            "{% for x in [1, 2] %}{{ page | fragment(name=\"partials/probe.html\", flag=x) }}{% endfor %}\
             {{ fragment(name=\"partials/probe.html\", item=page, flag=2) }}"
        ),
        "[La Gazette d&#39;essai|À propos|1|][La Gazette d&#39;essai|À propos|2|][La Gazette d&#39;essai|À propos|2|]"
    );
}

#[test]
fn the_fragment_filter_refuses_an_item_argument() {
    let t = SiteTest::fixture("basic")
        .theme("dump")
        .file("themes/default/templates/partials/probe.html", "{{ item }}")
        .file(
            "themes/default/templates/page.html",
            "{{ page | fragment(name=\"partials/probe.html\", item=1) }}",
        )
        .build();
    assert_eq!(t.status, Some(1));
    assert!(
        t.stderr.contains(
            "the fragment filter passes the value it filters as `item`; give no `item` argument"
        ),
        "{}",
        t.stderr
    );
}

fn fragment_key(summary: &Value) -> &str {
    let key = summary["fragment_key"].as_str().expect("a fragment_key");
    assert_eq!(key.len(), 32, "{key}");
    assert!(key.bytes().all(|b| b.is_ascii_hexdigit()), "{key}");
    key
}

#[test]
fn summaries_carry_a_fragment_key_that_follows_their_content() {
    let home = context(&dumped(), "index.html");
    let items = home["paginator"]["items"].as_array().unwrap();
    let keys: std::collections::BTreeSet<&str> = items.iter().map(fragment_key).collect();
    assert_eq!(keys.len(), items.len(), "one key per article");
    // The full article is not a summary: it has no key to be mistaken for one.
    let page = context(&dumped(), "2025/07/electricite-ete/index.html");
    assert_eq!(page["article"].get("fragment_key"), None);
    // The same summary has the same key wherever it is shown.
    let older = &page["previous"];
    let listed = items.iter().find(|i| i["url"] == older["url"]).unwrap();
    assert_eq!(fragment_key(listed), fragment_key(older));

    let src = "tests/fixtures/basic/content/actualite/conseil-municipal.md";
    let text = std::fs::read_to_string(crate::harness::repo().join(src)).unwrap();
    let retitled = text.replacen("title: ", "title: Nouveau titre — ", 1);
    assert_ne!(retitled, text);
    let edited = SiteTest::fixture("basic")
        .theme("dump")
        .file("content/actualite/conseil-municipal.md", retitled)
        .build()
        .assert_success();
    let after = context(&edited, "2025/07/electricite-ete/index.html");
    assert!(
        after["previous"]["title"]
            .as_str()
            .unwrap()
            .starts_with("Nouveau titre")
    );
    assert_ne!(fragment_key(&after["previous"]), fragment_key(older));
}

#[test]
fn an_article_shown_twice_on_one_page_is_whole_both_times() {
    // Pages share one value of each summary (render/mod.rs): the
    // follow-up below has the July article both as `previous` and as its
    // first « À lire aussi », and the tag page lists both.
    let t = SiteTest::fixture("basic")
        .theme("dump")
        .file(
            "content/actualite/suite.md",
            "---\ntitle: Les prix baissent encore\ndate: 2025-07-20 10:00\nauthor: alice-durand\n\
             category: Économie\ntags: [énergie, Prix]\n---\nLa baisse se confirme en juillet.\n",
        )
        .build()
        .assert_success();
    let c = context(&t, "2025/07/suite/index.html");
    let previous = &c["previous"];
    assert_eq!(previous["url"], "/2025/07/electricite-ete/");
    let related = &c["article"]["related"][0];
    assert_eq!(related, previous);
    let alone = context(&t, "2025/07/electricite-ete/index.html");
    assert_eq!(&alone["next"]["title"], "Les prix baissent encore");
    // Lent to one page, given back, lent to the next: still the same summary.
    let home = context(&t, "index.html");
    let items = home["paginator"]["items"].as_array().unwrap();
    let listed = items.iter().find(|i| i["url"] == previous["url"]).unwrap();
    assert_eq!(listed, previous);
}
