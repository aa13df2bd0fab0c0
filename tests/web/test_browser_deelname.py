"""Everyone in the room votes (issue 19), in real browsers: the facilitator, the projector and
six phones (3 gemeenten, some 'weet niet', one regiobreed, one without JavaScript) run a thema:
the votes arrive, the spread shows, the facilitator takes over, and the settled answers and the
disagreement appear in the report. Axe finds no WCAG violation on the phone at 360 px."""

from __future__ import annotations

import io
import re

from playwright.sync_api import expect
from pypdf import PdfReader

from tests.conftest import WACHTWOORD, ingelogde_pagina, schermafdruk
from tests.web.test_browser_handleiding import foto
from zelfscan import opslag
from zelfscan.opslag import gebruikers, stemtabel
from zelfscan.opslag.verbinding import open_db

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
TELEFOON = {"width": 360, "height": 740}

# (gemeente, JavaScript, vote on vraag 1, vote on vraag 2)
TELEFOONS = [
    ("GM0375", True, "2", "1"),  # Beverwijk
    ("GM0375", True, "2", "weet_niet"),
    ("GM0396", True, "0", "1"),  # Heemskerk: 0, 3, 3 with the regiobreed vote → divided
    ("GM0396", True, "3", "weet_niet"),
    ("GM0453", False, "weet_niet", "2"),  # Velsen, without JavaScript
    ("regiobreed", True, "3", "2"),  # Veilig Thuis: counts once in every gemeente
]


def axe_schendingen(page) -> list:
    from axe_playwright_python.sync_playwright import Axe

    uitslag = Axe().run(page, options=WCAG)
    return [v["id"] for v in uitslag.response["violations"]]


