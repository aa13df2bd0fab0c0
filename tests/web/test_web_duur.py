"""The session's planned length (issue 20 item 6): the vragenlijst's duur per thema, for the
meting's number of gemeenten, while preparing and as "nog ca. …" during the session; nothing
when the vragenlijst gives no duur (the 2021 file has none)."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from tests.conftest import WACHTWOORD, log_in
from tests.store_fixtures import DATA, REGIO, VRAGENLIJST
from zelfscan import opslag
from zelfscan.opslag import gebruikers
from zelfscan.opslag.verbinding import open_db
from zelfscan.web.app import create_app


@pytest.fixture
def met_duur(tmp_path):
    """The test vragenlijst with a duur on each of its three thema's: 10 minutes plus 5 per
    gemeente, so 20 per thema and an hour in all for subregio Noord's two gemeenten."""
    data = tmp_path / "vragenlijsten"
    shutil.copytree(DATA, data)
    bestand = data / "mini-vragenlijst.yaml"
    tekst = bestand.read_text(encoding="utf-8")
    for thema in ("visie", "sturing", "meldcode"):
        tekst = tekst.replace(
            f"      - id: {thema}\n",
            f"      - id: {thema}\n        duur: {{basis: 10, per_gemeente: 5}}\n",
        )
    bestand.write_text(tekst, encoding="utf-8")
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "DATABASE": str(tmp_path / "zelfscan.db"),
            "VRAGENLIJSTEN": str(data),
        }
    )
    db = open_db(app.config["DATABASE"])
    gebruikers.voeg_toe(db, "fien", WACHTWOORD)
    catalogus = app.extensions["zelfscan.catalogus"]
    meting = opslag.maak_meting(
        db,
        vragenlijst=catalogus.vragenlijst(VRAGENLIJST),
        regio=catalogus.regio(REGIO),
        subregio_id="noord",
        jaar=2021,
        soort="0-meting",
        datum=date(2021, 10, 12),
        wie="fien",
    )
    client = app.test_client()
    log_in(client)
    yield client, db, meting
    db.conn.close()


def test_the_duur_shows_while_preparing_and_what_is_left_during_the_session(met_duur):
    client, db, meting = met_duur
    nieuw = client.get("/metingen/nieuw").get_data(as_text=True)
    assert (
        "Geschatte duur van de sessie: ca. 1 uur voor 2 gemeenten; ca. 1 uur 15 voor 3 "
        "gemeenten; ca. 1 uur 30 voor 4 gemeenten."
    ) in nieuw
    pagina = client.get(f"/metingen/{meting.id}").get_data(as_text=True)
    assert "Geschatte duur van de sessie: ca. 1 uur voor 2 gemeenten." in pagina

    regel = client.get(f"/metingen/{meting.id}/voortgangregel").get_data(as_text=True)
    assert "nog ca. 1 uur ·" in regel
    for vraag in meting.vragenlijst.thema("visie").vragen:
        opslag.sla_antwoord_voor_alle(db, meting.id, vraag.id, 2, wie="fien")
    regel = client.get(f"/metingen/{meting.id}/voortgangregel").get_data(as_text=True)
    assert "nog ca. 40 minuten ·" in regel
    thema = client.get(f"/metingen/{meting.id}/thema/sturing").get_data(as_text=True)
    assert "nog ca. 40 minuten ·" in thema
    projector = client.get(f"/metingen/{meting.id}/presentatie").get_data(as_text=True)
    assert "1 van 3 thema's klaar, nog ca. 40 minuten" in projector
    pagina = client.get(f"/metingen/{meting.id}").get_data(as_text=True)
    assert "ca. 1 uur voor 2 gemeenten; nog ca. 40 minuten voor de thema's die nog niet" in pagina


def test_without_a_duur_in_the_vragenlijst_nothing_is_estimated(facilitator, ijmond):
    assert ijmond.vragenlijst.duur(3) is None  # the 2021 file
    for pad in ("", "/voortgangregel", "/thema/capaciteit", "/presentatie"):
        html = facilitator.get(f"/metingen/{ijmond.id}{pad}").get_data(as_text=True)
        assert "nog ca." not in html and "Geschatte duur" not in html, pad
