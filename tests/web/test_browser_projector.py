"""The projector follows the room (issue 20): a facilitator's window and a projector window, as on
session day at 1280×720. Nobody touches the projector: it shows the vraag being discussed,
marks last year's answers that still need confirming, and keeps its place when it reloads."""

from __future__ import annotations

import re
import time

from playwright.sync_api import expect

from tests.conftest import ingelogde_pagina, schermafdruk
from zelfscan import opslag
from zelfscan.opslag.verbinding import open_db

THEMA = "visie-opdracht"  # six vragen: vraag 5 lies below the fold of the projector at first


def geheel_in_beeld(page, selector: str) -> bool:
    """Measured, not assumed: the element's bounding box lies inside the window's viewport,
    below the projector's header (which stays at the top and covers what scrolls under it).
    Both boxes in one go, so a content swap in between cannot mix two pages."""
    return page.evaluate(
        """s => {
          const e = document.querySelector(s);
          if (!e) return false;
          const r = e.getBoundingClientRect();
          const kop = document.querySelector('.presentatiekop');
          const boven = kop ? kop.getBoundingClientRect().bottom : 0;
          return r.top >= boven - 1 && r.bottom <= window.innerHeight;
        }""",
        selector,
    )


def volgt(projector, vraag_id: str, begin: float | None = None) -> float:
    """Seconds until the projector shows ``vraag_id`` highlighted and whole in its viewport,
    counted from ``begin`` (the facilitator's click) when given."""
    begin = time.monotonic() if begin is None else begin
    sectie = projector.locator(f"#p-{vraag_id}")
    expect(sectie).to_have_class(re.compile(r"\bhuidig\b"))
    expect(sectie).to_be_in_viewport(ratio=1)
    duur = time.monotonic() - begin
    assert geheel_in_beeld(projector, f"#p-{vraag_id}")
    print(f"projector followed vraag {vraag_id} after {duur:.3f} s")
    return duur


def test_the_projector_shows_the_vraag_the_facilitator_answers(
    chromium, live_server, facilitator, ijmond
):
    context, page = ingelogde_pagina(chromium, live_server)
    page.goto(f"{live_server}/metingen/{ijmond.id}/thema/{THEMA}")
    projector = context.new_page()  # the second window, dragged to the projector
    projector.goto(f"{live_server}/metingen/{ijmond.id}/presentatie")
    vragen = [v.id for v in ijmond.vragenlijst.thema(THEMA).vragen]
    v5 = vragen[4]
    assert not geheel_in_beeld(projector, f"#p-{v5}")  # the test means something
    assert projector.evaluate("window.scrollY") == 0

    # The facilitator answers vraag 5 for all gemeenten; the projector follows within a second.
    page.locator(f"#vraag-{v5}").scroll_into_view_if_needed()
    knop = page.locator(f'button.knop-alle[data-vraag="{v5}"][data-waarde="2"]')
    knop.wait_for()
    # Timed from the click, the save included: what the room sees.
    begin = time.monotonic()
    with page.expect_response(lambda r: r.url.endswith("/autosave")):
        knop.click()
    duur = volgt(projector, v5, begin)
    assert geheel_in_beeld(projector, f"#p-{v5}")
    assert "Grotendeels" in projector.locator(f"#p-{v5}").inner_text()
    # The one before and after fit beside it at this size.
    assert geheel_in_beeld(projector, f"#p-{vragen[3]}") or geheel_in_beeld(
        projector, f"#p-{vragen[5]}"
    )
    assert duur < 1.0, f"the projector followed after {duur:.2f} s"
    schermafdruk(projector, "projector/projector-vraag-5")

    # Pointing with the keyboard (Alt+↑) moves the projector without answering anything.
    page.locator(f"#a-GM0375-{v5}-2").focus()
    begin = time.monotonic()
    page.keyboard.press("Alt+ArrowUp")
    expect(page.locator(f"#a-GM0375-{vragen[3]}-open")).to_be_focused()
    assert volgt(projector, vragen[3], begin) < 1.0
    # Focus alone (a click into vraag 6's row) does too. Timed from when the click landed:
    # Playwright itself may wait a while before it clicks (the page scrolling to the label).
    page.locator(f'label[for="a-GM0396-{vragen[5]}-open"]').click()
    assert volgt(projector, vragen[5]) < 1.0

    # A reload keeps the place: the server knows the current vraag.
    projector.reload()
    volgt(projector, vragen[5])
    db = open_db(facilitator.application.config["DATABASE"])
    assert opslag.huidige_vraag(db, ijmond.id) == vragen[5]
    # Pointing answered nothing.
    assert opslag.antwoord(db, ijmond.id, "GM0375", vragen[3]).waarde is None
    db.conn.close()
    context.close()


