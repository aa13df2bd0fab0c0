"""A phone at 360×740, with and without JavaScript (issue 19, acceptance review): the first
vraag's choices are in view on the first screen, every choice and button is a touch target of
at least 44 px, and a phone without JavaScript follows the facilitator with "Vernieuw deze
pagina": another thema, a settled answer (disabled), participation closed. Axe finds no WCAG
violation on any of those pages."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.conftest import schermafdruk
from tests.web.test_browser_deelname import TELEFOON, axe_schendingen
from zelfscan import opslag
from zelfscan.opslag import deelnametabel, stemtabel
from zelfscan.opslag.verbinding import open_db

# WCAG 2.5.5 (AAA) asks 44 × 44 CSS px; the phone's own targets aim at 48.
VINGER = 44


def te_klein(page) -> list[str]:
    """Every visible choice, button and button-styled link smaller than a finger."""
    uit = []
    doelen = page.locator(".stemkeuze label, main button, main a.knop, main .knop-link")
    for i in range(doelen.count()):
        doel = doelen.nth(i)
        if not doel.is_visible():
            continue
        vak = doel.bounding_box()
        if vak["height"] < VINGER or vak["width"] < VINGER:
            uit.append(f"{doel.inner_text()[:30]!r}: {vak['width']:.0f}×{vak['height']:.0f}")
    return uit


def op_eerste_scherm(page, keuze) -> None:
    """The choice is wholly in view and nothing (a fixed bar) lies over it."""
    expect(keuze).to_be_in_viewport(ratio=1)
    vrij = keuze.evaluate(
        """el => { const r = el.getBoundingClientRect();
                   const hier = document.elementFromPoint(r.left + r.width / 2, r.bottom - 4);
                   return el.contains(hier) || hier === el.control; }"""
    )
    assert vrij, "something lies over the first choice"


def axe_zonder_js(page) -> list:
    """Axe needs JavaScript: it checks the same page, with the same cookies, in a twin with
    JavaScript on (the HTML is the same; only the script's own class differs)."""
    tweeling = page.context.browser.new_context(viewport=TELEFOON, locale="nl-NL", is_mobile=True)
    tweeling.add_cookies(page.context.cookies())
    kopie = tweeling.new_page()
    kopie.goto(page.url)
    try:
        return axe_schendingen(kopie)
    finally:
        tweeling.close()


def meld_aan(chromium, live_server, code: str, met_js: bool):
    context = chromium.new_context(
        viewport=TELEFOON, java_script_enabled=met_js, locale="nl-NL", is_mobile=True
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{live_server}/d/{code.lower()}/")  # typed in lower case: sent on
    page.locator('label[for="gemeente-GM0453"]').click()
    page.get_by_role("button", name="Meedoen").click()
    return page


def test_a_phone_without_javascript_follows_the_room(chromium, live_server, app, ijmond):
    db = open_db(app.config["DATABASE"])
    eerste, tweede = ijmond.vragenlijst.themas[:2]
    opslag.zet_huidig_thema(db, ijmond.id, eerste.id)
    code = deelnametabel.open_deelname(db, ijmond.id, wie="fien").code
    schendingen: dict[str, list] = {}

    # With JavaScript: no "Doorgeven" bar, the first choice in view, each choice sent at once.
    js = meld_aan(chromium, live_server, code, met_js=True)
    expect(js.get_by_role("heading", level=1)).to_have_text(eerste.titel)
    keuze = js.locator(f'label[for="v-{eerste.vragen[0].id}-0"]')
    op_eerste_scherm(js, keuze)
    expect(js.get_by_role("button", name="Doorgeven")).to_be_hidden()
    schermafdruk(js, "deelname/telefoon-js-eerste-scherm")
    with js.expect_response(lambda r: r.url.endswith("/stem")):
        keuze.click()
    expect(js.locator("#stemstatus")).to_have_text("Uw antwoord is doorgegeven.")
    expect(js.locator("#stemstatus")).to_be_in_viewport()
    assert te_klein(js) == []
    js.context.close()

    # Without JavaScript.
    page = meld_aan(chromium, live_server, code, met_js=False)
    expect(page.get_by_role("heading", level=1)).to_have_text(eerste.titel)
    op_eerste_scherm(page, page.locator(f'label[for="v-{eerste.vragen[0].id}-0"]'))
    schermafdruk(page, "deelname/telefoon-zonder-js-eerste-scherm")
    assert te_klein(page) == []
    if s := axe_zonder_js(page):
        schendingen["stemmen"] = s
    page.locator(f'label[for="v-{eerste.vragen[0].id}-2"]').click()
    page.get_by_role("button", name="Doorgeven").click()
    expect(page.get_by_text("Uw antwoord is doorgegeven.")).to_be_visible()

    # The facilitator opens the next thema; the phone follows with the button.
    opslag.zet_huidig_thema(db, ijmond.id, tweede.id)
    vernieuw = page.get_by_role("link", name="Vernieuw deze pagina")
    vernieuw.scroll_into_view_if_needed()
    schermafdruk(page, "deelname/telefoon-zonder-js-vernieuwen")
    vernieuw.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(tweede.titel)
    vraag = tweede.vragen[0].id
    page.locator(f'label[for="v-{vraag}-1"]').click()
    page.get_by_role("button", name="Doorgeven").click()
    expect(page.locator(f"#v-{vraag}-1")).to_be_checked()

    # The facilitator settles Velsen's answer: the phone shows it, and it can no longer change.
    stemtabel.stel_vast(db, ijmond.id, "GM0453", vraag, 1, voorstel=1, aantal_stemmen=1, wie="fien")
    page.get_by_role("link", name="Vernieuw deze pagina").click()
    expect(page.locator(f"#vast-{vraag}")).to_have_text("Vastgesteld: In ontwikkeling")
    expect(page.locator(f"#v-{vraag}-3")).to_be_disabled()
    page.locator(f"#vraag-{vraag}").scroll_into_view_if_needed()
    schermafdruk(page, "deelname/telefoon-zonder-js-vastgesteld")
    assert te_klein(page) == []
    if s := axe_zonder_js(page):
        schendingen["vastgesteld"] = s

    # Participation closed: the calm page, not an error.
    deelnametabel.sluit_deelname(db, ijmond.id, wie="fien")
    page.get_by_role("link", name="Vernieuw deze pagina").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("De code werkt niet meer")
    schermafdruk(page, "deelname/telefoon-zonder-js-gesloten")
    assert te_klein(page) == []
    if s := axe_zonder_js(page):
        schendingen["gesloten"] = s
    assert page.evaluate("document.documentElement.scrollWidth") <= TELEFOON["width"]
    db.conn.close()
    assert schendingen == {}


def test_a_choice_tapped_before_the_script_ran_is_passed_on(chromium, live_server, app, ijmond):
    """On a slow network a participant can tap before the deferred script listens; once it runs
    it hides "Doorgeven", so it must pass that choice on itself (held back here, so the order is
    certain)."""
    db = open_db(app.config["DATABASE"])
    eerste = ijmond.vragenlijst.themas[0]
    opslag.zet_huidig_thema(db, ijmond.id, eerste.id)
    code = deelnametabel.open_deelname(db, ijmond.id, wie="fien").code
    context = chromium.new_context(viewport=TELEFOON, locale="nl-NL", is_mobile=True)
    context.route("**/deelname.js*", lambda route: route.abort())
    page = context.new_page()
    page.goto(f"{live_server}/d/{code}/")
    page.locator('label[for="gemeente-GM0453"]').click()
    page.get_by_role("button", name="Meedoen").click()
    vraag = eerste.vragen[0].id
    page.locator(f'label[for="v-{vraag}-2"]').click()
    expect(page.locator(f"#v-{vraag}-2")).to_be_checked()
    context.unroute("**/deelname.js*")
    with page.expect_response(lambda r: r.url.endswith("/stem")):
        page.add_script_tag(url=live_server + "/static/deelname.js")
    expect(page.locator("#stemstatus")).to_have_text("Uw antwoord is doorgegeven.")
    assert [(s.cbs, s.vraag_id) for s in stemtabel.stemmen(db, ijmond.id)] == [("GM0453", vraag)]
    context.close()
    db.conn.close()
