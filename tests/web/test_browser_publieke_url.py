"""A real browser on a real server started with ZELFSCAN_PUBLIEKE_URL: the new gemeente link
shows that address, not the loopback one the facilitator's browser used."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import ingelogde_pagina, schermafdruk
from zelfscan.web.app import create_app

PUBLIEK = "https://zelfscan.regio-voorbeeld.nl/kennemerland"


@pytest.fixture
def app(tmp_path, monkeypatch):
    """The app as `zelfscan serve` makes it, with the public address in the environment."""
    monkeypatch.setenv("ZELFSCAN_PUBLIEKE_URL", PUBLIEK)
    return create_app(
        {"TESTING": True, "SECRET_KEY": "test-geheim", "DATABASE": str(tmp_path / "zelfscan.db")}
    )


def test_new_link_shows_the_public_address(chromium, live_server, app, facilitator, ijmond):
    context, page = ingelogde_pagina(chromium, live_server)
    page.goto(f"{live_server}/metingen/{ijmond.id}/links/")
    # The browser uses 127.0.0.1, the setting does not: no warning, the public base shown.
    expect(page.locator("#link-basis")).to_have_text(PUBLIEK)
    expect(page.locator("#alleen-hier")).to_have_count(0)

    page.get_by_label("Gemeente", exact=True).select_option(label="Velsen")
    page.get_by_role("button", name="Link maken").click()
    veld = page.get_by_label("Link", exact=True)
    expect(veld).to_have_value(re.compile("^" + re.escape(f"{PUBLIEK}/g/")))
    waarde = veld.input_value()
    assert waarde.startswith(f"{PUBLIEK}/g/"), waarde
    assert "127.0.0.1" not in waarde
    schermafdruk(page, "links-publieke-url")

    # The same link, opened on this server under its own address, is the gemeente's page.
    bezoeker = chromium.new_context()
    pagina = bezoeker.new_page()
    pagina.goto(live_server + waarde.removeprefix(PUBLIEK))
    expect(pagina.get_by_role("heading", level=1)).to_contain_text("Velsen")
    bezoeker.close()
    context.close()
