"""The overview with many metingen (the filter form, grouped tables, links to older metingen):
WCAG 2.1 AA by axe-core at projector and phone width, and the filter used without JavaScript.

The other browser tests see the overview with the demo's few metingen, where it has no filter.
"""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.conftest import SCHERMAFDRUKKEN, WACHTWOORD, ingelogde_pagina, leg_vast
from tests.web.test_browser_toegankelijkheid import (
    BREEDTES,
    GEBROKEN_WOORDEN,
    axe_schendingen,
)
from zelfscan import opslag
from zelfscan.opslag import gebruikers
from zelfscan.opslag.verbinding import open_db


@pytest.fixture
def veel(app):
    """12 years of metingen for each subregio of Kennemerland; the newest year still open."""
    db = open_db(app.config["DATABASE"])
    catalogus = app.extensions["zelfscan.catalogus"]
    regio = catalogus.regio("kennemerland")
    gebruikers.voeg_toe(db, "fien", WACHTWOORD)
    for subregio in regio.subregios:
        for jaar in range(2014, 2026):
            m = opslag.maak_meting(
                db,
                vragenlijst=catalogus.vragenlijst("werken-aan-veiligheid"),
                regio=regio,
                subregio_id=subregio.id,
                jaar=jaar,
                soort="0-meting",
                datum=date(jaar, 10, 1),
                wie="fien",
            )
            if jaar < 2025:
                opslag.rond_af(db, m.id, wie="fien")
    db.conn.close()


@pytest.mark.parametrize("breedte", list(BREEDTES))
def test_the_overview_of_many_metingen_has_no_wcag_violations(chromium, live_server, veel, breedte):
    from axe_playwright_python.sync_playwright import Axe

    w, h = BREEDTES[breedte]
    context, page = ingelogde_pagina(chromium, live_server, (w, h))
    gevonden = {}
    for naam, pad in {
        "overzicht": "/metingen/",
        "overzicht subregio": "/metingen/?regio=kennemerland&subregio=ijmond&weergave=alle",
        "overzicht fout filter": "/metingen/?jaar=twintig",
    }.items():
        page.goto(live_server + pad)
        page.wait_for_load_state("load")
        pad_png = SCHERMAFDRUKKEN / "paginas" / f"{breedte}-{naam.replace(' ', '-')}.png"
        leg_vast(page, pad_png, hele_pagina=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= w, naam
        assert page.evaluate(GEBROKEN_WOORDEN) == [], naam
        if schendingen := axe_schendingen(Axe(), page):
            gevonden[naam] = schendingen
    context.close()
    assert gevonden == {}


def test_the_filter_works_by_keyboard_without_javascript(chromium, live_server, veel):
    context, page = ingelogde_pagina(chromium, live_server, js=False)
    page.get_by_label("Jaar").select_option("2020")
    page.get_by_label("Status").focus()
    page.keyboard.press("Tab")  # to the button, as a keyboard user would
    expect(page.get_by_role("button", name="Filteren")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url("**/metingen/?regio=&jaar=2020&status=")
    rijen = page.locator("tbody tr:not(.subregiokop)")
    assert rijen.count() == 3
    assert all("2020" in t for t in rijen.all_inner_texts())
    # A click does not wait for the page it opens: wait for each address, then let
    # expect() retry, so a count never reads a page still being parsed.
    page.get_by_role("link", name="Filter wissen").click()
    page.wait_for_url("**/metingen/")
    page.get_by_role("link", name="11 oudere metingen van IJmond").click()
    page.wait_for_url("**/metingen/?regio=kennemerland&subregio=ijmond&weergave=alle")
    expect(page.locator("tbody tr:not(.subregiokop)")).to_have_count(12)
    context.close()
