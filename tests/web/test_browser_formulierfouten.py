"""Every form with a field a person types in, sent wrong in a real browser at 1280×720 and at
390×844 (issue 20, "forms that guide"): the page comes back with the error summary focused and
wholly in view, its first link puts the focus in the field it names, what was typed is still
there, nothing is cut off or wider than the window, and axe finds nothing. The session's thema
page and the participants' phone pages have tests of their own."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.conftest import ingelogde_pagina, schermafdruk
from tests.web.test_browser_formulieren import AFGESNEDEN
from tests.web.test_browser_toegankelijkheid import axe_schendingen
from zelfscan import opslag

BREEDTES = {"projector": (1280, 720), "telefoon": (390, 844)}


@dataclass
class Formulier:
    naam: str
    adres: str
    vul_in: Callable  # page → None: fills the form in wrong
    knop: str
    veld: str  # the id of the field the summary's first link names
    getypt: dict = field(default_factory=dict)  # id → value still in the field afterwards
    aangevinkt: tuple = ()  # ids of check boxes still checked afterwards


def formulieren(ijmond, vervolg) -> list[Formulier]:
    def login(page):
        page.get_by_label("Gebruikersnaam").fill("fien")

    def wachtwoord(page):
        page.get_by_label("Nieuw wachtwoord").fill("kort")
        page.get_by_label("Herhaal het wachtwoord").fill("kort")

    def gebruiker(page):
        page.get_by_label("Gebruikersnaam").fill("joost")
        page.get_by_label("Kennemerland", exact=True).check()
        page.get_by_label("Wachtwoord (minstens").fill("kort")

    def nieuw(page):
        page.get_by_label("Subregio").select_option(label="Kennemerland – IJmond")
        page.get_by_label("Heemskerk").check()
        page.get_by_label("Jaar", exact=True).fill("")
        page.get_by_label("Titel").fill("Mijn meting")

    def vervolgmeting(page):
        page.get_by_label("Jaar", exact=True).fill("")
        page.get_by_label("Titel").fill("Mijn vervolg")

    def deelnemer(page):
        page.get_by_label("Organisatie").fill("GGD Kennemerland")
        page.get_by_label("Naam (mag leeg)").fill("Ans")

    def link(page):
        page.get_by_label("Gemeente", exact=True).select_option(label="Heemskerk")
        page.get_by_label("Geldig (dagen").fill("0")

    def heropenen(page):
        page.get_by_label("Reden").fill("   ")

    return [
        Formulier("inloggen", "/inloggen", login, "Inloggen", "wachtwoord", {"naam": "fien"}),
        Formulier(
            "wachtwoord",
            "/beheer/gebruikers/1/wachtwoord",
            wachtwoord,
            "Wachtwoord opslaan",
            "wachtwoord",
        ),
        Formulier(
            "account",
            "/beheer/gebruikers",
            gebruiker,
            "Account aanmaken",
            "wachtwoord",
            {"naam": "joost"},
            ("regio-kennemerland",),
        ),
        Formulier(
            "nieuwe-meting",
            "/metingen/nieuw",
            nieuw,
            "Meting aanmaken",
            "jaar",
            {"titel": "Mijn meting"},
            ("gemeente-GM0396",),
        ),
        Formulier(
            "vervolgmeting",
            f"/metingen/{ijmond.id}/vervolg",
            vervolgmeting,
            "Vervolgmeting aanmaken",
            "jaar",
            {"titel": "Mijn vervolg"},
        ),
        Formulier(
            "deelnemer",
            f"/metingen/{vervolg.id}",
            deelnemer,
            "Deelnemer toevoegen",
            "rol",
            {"organisatie": "GGD Kennemerland", "naam": "Ans"},
        ),
        Formulier(
            "link",
            f"/metingen/{ijmond.id}/links/",
            link,
            "Link maken",
            "dagen",
            {"dagen": "0", "cbs": "GM0396"},
        ),
        Formulier(
            "afronden", f"/metingen/{vervolg.id}/afronden", None, "Meting afronden", "bevestig"
        ),
        Formulier(
            "heropenen", f"/metingen/{ijmond.id}/afronden", heropenen, "Meting heropenen", "reden"
        ),
    ]


def niets_afgesneden(page, breedte: int, wat: str) -> None:
    assert page.evaluate(AFGESNEDEN) == [], wat
    assert page.evaluate("document.documentElement.scrollWidth") <= breedte, wat


def test_every_form_sent_wrong_guides_to_its_fields(
    chromium, live_server, facilitator, db, ijmond_vervolg
):
    ijmond = opslag.meting(db, ijmond_vervolg.vorige_meting_id)
    alle = formulieren(ijmond, ijmond_vervolg)
    axe = Axe()
    for soort, (breedte, hoogte) in BREEDTES.items():
        context, page = ingelogde_pagina(chromium, live_server, (breedte, hoogte))
        # The login form as someone not logged in: another context, the same window.
        gast = chromium.new_context(viewport={"width": breedte, "height": hoogte}, locale="nl-NL")
        for f in alle:
            wat = f"{f.naam} ({soort})"
            p = gast.new_page() if f.naam == "inloggen" else page
            p.goto(live_server + f.adres)
            niets_afgesneden(p, breedte, wat)
            if f.naam == "vervolgmeting":  # the versions, each with its duur (no select)
                p.locator("#vragenlijst").scroll_into_view_if_needed()
                schermafdruk(p, f"formulierfouten/{soort}-vervolgmeting-versies")
            if f.vul_in:
                f.vul_in(p)
            p.get_by_role("button", name=f.knop, exact=True).click()
            p.wait_for_load_state()
            samenvatting = p.locator("#foutoverzicht")
            expect(samenvatting, wat).to_be_focused()
            expect(samenvatting, wat).to_be_in_viewport(ratio=1)
            for veld_id, waarde in f.getypt.items():
                expect(p.locator(f"#{veld_id}"), wat).to_have_value(waarde)
            for vakje in f.aangevinkt:
                expect(p.locator(f"#{vakje}"), wat).to_be_checked()
            veld = p.locator(f"#{f.veld}")
            expect(veld, wat).to_have_attribute("aria-invalid", "true")
            expect(veld, wat).to_have_attribute("aria-describedby", re.compile(f"{f.veld}-fout"))
            niets_afgesneden(p, breedte, wat)
            assert axe_schendingen(axe, p) == [], wat
            schermafdruk(p, f"formulierfouten/{soort}-{f.naam}")
            samenvatting.get_by_role("link").first.click()
            expect(veld, wat).to_be_focused()
            expect(veld, wat).to_be_in_viewport()
            if p is not page:
                p.close()
        gast.close()
        context.close()
    # Nothing was saved by any of them.
    assert len(opslag.metingen(db)) == 2 and opslag.deelnemers(db, ijmond_vervolg.id) == []
    assert opslag.meting(db, ijmond.id).status == "afgerond"
    assert opslag.meting(db, ijmond_vervolg.id).status == "concept"


def test_without_javascript_the_summary_takes_the_focus_and_the_step_lands_at_the_gemeenten(
    chromium, live_server, facilitator, db, ijmond
):
    context, page = ingelogde_pagina(chromium, live_server, (390, 844), js=False)
    # The deelnemer form at the foot of the meting page: its summary takes the focus by
    # autofocus alone (the address carries no #fragment).
    page.goto(f"{live_server}/metingen/{ijmond.id}")
    page.get_by_label("Organisatie").fill("GGD")
    page.get_by_role("button", name="Deelnemer toevoegen").click()
    expect(page.locator("#foutoverzicht")).to_be_focused()
    expect(page.locator("#foutoverzicht")).to_be_in_viewport(ratio=1)

    # "Nieuwe meting": the step comes back at the gemeenten, the next Tab in the first one.
    page.goto(live_server + "/metingen/nieuw")
    page.get_by_label("Subregio").select_option(label="Kennemerland – Zuid-Kennemerland")
    page.get_by_role("button", name="Gemeenten van deze subregio tonen").click()
    expect(page.locator("#gemeenten legend")).to_be_in_viewport()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Haarlem", exact=True)).to_be_focused()
    # Haarlem checked, then another subregio chosen and the Jaar left empty: Haarlem is named
    # in the summary, not dropped silently.
    page.get_by_label("Haarlem", exact=True).check()
    page.get_by_label("Subregio").select_option(label="Kennemerland – IJmond")
    page.get_by_label("Jaar", exact=True).fill("")
    page.get_by_role("button", name="Meting aanmaken").click()
    samenvatting = page.locator("#foutoverzicht")
    expect(samenvatting).to_be_focused()
    expect(samenvatting).to_contain_text("Haarlem (hoort bij Zuid-Kennemerland)")
    expect(samenvatting).to_contain_text("Jaar:")
    schermafdruk(page, "formulierfouten/telefoon-nieuwe-meting-zonder-js")
    assert len(opslag.metingen(db)) == 1
    context.close()
