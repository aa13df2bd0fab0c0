"""Issue 18, item 1: typed text is never lost, "voor alle gemeenten" never overwrites a
gemeente's own toelichting without asking, and an arrow key never changes an answer.

Each test types and at once does what a facilitator does next (a shortcut, closing the tab),
with no pause for the autosave's debounce, and then reads the database."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import ingelogde_pagina, schermafdruk
from zelfscan import opslag
from zelfscan.opslag.verbinding import open_db

THEMA = "capaciteit"


@pytest.fixture
def pagina(chromium, live_server, facilitator, ijmond):
    context, page = ingelogde_pagina(chromium, live_server)
    page.goto(f"{live_server}/metingen/{ijmond.id}/thema/{THEMA}")
    expect(page.locator("#themaformulier.met-js")).to_have_count(1)
    yield page
    context.close()


@pytest.fixture
def lees(app):
    db = open_db(app.config["DATABASE"])
    yield db
    db.conn.close()


def eerste_vraag(meting) -> str:
    return meting.vragenlijst.thema(THEMA).vragen[0].id


def test_alt_arrow_right_after_typing_keeps_the_text(pagina, live_server, ijmond, lees):
    vraag = eerste_vraag(ijmond)
    veld = pagina.locator(f"#t-GM0396-{vraag}")
    pagina.locator(f"#vraag-{vraag} details.pergemeente summary").click()
    veld.fill("Heemskerk werkt met een wachtlijst")
    veld.press("Alt+ArrowRight")  # at once: no time for the autosave's pause
    pagina.wait_for_url(re.compile(rf"/thema/{THEMA}/klaar$"))
    assert opslag.antwoord(lees, ijmond.id, "GM0396", vraag).toelichting == (
        "Heemskerk werkt met een wachtlijst"
    )
    pagina.goto(f"{live_server}/metingen/{ijmond.id}/thema/{THEMA}")
    expect(pagina.locator(f"#t-GM0396-{vraag}")).to_have_value("Heemskerk werkt met een wachtlijst")


def test_the_thema_list_waits_for_the_note(pagina, ijmond, lees):
    pagina.get_by_text("Alle thema's").click()
    pagina.locator("#notitie").fill("Discussie over de caseload")
    # A click that leaves the focus in the field: no 'change' event saves the note on the way.
    pagina.get_by_role("navigation", name="Thema's").get_by_role("link").nth(0).dispatch_event(
        "click"
    )
    expect(pagina.get_by_role("heading", level=1)).not_to_have_text(
        ijmond.vragenlijst.thema(THEMA).titel
    )
    assert opslag.notities(lees, ijmond.id)[(THEMA, None)].tekst == "Discussie over de caseload"


def test_another_form_on_the_page_waits_for_the_note(pagina, ijmond, lees):
    pagina.locator("#notitie").fill("Eerst opslaan, dan de scores")
    knop = pagina.get_by_role("button", name="Scores tonen op het presentatiescherm")
    knop.dispatch_event("click")  # the focus stays in the note: no 'change' event
    expect(pagina.get_by_role("button", name=re.compile("Scores verbergen"))).to_be_visible()
    assert opslag.notities(lees, ijmond.id)[(THEMA, None)].tekst == "Eerst opslaan, dan de scores"


@pytest.mark.parametrize("hoe", ["tab-sluiten", "weg-navigeren"])
def test_closing_the_tab_right_after_typing_keeps_the_text(pagina, live_server, ijmond, lees, hoe):
    vraag = eerste_vraag(ijmond)
    pagina.locator(f"#tg-{vraag}").fill("Geldt voor alle drie")
    if hoe == "tab-sluiten":
        pagina.close(run_before_unload=True)
    else:
        pagina.goto(f"{live_server}/metingen/{ijmond.id}")

    def bewaard():
        return {
            opslag.antwoord(lees, ijmond.id, cbs, vraag).toelichting
            for cbs in ("GM0375", "GM0396", "GM0453")
        }

    # The beacon is answered after the page is gone: wait for it, briefly.
    from time import monotonic, sleep

    einde = monotonic() + 10
    while bewaard() != {"Geldt voor alle drie"} and monotonic() < einde:
        sleep(0.05)
    assert bewaard() == {"Geldt voor alle drie"}


def test_voor_alle_asks_before_replacing_a_gemeentes_own_toelichting(
    pagina, live_server, ijmond, lees
):
    vraag = eerste_vraag(ijmond)
    opslag.sla_antwoord(
        lees, ijmond.id, "GM0396", vraag, toelichting="Eigen aanpak Heemskerk", wie="test"
    )
    pagina.reload()
    algemeen = pagina.locator(f"#tg-{vraag}")
    algemeen.fill("Geldt voor alle drie")
    algemeen.press("Alt+ArrowRight")  # leaving must not replace it silently either

    vraagblok = pagina.get_by_role(
        "group", name="Deze toelichting vervangt de eigen toelichting van:"
    )
    expect(vraagblok).to_be_visible()
    expect(vraagblok).to_be_focused()
    expect(vraagblok.get_by_role("listitem")).to_have_text(["Heemskerk: “Eigen aanpak Heemskerk”"])
    expect(pagina).to_have_url(re.compile(rf"/thema/{THEMA}$"))
    schermafdruk(pagina, "wizard-voor-alle-vraag")
    from axe_playwright_python.sync_playwright import Axe

    from tests.web.test_browser_toegankelijkheid import axe_schendingen

    assert axe_schendingen(Axe(), pagina) == []

    # Escape cancels: Heemskerk keeps its own text, nothing was stored for the others.
    pagina.keyboard.press("Escape")
    expect(vraagblok).to_have_count(0)
    expect(algemeen).to_be_focused()
    expect(algemeen).to_have_value("")
    assert opslag.antwoord(lees, ijmond.id, "GM0396", vraag).toelichting == (
        "Eigen aanpak Heemskerk"
    )
    assert not opslag.antwoord(lees, ijmond.id, "GM0375", vraag).toelichting

    # Asked again, and confirmed: all three get the text.
    algemeen.fill("Geldt voor alle drie")
    algemeen.blur()
    expect(vraagblok).to_be_focused()
    with pagina.expect_response(lambda r: r.url.endswith("/autosave") and r.ok):
        vraagblok.get_by_role("button", name="Vervangen voor alle gemeenten").click()
    expect(vraagblok).to_have_count(0)
    expect(pagina.locator(f"#t-GM0396-{vraag}")).to_have_value("Geldt voor alle drie")
    for cbs in ("GM0375", "GM0396", "GM0453"):
        assert opslag.antwoord(lees, ijmond.id, cbs, vraag).toelichting == "Geldt voor alle drie"


def test_voor_alle_without_javascript_refuses_then_asks(
    chromium, live_server, facilitator, ijmond, lees
):
    vraag = eerste_vraag(ijmond)
    opslag.sla_antwoord(
        lees, ijmond.id, "GM0396", vraag, toelichting="Eigen aanpak Heemskerk", wie="test"
    )
    context, page = ingelogde_pagina(chromium, live_server, js=False)
    page.goto(f"{live_server}/metingen/{ijmond.id}/thema/{THEMA}")
    page.locator(f"#tg-{vraag}").fill("Geldt voor alle drie")
    page.get_by_role("button", name="Opslaan").click()
    vraagblok = page.get_by_role(
        "group", name="Deze toelichting vervangt de eigen toelichting van:"
    )
    expect(vraagblok.get_by_role("listitem")).to_have_text(["Heemskerk: “Eigen aanpak Heemskerk”"])
    assert opslag.antwoord(lees, ijmond.id, "GM0396", vraag).toelichting == (
        "Eigen aanpak Heemskerk"
    )
    assert not opslag.antwoord(lees, ijmond.id, "GM0375", vraag).toelichting
    vraagblok.get_by_role("button", name="Vervangen voor alle gemeenten").click()
    expect(page.locator(f"#t-GM0396-{vraag}")).to_have_value("Geldt voor alle drie")
    for cbs in ("GM0375", "GM0396", "GM0453"):
        assert opslag.antwoord(lees, ijmond.id, cbs, vraag).toelichting == "Geldt voor alle drie"
    context.close()


def test_arrow_keys_move_focus_a_number_answers(pagina, ijmond, lees):
    vraag = eerste_vraag(ijmond)
    opslag.sla_antwoord(lees, ijmond.id, "GM0375", vraag, "weet_niet", wie="test")
    pagina.reload()
    weet_niet = pagina.locator(f"#a-GM0375-{vraag}-weet_niet")
    weet_niet.focus()
    pagina.keyboard.press("ArrowLeft")  # once turned "Weet niet" into "Ja, geborgd"
    expect(pagina.locator(f"#a-GM0375-{vraag}-3")).to_be_focused()
    expect(weet_niet).to_be_checked()
    pagina.keyboard.press("ArrowRight")
    pagina.keyboard.press("ArrowRight")
    expect(pagina.locator(f"#a-GM0375-{vraag}-nvt")).to_be_focused()
    expect(weet_niet).to_be_checked()
    schermafdruk(pagina, "wizard-pijltjes-focus")
    assert opslag.antwoord(lees, ijmond.id, "GM0375", vraag).waarde == "weet_niet"

    with pagina.expect_response(lambda r: r.url.endswith("/autosave") and r.ok):
        pagina.keyboard.press("2")
    expect(pagina.locator(f"#a-GM0375-{vraag}-1")).to_be_checked()
    expect(pagina.locator(f"#a-GM0375-{vraag}-1")).to_be_focused()
    assert opslag.antwoord(lees, ijmond.id, "GM0375", vraag).waarde == 1


def test_shortcuts_are_shown_near_the_heading(pagina):
    kort = pagina.locator("details.sneltoetsen-kort")
    expect(kort).to_be_in_viewport()
    kort.locator("summary").click()
    expect(kort).to_contain_text("verplaatsen alleen de focus")
    schermafdruk(pagina, "wizard-sneltoetsen")
