/* Live preview: fetch the French page's body again every few seconds and swap it in when
   it changed (the HTML comes sanitised from the server). */
(function () {
  "use strict";
  var main = document.getElementById("main");
  if (!main || !main.dataset.fragment || !window.fetch) return;
  var last = null;
  function refresh() {
    if (document.hidden) return;
    fetch(main.dataset.fragment, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html === null) return;
        if (last !== null && html !== last) main.innerHTML = html;
        last = html;
      })
      .catch(function () {});
  }
  refresh();
  setInterval(refresh, 3000);
})();
