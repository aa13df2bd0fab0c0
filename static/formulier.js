// Forms, on every page. Without this file they work the same, a step slower.
(function () {
  "use strict";

  // A link in the error summary puts the focus in the field it names (a fieldset: its first
  // field that can be used), with the field's label or legend in view: a plain link to an id
  // would only scroll.
  document.addEventListener("click", function (e) {
    var link = e.target.closest(".foutoverzicht a[href^='#']");
    if (!link) return;
    var doel = document.getElementById(link.getAttribute("href").slice(1));
    if (!doel) return;
    var veld = doel.matches("input, select, textarea")
      ? doel
      : doel.querySelector("input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])");
    if (!veld) return;
    e.preventDefault();
    (doel.closest(".veld, fieldset") || doel).scrollIntoView({ block: "start" });
    veld.focus({ preventScroll: true });
  });

  // A form that came back with errors: its summary takes the focus and, when not wholly in view,
  // comes to the top of the window (with the form below it). Its autofocus does this without a
  // script, but Chrome ignores autofocus on an address with a #fragment, and then scrolls to the
  // fragment once the page has loaded.
  var overzicht = document.getElementById("foutoverzicht");
  function toonOverzicht() {
    if (document.activeElement !== overzicht) overzicht.focus({ preventScroll: true });
    var vak = overzicht.getBoundingClientRect();
    if (vak.top < 0 || vak.bottom > window.innerHeight) overzicht.scrollIntoView({ block: "start" });
  }
  if (overzicht) {
    toonOverzicht();
    if (location.hash) window.addEventListener("load", toonOverzicht);
  }

  // "Nieuwe meting": only the chosen subregio's gemeenten are offered, at once. The others are
  // hidden and disabled, so they are neither seen nor sent; the no-JavaScript step goes.
  var formulier = document.querySelector("form[data-subregio-kiest]");
  if (!formulier) return;
  var keuze = formulier.querySelector("select[name=subregio]");
  var stap = formulier.querySelector("button[name=stap]");
  if (stap) stap.remove();
  function volgSubregio() {
    formulier.querySelectorAll(".gemeentegroep").forEach(function (groep) {
      var zichtbaar = groep.dataset.subregio === keuze.value;
      groep.hidden = !zichtbaar;
      groep.querySelectorAll("input").forEach(function (vakje) {
        vakje.disabled = !zichtbaar;
        if (!zichtbaar) vakje.checked = false;
      });
    });
    document.getElementById("gemeenten-leeg").hidden = !!keuze.value;
  }
  keuze.addEventListener("change", volgSubregio);
  // Also once now: a subregio chosen before this deferred script ran (a quick hand on a slow
  // page), or put back by the browser on "Terug", fired its change event with no one listening.
  volgSubregio();
})();
