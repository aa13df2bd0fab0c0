"""A vervolgmeting in a real browser: with JavaScript, confirming ("Klopt nog"), changing an
answer or "same answer for all" removes the 'vorig jaar' mark as soon as it is saved."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.conftest import ingelogde_pagina, schermafdruk
from tests.web.test_browser_toegankelijkheid import axe_schendingen
from zelfscan import opslag
from zelfscan.opslag import gemeentelinks
from zelfscan.opslag.demo import vul_demo
from zelfscan.opslag.verbinding import open_db


def test_confirming_and_changing_last_years_answers(
    chromium, live_server, app, facilitator, ijmond_vervolg
):
    v1, v2, *_ = (v.id for v in ijmond_vervolg.vragenlijst.thema("capaciteit").vragen)

    context, page = ingelogde_pagina(chromium, live_server)
    page.goto(f"{live_server}/metingen/{ijmond_vervolg.id}/thema/capaciteit")
    teller = page.locator("#overgenomen-aantal")
    totaal = int(teller.inner_text())
    rij = page.locator(f'tr.gemeenterij[data-cbs="GM0375"][data-vraag="{v1}"]')
    assert "overgenomen" in rij.get_attribute("class")
    page.locator(f"#vraag-{v1}").scroll_into_view_if_needed()
    schermafdruk(page, "vervolg-overgenomen")

    # "Klopt nog" for Beverwijk, vraag 1.
    with page.expect_response(lambda r: r.url.endswith("/autosave")):
        knop = page.locator(f'button.knop-bevestig[data-cbs="GM0375"][data-vraag="{v1}"]')
        assert "voor Beverwijk bij vraag 1 bevestigen" in knop.inner_text()
        knop.click()
    # The response arrives before the page has handled it: let expect() wait for the page.
    expect(rij).not_to_have_class(re.compile(r"\bovergenomen\b"))
    expect(teller).to_have_text(str(totaal - 1))
    # Heemskerk, vraag 1: another answer by keyboard.
    page.locator(f"#a-GM0396-{v1}-1").focus()
    with page.expect_response(lambda r: r.url.endswith("/autosave")):
        page.keyboard.press("3")
    expect(teller).to_have_text(str(totaal - 2))
    # Vraag 2: the same answer for all three.
    with page.expect_response(lambda r: r.url.endswith("/autosave")):
        page.locator(f'button.knop-alle[data-vraag="{v2}"][data-waarde="1"]').click()
    expect(teller).to_have_text(str(totaal - 5))
    expect(page.locator(f'tr.gemeenterij.overgenomen[data-vraag="{v2}"]')).to_have_count(0)

    verbinding = open_db(app.config["DATABASE"])
    alle = opslag.antwoorden(verbinding, ijmond_vervolg.id)
    assert (alle[("GM0375", v1)].waarde, alle[("GM0375", v1)].overgenomen) == (1, False)
    assert (alle[("GM0396", v1)].waarde, alle[("GM0396", v1)].overgenomen) == (2, False)
    assert alle[("GM0453", v1)].overgenomen
    assert not any(alle[(c, v2)].overgenomen for c in ("GM0375", "GM0396", "GM0453"))
    verbinding.conn.close()

    # Without a reload the page agrees with a fresh one.
    page.reload()
    expect(page.locator("#overgenomen-aantal")).to_have_text(str(totaal - 5))
    context.close()


@pytest.mark.parametrize("breedte", [(1280, 720), (390, 844)], ids=["projector", "telefoon"])
def test_the_comparison_pages_have_no_wcag_violations(
    chromium, live_server, app, facilitator, breedte
):
    """The pages of issue 7 on the demo data (2021 → 2022 with ambities) plus a 2023 that starts
    from 2022's answers (trend over three metingen, unconfirmed answers in the wizard)."""
    from axe_playwright_python.sync_playwright import Axe

    db = open_db(app.config["DATABASE"])
    catalogus = app.extensions["zelfscan.catalogus"]
    vul_demo(db, catalogus)
    vervolg = next(m for m in opslag.metingen(db) if m.soort == "vervolgmeting")
    derde, _ = opslag.maak_vervolgmeting(
        db,
        vervolg.id,
        vragenlijst=catalogus.vragenlijst("werken-aan-veiligheid"),
        regio=catalogus.regio("kennemerland"),
        jaar=2023,
        datum=date(2023, 10, 10),
        wie="fien",
    )
    for thema in derde.vragenlijst.themas[1:]:
        opslag.bevestig_thema(db, derde.id, thema.id, wie="fien")
    token, _ = gemeentelinks.maak_link(db, vervolg.id, "GM0375", wie="fien")
    db.conn.close()
    eerste_thema = derde.vragenlijst.themas[0].id
    paginas = {
        "vervolg-formulier": f"/metingen/{vervolg.id}/vervolg",
        "vervolg-resultaten-gemeente": f"/metingen/{vervolg.id}/resultaten/GM0375",
        "vervolg-resultaten": f"/metingen/{vervolg.id}/resultaten",
        "vervolg-gemeentepagina": f"/g/{token}/",
        "vervolg-trend": f"/metingen/{derde.id}/resultaten/GM0375",
        "vervolg-trend-subregio": f"/metingen/{derde.id}/resultaten",
        "vervolg-sessie": f"/metingen/{derde.id}/thema/{eerste_thema}",
        "vervolg-einde-thema": f"/metingen/{derde.id}/thema/{eerste_thema}/klaar",
        # Last year's answers marked on the projector (issue 20).
        "vervolg-presentatie": f"/metingen/{derde.id}/presentatie",
        "vervolg-afronden": f"/metingen/{derde.id}/afronden",
    }

    w, h = breedte
    if w < 1000:  # at phone width, the pages with a layout of their own
        paginas = {
            k: v
            for k, v in paginas.items()
            if k in ("vervolg-formulier", "vervolg-trend", "vervolg-resultaten", "vervolg-sessie")
        }
    context, page = ingelogde_pagina(chromium, live_server, (w, h))
    axe = Axe()
    gevonden, te_breed = {}, []
    for naam, pad in paginas.items():
        page.goto(live_server + pad)
        page.wait_for_load_state("networkidle")
        schermafdruk(page, f"paginas/{'projector' if w > 1000 else 'telefoon'}-{naam}")
        # What these pages add must fit (the rest of each page is checked by
        # test_browser_toegankelijkheid): wide tables scroll inside their own region.
        uitsteeksels = page.evaluate(
            """w => Array.from(document.querySelectorAll(
                   '.ontwikkeling > *, .overgenomen-melding, .rijkop, #onbevestigd, form.formulier, main > .melding'))
                 .filter(e => !e.closest('.tabelrol') && e.getBoundingClientRect().right > w + 1)
                 .map(e => e.tagName + '.' + e.className)""",
            w,
        )
        if uitsteeksels:
            te_breed.append((naam, uitsteeksels))
        if schendingen := axe_schendingen(axe, page):
            gevonden[naam] = schendingen
    context.close()
    assert gevonden == {}
    assert te_breed == []
