"""Read-only looks read-only (issue 20): a closed meting's thema shows its answers as text, with
no control that looks as if it could change them; the end-of-thema screen explains its marks and
shows the toelichtingen. At 1280×720, checked by axe as well."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.conftest import ingelogde_pagina, schermafdruk
from tests.web.test_browser_toegankelijkheid import axe_schendingen
from zelfscan import opslag

THEMA = "visie-opdracht"


def test_a_closed_meting_looks_read_only_and_the_end_of_thema_explains_itself(
    chromium, live_server, facilitator, db, ijmond
):
    v1, v2, *_ = (v.id for v in ijmond.vragenlijst.thema(THEMA).vragen)
    for vraag in ijmond.vragenlijst.thema(THEMA).vragen:
        opslag.sla_antwoord_voor_alle(db, ijmond.id, vraag.id, 2, wie="fien")
    opslag.sla_antwoord(
        db, ijmond.id, "GM0375", v1, toelichting="Wachtlijst besproken.", wie="fien"
    )
    opslag.sla_antwoord(db, ijmond.id, "GM0396", v2, 1, bespreekpunt=True, wie="fien")
    context, page = ingelogde_pagina(chromium, live_server)
    axe, gevonden = Axe(), {}

    page.goto(f"{live_server}/metingen/{ijmond.id}/thema/{THEMA}/klaar")
    expect(page.locator("#legenda")).to_contain_text("● = bespreekpunt")
    expect(page.locator("#legenda")).to_contain_text(
        "“Weet niet”, “N.v.t.” en “Open” tellen niet mee"
    )
    # The legend is read before the table, in view with its first rows (no scrolling).
    expect(page.locator("#legenda")).to_be_in_viewport(ratio=1)
    expect(page.locator("table.overzichtsrooster tbody tr").first).to_be_in_viewport()
    expect(page.locator("dl.toelichtingen")).to_contain_text("Beverwijk: Wachtlijst besproken.")
    schermafdruk(page, "afgerond/einde-thema-legenda")
    gevonden["einde thema"] = axe_schendingen(axe, page)

    opslag.rond_af(db, ijmond.id, wie="fien")
    page.goto(f"{live_server}/metingen/{ijmond.id}/thema/{THEMA}")
    inhoud = page.locator("main")
    for soort in ("radio", "checkbox", "textbox"):
        expect(inhoud.get_by_role(soort)).to_have_count(0)
    # The only buttons left: showing scores on the projector, which a closed meting allows.
    expect(inhoud.get_by_role("button")).to_have_text(["Scores tonen op het presentatiescherm"])
    expect(inhoud.locator(f"#vraag-{v1} li.antwoordchip", has_text="Beverwijk")).to_have_text(
        "Beverwijk Grotendeels"
    )
    expect(inhoud.locator(f"#vraag-{v1}")).to_contain_text("Beverwijk: Wachtlijst besproken.")
    schermafdruk(page, "afgerond/thema-alleen-lezen")
    gevonden["thema afgerond"] = axe_schendingen(axe, page)
    context.close()
    assert gevonden == {"einde thema": [], "thema afgerond": []}
