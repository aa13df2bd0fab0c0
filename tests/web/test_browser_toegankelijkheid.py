"""WCAG 2.1 AA, checked by axe-core in Chromium on every page type, at projector and phone width.

Zero violations is the bar. Also checks what axe cannot: lang="nl", a keyboard-only run
through a thema, and a visible focus indicator.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import WACHTWOORD, ingelogde_pagina, schermafdruk
from zelfscan import opslag
from zelfscan.opslag import gebruikers, gemeentelinks
from zelfscan.opslag.demo import vul_demo
from zelfscan.opslag.verbinding import open_db

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
BREEDTES = {"projector": (1280, 720), "telefoon": (390, 844)}
IJMOND_VERVOLG = 4  # the demo imports its metingen in order: IJmond 2022 is the fourth


@pytest.fixture
def gevuld(app):
    """Demo data plus an open meting with some answers, a revealed thema and a gemeente link."""
    db = open_db(app.config["DATABASE"])
    catalogus = app.extensions["zelfscan.catalogus"]
    vul_demo(db, catalogus)
    gebruikers.voeg_toe(db, "fien", WACHTWOORD)
    open_ = opslag.maak_meting(
        db,
        vragenlijst=catalogus.vragenlijst("werken-aan-veiligheid"),
        regio=catalogus.regio("kennemerland"),
        subregio_id="zuid-kennemerland",
        jaar=2023,
        soort="0-meting",
        datum=date(2023, 10, 3),
        wie="fien",
    )
    thema = open_.vragenlijst.themas[0]
    for vraag in thema.vragen[:2]:
        opslag.sla_antwoord_voor_alle(db, open_.id, vraag.id, 2, wie="fien")
    opslag.zet_huidig_thema(db, open_.id, thema.id)
    opslag.onthul_scores(db, open_.id, thema.id)
    # A note for all that names a gemeente (the afronden screen warns) and one for Zandvoort
    # only (the note field per gemeente stands open).
    opslag.sla_notitie(db, open_.id, thema.id, "Haarlem deelt zijn werkwijze.", wie="fien")
    opslag.sla_notitie(db, open_.id, thema.id, "Eigen nota.", cbs="GM0473", wie="fien")
    opslag.zet_huidige_vraag(db, open_.id, thema.vragen[1].id)  # highlighted on the projector
    afgerond = next(m for m in opslag.metingen(db) if m.subregio_id == "ijmond" and m.jaar == 2021)
    token, _ = gemeentelinks.maak_link(db, afgerond.id, "GM0375", wie="fien")
    # The demo's vervolgmeting of IJmond (2022) is number 4: imported in the demo's order.
    assert opslag.meting(db, IJMOND_VERVOLG).vorige_meting_id == afgerond.id
    db.conn.close()
    return open_, thema, afgerond, token


def paginas(open_, thema, afgerond, token) -> dict[str, str]:
    return {
        "metingen": "/metingen/",
        "nieuwe meting": "/metingen/nieuw",
        "meting": f"/metingen/{open_.id}",
        "sessie": f"/metingen/{open_.id}/thema/{thema.id}",
        "sessie afgerond": f"/metingen/{afgerond.id}/thema/{thema.id}",
        "einde thema": f"/metingen/{open_.id}/thema/{thema.id}/klaar",
        "presentatie": f"/metingen/{open_.id}/presentatie",
        "afronden": f"/metingen/{open_.id}/afronden",
        "heropenen": f"/metingen/{afgerond.id}/afronden",
        "resultaten": f"/metingen/{afgerond.id}/resultaten",
        "resultaten gemeente": f"/metingen/{afgerond.id}/resultaten/GM0396",
        # The vervolgmeting: the ambities of 2021 with their verdict, reason, who and when.
        "ontwikkeling gemeente": f"/metingen/{IJMOND_VERVOLG}/resultaten/GM0375",
        # A concept's results carry the concept notice.
        "resultaten concept": f"/metingen/{open_.id}/resultaten",
        "resultaten gemeente concept": f"/metingen/{open_.id}/resultaten/GM0392",
        "links": f"/metingen/{afgerond.id}/links/",
        "vragenlijst": "/metingen/vragenlijst/werken-aan-veiligheid/2021.1",
        "niet gevonden": "/bestaat-niet",
        "gemeentepagina": f"/g/{token}/",
        "ongeldige link": "/g/ongeldig/",
        "gebruikers": "/beheer/gebruikers",
        "nieuw wachtwoord": "/beheer/gebruikers/1/wachtwoord",
    }


@pytest.mark.parametrize("breedte", list(BREEDTES))
def test_every_page_type_has_no_wcag_violations(chromium, live_server, gevuld, breedte):
    from axe_playwright_python.sync_playwright import Axe

    # (Here, not at the top: that module imports this one's axe helper.)
    from tests.web.test_browser_formulieren import AFGESNEDEN

    axe = Axe()
    w, h = BREEDTES[breedte]
    context = chromium.new_context(viewport={"width": w, "height": h}, locale="nl-NL")
    page = context.new_page()
    gevonden = {}

    def controleer(naam: str):
        schermafdruk(
            page, f"paginas/{breedte}-{naam.replace(' ', '-')}"
        )  # every page type, for review
        assert page.evaluate("document.documentElement.lang") == "nl", naam
        assert page.evaluate("document.documentElement.scrollWidth") <= w, (
            f"{naam}: horizontal scroll"
        )
        if schendingen := axe_schendingen(axe, page):
            gevonden[naam] = schendingen
        # Issue 20: no control cut off, on any page type, at either width.
        if afgesneden := page.evaluate(AFGESNEDEN):
            gevonden[f"{naam}: afgesneden"] = afgesneden

    page.goto(live_server + "/inloggen")
    controleer("inloggen")
    page.get_by_label("Gebruikersnaam").fill("fien")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/metingen/")
    for naam, pad in paginas(*gevuld).items():
        page.goto(live_server + pad)
        page.wait_for_load_state("networkidle")
        controleer(naam)
    context.close()
    assert gevonden == {}


def test_first_run_page_has_no_wcag_violations(chromium, live_server):
    from axe_playwright_python.sync_playwright import Axe

    page = chromium.new_page(viewport={"width": 1280, "height": 720})
    page.goto(live_server + "/inrichten")
    assert Axe().run(page, options=WCAG).violations_count == 0
    page.close()


def test_keyboard_only_completes_a_thema_with_visible_focus(chromium, live_server, gevuld):
    open_, _, _, _ = gevuld
    thema = open_.vragenlijst.themas[1]
    page = chromium.new_page(viewport={"width": 1280, "height": 720})
    page.goto(live_server + "/inloggen")
    page.get_by_label("Gebruikersnaam").focus()
    page.keyboard.type("fien")
    page.keyboard.press("Tab")
    page.keyboard.type(WACHTWOORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/metingen/")
    page.keyboard.press("Tab")  # on every page the skip link comes first
    assert page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    page.goto(f"{live_server}/metingen/{open_.id}/thema/{thema.id}")
    for vraag in thema.vragen:
        for rij, toets in zip(open_.gemeenten, "1234", strict=False):
            # Tab into the row's radio group, as a keyboard user would; then a number answers.
            page.locator(f"#a-{rij.cbs}-{vraag.id}-open").focus()
            with page.expect_response(lambda r: r.url.endswith("/autosave")):
                page.keyboard.press(toets)
            omlijning = page.evaluate(
                "getComputedStyle(document.activeElement.closest('td')).outlineStyle"
            )
            assert omlijning != "none", "focus must be visible"
    page.keyboard.press("Alt+ArrowRight")
    page.wait_for_url(f"**/thema/{thema.id}/klaar")
    page.close()


# Every word in a table cell, as a Range: one that lies on two lines was broken inside the word.
# Breaks at spaces, hyphens, dashes and slashes are allowed, so those split the text into words.
GEBROKEN_WOORDEN = r"""() => {
  const gebroken = [];
  for (const cel of document.querySelectorAll('main table th, main table td')) {
    if (!cel.offsetParent) continue;  // hidden, e.g. the answer grid's header on a phone
    const tekst = document.createTreeWalker(cel, NodeFilter.SHOW_TEXT);
    for (let n = tekst.nextNode(); n; n = tekst.nextNode()) {
      for (const m of n.data.matchAll(/[^\s\-\u2010-\u2014\/]+/g)) {
        const r = document.createRange();
        r.setStart(n, m.index);
        r.setEnd(n, m.index + m[0].length);
        const regels = new Set(Array.from(r.getClientRects())
          .filter(x => x.width > 0).map(x => Math.round(x.top)));
        if (regels.size > 1) gebroken.push(m[0]);
      }
    }
  }
  return gebroken;
}"""

# Each table (the answer grid has a layout of its own) in a region: role, a name that is the
# text of an element on the page, a tab stop; and what the cells allow the browser to break.
TABELROLLEN = r"""() => Array.from(document.querySelectorAll('main table:not(.antwoordrooster)')).map(t => {
  const rol = t.closest('.tabelrol');
  const naamId = rol && rol.getAttribute('aria-labelledby');
  const naam = naamId && document.getElementById(naamId);
  const cel = t.querySelector('tbody th, tbody td') || t.querySelector('th, td');
  const stijl = getComputedStyle(cel);
  return {
    tabel: (t.caption && t.caption.textContent.trim()) || t.className,
    in_rol: !!rol,
    role: rol && rol.getAttribute('role'),
    tabindex: rol && rol.getAttribute('tabindex'),
    naam: naam ? naam.textContent.trim() : null,
    breken: [stijl.overflowWrap, stijl.wordBreak, stijl.hyphens].join(' '),
  };
})"""


def axe_schendingen(axe, page) -> list:
    """axe-core's WCAG A/AA violations on this page: (rule, first three elements) per rule."""
    uitslag = axe.run(page, options=WCAG)
    return [
        (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in uitslag.response["violations"]
    ]


def tabelpaginas(app, gevuld) -> dict[str, str]:
    """Every page with a table: the ones above plus the comparison with last year."""
    alle = paginas(*gevuld)
    db = open_db(app.config["DATABASE"])
    vervolg = next(m for m in opslag.metingen(db) if m.soort == "vervolgmeting")
    token, _ = gemeentelinks.maak_link(db, vervolg.id, "GM0375", wie="fien")
    db.conn.close()
    alle |= {
        "vervolg resultaten": f"/metingen/{vervolg.id}/resultaten",
        "vervolg gemeentepagina": f"/g/{token}/",
    }
    # Without tables: the error pages. The metingen overview has a phone layout of its own (it
    # drops columns rather than scroll) and is checked by the axe test above.
    zonder = ("niet gevonden", "ongeldige link", "metingen")
    return {k: v for k, v in alle.items() if k not in zonder}


def test_wide_tables_scroll_in_a_named_region_on_a_phone(chromium, live_server, app, gevuld):
    """At 390 px a table too wide for the screen scrolls sideways inside a region a keyboard
    can reach and a screen reader can name; no word in it is split over two lines."""
    context, page = ingelogde_pagina(chromium, live_server, (390, 844))
    problemen, rollend = {}, []
    for naam, pad in tabelpaginas(app, gevuld).items():
        page.goto(live_server + pad)
        page.wait_for_load_state("networkidle")
        fout = []
        for t in page.evaluate(TABELROLLEN):
            if not (t["in_rol"] and t["role"] == "region" and t["tabindex"] == "0" and t["naam"]):
                fout.append(f"tabel zonder benoemde, focusbare rol: {t}")
            if t["breken"] != "normal normal manual":
                fout.append(f"{t['tabel']}: breekt woorden af ({t['breken']})")
        if gebroken := page.evaluate(GEBROKEN_WOORDEN):
            fout.append(f"woorden afgebroken: {sorted(set(gebroken))[:8]}")
        if page.evaluate("document.documentElement.scrollWidth") > 390:
            fout.append("de pagina zelf schuift opzij")
        if fout:
            problemen[naam] = fout
        rollend += [naam for _ in range(page.evaluate(SCHUIVENDE_ROLLEN)) if naam not in rollend]
    assert problemen == {}
    # The test means something only if some tables really are wider than a phone.
    assert {"resultaten", "resultaten gemeente", "vervolg resultaten"} <= set(rollend)

    # A keyboard user reaches the scores table with Tab and scrolls it with the arrow keys.
    page.goto(live_server + paginas(*gevuld)["resultaten"])
    regio = page.get_by_role("region", name="Scores (0–100) per thema en gemeente")
    regio.focus()
    assert page.evaluate("document.activeElement.classList.contains('tabelrol')")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    # Not wait_for_function: it evaluates a string, which the page's CSP (no unsafe-eval) refuses.
    for _ in range(50):
        if page.evaluate("document.activeElement.scrollLeft") > 0:
            break
        page.wait_for_timeout(100)
    assert page.evaluate("document.activeElement.scrollLeft") > 0
    schermafdruk(page, "paginas/telefoon-tabel-geschoven")
    context.close()


SCHUIVENDE_ROLLEN = """() => Array.from(document.querySelectorAll('.tabelrol, .roosterrol'))
    .filter(e => e.scrollWidth > e.clientWidth + 1).length"""


def test_projector_tables_do_not_scroll(chromium, live_server, app, gevuld):
    """At 1280×720 nothing scrolls sideways for a subregio of four gemeenten (Zuid-Kennemerland),
    and body text stays at 22 px: the regions only matter on a narrow screen."""
    context, page = ingelogde_pagina(chromium, live_server)
    db = open_db(app.config["DATABASE"])
    zuid = next(
        m for m in opslag.metingen(db) if m.subregio_id == "zuid-kennemerland" and m.jaar == 2021
    )
    db.conn.close()
    open_, thema, _, _ = gevuld
    assert len(open_.gemeenten) == len(zuid.gemeenten) == 4
    pad_te_breed = {}
    for pad in (
        f"/metingen/{open_.id}/thema/{thema.id}",
        f"/metingen/{open_.id}/thema/{thema.id}/klaar",
        f"/metingen/{zuid.id}/resultaten",
        f"/metingen/{zuid.id}/resultaten/GM0392",
    ):
        page.goto(live_server + pad)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("getComputedStyle(document.body).fontSize") == "22px", pad
        schuivend = page.evaluate(SCHUIVENDE_ROLLEN)
        breed = page.evaluate("document.documentElement.scrollWidth")
        if schuivend or breed > 1280:
            pad_te_breed[pad] = (schuivend, breed)
    context.close()
    assert pad_te_breed == {}


@pytest.mark.parametrize("breedte", [800, 1150])
def test_answer_grid_labels_fit_between_phone_and_projector(chromium, live_server, gevuld, breedte):
    """Between phone and projector the grid keeps its columns: each heading fits its cell ("In
    ontwikkeling" not printed over "Grotendeels"); the grid scrolls in its own box, the page not."""
    open_, thema, _, _ = gevuld
    context, page = ingelogde_pagina(chromium, live_server, (breedte, 900))
    page.goto(f"{live_server}/metingen/{open_.id}/thema/{thema.id}")
    overlopend = page.evaluate(
        """() => Array.from(document.querySelectorAll('.antwoordrooster thead th, .knop-alle'))
             .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.trim())"""
    )
    assert overlopend == []
    assert page.evaluate("document.documentElement.scrollWidth") <= breedte
    context.close()
