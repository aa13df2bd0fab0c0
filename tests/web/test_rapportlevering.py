"""Bounded report work (issue 18): a report with every text at its maximum is made in
seconds, a repeated download comes from the cache, a flood of downloads gets "probeer het zo
opnieuw" instead of holding every server thread, and the login page keeps answering."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import WACHTWOORD, csrf_token
from zelfscan import opslag, rapport
from zelfscan.opslag import gebruikers, gemeentelinks, regels
from zelfscan.web import rapportlevering

REPO = Path(__file__).resolve().parent.parent.parent


def _lange_tekst(lengte: int) -> str:
    # The worst case for layout: thousands of short lines (each a line of layout once).
    return ("ja\n" * lengte)[:lengte]


def vul_tot_het_maximum(db, meting) -> None:
    """Every text a report prints at its maximum: toelichtingen and notes of 10,000
    characters with thousands of line breaks."""
    tekst = _lange_tekst(regels.MAX_TEKST)
    for vraag in meting.vragenlijst.vragen:
        opslag.sla_antwoord_voor_alle(db, meting.id, vraag.id, 1, toelichting=tekst, wie="t")
    for thema in meting.vragenlijst.themas:
        opslag.sla_notitie(db, meting.id, thema.id, tekst, wie="t")
    opslag.rond_af(db, meting.id, wie="t")


def post_maximale_ambities(client, token: str, meting) -> None:
    """26 ambities of 500 characters (250 lines each) with who and by when, through the
    gemeente's own form."""
    csrf = csrf_token(client, f"/g/{token}/")
    data = {"csrf_token": csrf}
    for thema in meting.vragenlijst.themas:
        data[f"niveau:{thema.id}"] = "3"
        data[f"tekst:{thema.id}"] = _lange_tekst(regels.MAX_AMBITIE)
        # Who and by when, long too: 117 of the 120 characters a wie may have.
        data[f"wie:{thema.id}"] = "beleidsadviseur " * 7 + "jeugd"
        data[f"wanneer:{thema.id}"] = "30-09-2027"
    antwoord = client.post(f"/g/{token}/ambities", data=data)
    assert antwoord.status_code == 302, antwoord.get_data(as_text=True)


@pytest.fixture
def maximaal(app, db, ijmond):
    rapportlevering.leeg_cache()
    vul_tot_het_maximum(db, ijmond)
    token, _ = gemeentelinks.maak_link(db, ijmond.id, "GM0375", wie="t")
    post_maximale_ambities(app.test_client(), token, ijmond)
    assert len(opslag.ambities(db, ijmond.id)) == len(ijmond.vragenlijst.themas)
    yield ijmond, token
    rapportlevering.leeg_cache()


def test_a_report_with_every_field_at_its_maximum_is_made_in_seconds(app, maximaal):
    _, token = maximaal
    bezoeker = app.test_client()
    # What the first report of a process pays once (importing reportlab, reading the fonts)
    # is not what this measures.
    from zelfscan.rapport import gemeenterapport, opmaak  # noqa: F401

    opmaak.registreer_fonts()
    begin = time.perf_counter()
    antwoord = bezoeker.get(f"/g/{token}/rapport.pdf")
    duur = time.perf_counter() - begin
    assert antwoord.status_code == 200
    assert antwoord.data.startswith(b"%PDF")
    # A stall guard, generous for a busy 2-core CI machine (before issue 18 this took minutes);
    # the 2 s target itself is measured by bench/grenzen.py on a quiet machine.
    assert duur < 10.0, f"report took {duur:.2f} s"

    # The same download again comes from the cache: the same bytes, in a fraction of the time.
    begin = time.perf_counter()
    nog_eens = bezoeker.get(f"/g/{token}/rapport.pdf")
    assert nog_eens.data == antwoord.data
    assert time.perf_counter() - begin < duur / 3
    assert nog_eens.headers["Cache-Control"] == "no-store"


def test_the_report_says_where_the_rest_of_a_long_text_is(app, db, maximaal):
    from tests.rapport.test_rapport import tekst

    meting, _ = maximaal
    gelezen = tekst(rapport.gemeente_rapport(db, meting.id, "GM0375"))
    assert "ingekort: de hele tekst van 10.000 tekens staat in zelfscan en in de export" in gelezen


def test_a_changed_answer_makes_a_new_report(app, db, facilitator, ijmond):
    rapportlevering.leeg_cache()
    vraag = ijmond.vragenlijst.vragen[0]
    opslag.sla_antwoord_voor_alle(db, ijmond.id, vraag.id, 1, toelichting="eerst", wie="t")
    eerste = facilitator.get(f"/metingen/{ijmond.id}/rapport/GM0375.pdf")
    assert eerste.headers["Cache-Control"] == "no-store"
    opslag.sla_antwoord(db, ijmond.id, "GM0375", vraag.id, 2, toelichting="daarna", wie="t")
    tweede = facilitator.get(f"/metingen/{ijmond.id}/rapport/GM0375.pdf")
    assert tweede.status_code == 200 and tweede.data != eerste.data
    overzicht = facilitator.get(f"/metingen/{ijmond.id}/rapport/overzicht.pdf")
    assert overzicht.headers["Cache-Control"] == "no-store"
    rapportlevering.leeg_cache()


