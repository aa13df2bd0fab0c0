"""Walks the facilitator's pages as in docs/handleiding.md and makes its screenshots.

Always written to screenshots/handleiding/ for review; with ZELFSCAN_HANDLEIDING=1 also to
docs/handleiding/, the pictures the handbook shows (commit them when the pages change).
"""

from __future__ import annotations

import os
import shutil
from datetime import date

from playwright.sync_api import expect

from tests.conftest import SCHERMAFDRUKKEN, WACHTWOORD, leg_vast
from zelfscan import opslag
from zelfscan.opslag.demo import vul_demo
from zelfscan.opslag.verbinding import open_db

DOCS = SCHERMAFDRUKKEN.parent / "docs" / "handleiding"


def foto(page, naam: str, hele_pagina: bool = False) -> None:
    map_ = SCHERMAFDRUKKEN / "handleiding"
    map_.mkdir(parents=True, exist_ok=True)
    pad = map_ / f"{naam}.png"
    leg_vast(page, pad, hele_pagina)
    assert pad.stat().st_size > 10_000, naam  # something was drawn
    if os.environ.get("ZELFSCAN_HANDLEIDING"):
        DOCS.mkdir(parents=True, exist_ok=True)
        shutil.copy(pad, DOCS / pad.name)


def test_handleiding_screenshots(chromium, live_server, app):
    db = open_db(app.config["DATABASE"])
    catalogus = app.extensions["zelfscan.catalogus"]
    context = chromium.new_context(viewport={"width": 1280, "height": 720}, locale="nl-NL")
    page = context.new_page()

    page.goto(live_server + "/")
    foto(page, "01-inrichten")
    page.get_by_label("Gebruikersnaam").fill("fien")
    page.get_by_label("Wachtwoord (minstens 10 tekens)").fill(WACHTWOORD)
    page.get_by_label("Herhaal het wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Account aanmaken").click()
    page.wait_for_url("**/metingen/")

    vul_demo(db, catalogus)
    meting = opslag.maak_meting(
        db,
        vragenlijst=catalogus.vragenlijst("werken-aan-veiligheid"),
        regio=catalogus.regio("kennemerland"),
        subregio_id="ijmond",
        jaar=2023,
        soort="0-meting",
        datum=date(2023, 10, 10),
        titel="Sessie IJmond 2023",
        wie="fien",
    )
    page.goto(live_server + "/metingen/")
    foto(page, "02-metingen")
    page.get_by_role("link", name="Nieuwe meting", exact=True).click()
    page.get_by_label("Subregio").select_option(label="Kennemerland – IJmond")
    expect(page.get_by_label("Velsen")).to_be_visible()  # the gemeenten follow the subregio
    foto(page, "03-nieuwe-meting")

    thema = meting.vragenlijst.themas[2]
    for i, vraag in enumerate(thema.vragen[:3]):
        opslag.sla_antwoord_voor_alle(db, meting.id, vraag.id, [2, 1, 3][i], wie="fien")
    opslag.sla_antwoord(db, meting.id, "GM0396", thema.vragen[1].id, "weet_niet", wie="fien")
    page.goto(f"{live_server}/metingen/{meting.id}/thema/{thema.id}")
    foto(page, "04-sessie-thema")
    page.get_by_text("Uitleg voor de gespreksleider").first.click()
    page.locator(f'textarea[name="tg:{thema.vragen[0].id}"]').fill(
        "Wachtlijst besproken; geldt voor alle drie."
    )
    # The focus on the last vraag (open) makes it the room's current vraag: the projector below
    # shows it.
    with page.expect_response(lambda r: r.url.endswith("/presentatie/vraag")):
        page.locator(f"#a-GM0453-{thema.vragen[-1].id}-open").focus()
    foto(page, "05-sessie-uitleg-en-toelichting")

    opslag.onthul_scores(db, meting.id, thema.id)
    projector = context.new_page()
    projector.goto(f"{live_server}/metingen/{meting.id}/presentatie")
    expect(projector.locator(f"#p-{thema.vragen[-1].id}.huidig")).to_be_in_viewport()
    expect(projector.locator("#scores-kop")).to_be_in_viewport()  # revealed: always in view
    foto(projector, "06-presentatiescherm")
    projector.close()

    page.goto(f"{live_server}/metingen/{meting.id}/thema/{thema.id}/klaar")
    foto(page, "07-einde-thema")
    page.goto(f"{live_server}/metingen/{meting.id}")
    foto(page, "08-meting-verder")
    page.goto(f"{live_server}/metingen/{meting.id}/afronden")
    foto(page, "09-afronden")

    zuid = next(m for m in opslag.metingen(db) if m.subregio_id == "zuid-kennemerland")
    page.goto(f"{live_server}/metingen/{zuid.id}/resultaten")
    page.wait_for_load_state("networkidle")
    foto(page, "10-resultaten-subregio")
    page.goto(f"{live_server}/metingen/{zuid.id}/resultaten/GM0392")
    page.wait_for_load_state("networkidle")
    foto(page, "11-resultaten-gemeente")

    page.goto(f"{live_server}/metingen/{zuid.id}/links/")
    page.get_by_label("Gemeente", exact=True).select_option(label="Haarlem")
    page.get_by_label("Geldig (dagen, leeg = onbeperkt)").fill("90")
    page.get_by_role("button", name="Link maken").click()
    expect(page.locator("#nieuwe-link")).to_be_visible()
    foto(page, "12-link-maken")
    link = page.locator("#nieuwe-link").input_value()
    gemeente = chromium.new_context(viewport={"width": 1280, "height": 720}).new_page()
    gemeente.goto(link)
    gemeente.wait_for_load_state("networkidle")
    foto(gemeente, "13-gemeentepagina")
    gemeente.locator("#ambities").scroll_into_view_if_needed()
    foto(gemeente, "14-ambities")
    gemeente.context.close()
    context.close()
    db.conn.close()
