"""Facilitator access: first-run set-up, login, throttling, logout, and every page behind it."""

from __future__ import annotations

import re

import pytest

from tests.conftest import WACHTWOORD, csrf_token, log_in
from zelfscan.cli import main
from zelfscan.opslag import deelnametabel, gebruikers, gemeentelinks

# Deliberately public: the health check (GET only, says "ok" or why not, never writes).
OPENBAAR = {"static", "auth.login", "auth.setup", "start", "gezondheid.gezond"}
# Public by their own key, like a gemeente's link: the participants' pages (issue 19) open
# only by an open participation's code; tests/web/test_deelname.py shows they reach nothing else.
OPENBAAR_MET_SLEUTEL = ("gemeente.", "deelname.")


def test_first_run_leads_to_setup_and_then_closes_it(client, db):
    assert client.get("/").headers["Location"].endswith("/metingen/")
    assert "/inloggen" in client.get("/metingen/").headers["Location"]
    assert client.get("/inloggen").headers["Location"].endswith("/inrichten")
    token = csrf_token(client, "/inrichten")
    antwoord = client.post(
        "/inrichten",
        data={"naam": "fien", "wachtwoord": WACHTWOORD, "herhaal": WACHTWOORD, "csrf_token": token},
    )
    assert antwoord.status_code == 302
    assert client.get("/metingen/").status_code == 200  # logged in straight away
    assert client.get("/inrichten").status_code == 404  # only while no user exists
    assert gebruikers.aantal(db) == 1


def test_setup_rejects_short_or_mismatched_passwords(client):
    token = csrf_token(client, "/inrichten")
    html = client.post(
        "/inrichten",
        data={"naam": "fien", "wachtwoord": "kort", "herhaal": "anders", "csrf_token": token},
    ).get_data(as_text=True)
    assert "Kies minstens 10 tekens." in html
    assert "De twee wachtwoorden zijn niet gelijk." in html
    assert 'aria-invalid="true"' in html


def test_login_and_wrong_password(client, db):
    gebruikers.voeg_toe(db, "fien", WACHTWOORD)
    fout = log_in(client, wachtwoord="verkeerd-wachtwoord")
    assert fout.status_code == 401
    assert "Gebruikersnaam of wachtwoord klopt niet." in fout.get_data(as_text=True)
    goed = log_in(client)
    assert goed.status_code == 302
    assert client.get("/metingen/").status_code == 200


def test_login_is_throttled_after_repeated_failures(client, db):
    gebruikers.voeg_toe(db, "fien", WACHTWOORD)
    for _ in range(gebruikers.MAX_POGINGEN):
        assert log_in(client, wachtwoord="fout-fout-fout").status_code == 401
    geblokkeerd = log_in(client)  # even the right password waits now
    assert geblokkeerd.status_code == 429
    assert "Te veel mislukte pogingen" in geblokkeerd.get_data(as_text=True)


def test_login_redirects_only_to_this_site(client, db):
    gebruikers.voeg_toe(db, "fien", WACHTWOORD)
    token = csrf_token(client, "/inloggen")
    antwoord = client.post(
        "/inloggen?volgende=//evil.example/x",
        data={"naam": "fien", "wachtwoord": WACHTWOORD, "csrf_token": token},
    )
    assert antwoord.headers["Location"].endswith("/metingen/")


def test_logout_needs_post_with_csrf(facilitator):
    assert facilitator.get("/uitloggen").status_code == 405
    zonder = facilitator.post("/uitloggen")
    assert zonder.status_code == 400
    assert "Uw sessie is verlopen" in zonder.get_data(as_text=True)
    token = csrf_token(facilitator, "/metingen/")
    assert facilitator.post("/uitloggen", data={"csrf_token": token}).status_code == 302
    assert "/inloggen" in facilitator.get("/metingen/").headers["Location"]


