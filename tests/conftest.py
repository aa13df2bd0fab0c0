"""Shared fixtures, as in Flask's tutorial: ``app``, ``client``, ``runner``, plus a logged-in
facilitator and a real meting. Everything runs on a real SQLite file in a temp folder."""

from __future__ import annotations

import os
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings

from zelfscan import opslag, paths
from zelfscan.opslag import gebruikers
from zelfscan.opslag.verbinding import open_db
from zelfscan.web.app import create_app

WACHTWOORD = "een-lang-wachtwoord"

# Hypothesis fails a test whose example once takes over 200 ms ("Flaky"/DeadlineExceeded);
# on a CI machine with both cores busy a pure function can stall that long. Speed is measured
# in bench/, so no property test here has a deadline.
settings.register_profile("zelfscan", deadline=None)
settings.load_profile("zelfscan")


@pytest.fixture
def app(tmp_path):
    app = create_app(
        {"TESTING": True, "SECRET_KEY": "test-geheim", "DATABASE": str(tmp_path / "zelfscan.db")}
    )
    yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def db(app):
    verbinding = open_db(app.config["DATABASE"])
    yield verbinding
    verbinding.conn.close()


def csrf_token(client, url: str) -> str:
    """The CSRF token a real browser would get from the page at ``url``."""
    html = client.get(url).get_data(as_text=True)
    gevonden = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert gevonden, f"no CSRF token on {url}"
    return gevonden.group(1)


def log_in(client, naam: str = "fien", wachtwoord: str = WACHTWOORD):
    token = csrf_token(client, "/inloggen")
    return client.post(
        "/inloggen", data={"naam": naam, "wachtwoord": wachtwoord, "csrf_token": token}
    )


def log_in_browser(page, basis: str, naam: str = "fien") -> None:
    """Log in on the page as a person would, and wait for the app's answer: a click does not
    wait for the navigation it starts, so a goto right after it could cancel the login before
    its cookie arrived."""
    page.goto(basis + "/inloggen")
    page.get_by_label("Gebruikersnaam").fill(naam)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/metingen/")


def ingelogde_pagina(chromium, basis: str, venster=(1280, 720), js: bool = True):
    """A new browser window (1280×720: the projector; 390×844: a phone) in Dutch, logged in
    as fien. Returns the context, to close, and the page."""
    context = chromium.new_context(
        viewport={"width": venster[0], "height": venster[1]},
        locale="nl-NL",
        java_script_enabled=js,
    )
    page = context.new_page()
    log_in_browser(page, basis)
    return context, page


@pytest.fixture
def facilitator(app, db, client):
    """A logged-in facilitator ('fien') on ``client``."""
    gebruikers.voeg_toe(db, "fien", WACHTWOORD)
    antwoord = log_in(client)
    assert antwoord.status_code == 302, antwoord.get_data(as_text=True)
    return client


@pytest.fixture
def ijmond(app, db):
    """A fresh 0-meting 2021 for IJmond (Beverwijk, Heemskerk, Velsen), on the 2021 set as the
    metingen of that year were (a newer version would be the default for a new meting)."""
    catalogus = app.extensions["zelfscan.catalogus"]
    return opslag.maak_meting(
        db,
        vragenlijst=catalogus.vragenlijst("werken-aan-veiligheid", "2021.1"),
        regio=catalogus.regio("kennemerland"),
        subregio_id="ijmond",
        jaar=2021,
        soort="0-meting",
        datum=date(2021, 10, 12),
        wie="fien",
    )


@pytest.fixture
def ijmond_vervolg(app, db, ijmond):
    """IJmond's 0-meting with every answer 1 and closed, and its vervolgmeting 2022 on the same
    version, so every answer carries over as 'vorig jaar, nog te bevestigen'."""
    for vraag in ijmond.vragenlijst.vragen:
        opslag.sla_antwoord_voor_alle(db, ijmond.id, vraag.id, 1, wie="fien")
    opslag.rond_af(db, ijmond.id, wie="fien")
    catalogus = app.extensions["zelfscan.catalogus"]
    meting, _ = opslag.maak_vervolgmeting(
        db,
        ijmond.id,
        # The version of the 0-meting: every answer carries over (the newest drops some vragen).
        vragenlijst=catalogus.vragenlijst("werken-aan-veiligheid", ijmond.vragenlijst.versie),
        regio=catalogus.regio("kennemerland"),
        jaar=2022,
        datum=date(2022, 10, 11),
        wie="fien",
    )
    return meting


# The vragenlijst the validation tests break on purpose: the 2021 set, pinned by its hash.
LIJST_2021 = "werken-aan-veiligheid-2021.yaml"


@pytest.fixture
def kopie(tmp_path):
    """A writable copy of the shipped data folder, to break on purpose, with one vragenlijst:
    the 2021 set. Later versions are left out: their ``vervangt`` and ``vervallen`` point into
    2021, so every break would be reported a second time there (tested on its own with
    ``kopie_alles``)."""
    doel = tmp_path / "vragenlijsten"
    shutil.copytree(paths.vragenlijsten_dir(), doel)
    for lijst in doel.glob("*.yaml"):
        if lijst.name != LIJST_2021:
            lijst.unlink()
    return doel