def test_when_every_slot_is_taken_the_answer_is_503_with_retry_after(app, db, ijmond, monkeypatch):
    rapportlevering.leeg_cache()
    tokens = {
        cbs: gemeentelinks.maak_link(db, ijmond.id, cbs, wie="t")[0]
        for cbs in ("GM0375", "GM0396", "GM0453")
    }
    los = threading.Event()
    bezig = threading.Semaphore(0)
    echt = rapport.gemeente_pdf

    def traag(gegevens):
        bezig.release()
        los.wait(30)
        return echt(gegevens)

    monkeypatch.setattr(rapport, "gemeente_pdf", traag)
    monkeypatch.setattr(rapportlevering, "WACHTTIJD", 0.2)
    uitkomsten = []

    def download(cbs):
        uitkomsten.append(app.test_client().get(f"/g/{tokens[cbs]}/rapport.pdf").status_code)

    draden = [threading.Thread(target=download, args=(c,)) for c in ("GM0375", "GM0396")]
    for d in draden:
        d.start()
    assert bezig.acquire(timeout=10) and bezig.acquire(timeout=10)  # both slots in use
    try:
        vol = app.test_client().get(f"/g/{tokens['GM0453']}/rapport.pdf")
        assert vol.status_code == 503
        assert vol.headers["Retry-After"] == str(rapportlevering.OPNIEUW_NA)
        assert "Het rapport wordt gemaakt, probeer het zo opnieuw" in vol.get_data(as_text=True)
    finally:
        los.set()
        for d in draden:
            d.join(30)
    assert uitkomsten == [200, 200]
    rapportlevering.leeg_cache()


def test_a_report_over_its_time_limit_answers_503_and_frees_its_slot(app, db, ijmond):
    rapportlevering.leeg_cache()
    vraag = ijmond.vragenlijst.vragen[0]
    opslag.sla_antwoord_voor_alle(db, ijmond.id, vraag.id, 1, toelichting="lang genoeg", wie="t")
    token, _ = gemeentelinks.maak_link(db, ijmond.id, "GM0375", wie="t")
    app.config["RAPPORT_TIJDSLIMIET"] = 1e-9  # past the limit after the first flowable
    # More attempts than there are slots: each stopped build must give its slot back.
    for _ in range(rapportlevering.MAX_TEGELIJK + 2):
        te_traag = app.test_client().get(f"/g/{token}/rapport.pdf")
        assert te_traag.status_code == 503
        html = te_traag.get_data(as_text=True)
        assert "Het rapport is niet binnen" in html and "afgebroken" in html
        assert te_traag.headers["Retry-After"] == str(rapportlevering.OPNIEUW_NA)
        assert "Traceback" not in html
    app.config["RAPPORT_TIJDSLIMIET"] = rapportlevering.TIJDSLIMIET
    goed = app.test_client().get(f"/g/{token}/rapport.pdf")
    assert goed.status_code == 200 and goed.data.startswith(b"%PDF")
    rapportlevering.leeg_cache()


# --- the real server ----------------------------------------------------------------------------


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(poort: int, pad: str, timeout: float = 60) -> tuple[int, float]:
    begin = time.perf_counter()
    verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=timeout)
    try:
        verbinding.request("GET", pad)
        antwoord = verbinding.getresponse()
        antwoord.read()
        return antwoord.status, time.perf_counter() - begin
    finally:
        verbinding.close()


def test_login_answers_while_eight_maximal_reports_are_downloaded(app, db, ijmond):
    """``zelfscan serve`` (waitress, 8 threads) in a subprocess; 8 downloads of maximal
    reports at once (three different gemeenten, so real work and cache hits both); meanwhile
    ``GET /inloggen`` answers within a second, every time."""
    gebruikers.voeg_toe(db, "fien", WACHTWOORD)  # else /inloggen sends to the first-run set-up
    vul_tot_het_maximum(db, ijmond)
    tokens = []
    for cbs in ("GM0375", "GM0396", "GM0453"):
        token, _ = gemeentelinks.maak_link(db, ijmond.id, cbs, wie="t")
        post_maximale_ambities(app.test_client(), token, ijmond)
        tokens.append(token)
    poort = _vrije_poort()
    omgeving = {**os.environ, "PYTHONPATH": str(REPO)}
    with tempfile.TemporaryFile() as log:
        proces = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "zelfscan",
                "serve",
                "--db",
                app.config["DATABASE"],
                "--port",
                str(poort),
                "--threads",
                "8",
            ],
            stdout=subprocess.DEVNULL,
            stderr=log,
            cwd=Path(app.config["DATABASE"]).parent,
            env=omgeving,
        )
        try:
            eind = time.monotonic() + 30
            while True:
                try:
                    if _get(poort, "/inloggen", timeout=2)[0] == 200:
                        break
                except OSError:
                    pass
                assert proces.poll() is None and time.monotonic() < eind, "server did not start"
                time.sleep(0.05)
            statussen: list[int] = []
            downloads = [
                threading.Thread(
                    target=lambda t=tokens[i % 3]: statussen.append(
                        _get(poort, f"/g/{t}/rapport.pdf")[0]
                    )
                )
                for i in range(8)
            ]
            for d in downloads:
                d.start()
            time.sleep(0.3)  # the downloads are in the server now
            tijden = []
            while any(d.is_alive() for d in downloads) or len(tijden) < 3:
                status, duur = _get(poort, "/inloggen", timeout=10)
                assert status == 200
                tijden.append(duur)
                time.sleep(0.1)
            for d in downloads:
                d.join(60)
            # A stall guard (before issue 18 the login page timed out behind the reports); the
            # 1 s target is measured by bench/grenzen.py on a quiet machine.
            assert max(tijden) < 5.0, f"login took {max(tijden):.2f} s while reports were made"
            # Each download got its PDF, or a polite "try again shortly"; never an error.
            assert set(statussen) <= {200, 503} and 200 in statussen, statussen
        finally:
            proces.terminate()
            proces.wait(10)
