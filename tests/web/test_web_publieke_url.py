"""ZELFSCAN_PUBLIEKE_URL: every link for a gemeente is built from it; a wrong value stops the
start; the links page warns when a link would only work on this computer."""

from __future__ import annotations

import pytest

from tests.conftest import WACHTWOORD, log_in
from tests.web.test_web_links import maak_link
from zelfscan.errors import InstellingFout
from zelfscan.opslag import gebruikers
from zelfscan.web.adressen import (
    controleer_publieke_url,
    is_loopback,
    publieke_basis,
    publieke_url,
)
from zelfscan.web.app import create_app


def _app(tmp_path, **config):
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-geheim",
            "DATABASE": str(tmp_path / "zelfscan.db"),
            **config,
        }
    )


def test_links_are_built_from_the_public_address(facilitator, app, ijmond):
    app.config["PUBLIEKE_URL"] = "https://zelfscan.regio.example/kennemerland"
    html = facilitator.get(f"/metingen/{ijmond.id}/links/").get_data(as_text=True)
    assert "https://zelfscan.regio.example/kennemerland" in html
    assert 'id="alleen-hier"' not in html
    token = maak_link(facilitator, ijmond, "GM0375")
    # The token's link, shown once, starts with the setting (and works at that path).
    assert app.test_client().get(f"/g/{token}/").status_code == 200


def test_link_text_has_the_public_prefix(facilitator, app, ijmond):
    app.config["PUBLIEKE_URL"] = "https://zelfscan.regio.example/kennemerland"
    token_url = facilitator.post(
        f"/metingen/{ijmond.id}/links/",
        data={"csrf_token": _token(facilitator, ijmond), "cbs": "GM0375"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert 'value="https://zelfscan.regio.example/kennemerland/g/' in token_url


def _token(client, meting):
    from tests.conftest import csrf_token

    return csrf_token(client, f"/metingen/{meting.id}/links/")


def test_loopback_address_is_warned_about(facilitator, ijmond):
    # The test client asks for http://localhost/: only this computer can open that.
    html = facilitator.get(f"/metingen/{ijmond.id}/links/").get_data(as_text=True)
    assert 'id="alleen-hier"' in html
    assert "gemeenten kunnen deze links niet openen" in html
    assert "ZELFSCAN_PUBLIEKE_URL" in html
    assert "zo staat het in" not in html


def test_a_loopback_setting_is_warned_about_too(facilitator, app, ijmond):
    app.config["PUBLIEKE_URL"] = "http://[::1]:8080"
    html = facilitator.get(f"/metingen/{ijmond.id}/links/").get_data(as_text=True)
    assert 'id="alleen-hier"' in html
    assert "zo staat het in <code>ZELFSCAN_PUBLIEKE_URL</code>" in html


@pytest.mark.parametrize(
    ("host", "ingesteld", "basis"),
    [
        ("127.0.0.1:8080", "", "http://127.0.0.1:8080"),
        ("192.168.1.20:8080", "", "http://192.168.1.20:8080"),
        ("127.0.0.1:8080", "https://zelfscan.regio.example", "https://zelfscan.regio.example"),
    ],
)
def test_the_base_of_links(app, host, ingesteld, basis):
    app.config["PUBLIEKE_URL"] = ingesteld
    with app.test_request_context("/", base_url=f"http://{host}"):
        assert publieke_basis() == basis
        assert publieke_url("gemeente.pagina", token="abc") == f"{basis}/g/abc/"


def test_a_mounted_app_uses_the_public_prefix_once(app):
    app.config["PUBLIEKE_URL"] = "https://www.regio.example/zelfscan"
    with app.test_request_context("/", base_url="http://10.0.0.5:8080/intern"):
        assert publieke_url("gemeente.pagina", token="abc") == (
            "https://www.regio.example/zelfscan/g/abc/"
        )


def test_the_environment_variable_is_read_and_checked(tmp_path, monkeypatch):
    monkeypatch.setenv("ZELFSCAN_PUBLIEKE_URL", "https://zelfscan.regio.example/")
    assert _app(tmp_path).config["PUBLIEKE_URL"] == "https://zelfscan.regio.example"
    monkeypatch.setenv("ZELFSCAN_PUBLIEKE_URL", "zelfscan.regio.example")
    with pytest.raises(InstellingFout, match="ZELFSCAN_PUBLIEKE_URL moet een volledig webadres"):
        _app(tmp_path)


@pytest.mark.parametrize(
    "waarde",
    [
        "zelfscan.regio.example",
        "ftp://zelfscan.regio.example",
        "https://",
        "/zelfscan",
        "https://zelfscan.regio.example/?a=1",
        "https://zelfscan.regio.example/#x",
        "https://iemand:geheim@zelfscan.regio.example",
        "https://zelfscan.regio.example:poort",
    ],
)
def test_invalid_public_addresses_are_refused(waarde):
    with pytest.raises(InstellingFout) as fout:
        controleer_publieke_url(waarde)
    assert "ZELFSCAN_PUBLIEKE_URL" in str(fout.value)


@pytest.mark.parametrize(
    ("adres", "lokaal"),
    [
        ("http://127.0.0.1:8080", True),
        ("http://127.8.9.10/", True),
        ("http://localhost:8080/", True),
        ("http://LOCALHOST./", True),
        ("http://[::1]:8080/", True),
        ("http://app.localhost/", True),
        ("https://zelfscan.regio.example", False),
        ("http://192.168.1.20:8080", False),
        ("http://[2001:db8::1]/", False),
    ],
)
def test_loopback_detection(adres, lokaal):
    assert is_loopback(adres) is lokaal


def test_login_still_works_with_a_public_address(tmp_path):
    app = _app(tmp_path, PUBLIEKE_URL="https://zelfscan.regio.example")
    from zelfscan.opslag.verbinding import open_db

    db = open_db(app.config["DATABASE"])
    gebruikers.voeg_toe(db, "fien", WACHTWOORD)
    db.conn.close()
    assert log_in(app.test_client()).status_code == 302
