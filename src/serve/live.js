// Live reload for `rotative serve`: injected into served pages only, never
// into `rotative build` output.
(function () {
  "use strict";
  var id = "rotative-build-error";
  function show(message) {
    var box = document.getElementById(id);
    if (!box) {
      box = document.createElement("div");
      box.id = id;
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
        "background:rgba(20,20,20,.94);color:#fff;font:14px/1.5 ui-monospace,monospace";
      var title = document.createElement("p");
      title.textContent = "La reconstruction a échoué — le site affiché est la dernière version valide.";
      title.style.cssText = "font-weight:bold;color:#ff8a80;margin:0 0 1rem";
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:0";
      box.appendChild(title);
      box.appendChild(pre);
      document.body.appendChild(box);
    }
    // textContent, never innerHTML: error messages quote the editor's text.
    box.querySelector("pre").textContent = message;
  }
  function hide() {
    var box = document.getElementById(id);
    if (box) box.remove();
  }
  var events = new EventSource("/__rotative/events");
  // After a reload on save, a screen reader hears why the page changed.
  events.addEventListener("reload", function () {
    try { sessionStorage.setItem("rotative-reloaded", "1"); } catch (e) {}
    location.reload();
  });
  try {
    if (sessionStorage.getItem("rotative-reloaded")) {
      sessionStorage.removeItem("rotative-reloaded");
      var note = document.createElement("div");
      note.setAttribute("role", "status");
      note.style.cssText = "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)";
      document.body.appendChild(note);
      // Filled after insertion: a live region announces changes, not its first content.
      setTimeout(function () { note.textContent = "Page mise à jour après l'enregistrement."; }, 100);
    }
  } catch (e) {}
  events.addEventListener("css", function () {
    hide();
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var url = new URL(link.href);
      url.searchParams.set("rotative", String(Date.now()));
      link.href = url.toString();
    });
  });
  events.addEventListener("build-error", function (e) { show(JSON.parse(e.data).message); });
})();
