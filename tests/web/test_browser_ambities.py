"""A gemeente's ambities on its own page, in a real browser at 1280×720, 390×844 and 360×740
(acceptance review of issue 20): what the page shows is saved back unchanged; a wrong field
brings the page back with the error summary focused and in view, its link in the field and
everything typed still there; nothing in main is cut off and nothing scrolls sideways; axe finds
no WCAG 2.1 A/AA violation."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.conftest import schermafdruk
from tests.web.test_browser_formulieren import AFGESNEDEN
from tests.web.test_browser_toegankelijkheid import axe_schendingen
from zelfscan import opslag
from zelfscan.opslag import gemeentelinks

BREEDTES = {"projector": (1280, 720), "telefoon": (390, 844), "smal": (360, 740)}
BEVERWIJK = "GM0375"


@pytest.fixture
def link(db, ijmond, facilitator):
    """Beverwijk's link on IJmond's closed 0-meting, with two ambities already saved: one by a
    date, one by a quarter (the page shows them as '30 juni 2022' and 'Q3 2022')."""
    for vraag in ijmond.vragenlijst.vragen:
        opslag.sla_antwoord_voor_alle(db, ijmond.id, vraag.id, 1, wie="fien")
    opslag.rond_af(db, ijmond.id, wie="fien")
    eerste, tweede = (t.id for t in ijmond.vragenlijst.themas[:2])
    opslag.sla_ambitie(db, ijmond.id, BEVERWIJK, eerste, 3, "Nota vaststellen", door="team Jeugd",
                       wanneer="30-06-2022", wie="Beverwijk (via link)")  # fmt: skip
    opslag.sla_ambitie(db, ijmond.id, BEVERWIJK, tweede, 2, wanneer="2022-Q3", wie="x")
    token, _ = gemeentelinks.maak_link(db, ijmond.id, BEVERWIJK, wie="fien")
    return token


def open_pagina(chromium, live_server, token, breedte):
    context = chromium.new_context(
        viewport={"width": breedte[0], "height": breedte[1]}, locale="nl-NL"
    )
    page = context.new_page()
    page.goto(f"{live_server}/g/{token}/")
    page.wait_for_load_state("networkidle")
    return context, page


def past(page, breedte) -> None:
    """Nothing in main cut off, no select showing part of its choice, no sideways scroll."""
    assert page.evaluate(AFGESNEDEN) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= breedte[0]


@pytest.mark.parametrize("naam", list(BREEDTES))
def test_the_ambities_fit_and_a_shown_date_is_saved_back_unchanged(
    chromium, live_server, db, ijmond, link, naam
):
    breedte = BREEDTES[naam]
    context, page = open_pagina(chromium, live_server, link, breedte)
    eerste, tweede = ijmond.vragenlijst.themas[:2]
    # The saved ambities, as a reader writes them, every control named with its thema.
    expect(page.get_by_label(f"Ambitie voor {eerste.titel}", exact=True)).to_have_value("3")
    wanneer = page.get_by_label(f"Wanneer (datum of kwartaal) bij de ambitie voor {eerste.titel}")
    expect(wanneer).to_have_value("30 juni 2022")
    expect(
        page.get_by_label(f"Wanneer (datum of kwartaal) bij de ambitie voor {tweede.titel}")
    ).to_have_value("Q3 2022")
    past(page, breedte)
    page.locator("#ambities").evaluate("e => e.scrollIntoView({block: 'start'})")
    schermafdruk(page, f"ambities/{naam}-formulier")
    if naam != "smal":
        assert axe_schendingen(Axe(), page) == []
    voor = opslag.ambities(db, ijmond.id)

    # Saved unchanged: accepted, and nothing changes (not even a version).
    page.get_by_role("button", name="Ambities opslaan").click()
    bevestiging = page.locator("#ambities-opgeslagen")
    expect(bevestiging).to_be_focused()
    expect(bevestiging).to_be_in_viewport(ratio=1)
    expect(bevestiging).to_have_text("Uw ambities zijn opgeslagen.")
    assert opslag.ambities(db, ijmond.id) == voor
    expect(wanneer).to_have_value("30 juni 2022")
    past(page, breedte)
    context.close()


@pytest.mark.parametrize("naam", ["projector", "telefoon"])
def test_a_wrong_wanneer_comes_back_with_the_summary_and_everything_typed(
    chromium, live_server, db, ijmond, link, naam
):
    breedte = BREEDTES[naam]
    context, page = open_pagina(chromium, live_server, link, breedte)
    themas = ijmond.vragenlijst.themas
    niveaus = ["Nee", "In ontwikkeling", "Grotendeels", "Ja, geborgd"]
    getypt = {}
    for nr, thema in enumerate(themas):
        velden = {
            f"Ambitie voor {thema.titel}": niveaus[nr % len(niveaus)],
            f"Toelichting bij de ambitie voor {thema.titel}": f"Plan {nr} <met> ‘tekens’ & meer",
            f"Wie (rol of team) bij de ambitie voor {thema.titel}": f"team {nr}",
            f"Wanneer (datum of kwartaal) bij de ambitie voor {thema.titel}": f"Q{1 + nr % 4} 2023",
        }
        for label, waarde in velden.items():
            veld = page.get_by_label(label, exact=True)
            if label.startswith("Ambitie voor"):
                veld.select_option(label=waarde)
            else:
                veld.fill(waarde)
        getypt |= velden
    fout = f"Wanneer (datum of kwartaal) bij de ambitie voor {themas[1].titel}"
    page.get_by_label(fout).fill("31 juni 2023")
    getypt[fout] = "31 juni 2023"
    page.get_by_role("button", name="Ambities opslaan").click()

    samenvatting = page.locator("#foutoverzicht")
    expect(samenvatting).to_be_focused()
    expect(samenvatting).to_be_in_viewport(ratio=1)
    expect(samenvatting).to_contain_text("Niet alles is goed ingevuld")
    expect(samenvatting).to_contain_text("‘31 juni 2023’ is geen datum of kwartaal")
    schermafdruk(page, f"ambities/{naam}-fout")
    # Every value as typed, in every thema; the wrong field marked and told why.
    for label, waarde in getypt.items():
        veld = page.get_by_label(label, exact=True)
        if label.startswith("Ambitie voor"):
            expect(veld.locator("option:checked")).to_have_text(waarde)
        else:
            expect(veld).to_have_value(waarde)
    veld = page.get_by_label(fout)
    expect(veld).to_have_attribute("aria-invalid", "true")
    expect(veld).to_have_accessible_description(re.compile("^‘31 juni 2023’ is geen datum"))
    expect(page.locator("[aria-invalid]")).to_have_count(1)
    past(page, breedte)
    assert axe_schendingen(Axe(), page) == []
    assert opslag.ambities(db, ijmond.id)[(BEVERWIJK, themas[0].id)].tekst == "Nota vaststellen"

    # Its link puts the focus in the field, in view.
    samenvatting.get_by_role(
        "link", name=re.compile(f"^{re.escape(themas[1].titel)}, wanneer")
    ).click()
    expect(veld).to_be_focused()
    expect(veld).to_be_in_viewport()
    schermafdruk(page, f"ambities/{naam}-fout-veld")
    veld.fill("30 juni 2023")
    page.get_by_role("button", name="Ambities opslaan").click()
    expect(page.locator("#ambities-opgeslagen")).to_be_focused()
    opgeslagen = opslag.ambities(db, ijmond.id)
    assert opgeslagen[(BEVERWIJK, themas[1].id)].wanneer == "2023-06-30"
    assert opgeslagen[(BEVERWIJK, themas[0].id)].tekst == "Plan 0 <met> ‘tekens’ & meer"
    assert len(opgeslagen) == len(themas)
    context.close()
