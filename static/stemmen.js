// The thema page while participation is open: the spread under each vraag follows the votes,
// every 2 seconds. A block the facilitator is working in (focus inside) waits for the next round.
(function () {
  "use strict";
  var script = document.currentScript || document.getElementById("stemmen-script");
  if (!script) return;
  var url = script.dataset.url;
  var teller = document.getElementById("stemteller");
  var laatst = {};  // the HTML last received per vraag: swap only what changed
  function kijk() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) {
        if (!d) return;
        if (teller) {
          var tekst = d.gestemd + " van " + d.deelnemers + (d.gestemd === 1 ? " heeft" : " hebben") + " gestemd";
          if (teller.textContent !== tekst) teller.textContent = tekst;
        }
        Object.keys(d.vragen).forEach(function (vraag) {
          var nu = document.getElementById("stemmen-" + vraag);
          var html = d.vragen[vraag].trim();
          if (laatst[vraag] === html) return;
          if (nu) {
            if (nu.contains(document.activeElement)) return;
            if (html) nu.outerHTML = html; else nu.remove();
          } else if (html) {
            var plek = document.querySelector("#vraag-" + CSS.escape(vraag) + " .roosterrol");
            if (plek) plek.insertAdjacentHTML("afterend", html);
          }
          laatst[vraag] = html;
        });
      })
      .catch(function () { /* between networks: try again shortly */ })
      .then(function () { setTimeout(kijk, 2000); });
  }
  setTimeout(kijk, 2000);
})();
