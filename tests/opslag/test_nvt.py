"""*Niet van toepassing* only where the vragenlijst allows it (issue 15, item 2).

With ``regels.nvt: per_vraag`` a vraag allows n.v.t. only with ``nvt: true``. The store, the
real `zelfscan import` and the web refuse it elsewhere with the same Dutch message, and the
wizard does not offer it there.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import WACHTWOORD, log_in
from tests.store_fixtures import mini_met_nvt_per_vraag
from zelfscan import opslag
from zelfscan.errors import OngeldigAntwoord
from zelfscan.inlezen.loader import laad_catalogus
from zelfscan.opslag import gebruikers, uitwisseling
from zelfscan.opslag.verbinding import open_db
from zelfscan.web.app import create_app

ROOT = Path(__file__).resolve().parents[2]
GEWEIGERD = (
    "‘N.v.t.’ kan bij vraag 'visie-1' niet gekozen worden: deze vraag geldt voor elke gemeente. "
    "Kies een niveau of ‘Weet niet’."
)


@pytest.fixture
def data(tmp_path) -> Path:
    """The mini vragenlijst with n.v.t. per vraag: only visie-2 allows it."""
    return mini_met_nvt_per_vraag(tmp_path / "data")


@pytest.fixture
def meting(tmp_path, data):
    catalogus = laad_catalogus(data)
    db = open_db(tmp_path / "zelfscan.db")
    m = opslag.maak_meting(
        db,
        vragenlijst=catalogus.vragenlijst("mini-scan"),
        regio=catalogus.regio("testregio"),
        subregio_id="noord",
        jaar=2026,
        soort="0-meting",
        datum=date(2026, 10, 6),
        wie="fien",
    )
    yield db, m
    db.conn.close()


def test_the_store_refuses_nvt_where_the_vraag_does_not_allow_it(meting):
    db, m = meting
    with pytest.raises(OngeldigAntwoord) as fout:
        opslag.sla_antwoord(db, m.id, "GM9001", "visie-1", "nvt", wie="fien")
    assert str(fout.value) == GEWEIGERD
    with pytest.raises(OngeldigAntwoord):
        opslag.sla_antwoord_voor_alle(db, m.id, "visie-1", "nvt", wie="fien")
    assert opslag.antwoorden(db, m.id) == {}
    # Where it is allowed, and every other answer anywhere, it is stored.
    assert opslag.sla_antwoord(db, m.id, "GM9001", "visie-2", "nvt", wie="fien").waarde == "nvt"
    assert opslag.sla_antwoord(db, m.id, "GM9001", "visie-1", "weet_niet", wie="fien")


def test_import_refuses_it_with_the_same_message_and_changes_nothing(tmp_path, data, meting):
    db, m = meting
    opslag.sla_antwoord(db, m.id, "GM9001", "visie-2", "nvt", wie="fien")
    export = uitwisseling.exporteer_json(db)
    (export["metingen"][0]["antwoorden"][0])["vraag_id"] = "visie-1"
    bestand = tmp_path / "export.json"
    bestand.write_text(json.dumps(export), encoding="utf-8")
    doel = tmp_path / "doel.db"
    open_db(doel).conn.close()
    voor = doel.read_bytes()
    uit = subprocess.run(
        [sys.executable, "-m", "zelfscan", "import", str(bestand), "--db", str(doel)],
        capture_output=True,
        text=True,
        env={**os.environ, "ZELFSCAN_VRAGENLIJSTEN": str(data)},
        cwd=ROOT,
        timeout=120,
    )
    assert uit.returncode != 0
    assert GEWEIGERD in uit.stderr and "Traceback" not in uit.stderr
    assert doel.read_bytes() == voor


def test_the_wizard_offers_nvt_only_where_allowed_and_the_web_refuses_it_elsewhere(
    tmp_path, data, meting
):
    db, m = meting
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-geheim",
            "DATABASE": str(tmp_path / "zelfscan.db"),
            "VRAGENLIJSTEN": str(data),
        }
    )
    gebruikers.voeg_toe(db, "fien", WACHTWOORD)
    client = app.test_client()
    assert log_in(client).status_code == 302
    html = client.get(f"/metingen/{m.id}/thema/visie").get_data(as_text=True)
    assert 'id="a-GM9001-visie-2-nvt"' in html
    assert 'id="a-GM9001-visie-1-nvt"' not in html
    assert 'name="alle:visie-1" value="nvt"' not in html
    assert 'name="alle:visie-2" value="nvt"' in html
    # A crafted autosave gets the store's refusal, in Dutch, and stores nothing.
    token = html.split('name="csrf_token" value="')[1].split('"')[0]
    antwoord = client.post(
        f"/metingen/{m.id}/autosave",
        json={
            "soort": "cel",
            "cbs": "GM9001",
            "vraag": "visie-1",
            "veld": "waarde",
            "waarde": "nvt",
        },
        headers={"X-CSRFToken": token},
    )
    assert antwoord.status_code in (400, 422)
    assert antwoord.get_json()["fout"] == GEWEIGERD
    assert opslag.antwoorden(db, m.id) == {}