def test_a_room_votes_on_a_thema_and_the_facilitator_settles(chromium, live_server, app, ijmond):
    db = open_db(app.config["DATABASE"])
    gebruikers.voeg_toe(db, "fien", WACHTWOORD)
    # The address `zelfscan serve --lan` would show (the phones here type the live server's):
    # the panel and the handleiding's pictures show what a room sees, not 127.0.0.1.
    app.config["PUBLIEKE_URL"] = "http://192.168.1.20:8080"
    thema = ijmond.vragenlijst.themas[0]
    v1, v2 = thema.vragen[0].id, thema.vragen[1].id

    leiding, scherm = ingelogde_pagina(chromium, live_server, (1280, 900))
    scherm.set_default_timeout(20_000)
    scherm.goto(f"{live_server}/metingen/{ijmond.id}/thema/{thema.id}")
    scherm.get_by_role("button", name="Deelname openen").click()
    code = re.sub(r"\s", "", scherm.locator(".deelnamepaneel .deelnamecode").inner_text())
    assert len(code) == 6

    projector = leiding.new_page()
    projector.set_default_timeout(20_000)
    projector.goto(f"{live_server}/metingen/{ijmond.id}/presentatie")
    expect(projector.get_by_text("0 van 0 hebben gestemd")).to_be_visible()
    expect(projector.locator("img.qr")).to_be_visible()

    schendingen: dict[str, list] = {}
    telefoons = []
    for nr, (gemeente, met_js, stem1, stem2) in enumerate(TELEFOONS):
        context = chromium.new_context(
            viewport=TELEFOON, java_script_enabled=met_js, locale="nl-NL", is_mobile=True
        )
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.goto(live_server + "/d/")
        if nr == 0 and (s := axe_schendingen(page)):
            schendingen["code"] = s
        page.get_by_label("Code (6 tekens)").fill(code[:3].lower() + " " + code[3:])
        page.get_by_role("button", name="Verder").click()
        expect(page.get_by_role("heading", name="Voor welke gemeente antwoordt u?")).to_be_visible()
        if nr == 0:
            schermafdruk(page, "deelname/telefoon-aanmelden")
            if s := axe_schendingen(page):
                schendingen["aanmelden"] = s
        page.locator(f'label[for="gemeente-{gemeente}"]').click()
        if nr == 5:
            page.get_by_label("Organisatie (mag leeg)").fill("Veilig Thuis")
        page.get_by_role("button", name="Meedoen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(thema.titel)
        for vraag, stem in ((v1, stem1), (v2, stem2)):
            keuze = page.locator(f'label[for="v-{vraag}-{stem}"]')
            if met_js:
                with page.expect_response(lambda r: r.url.endswith("/stem")):
                    keuze.click()
                expect(page.locator("#stemstatus")).to_have_text("Uw antwoord is doorgegeven.")
            else:
                keuze.click()
        if not met_js:
            page.get_by_role("button", name="Doorgeven").click()
            expect(page.get_by_text("Uw antwoord is doorgegeven.")).to_be_visible()
            expect(page.locator(f"#v-{v1}-{stem1}")).to_be_checked()
        if nr == 0:
            page.evaluate("window.scrollTo(0, 0)")
            foto(page, "15-deelname-telefoon")
            if s := axe_schendingen(page):
                schendingen["stemmen"] = s
        assert page.evaluate("document.documentElement.scrollWidth") <= TELEFOON["width"]
        telefoons.append(page)

    # The facilitator's page follows the votes by itself; the projector counts them.
    heemskerk = scherm.locator(f"#stemmen-{v1} .stemrij").nth(1)
    expect(heemskerk).to_contain_text("3 stemmen")
    expect(heemskerk).to_contain_text("verdeeld: bespreekpunt")
    expect(scherm.locator(f"#stemmen-{v1} .stemrij").nth(2)).to_contain_text("2 stemmen")
    expect(scherm.locator("#stemteller")).to_have_text("6 van 6 hebben gestemd")
    expect(projector.get_by_text("6 van 6 hebben gestemd")).to_be_visible()
    assert projector.get_by_text("Hoe de aanwezigen stemden").count() == 0
    # The handleiding's picture: the spread of all three gemeenten, with the bottom of the
    # answer grid above it, none of it under the sticky bar at the bottom.
    scherm.evaluate(
        f"document.getElementById('stemmen-{v1}').scrollIntoView(); window.scrollBy(0, -150)"
    )
    laatste = scherm.locator(f"#stemmen-{v1} .stemrij").nth(2).bounding_box()
    balk = scherm.locator("form .sessieknoppen").bounding_box()
    assert laatste["y"] + laatste["height"] <= balk["y"] + 1, (laatste, balk)
    foto(scherm, "16-deelname-spreiding")

    scherm.get_by_role("button", name="Spreiding tonen op het presentatiescherm").click()
    expect(projector.get_by_role("heading", name="Hoe de aanwezigen stemden")).to_be_visible()
    # What the room sees: the window as it is, not the whole page.
    projector.evaluate("window.scrollTo(0, 0)")
    foto(projector, "17-deelname-presentatiescherm")
    if s := axe_schendingen(projector):
        schendingen["projector"] = s

    # One click takes over the room's answer: Beverwijk 2, 2, 3 → Grotendeels; Heemskerk
    # 0, 3, 3 → Ja, geborgd (the lower median).
    for rij, label in ((0, "Grotendeels"), (1, "Ja, geborgd")):
        knop = (
            scherm.locator(f"#stemmen-{v1} .stemrij")
            .nth(rij)
            .get_by_role("button", name=re.compile(f"^Neem over: {label}"))
        )
        knop.click()
        expect(scherm.locator(f"#stemmen-{v1} .stemrij").nth(rij)).to_contain_text(
            f"Vastgesteld: {label}"
        )
    expect(scherm.locator(f"#a-GM0375-{v1}-2")).to_be_checked()
    expect(scherm.locator(f"#a-GM0396-{v1}-3")).to_be_checked()
    if s := axe_schendingen(scherm):
        schendingen["gespreksleider"] = s

    # The phone of Beverwijk follows: its vraag is settled and can no longer change.
    beverwijk = telefoons[0]
    expect(beverwijk.get_by_text("Vastgesteld: Grotendeels")).to_be_visible()
    expect(beverwijk.locator(f"#v-{v1}-3")).to_be_disabled()
    schermafdruk(beverwijk, "deelname/telefoon-vastgesteld")
    if s := axe_schendingen(beverwijk):
        schendingen["vastgesteld"] = s
    # The settled answer is on the projector too.
    expect(projector.locator(".stemspreiding").first).to_contain_text("Vastgesteld: Grotendeels")

    # The report, downloaded as the facilitator would: Heemskerk's settled answer came from
    # the vote, and the room was divided; Beverwijk's report says nothing of Heemskerk.
    besluiten = stemtabel.besluiten(db, ijmond.id)
    assert besluiten[("GM0396", v1)].volgt_stemmen
    assert opslag.antwoord(db, ijmond.id, "GM0396", v1).bespreekpunt

    def pdftekst(pad: str) -> str:
        antwoord = scherm.request.get(f"{live_server}/metingen/{ijmond.id}/{pad}")
        assert antwoord.ok and antwoord.headers["content-type"] == "application/pdf"
        pagina = PdfReader(io.BytesIO(antwoord.body())).pages
        return " ".join(" ".join(p.extract_text() for p in pagina).split())

    tekst = pdftekst("rapport/GM0396.pdf")
    assert "Wat de aanwezigen stemden" in tekst and "De aanwezigen waren verdeeld" in tekst
    assert "Het enige gegeven antwoord is vastgesteld na een stemming (100%)" in tekst
    assert "Heemskerk" not in pdftekst("rapport/GM0375.pdf")
    # The overview: where the subregio disagreed most.
    overzicht = pdftekst("rapport/overzicht.pdf")
    assert "Waar de aanwezigen het meest verdeeld waren" in overzicht
    db.conn.close()
    assert schendingen == {}