def _voorbeeld_url(rule, ijmond, token: str = "x", code: str = "x") -> str:
    waarden = {
        "token": token,
        "code": code,
        "meting_id": ijmond.id,
        "thema_id": "capaciteit",
        "vragenlijst_id": "werken-aan-veiligheid",
        "versie": "2021.1",
        "deelnemer_id": 1,
        "link_id": 1,
        "gebruiker_id": 1,
        "cbs": "GM0375",
        "formaat": "svg",
        "regio_id": "kennemerland",
        "jaar": 2021,
    }
    waarden.update({a: "x" for a in rule.arguments if a not in waarden})
    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", lambda m: str(waarden[m.group(1)]), rule.rule)


def test_every_facilitator_route_refuses_anonymous_access(app, client, ijmond, db):
    """Enumerates the app's routes, so a new route cannot slip through unprotected."""
    gebruikers.voeg_toe(db, "fien", WACHTWOORD)
    gecontroleerd = 0
    for rule in app.url_map.iter_rules():
        if rule.endpoint in OPENBAAR or rule.endpoint.startswith(OPENBAAR_MET_SLEUTEL):
            continue
        url = _voorbeeld_url(rule, ijmond)
        for methode in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            token = csrf_token(client, "/inloggen")  # valid, so only the login check can refuse
            antwoord = client.open(
                url, method=methode, data={"csrf_token": token}, headers={"X-CSRFToken": token}
            )
            assert antwoord.status_code == 302, (methode, url, antwoord.status_code)
            assert "/inloggen" in antwoord.headers["Location"], (methode, url)
            gecontroleerd += 1
    assert gecontroleerd >= 10


def test_state_changing_routes_refuse_requests_without_csrf(app, facilitator, ijmond, db):
    token, _ = gemeentelinks.maak_link(
        db, ijmond.id, "GM0375", wie="test"
    )  # gemeente routes need a real one, and participant routes a real code
    code = deelnametabel.open_deelname(db, ijmond.id, wie="test").code
    for rule in app.url_map.iter_rules():
        for methode in rule.methods & {"POST", "PUT", "PATCH", "DELETE"}:
            antwoord = facilitator.open(
                _voorbeeld_url(rule, ijmond, token, code), method=methode, data={}
            )
            assert antwoord.status_code == 400, (methode, rule.rule)
            # A participant's phone and a gemeente's link have their own words for it (no
            # login to lose).
            verwacht = (
                "De pagina was verlopen"
                if rule.rule.startswith(("/d/", "/g/"))
                else "sessie is verlopen"
            )
            assert verwacht in antwoord.get_data(as_text=True) or antwoord.is_json, rule.rule


def test_session_cookie_and_security_headers(client, db):
    gebruikers.voeg_toe(db, "fien", WACHTWOORD)
    antwoord = log_in(client)
    cookie = antwoord.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    koppen = client.get("/metingen/").headers
    assert "unsafe-inline" not in koppen["Content-Security-Policy"]
    assert "default-src 'self'" in koppen["Content-Security-Policy"]
    assert koppen["X-Content-Type-Options"] == "nosniff"
    assert koppen["Referrer-Policy"] == "same-origin"
    assert koppen["X-Frame-Options"] == "DENY"


def test_user_add_command(app, db, monkeypatch):
    from click.testing import CliRunner

    resultaat = CliRunner().invoke(
        main,
        ["user", "add", "joost", "--regio", "kennemerland", "--db", app.config["DATABASE"]],
        input=f"{WACHTWOORD}\n{WACHTWOORD}\n",
    )
    assert resultaat.exit_code == 0, resultaat.output
    assert gebruikers.log_in(db, "joost", WACHTWOORD) is not None
    dubbel = CliRunner().invoke(
        main,
        ["user", "add", "Joost", "--beheerder", "--db", app.config["DATABASE"]],
        input=f"{WACHTWOORD}\n{WACHTWOORD}\n",
    )
    assert dubbel.exit_code == 1
    assert "bestaat al" in dubbel.output
    assert "Traceback" not in dubbel.output


@pytest.mark.parametrize("pad", ["/bestaat-niet", "/metingen/999999"])
def test_friendly_dutch_not_found(facilitator, pad):
    antwoord = facilitator.get(pad)
    assert antwoord.status_code == 404
    html = antwoord.get_data(as_text=True)
    assert 'lang="nl"' in html
    assert "Traceback" not in html