@pytest.fixture
def kopie_alles(tmp_path):
    """A writable copy of the whole shipped data folder, every vragenlijst version included."""
    doel = tmp_path / "vragenlijsten"
    shutil.copytree(paths.vragenlijsten_dir(), doel)
    return doel


# --- a real browser against a live server -------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCHERMAFDRUKKEN = Path(__file__).resolve().parent.parent / "screenshots"


def pytest_collection_modifyitems(items):
    # One name for the slow half of the suite: `-m browser` runs it, `-m "not browser"` the rest.
    for item in items:
        if "chromium" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium through Playwright: skipped locally when missing, a failure in CI."""

    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} ontbreekt: CI moet Chromium installeren (zie .ci/run).")
        pytest.skip("Chromium is niet geïnstalleerd (apt-get install chromium)")
    from playwright.sync_api import expect, sync_playwright

    # A CI machine with both cores busy can take longer than expect()'s default of 5 s.
    expect.set_options(timeout=15_000)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_server(app):
    """The real app under waitress on a free port, in a thread of this process."""
    import threading

    from waitress.server import create_server

    wsgi = app
    if vertraging := float(os.environ.get("ZELFSCAN_TEST_VERTRAGING", "0")):
        # Race hunting: every answer late, as on a busy CI machine, so that a test which reads
        # a page right after a click (before the page it opens has come) fails every time
        # instead of once in twenty runs. Timing tests (the projector within 1 s) fail too.
        import time

        def wsgi(environ, start_response):
            time.sleep(vertraging)
            return app(environ, start_response)

    server = create_server(wsgi, host="127.0.0.1", port=0, threads=4, ident="zelfscan-test")
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    # Stop the worker threads first, then close every connection the loop still holds (a page
    # that polls keeps one open): closing only the listening socket left workers writing to the
    # loop's wake-up pipe after its descriptor was closed — and once the number was reused by a
    # test's new database file, an "x" landed in it ("geen SQLite-database" in a later test).
    # The connections are closed by the loop's own thread (a thunk it runs when woken): closed
    # from this thread, a select() in progress saw a closed descriptor (EBADF in the loop).
    server.task_dispatcher.shutdown(cancel_pending=True, timeout=5)
    server.trigger.pull_trigger(lambda: [k.close() for k in list(server._map.values())])
    thread.join(timeout=5)
    assert not thread.is_alive(), "the test server did not stop"


def schermafdruk(page, naam: str) -> Path:
    """Screenshots for review and for the handleiding; the folder is ignored by git."""
    pad = SCHERMAFDRUKKEN / f"{naam}.png"
    pad.parent.mkdir(parents=True, exist_ok=True)
    leg_vast(page, pad)
    return pad


def leg_vast(page, pad: Path, hele_pagina: bool = False) -> None:
    """A screenshot that waits until the page is loaded and painted.

    Headless Chromium refuses to capture a tab left in the background by another tab, and
    now and then answers "Unable to capture screenshot" when asked while a page is still being
    swapped in after a click (seen in CI on a busy machine): the capture is tried once more
    after the next frame. The screenshot is for people to look at; what the page shows is
    asserted elsewhere.
    """
    from playwright.sync_api import Error

    page.bring_to_front()
    page.wait_for_load_state("load")
    try:
        page.screenshot(path=str(pad), full_page=hele_pagina)
    except Error as fout:
        if "Unable to capture screenshot" not in str(fout):
            raise
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 200)))")
        page.screenshot(path=str(pad), full_page=hele_pagina)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A database with the `zelfscan demo` data, made once per test module: the three
    0-metingen 2021 (``nul``, and ``ijmond``/``zk`` by name) and the vervolgmeting 2022 of
    IJmond (``vervolg``), and Zuid-Kennemerland's vervolgmeting 2026 on the newest version of
    the vragenlijst (``nieuw``)."""
    from types import SimpleNamespace

    from zelfscan.inlezen.loader import laad_catalogus
    from zelfscan.opslag.demo import vul_demo

    pad = tmp_path_factory.mktemp("demo") / "demo.db"
    db = open_db(pad)
    vul_demo(db, laad_catalogus())
    metingen = opslag.metingen(db)
    nul = [m for m in metingen if m.soort == "0-meting"]
    per_subregio = {m.subregio_id: m for m in nul}
    vervolg, nieuw = sorted(
        (m for m in metingen if m.soort == "vervolgmeting"), key=lambda m: m.jaar
    )
    yield SimpleNamespace(
        db=db,
        pad=pad,
        metingen=metingen,
        nul=nul,
        ijmond=per_subregio["ijmond"],
        zk=per_subregio["zuid-kennemerland"],
        vervolg=vervolg,
        nieuw=nieuw,  # Zuid-Kennemerland 2026, on the newest vragenlijst
    )
    db.conn.close()
