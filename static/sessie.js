// Session wizard enhancements: save each change at once, keyboard shortcuts.
// Without this file everything still works: the form posts and the server saves it.
(function () {
  "use strict";
  var formulier = document.getElementById("themaformulier");
  if (!formulier) return;
  var url = formulier.dataset.autosave;
  var token = formulier.querySelector("input[name=csrf_token]").value;
  var status = document.getElementById("opslagstatus");
  var bezig = 0;
  var mislukt = false;
  formulier.classList.add("met-js");

  function tijd() {
    var nu = new Date();
    return ("0" + nu.getHours()).slice(-2) + ":" + ("0" + nu.getMinutes()).slice(-2);
  }
  function meld(tekst, fout) {
    status.textContent = tekst;
    status.classList.toggle("fout", !!fout);
  }
  function verborgen(naam) {
    return formulier.querySelector('input[type=hidden][name="' + naam + '"]');
  }

  function bewaar(gegevens) {
    bezig += 1;
    meld("Bezig met opslaan…");
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token, "Accept": "application/json" },
      body: JSON.stringify(gegevens)
    }).then(function (antwoord) {
      return antwoord.json().catch(function () { return {}; }).then(function (inhoud) {
        bezig -= 1;
        if (antwoord.ok) {
          mislukt = false;
          if (!bezig) meld("Opgeslagen om " + tijd());
          return { ok: true, inhoud: inhoud };
        }
        if (antwoord.status === 400 && !inhoud.fout) {
          meld("Niet opgeslagen: uw sessie is verlopen. Laad de pagina opnieuw en voer de laatste wijziging nog eens in.", true);
        } else {
          meld(inhoud.fout || "Niet opgeslagen.", true);
        }
        return { ok: false, status: antwoord.status, inhoud: inhoud };
      });
    }).catch(function () {
      bezig -= 1;
      mislukt = true;
      meld("Niet opgeslagen: geen verbinding met de server. Uw keuze staat nog op het scherm; druk op ‘Opslaan’ zodra de verbinding terug is.", true);
      return { ok: false, status: 0, inhoud: {} };
    });
  }

  // An answer copied from last year stops being marked once the room confirmed or changed it.
  function bevestigd(cbs, vraag) {
    var rij = formulier.querySelector('tr.gemeenterij[data-cbs="' + cbs + '"][data-vraag="' + vraag + '"]');
    if (!rij || !rij.classList.contains("overgenomen")) return;
    rij.classList.remove("overgenomen");
    rij.querySelectorAll(".merk-vorigjaar").forEach(function (m) { m.remove(); });
    var knop = rij.querySelector("button.knop-bevestig");
    if (knop) {
      // Keep focus in the row when the button that had it goes away.
      var terug = document.activeElement === knop ? rij.querySelector("input[type=radio]:checked") : null;
      knop.remove();
      if (terug) terug.focus();
    }
    var over = formulier.querySelectorAll("tr.gemeenterij.overgenomen").length;
    var teller = document.getElementById("overgenomen-aantal");
    if (teller) teller.textContent = over;
    var melding = document.getElementById("overgenomen-melding");
    if (melding && !over) melding.hidden = true;
  }

  function zetKeuze(cbs, vraag, waarde) {
    var radio = document.getElementById("a-" + cbs + "-" + vraag + "-" + (waarde || "open"));
    if (radio) radio.checked = true;
    var oud = verborgen("ao:" + cbs + ":" + vraag);
    if (oud) oud.value = waarde;
  }

  // An answer cell changed.
  formulier.addEventListener("change", function (e) {
    var veld = e.target;
    if (veld.type === "radio" && veld.name.indexOf("a:") === 0) {
      var delen = veld.name.split(":");
      var cbs = delen[1], vraag = delen[2];
      var origineel = verborgen("ao:" + cbs + ":" + vraag);
      bewaar({ soort: "cel", cbs: cbs, vraag: vraag, veld: "waarde", waarde: veld.value, origineel: origineel.value })
        .then(function (r) {
          if (r.ok) { origineel.value = veld.value; bevestigd(cbs, vraag); }
          else if (r.status === 409 && typeof r.inhoud.huidig === "string") zetKeuze(cbs, vraag, r.inhoud.huidig);
        });
    } else if (veld.type === "checkbox" && veld.name.indexOf("b:") === 0) {
      var vraagId = veld.dataset.vraag;
      var was = verborgen("bo:" + vraagId);
      var nieuw = veld.checked ? "1" : "0";
      var rijen = formulier.querySelectorAll('tr.gemeenterij[data-vraag="' + vraagId + '"]');
      Promise.all(Array.prototype.map.call(rijen, function (rij) {
        return bewaar({ soort: "cel", cbs: rij.dataset.cbs, vraag: vraagId, veld: "bespreekpunt", waarde: nieuw, origineel: was.value });
      })).then(function () { was.value = nieuw; });
    } else if (veld.tagName === "TEXTAREA") {
      bewaarTekst(veld);
    }
  });

  function bewaarTekst(veld) {
    if (veld.dataset.bewaard === veld.value) return;
    if (veld.name === "notitie") {
      var org = verborgen("notitie_origineel");
      bewaar({ soort: "notitie", thema: formulier.dataset.thema, waarde: veld.value, origineel: org.value })
        .then(function (r) { if (r.ok) { org.value = veld.value; veld.dataset.bewaard = veld.value; } });
    } else if (veld.name.indexOf("tg:") === 0) {
      var vraag = veld.dataset.vraag;
      var velden = formulier.querySelectorAll('textarea[name^="t:"][data-vraag="' + vraag + '"]');
      Promise.all(Array.prototype.map.call(velden, function (t) {
        var orig = verborgen("to:" + t.dataset.cbs + ":" + vraag);
        return bewaar({ soort: "cel", cbs: t.dataset.cbs, vraag: vraag, veld: "toelichting", waarde: veld.value, origineel: orig.value })
          .then(function (r) { if (r.ok) { orig.value = veld.value; t.value = veld.value; } });
      })).then(function () {
        verborgen("tgo:" + vraag).value = veld.value;
        veld.dataset.bewaard = veld.value;
      });
    } else if (veld.name.indexOf("t:") === 0) {
      var orig = verborgen("to:" + veld.dataset.cbs + ":" + veld.dataset.vraag);
      bewaar({ soort: "cel", cbs: veld.dataset.cbs, vraag: veld.dataset.vraag, veld: "toelichting", waarde: veld.value, origineel: orig.value })
        .then(function (r) { if (r.ok) { orig.value = veld.value; veld.dataset.bewaard = veld.value; } });
    }
  }

  // Typing in a text field saves after a pause, not only when leaving the field.
  var wachten = null;
  formulier.addEventListener("input", function (e) {
    if (e.target.tagName !== "TEXTAREA") return;
    clearTimeout(wachten);
    var veld = e.target;
    wachten = setTimeout(function () { bewaarTekst(veld); }, 1500);
  });

  // "Zelfde antwoord voor alle gemeenten", and "Klopt nog" on one answer from last year.
  formulier.addEventListener("click", function (e) {
    var bevestig = e.target.closest("button.knop-bevestig");
    if (bevestig) {
      e.preventDefault();
      var c = bevestig.dataset.cbs, v = bevestig.dataset.vraag;
      bewaar({ soort: "bevestig", cbs: c, vraag: v }).then(function (r) {
        if (r.ok) bevestigd(c, v);
      });
      return;
    }
    var knop = e.target.closest("button.knop-alle");
    if (!knop) return;
    e.preventDefault();
    var vraag = knop.dataset.vraag, waarde = knop.dataset.waarde;
    bewaar({ soort: "alle", vraag: vraag, waarde: waarde }).then(function (r) {
      if (!r.ok) return;
      formulier.querySelectorAll('tr.gemeenterij[data-vraag="' + vraag + '"]').forEach(function (rij) {
        zetKeuze(rij.dataset.cbs, vraag, waarde);
        bevestigd(rij.dataset.cbs, vraag);
      });
    });
  });

  // Keyboard: number keys answer the focused row, Alt+arrows move between thema's.
  document.addEventListener("keydown", function (e) {
    var doel = e.target;
    if (e.altKey && (e.key === "ArrowRight" || e.key === "ArrowLeft")) {
      var naar = e.key === "ArrowRight" ? formulier.dataset.volgende : formulier.dataset.vorige;
      if (naar) { e.preventDefault(); window.location.href = naar; }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (doel.type !== "radio" || !doel.closest("tr.gemeenterij")) return;
    var radios = doel.closest("tr").querySelectorAll("input[type=radio]");
    var keuze = null;
    if (/^[1-9]$/.test(e.key)) keuze = radios[parseInt(e.key, 10) - 1];
    else if (e.key === "0" || e.key === "Delete") keuze = radios[radios.length - 1];
    if (keuze) {
      e.preventDefault();
      if (!keuze.checked) {
        keuze.checked = true;
        keuze.dispatchEvent(new Event("change", { bubbles: true }));
      }
      keuze.focus();
    }
  });

  window.addEventListener("beforeunload", function (e) {
    if (bezig > 0 || mislukt) { e.preventDefault(); e.returnValue = ""; }
  });
})();
