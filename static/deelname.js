// The participant's phone: each choice is passed on at once, and the page follows the
// facilitator (another thema, a settled answer) by asking every 2 seconds whether it changed.
// Without JavaScript the form's "Doorgeven" button and the "vernieuw" link do the same.
(function () {
  "use strict";
  var formulier = document.getElementById("stemformulier");
  if (!formulier) return;
  // Each choice goes at once: the "Doorgeven" button is not needed (deelname.css hides it).
  document.documentElement.classList.add("met-js");
  var status = document.getElementById("stemstatus");
  var token = formulier.querySelector('input[name="csrf_token"]').value;
  var stand = formulier.dataset.stand;
  var bezig = 0;

  function meld(tekst, fout) {
    status.textContent = tekst;
    status.classList.toggle("fout", !!fout);
  }

  formulier.addEventListener("change", function (e) {
    var keuze = e.target;
    if (keuze.type !== "radio") return;
    var gegevens = new URLSearchParams();
    gegevens.append("csrf_token", token);
    gegevens.append(keuze.name, keuze.value);
    bezig += 1;
    meld("Bezig met doorgeven…");
    fetch(formulier.action, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": token },
      body: gegevens
    })
      .then(function (r) {
        // An answer that is not JSON (a proxy's error page) still gets a clear message.
        return r.json().catch(function () { return {}; }).then(function (d) { return { ok: r.ok, d: d }; });
      })
      .then(function (r) {
        if (r.ok) meld(r.d.bericht || "Doorgegeven.");
        else meld(r.d.fout || "Niet doorgegeven. Probeer het opnieuw.", true);
      })
      .catch(function () { meld("Niet doorgegeven: geen verbinding. Probeer het opnieuw.", true); })
      .then(function () { bezig -= 1; });
  });

  function kijk() {
    if (bezig) { setTimeout(kijk, 2000); return; }
    fetch(formulier.dataset.standUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) {
        // 404: the participation was closed; the page then says so.
        if (r.status === 404) { window.location.reload(); return null; }
        return r.ok ? r.json() : null;
      })
      .then(function (d) { if (d && d.stand !== stand) window.location.reload(); })
      .catch(function () { /* between networks: try again shortly */ })
      .then(function () { setTimeout(kijk, 2000); });
  }
  setTimeout(kijk, 2000);

  // A choice tapped before this deferred script ran (a slow network) fired its change event with
  // no one listening, and the "Doorgeven" button it would have needed is now hidden: pass it on.
  formulier.querySelectorAll("input[type=radio]:checked").forEach(function (keuze) {
    if (!keuze.defaultChecked) keuze.dispatchEvent(new Event("change", { bubbles: true }));
  });
})();
