"""WCAG 2.1 AA, checked by axe-core in Chromium on every page type, at projector and phone width.

Zero violations is the bar. Also checks what axe cannot: lang="nl", a keyboard-only run
through a thema, and a visible focus indicator.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import WACHTWOORD, schermafdruk
from zelfscan import gebruikers, links, store
from zelfscan.db import open_db
from zelfscan.demo import vul_demo

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
BREEDTES = {"projector": (1280, 720), "telefoon": (390, 844)}


@pytest.fixture
def gevuld(app):
    """Demo data plus an open meting with some answers, a revealed thema and a gemeente link."""
    db = open_db(app.config["DATABASE"])
    catalogus = app.extensions["zelfscan.catalogus"]
    vul_demo(db, catalogus)
    gebruikers.voeg_toe(db, "fien", WACHTWOORD)
    open_ = store.maak_meting(
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
        store.sla_antwoord_voor_alle(db, open_.id, vraag.id, 2, wie="fien")
    store.zet_huidig_thema(db, open_.id, thema.id)
    store.onthul_scores(db, open_.id, thema.id)
    afgerond = next(m for m in store.metingen(db) if m.subregio_id == "ijmond" and m.jaar == 2021)
    token, _ = links.maak_link(db, afgerond.id, "GM0375", wie="fien")
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
        "links": f"/metingen/{afgerond.id}/links/",
        "vragenlijst": "/metingen/vragenlijst/werken-aan-veiligheid/2021.1",
        "niet gevonden": "/bestaat-niet",
        "gemeentepagina": f"/g/{token}/",
        "ongeldige link": "/g/ongeldig/",
    }


@pytest.mark.parametrize("breedte", list(BREEDTES))
def test_every_page_type_has_no_wcag_violations(chromium, live_server, gevuld, breedte):
    from axe_playwright_python.sync_playwright import Axe

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
        uitslag = axe.run(page, options=WCAG)
        if uitslag.violations_count:
            gevonden[naam] = [
                (v["id"], [n["target"] for n in v["nodes"]][:3])
                for v in uitslag.response["violations"]
            ]

    page.goto(live_server + "/inloggen")
    controleer("inloggen")
    page.get_by_label("Gebruikersnaam").fill("fien")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
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