def test_a_projector_in_another_browser_follows_by_itself(
    chromium, live_server, facilitator, ijmond
):
    """No message from the facilitator's window reaches another browser: it looks by itself."""
    context, page = ingelogde_pagina(chromium, live_server)
    page.goto(f"{live_server}/metingen/{ijmond.id}/thema/{THEMA}")
    ander, projector = ingelogde_pagina(chromium, live_server)
    projector.goto(f"{live_server}/metingen/{ijmond.id}/presentatie")
    v5 = ijmond.vragenlijst.thema(THEMA).vragen[4].id
    page.locator(f"#vraag-{v5}").scroll_into_view_if_needed()
    knop = page.locator(f'button.knop-alle[data-vraag="{v5}"][data-waarde="1"]')
    knop.wait_for()
    begin = time.monotonic()
    with page.expect_response(lambda r: r.url.endswith("/autosave")):
        knop.click()
    duur = volgt(projector, v5, begin)
    # Half a second between looks, then the page: well within two seconds on a busy machine.
    assert duur < 2.0, f"the projector followed after {duur:.2f} s"
    ander.close()
    context.close()


def test_without_javascript_the_projector_refreshes_to_the_current_vraag(
    chromium, live_server, facilitator, ijmond, db
):
    vragen = [v.id for v in ijmond.vragenlijst.thema(THEMA).vragen]
    opslag.zet_huidig_thema(db, ijmond.id, THEMA)
    opslag.zet_huidige_vraag(db, ijmond.id, vragen[4])
    context, page = ingelogde_pagina(chromium, live_server, js=False)
    # Where the page's own refresh goes: the presentation, opened at the current vraag.
    page.goto(f"{live_server}/metingen/{ijmond.id}/presentatie/volg")
    assert page.url.endswith(f"/presentatie#p-{vragen[4]}")
    expect(page.locator(f"#p-{vragen[4]}")).to_be_in_viewport()
    verversing = page.locator("noscript").first.inner_html()
    assert "presentatie/volg" in verversing
    context.close()


def test_a_vervolgmeting_shows_what_still_needs_confirming(
    chromium, live_server, app, facilitator, ijmond_vervolg
):
    v1 = ijmond_vervolg.vragenlijst.thema(THEMA).vragen[0].id
    context, page = ingelogde_pagina(chromium, live_server)
    page.goto(f"{live_server}/metingen/{ijmond_vervolg.id}/thema/{THEMA}")
    kop = page.locator("#voortgangregel")
    # Nothing confirmed yet: no gemeente reads 100%.
    expect(kop).to_contain_text("Beverwijk 0%")
    projector = context.new_page()
    projector.goto(f"{live_server}/metingen/{ijmond_vervolg.id}/presentatie")
    totaal = 6 * 3
    voortgang = projector.locator("#presentatievoortgang")
    expect(voortgang).to_contain_text(f"Dit thema: 0 van {totaal} antwoorden gegeven")
    expect(voortgang).to_contain_text(f"{totaal} van vorig jaar, nog te bevestigen")
    chip = projector.locator(f"#p-{v1} li", has_text="Beverwijk")
    expect(chip).to_contain_text("vorig jaar, nog te bevestigen")
    schermafdruk(projector, "projector/projector-vervolg")

    # "Klopt nog" for Beverwijk: both windows count it as given at once.
    with page.expect_response(lambda r: r.url.endswith("/autosave")):
        page.locator(f'button.knop-bevestig[data-cbs="GM0375"][data-vraag="{v1}"]').click()
    expect(voortgang).to_contain_text(f"Dit thema: 1 van {totaal} antwoorden gegeven")
    expect(voortgang).to_contain_text(f"{totaal - 1} van vorig jaar, nog te bevestigen")
    expect(chip).not_to_contain_text("vorig jaar")
    expect(kop).to_contain_text(f"{len(ijmond_vervolg.vragenlijst.vragen) * 3 - 1} van vorig jaar")
    expect(kop).not_to_contain_text("Beverwijk 0%")
    schermafdruk(projector, "projector/projector-vervolg-bevestigd")
    context.close()
