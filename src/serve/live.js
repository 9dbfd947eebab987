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
  events.addEventListener("reload", function () { location.reload(); });
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
