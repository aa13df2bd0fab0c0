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
  formulier.querySelectorAll("textarea").forEach(function (t) {
    if (t.dataset.bewaard === undefined) t.dataset.bewaard = t.defaultValue;
  });

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

  // Every save still under way, so a navigation can wait for it (see klaarMetOpslaan).
  var lopend = [];

  function bewaar(gegevens, opties) {
    bezig += 1;
    meld("Bezig met opslaan…");
    var verzoek = fetch(url, {
      method: "POST",
      credentials: "same-origin",
      keepalive: !!(opties && opties.keepalive),
      headers: { "Content-Type": "application/json", "X-CSRFToken": token, "Accept": "application/json" },
      body: JSON.stringify(gegevens)
    }).then(function (antwoord) {
      return antwoord.json().catch(function () { return {}; }).then(function (inhoud) {
        bezig -= 1;
        if (antwoord.ok) {
          mislukt = false;
          if (!bezig) meld("Opgeslagen om " + tijd());
          opgeslagenOpServer(gegevens);
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
    lopend.push(verzoek);
    verzoek.then(function () { lopend.splice(lopend.indexOf(verzoek), 1); });
    return verzoek;
  }

  // --- the projector and the progress line follow -----------------------------------------------
  // The vraag the facilitator is on (where the focus rests, the last answer, or Alt+↑/↓) is
  // stored on the server, so the projector shows it, also after a reload or in another browser;
  // a projector window in this browser hears of every change at once through a BroadcastChannel
  // (it also looks by itself twice a second).
  var kanaal = window.BroadcastChannel ? new BroadcastChannel("zelfscan-presentatie-" + formulier.dataset.meting) : null;
  function seinProjector() { if (kanaal) kanaal.postMessage("veranderd"); }
  var gewezen = null, wijsWacht = null;
  function wijs(vraag) {
    if (!vraag || vraag === gewezen) return;
    gewezen = vraag;
    clearTimeout(wijsWacht);
    // Tab runs through many fields in a second: only where the focus comes to rest counts.
    wijsWacht = setTimeout(function () {
      fetch(formulier.dataset.vraagUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": token, "Accept": "application/json" },
        body: JSON.stringify({ vraag: vraag })
      }).then(function (r) { if (r.ok) seinProjector(); }).catch(function () { /* the next focus tries again */ });
    }, 150);
  }
  formulier.addEventListener("focusin", function (e) {
    var sectie = e.target.closest("section.vraag");
    if (sectie) wijs(sectie.dataset.vraag);
  });

  // After a saved answer the header's progress line is fetched anew (after a short pause, so a
  // row of quick answers asks once).
  var regelWacht = null;
  function vernieuwVoortgang() {
    clearTimeout(regelWacht);
    regelWacht = setTimeout(function () {
      var regel = document.getElementById("voortgangregel");
      if (!regel) return;
      fetch(regel.dataset.url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
        .then(function (r) { return r.ok && !r.redirected ? r.text() : null; })
        .then(function (html) {
          var nieuw = html && new DOMParser().parseFromString(html, "text/html").getElementById("voortgangregel");
          var oud = document.getElementById("voortgangregel");
          if (nieuw && oud) oud.replaceWith(document.adoptNode(nieuw));
        })
        .catch(function () { /* the next save tries again */ });
    }, 300);
  }
  function opgeslagenOpServer(gegevens) {
    if (gegevens.soort === "cel" && gegevens.veld === "waarde" || gegevens.soort === "alle" || gegevens.soort === "bevestig") {
      gewezen = gegevens.vraag;  // the server made it the current vraag
      vernieuwVoortgang();
    }
    seinProjector();
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

  // --- typed text ------------------------------------------------------------------------------
  // Each textarea carries data-bewaard: the text the server has. Different means not yet saved.
  function gewijzigd(veld) { return veld.value !== (veld.dataset.bewaard || ""); }
  function perGemeente(vraag) {
    return Array.prototype.slice.call(formulier.querySelectorAll('textarea[name^="t:"][data-vraag="' + vraag + '"]'));
  }
  // The gemeenten whose own toelichting the text typed "voor alle" would replace.
  function eigenTeksten(veld) {
    var vraag = veld.dataset.vraag;
    var gemeen = verborgen("tgo:" + vraag).value.trim(), nieuw = veld.value.trim();
    return perGemeente(vraag).filter(function (t) {
      var eigen = verborgen("to:" + t.dataset.cbs + ":" + vraag).value.trim();
      return eigen && eigen !== gemeen && eigen !== nieuw;
    });
  }

  // What the autosave endpoint gets for one text field.
  function verzoekVoor(veld, vervang) {
    // The note for all ("notitie") or for one gemeente ("notitie:<cbs>", data-cbs).
    if (veld.name === "notitie" || veld.name.indexOf("notitie:") === 0) {
      return { soort: "notitie", thema: formulier.dataset.thema, cbs: veld.dataset.cbs || null,
               waarde: veld.value, origineel: verborgen(veld.name + "_origineel").value };
    }
    var vraag = veld.dataset.vraag;
    if (veld.name.indexOf("tg:") === 0) {
      var gezien = {};
      perGemeente(vraag).forEach(function (t) { gezien[t.dataset.cbs] = verborgen("to:" + t.dataset.cbs + ":" + vraag).value; });
      return { soort: "toelichting_alle", vraag: vraag, waarde: veld.value, origineel: verborgen("tgo:" + vraag).value,
               gezien: gezien, vervang: vervang || {} };
    }
    return { soort: "cel", cbs: veld.dataset.cbs, vraag: vraag, veld: "toelichting", waarde: veld.value,
             origineel: verborgen("to:" + veld.dataset.cbs + ":" + vraag).value };
  }

  function opgeslagen(veld, tekst) {
    veld.dataset.bewaard = tekst;
    if (veld.name === "notitie" || veld.name.indexOf("notitie:") === 0) {
      verborgen(veld.name + "_origineel").value = tekst;
      return;
    }
    var vraag = veld.dataset.vraag;
    if (veld.name.indexOf("tg:") === 0) {
      perGemeente(vraag).forEach(function (t) { opgeslagen(t, tekst); t.value = tekst; });
      verborgen("tgo:" + vraag).value = tekst;
      sluitVraag(vraag);
    } else {
      verborgen("to:" + veld.dataset.cbs + ":" + vraag).value = tekst;
    }
  }

  // Saves one text field; resolves true when the server has what is on screen. One save per
  // field at a time: a second waits for the first, so they never race each other.
  function bewaarTekst(veld, opties, vervang) {
    if (veld._bezig) {
      return veld._bezig.then(function () { return bewaarTekst(veld, opties, vervang); });
    }
    if (!gewijzigd(veld) && !vervang) return Promise.resolve(true);
    // Already asking whether this text may replace the gemeenten' own: the answer saves it.
    if (!vervang && veld.name.indexOf("tg:") === 0 && document.getElementById("vervang-" + veld.dataset.vraag)) {
      return Promise.resolve(false);
    }
    var tekst = veld.value;
    var klaar = bewaar(verzoekVoor(veld, vervang), opties).then(function (r) {
      veld._bezig = null;
      if (r.ok) { opgeslagen(veld, tekst); return true; }
      var inhoud = r.inhoud || {};
      if (r.status === 409 && inhoud.vervangen && inhoud.vervangen.length && !(inhoud.gewijzigd || []).length) {
        vraagVervangen(veld, inhoud.vervangen);
      }
      return false;
    });
    veld._bezig = klaar;
    return klaar;
  }

  // "Voor alle gemeenten" would replace a gemeente's own toelichting: show which, and ask.
  function sluitVraag(vraag) {
    var oud = document.getElementById("vervang-" + vraag);
    if (oud) oud.remove();
  }
  function vraagVervangen(veld, vervangen) {
    var vraag = veld.dataset.vraag;
    sluitVraag(vraag);
    var blok = document.createElement("div");
    blok.className = "vervangvraag";
    blok.id = "vervang-" + vraag;
    blok.setAttribute("role", "group");
    blok.setAttribute("aria-labelledby", "vervang-kop-" + vraag);
    blok.tabIndex = -1;
    var kop = document.createElement("p");
    kop.id = "vervang-kop-" + vraag;
    kop.innerHTML = "<strong>Deze toelichting vervangt de eigen toelichting van:</strong>";
    var lijst = document.createElement("ul");
    var vervang = {};
    vervangen.forEach(function (v) {
      vervang[v.cbs] = v.tekst;
      var li = document.createElement("li");
      var naam = document.createElement("strong");
      naam.textContent = v.naam;
      li.appendChild(naam);
      li.appendChild(document.createTextNode(": “" + v.tekst + "”"));
      lijst.appendChild(li);
    });
    var uitleg = document.createElement("p");
    uitleg.textContent = "De toelichting is nog niet opgeslagen. Escape annuleert.";
    var knoppen = document.createElement("div");
    knoppen.className = "vervangknoppen";
    var ja = document.createElement("button");
    ja.type = "button";
    ja.className = "knop knop-hoofd";
    ja.textContent = "Vervangen voor alle gemeenten";
    var nee = document.createElement("button");
    nee.type = "button";
    nee.className = "knop";
    nee.textContent = "Annuleren: eigen toelichtingen houden";
    knoppen.appendChild(ja);
    knoppen.appendChild(nee);
    [kop, lijst, uitleg, knoppen].forEach(function (d) { blok.appendChild(d); });
    function annuleer() {
      veld.value = veld.dataset.bewaard || "";
      sluitVraag(vraag);
      veld.focus();
      meld("Niet opgeslagen: de eigen toelichtingen blijven staan.");
    }
    ja.addEventListener("click", function () {
      bewaarTekst(veld, null, vervang).then(function (ok) {
        if (ok) veld.focus();
      });
    });
    nee.addEventListener("click", annuleer);
    blok.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); annuleer(); }
    });
    veld.parentNode.appendChild(blok);
    meld("Niet opgeslagen: kies eerst of de eigen toelichtingen vervangen mogen worden.", true);
    blok.focus();
  }

  // Typing in a text field saves after a pause, not only when leaving the field; a text "voor
  // alle" that would replace a gemeente's own one waits until the field is left (then it asks).
  var wachten = null;
  formulier.addEventListener("input", function (e) {
    if (e.target.tagName !== "TEXTAREA") return;
    clearTimeout(wachten);
    var veld = e.target;
    wachten = setTimeout(function () {
      if (veld.name.indexOf("tg:") === 0 && eigenTeksten(veld).length) return;
      bewaarTekst(veld);
    }, 1500);
  });

  // Before leaving the page: every typed text saved, every save answered. Resolves true when all
  // is stored; false leaves the person on the page, with the reason in the status line.
  function klaarMetOpslaan(opties) {
    clearTimeout(wachten);
    var taken = [];
    formulier.querySelectorAll("textarea").forEach(function (t) {
      if (gewijzigd(t) || t._bezig) taken.push(bewaarTekst(t, opties));
    });
    lopend.forEach(function (p) { taken.push(p.then(function (r) { return r.ok; })); });
    return Promise.all(taken).then(function (uitkomsten) {
      return uitkomsten.every(Boolean) && !mislukt;
    });
  }
  function nogTeBewaren() {
    return lopend.length > 0 || Array.prototype.some.call(formulier.querySelectorAll("textarea"), gewijzigd);
  }
  function gaNaar(adres) {
    klaarMetOpslaan().then(function (ok) {
      if (ok) window.location.href = adres;
      else if (!document.querySelector(".vervangvraag")) {
        status.textContent = "Niet verder gegaan: " + status.textContent;
      }
    });
  }

  // Links (the thema list, "vorige"/"volgende") wait until typed text is saved.
  document.addEventListener("click", function (e) {
    var link = e.target.closest("a[href]");
    if (!link || e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    if (link.target || link.hasAttribute("download") || link.closest(".vervangvraag")) return;
    if (link.origin !== window.location.origin || link.getAttribute("href").charAt(0) === "#") return;
    if (!nogTeBewaren()) return;
    e.preventDefault();
    gaNaar(link.href);
  });

  // The form's buttons ("Vorige thema", "Opslaan", "Thema afronden") and the page's other forms
  // ("Alles in dit thema bevestigen", "Scores tonen", "Uitloggen"): save typed text through the
  // autosave first, then post as always (the thema form's post then changes nothing more).
  document.addEventListener("submit", function (e) {
    var form = e.target, knop = e.submitter;
    if (form._doorlaten || (knop && knop.name.indexOf("vervang:") === 0) || !nogTeBewaren()) return;
    e.preventDefault();
    klaarMetOpslaan().then(function (ok) {
      if (!ok) return;
      form._doorlaten = true;
      form.requestSubmit(knop || undefined);
    });
  });

  // The tab hidden, the laptop lid closed, the page closed or left: send what is typed. A
  // keepalive request outlives the page; a beacon (form data with the CSRF token, as a beacon
  // cannot set headers) covers what is still unsent when the page goes.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState !== "hidden") return;
    clearTimeout(wachten);
    formulier.querySelectorAll("textarea").forEach(function (t) {
      if (gewijzigd(t) && !t._bezig && !(t.name.indexOf("tg:") === 0 && eigenTeksten(t).length)) {
        bewaarTekst(t, { keepalive: true });
      }
    });
  });
  window.addEventListener("pagehide", function () {
    formulier.querySelectorAll("textarea").forEach(function (t) {
      if (!gewijzigd(t) || t._bezig || (t.name.indexOf("tg:") === 0 && eigenTeksten(t).length)) return;
      var gegevens = new FormData();
      gegevens.append("csrf_token", token);
      gegevens.append("gegevens", JSON.stringify(verzoekVoor(t)));
      navigator.sendBeacon(url, gegevens);
    });
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
      if (naar) { e.preventDefault(); gaNaar(naar); }
      return;
    }
    // Alt+↓ / Alt+↑: to the next or previous vraag, which the projector then shows.
    if (e.altKey && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
      var secties = Array.prototype.slice.call(formulier.querySelectorAll("section.vraag"));
      var i = secties.indexOf(doel.closest ? doel.closest("section.vraag") : null);
      var naarVraag = secties[e.key === "ArrowDown" ? i + 1 : i - 1];
      var focus = naarVraag && (naarVraag.querySelector("tr.gemeenterij input[type=radio]:checked") ||
                                naarVraag.querySelector("tr.gemeenterij input[type=radio]"));
      if (focus) {
        e.preventDefault();
        naarVraag.scrollIntoView({ block: "start" });
        focus.focus({ preventScroll: true });
      }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (doel.type !== "radio" || !doel.closest("tr.gemeenterij")) return;
    var radios = Array.prototype.slice.call(doel.closest("tr").querySelectorAll("input[type=radio]"));
    // Arrows move the focus only (a native radio group would choose as it moves: one stray
    // arrow changed a settled answer). A number, Delete, or Space chooses.
    var stap = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
    if (stap) {
      e.preventDefault();
      var naast = radios[radios.indexOf(doel) + stap];
      if (naast) naast.focus();
      return;
    }
    var keuze = null;
    // A number picks that column's choice; where a vraag has fewer choices (no n.v.t.), a
    // number past them chooses nothing rather than "Open".
    if (/^[1-9]$/.test(e.key) && parseInt(e.key, 10) < radios.length) keuze = radios[parseInt(e.key, 10) - 1];
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

  // Asks before leaving only what cannot be saved on the way out: a failed save, or a text "voor
  // alle" that waits for the question whether it may replace a gemeente's own toelichting.
  window.addEventListener("beforeunload", function (e) {
    var wachtOpVraag = Array.prototype.some.call(formulier.querySelectorAll('textarea[name^="tg:"]'), function (t) {
      return gewijzigd(t) && eigenTeksten(t).length;
    });
    if (mislukt || wachtOpVraag) { e.preventDefault(); e.returnValue = ""; }
  });

  // A choice made before this deferred script ran (a quick click while a long thema was still
  // loading) fired its change event with no one listening: save it now, with the value the page
  // was drawn with as origineel, so a change by someone else in between still comes back as 409.
  formulier.querySelectorAll('input[type=radio][name^="a:"]:checked').forEach(function (radio) {
    var delen = radio.name.split(":");
    var origineel = verborgen("ao:" + delen[1] + ":" + delen[2]);
    if (origineel && origineel.value !== radio.value) {
      radio.dispatchEvent(new Event("change", { bubbles: true }));
    }
  });
})();
