/*
 * Contenus tiers chargés à la demande (vidéo, carte, son d'un autre site).
 *
 * Dans la page, chaque contenu tiers n'est qu'un aperçu local et un lien
 * `a.embed-load` vers le site d'origine : rien n'est demandé à ce site tant
 * que le lecteur n'a pas cliqué. Ce script fait de ce lien un bouton qui
 * remplace l'aperçu par le lecteur (iframe ou <audio>) et y place le focus.
 * Sans script, le lien mène simplement au site d'origine.
 */
(function () {
  "use strict";

  function load(link) {
    var src = link.getAttribute("data-embed-src");
    if (!src) return;
    var title = link.getAttribute("data-embed-title") || link.textContent.trim();
    var frame = link.closest(".embed-frame") || link.parentNode;
    var player;
    if (link.getAttribute("data-embed-kind") === "audio") {
      player = document.createElement("audio");
      player.controls = true;
      player.autoplay = true;
      player.src = src;
      player.setAttribute("aria-label", title);
    } else {
      player = document.createElement("iframe");
      player.src = src;
      player.title = title;
      player.setAttribute("allow", "autoplay; fullscreen; picture-in-picture");
      player.setAttribute("allowfullscreen", "");
      player.setAttribute("loading", "lazy");
    }
    frame.replaceChildren(player);
    frame.classList.add("is-loaded");
    // L'avertissement « en cliquant, vous acceptez… » n'a plus lieu d'être.
    var figure = frame.closest(".embed");
    if (figure) {
      figure.querySelectorAll("[data-embed-note]").forEach(function (note) {
        note.remove();
      });
    }
    player.focus();
  }

  document.querySelectorAll("a.embed-load").forEach(function (link) {
    link.setAttribute("role", "button");
    link.addEventListener("click", function (event) {
      // Ctrl-clic, clic du milieu… : le lien s'ouvre chez le fournisseur.
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      load(link);
    });
    // Entrée déclenche déjà le clic d'un lien ; un bouton répond aussi à Espace.
    link.addEventListener("keydown", function (event) {
      if (event.key === " " || event.key === "Spacebar") {
        event.preventDefault();
        load(link);
      }
    });
  });
})();
