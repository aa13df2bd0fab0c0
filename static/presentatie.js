// The projector window follows the facilitator, without anyone touching it: when what it shows
// changed, it fetches the page anew, swaps the content in place and brings the vraag the room is
// on into view. Without this file the page refreshes itself every few seconds (see the noscript).
(function () {
  "use strict";
  var body = document.body;
  var stand = body.dataset.stand;
  var standUrl = body.dataset.standUrl;
  // Every half second: a change shows within a second even from another computer. The
  // facilitator's window in this browser says so at once (BroadcastChannel, below).
  var WACHT = 500;
  var bezig = false, nogEens = false;

  // A reload keeps its place: the current vraag, not wherever the window happened to be.
  if ("scrollRestoration" in history) history.scrollRestoration = "manual";

  function vraagVan(el) {
    while (el && !(el.matches && el.matches("section.vraag"))) el = el.nextElementSibling;
    return el;
  }
  function vorigeVraag(el) {
    el = el.previousElementSibling;
    while (el && !el.matches("section.vraag")) el = el.previousElementSibling;
    return el;
  }

  // The current vraag whole in view, with the one before and after where they fit; the top of
  // the page (the thema's title) when that fits too.
  function plaats() {
    var huidig = document.querySelector("section.vraag.huidig");
    var kop = document.querySelector(".presentatiekop");
    // What the sticky header leaves of the window: it covers the top of whatever scrolls.
    var kophoogte = kop ? kop.offsetHeight : 0;
    var hoog = window.innerHeight - kophoogte, marge = 16, doel = 0;
    if (huidig) {
      var y = function (el) { return el.getBoundingClientRect().top + window.scrollY; };
      var vorige = vorigeVraag(huidig), volgende = vraagVan(huidig.nextElementSibling);
      var boven = y(huidig), onder = boven + huidig.offsetHeight;
      var van = vorige ? y(vorige) : boven;
      var tot = volgende ? y(volgende) + volgende.offsetHeight : onder;
      if (tot <= window.innerHeight - marge) doel = 0;
      else if (tot - van <= hoog - 2 * marge) doel = van - kophoogte - (hoog - (tot - van)) / 2;
      else if (onder - boven <= hoog - 2 * marge) doel = boven - kophoogte - (hoog - (onder - boven)) / 2;
      else doel = boven - kophoogte - marge;
    }
    window.scrollTo({ top: Math.max(0, doel), behavior: "instant" });
  }

  function vernieuw() {
    if (bezig) { nogEens = true; return; }
    bezig = true;
    fetch(window.location.pathname, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) {
        // Logged out or the meting gone: a real load shows why (the login page, a 404).
        if (!r.ok || r.redirected) { window.location.reload(); return null; }
        return r.text();
      })
      .then(function (html) {
        if (html === null) return;
        var nieuw = new DOMParser().parseFromString(html, "text/html");
        var inhoud = nieuw.getElementById("inhoud");
        // Told twice of one change (the answer and the focus both point at a vraag): swap once.
        if (!inhoud || nieuw.body.dataset.stand === stand) return;
        document.getElementById("inhoud").replaceWith(document.adoptNode(inhoud));
        document.title = nieuw.title;
        stand = nieuw.body.dataset.stand;
        plaats();
      })
      .catch(function () { /* the laptop may be between networks; the next look tries again */ })
      .then(function () {
        bezig = false;
        if (nogEens) { nogEens = false; vernieuw(); }
      });
  }

  function kijk() {
    fetch(standUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) { if (d && d.stand !== stand) vernieuw(); })
      .catch(function () { /* try again shortly */ })
      .then(function () { setTimeout(kijk, WACHT); });
  }

  if (window.BroadcastChannel) {
    new BroadcastChannel("zelfscan-presentatie-" + body.dataset.meting).onmessage = vernieuw;
  }
  window.addEventListener("resize", plaats);
  plaats();
  setTimeout(kijk, WACHT);
})();
