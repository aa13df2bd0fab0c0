"""Phone width (390×844), issue "no control cut off": the tables that hold buttons (links for
gemeenten, accounts, deelnemers) become a block per row instead of scrolling sideways, so every
button is in view and a full touch target; the session's "Alle thema's" menu stays within the
window. Nothing in main is cut off and the page does not scroll sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import WACHTWOORD, ingelogde_pagina, schermafdruk
from tests.web.test_browser_formulieren import AFGESNEDEN
from zelfscan import opslag
from zelfscan.opslag import gebruikers, gemeentelinks

TELEFOON = (390, 844)

# Every button and link-like control in main (and the opened theme menu): its box, to hold
# against the window's width and a 44 px touch target.
KNOPPEN = r"""(selector) => [...document.querySelectorAll(selector)]
  .filter(e => e.getClientRects().length)
  .map(e => { const r = e.getBoundingClientRect();
              return {tekst: e.innerText.trim(), links: r.left, rechts: r.right, hoogte: r.height}; })"""


def past(page, naam: str, selector: str = "main button") -> list[dict]:
    page.locator(selector).first.scroll_into_view_if_needed()
    schermafdruk(page, f"smal/{naam}")
    assert page.evaluate(AFGESNEDEN) == [], naam
    assert page.evaluate("document.documentElement.scrollWidth") <= TELEFOON[0], naam
    knoppen = page.evaluate(KNOPPEN, selector)
    assert knoppen, naam
    for knop in knoppen:
        assert knop["links"] >= 0 and knop["rechts"] <= TELEFOON[0], (naam, knop)
    return knoppen


@pytest.fixture
def pagina(chromium, live_server, facilitator):
    context, page = ingelogde_pagina(chromium, live_server, TELEFOON)
    yield page
    context.close()


def test_links_for_gemeenten_fit_a_phone(pagina, live_server, db, ijmond_vervolg, ijmond):
    for cbs in ("GM0375", "GM0396", "GM0453"):
        gemeentelinks.maak_link(db, ijmond.id, cbs, wie="fien")
    pagina.goto(f"{live_server}/metingen/{ijmond.id}/links/")
    expect(pagina.get_by_role("button", name="Intrekken")).to_have_count(3)
    knoppen = past(pagina, "links", "main .tabel button")
    assert all(k["hoogte"] >= 44 for k in knoppen), knoppen


def test_accounts_fit_a_phone(pagina, live_server, db):
    gebruikers.voeg_toe(db, "gespreksleider-haarlem", WACHTWOORD, rol="gespreksleider",
                        regios=["kennemerland"])  # fmt: skip
    gebruikers.voeg_toe(db, "beheerder-twee", WACHTWOORD)
    pagina.goto(f"{live_server}/beheer/gebruikers")
    expect(pagina.get_by_role("button", name="Uitschakelen")).to_have_count(3)
    knoppen = past(pagina, "gebruikers", "main table button, main table a")
    assert len(knoppen) == 6
    assert all(k["hoogte"] >= 44 for k in knoppen), knoppen


def test_meting_and_theme_menu_fit_a_phone(pagina, live_server, db, ijmond_vervolg):
    meting = ijmond_vervolg
    for organisatie, rol in [("Gemeente Beverwijk", "beleidsadviseur OOV"),
                             ("Politie Kennemerland", "wijkagent")]:  # fmt: skip
        opslag.voeg_deelnemer_toe(db, meting.id, organisatie=organisatie, rol=rol, wie="fien")
    pagina.goto(f"{live_server}/metingen/{meting.id}")
    expect(pagina.get_by_role("button", name="Verwijderen")).to_have_count(2)
    knoppen = past(pagina, "meting", "main .tabel button")
    assert all(k["hoogte"] >= 44 for k in knoppen), knoppen

    thema = meting.vragenlijst.themas[0]
    pagina.goto(f"{live_server}/metingen/{meting.id}/thema/{thema.id}")
    pagina.locator(".themakiezer summary").click()
    menu = pagina.locator(".themakiezer nav")
    expect(menu).to_be_visible()
    past(pagina, "themakiezer", ".themakiezer nav a")
    doos = menu.bounding_box()
    assert doos["x"] >= 0 and doos["x"] + doos["width"] <= TELEFOON[0], doos
