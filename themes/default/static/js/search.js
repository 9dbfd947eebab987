/* Recherche du thème « default » de rotative : charge l'index JSON écrit à la
   construction du site et filtre les articles dans le navigateur, sans
   bibliothèque. « electricite » trouve « électricité » : la requête et les
   textes sont normalisés de la même façon (décomposition NFD, accents
   retirés, minuscules). */
(function () {
  "use strict";
  var root = document.getElementById("recherche");
  if (!root) return;
  var input = root.querySelector(".search-input");
  var form = root.querySelector(".search-form");
  var status = root.querySelector(".search-status");
  var list = root.querySelector(".search-results");
  var MAX = 50;
  var entries = null;

  function fold(s) {
    return String(s || "")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/œ/g, "oe")
      .replace(/æ/g, "ae")
      .replace(/[’‘]/g, "'");
  }

  /* Le texte où chercher est préparé une fois par article, au chargement. */
  function prepare(a) {
    return {
      a: a,
      title: fold(a.title),
      all: fold([a.title, a.summary, a.category, (a.authors || []).join(" "),
                 (a.tags || []).join(" "), a.text].join(" \n "))
    };
  }

  /* Tous les mots doivent figurer ; un mot présent dans le titre compte double.
     À score égal, l'ordre de l'index (du plus récent au plus ancien) reste. */
  function search(query) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    var found = [];
    for (var i = 0; i < entries.length; i++) {
      var e = entries[i], score = 0, ok = true;
      for (var w = 0; w < words.length && ok; w++) {
        if (e.all.indexOf(words[w]) < 0) ok = false;
        else score += e.title.indexOf(words[w]) >= 0 ? 2 : 1;
      }
      if (ok) found.push({ e: e, score: score, i: i });
    }
    found.sort(function (x, y) { return y.score - x.score || x.i - y.i; });
    return found.map(function (f) { return f.e.a; });
  }

  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text) n.textContent = text;
    return n;
  }

  function item(a) {
    var li = el("li", "search-result");
    var top = el("p", "search-result-top");
    if (a.category) {
      top.appendChild(el("span", "kicker", a.category));
      top.appendChild(el("span", "meta-sep", " · "));
    }
    var time = el("time", "", a.date_display);
    time.setAttribute("datetime", a.date);
    top.appendChild(time);
    var h = el("h2", "search-result-title");
    var link = el("a", "", a.title);
    link.href = a.url;
    h.appendChild(link);
    li.appendChild(top);
    li.appendChild(h);
    if (a.summary) li.appendChild(el("p", "search-result-summary", a.summary));
    return li;
  }

  function show(query) {
    list.textContent = "";
    if (!query.trim()) {
      status.textContent = entries.length + " articles dans l'index.";
      return;
    }
    var results = search(query);
    var n = results.length;
    status.textContent = n === 0 ? "Aucun article ne correspond à « " + query.trim() + " »."
      : n === 1 ? "Un article correspond à « " + query.trim() + " »."
      : n + " articles correspondent à « " + query.trim() + " »"
        + (n > MAX ? " ; voici les " + MAX + " premiers." : ".");
    var frag = document.createDocumentFragment();
    results.slice(0, MAX).forEach(function (a) { frag.appendChild(item(a)); });
    list.appendChild(frag);
  }

  /* L'adresse suit la requête, pour pouvoir la partager ou y revenir. */
  function remember(query) {
    var url = new URL(window.location.href);
    if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
  }

  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  status.textContent = "Chargement de l'index…";
  fetch(root.getAttribute("data-index"))
    .then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    })
    .then(function (data) {
      entries = (data.articles || []).map(prepare);
      root.classList.add("search-ready");
      show(input.value);
    })
    .catch(function () {
      status.textContent = "L'index de recherche n'a pas pu être chargé.";
    });

  input.addEventListener("input", function () {
    if (!entries) return;
    show(input.value);
    remember(input.value.trim());
  });
  form.addEventListener("submit", function (e) {
    if (!entries) return;
    e.preventDefault();
    show(input.value);
    remember(input.value.trim());
  });
})();
