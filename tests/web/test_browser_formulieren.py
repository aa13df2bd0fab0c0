"""Forms that guide (issue 20), in a real browser at 1280×720 and 390 px: on "Nieuwe meting" the
gemeenten follow the chosen subregio, with JavaScript at once and without it in two steps; a
form that comes back with errors opens with the error summary in view and focused, its links
put the focus in the field; no control is cut off."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.conftest import ingelogde_pagina, schermafdruk
from tests.web.test_browser_toegankelijkheid import axe_schendingen
from zelfscan import opslag

IJMOND = ["Beverwijk", "Heemskerk", "Velsen"]
ZUID_KENNEMERLAND = ["Haarlem", "Bloemendaal", "Heemstede", "Zandvoort"]  # as in the regio file

# Every select whose chosen option's text is wider than the select can show ("Groten…", "geen
# a…"), and every field wider than the window: measured with the select's own font.
AFGESNEDEN = r"""() => {
  const maat = document.createElement('canvas').getContext('2d');
  const uit = [];
  for (const s of document.querySelectorAll('main select')) {
    const stijl = getComputedStyle(s);
    maat.font = stijl.font;
    const tekst = s.selectedOptions.length ? s.selectedOptions[0].text : '';
    const ruimte = s.clientWidth - parseFloat(stijl.paddingLeft) - parseFloat(stijl.paddingRight) - 20;
    if (maat.measureText(tekst).width > ruimte) uit.push(s.name + ': ' + tekst);
  }
  for (const e of document.querySelectorAll('main input, main select, main textarea, main button')) {
    const r = e.getBoundingClientRect();
    // Inside a table that scrolls in its own region too: a control must never be out of sight.
    if (r.width && r.right > window.innerWidth + 1) uit.push(e.name + ' buiten het venster');
  }
  return uit;
}"""


def test_the_gemeenten_follow_the_subregio_and_errors_take_the_focus(
    chromium, live_server, facilitator, db
):
    context, page = ingelogde_pagina(chromium, live_server)
    page.goto(live_server + "/metingen/nieuw")
    aangeboden = page.locator(".gemeentegroep:not([hidden]) label")
    expect(aangeboden).to_have_count(0)
    # With JavaScript the second step is not needed: its button is gone.
    expect(page.get_by_role("button", name="Gemeenten van deze subregio tonen")).to_have_count(0)
    page.get_by_label("Subregio").select_option(label="Kennemerland – IJmond")
    expect(aangeboden).to_have_text(IJMOND)
    page.get_by_label("Heemskerk").check()
    page.get_by_label("Subregio").select_option(label="Kennemerland – Zuid-Kennemerland")
    expect(aangeboden).to_have_text(ZUID_KENNEMERLAND)
    page.get_by_label("Haarlem", exact=True).check()
    assert page.evaluate(AFGESNEDEN) == []
    schermafdruk(page, "formulieren/nieuwe-meting")

    # A mistake: the page comes back with the summary in view and focused.
    page.get_by_label("Jaar").fill("2019")
    page.get_by_label("Datum van de sessie").fill("2021-10-12")
    page.get_by_role("button", name="Meting aanmaken").click()
    samenvatting = page.locator("#foutoverzicht")
    expect(samenvatting).to_be_focused()
    expect(samenvatting).to_be_in_viewport(ratio=1)
    expect(samenvatting).to_contain_text("valt niet in het jaar 2019")
    schermafdruk(page, "formulieren/nieuwe-meting-fout")
    assert axe_schendingen(Axe(), page) == []
    # What was chosen came back: the subregio, its gemeenten, Haarlem checked.
    expect(aangeboden).to_have_text(ZUID_KENNEMERLAND)
    expect(page.get_by_label("Haarlem", exact=True)).to_be_checked()
    samenvatting.get_by_role("link", name=re.compile("^Jaar:")).click()
    expect(page.get_by_label("Jaar")).to_be_focused()
    page.get_by_label("Jaar").fill("2021")
    page.get_by_role("button", name="Meting aanmaken").click()
    expect(page.get_by_role("heading", name="0-meting 2021 Zuid-Kennemerland")).to_be_visible()
    [meting] = opslag.metingen(db)
    assert [g.naam for g in meting.gemeenten] == ["Haarlem"]

    # At phone width nothing of the form is cut off either.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server + "/metingen/nieuw")
    page.get_by_label("Subregio").select_option(label="Hollands Midden – Holland Rijnland")
    assert page.evaluate(AFGESNEDEN) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_a_subregio_chosen_before_the_script_ran_still_shows_its_gemeenten(
    chromium, live_server, facilitator
):
    # A quick hand on a slow page (or the browser putting a choice back on "Terug") chooses
    # before the deferred script listens. Held back here, so the order is certain.
    context, page = ingelogde_pagina(chromium, live_server)
    page.route("**/formulier.js*", lambda route: route.abort())
    page.goto(live_server + "/metingen/nieuw")
    page.get_by_label("Subregio").select_option(label="Kennemerland – IJmond")
    expect(page.locator(".gemeentegroep:not([hidden]) label")).to_have_count(0)
    page.unroute("**/formulier.js*")
    page.add_script_tag(url=live_server + "/static/formulier.js")
    expect(page.locator(".gemeentegroep:not([hidden]) label")).to_have_text(IJMOND)
    expect(page.get_by_label("Velsen")).to_be_enabled()
    context.close()


def test_without_javascript_the_form_takes_two_steps(chromium, live_server, facilitator, db):
    context, page = ingelogde_pagina(chromium, live_server, js=False)
    page.goto(live_server + "/metingen/nieuw")
    page.get_by_label("Subregio").select_option(label="Kennemerland – IJmond")
    page.get_by_role("button", name="Gemeenten van deze subregio tonen").click()
    expect(page.locator(".gemeentegroep:not([hidden]) label")).to_have_text(IJMOND)
    assert opslag.metingen(db) == []
    # The summary takes the focus without a script too (autofocus).
    page.get_by_label("Jaar").fill("")
    page.get_by_role("button", name="Meting aanmaken").click()
    expect(page.locator("#foutoverzicht")).to_be_focused()
    expect(page.locator("#foutoverzicht")).to_contain_text("Jaar: Vul een jaar in")
    context.close()


@pytest.mark.parametrize("breedte", [(1280, 720), (390, 844)], ids=["projector", "telefoon"])
def test_ambities_show_their_confirmation_where_the_eye_is(
    chromium, live_server, facilitator, db, ijmond, breedte
):
    from zelfscan.opslag import gemeentelinks

    for vraag in ijmond.vragenlijst.vragen:
        opslag.sla_antwoord_voor_alle(db, ijmond.id, vraag.id, 1, wie="fien")
    opslag.rond_af(db, ijmond.id, wie="fien")
    token, _ = gemeentelinks.maak_link(db, ijmond.id, "GM0375", wie="fien")
    context = chromium.new_context(
        viewport={"width": breedte[0], "height": breedte[1]}, locale="nl-NL"
    )
    page = context.new_page()
    page.goto(f"{live_server}/g/{token}/")
    thema = ijmond.vragenlijst.themas[0]
    page.locator(f"#niveau-{thema.id}").select_option(label="Grotendeels")
    page.locator(f"#niveau-{ijmond.vragenlijst.themas[1].id}").select_option(label="geen ambitie")
    page.get_by_role("button", name="Ambities opslaan").click()
    bevestiging = page.locator("#ambities-opgeslagen")
    expect(bevestiging).to_be_focused()
    expect(bevestiging).to_be_in_viewport(ratio=1)
    expect(bevestiging).to_have_text(re.compile("opgeslagen"))
    # The button stays in view beside it.
    expect(page.get_by_role("button", name="Ambities opslaan")).to_be_in_viewport()
    assert page.evaluate(AFGESNEDEN) == []
    naam = "projector" if breedte[0] > 1000 else "telefoon"
    schermafdruk(page, f"formulieren/{naam}-ambities-opgeslagen")
    context.close()


def test_the_answer_choices_fit_their_boxes_on_a_phone(chromium, live_server, facilitator, ijmond):
    """Found in review: at 390 px the session page's choices ran into their border ("Ja,
    geborgo"). Each label lies inside its box with room to spare, each box a touch target."""
    context, page = ingelogde_pagina(chromium, live_server, (390, 844))
    page.goto(f"{live_server}/metingen/{ijmond.id}/thema/visie-opdracht")
    maten = page.evaluate(
        """() => [...document.querySelectorAll('.antwoordrooster td.cel')].map(c => {
          const l = c.querySelector('.keuzelabel').getBoundingClientRect();
          const r = c.getBoundingClientRect();
          return [c.querySelector('.keuzelabel').textContent, r.right - l.right, r.height, r.right];
        })"""
    )
    assert maten
    for tekst, ruimte, hoogte, rechts in maten:
        assert ruimte >= 4 and hoogte >= 44 and rechts <= 390, (tekst, ruimte, hoogte, rechts)
    assert page.evaluate(AFGESNEDEN) == []
    page.locator("table.antwoordrooster").first.scroll_into_view_if_needed()
    schermafdruk(page, "formulieren/telefoon-sessie-keuzes")
    context.close()
