"""`zelfscan demo`: a clearly labelled, deterministic DEMO for the three Kennemerland subregio's."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from click.testing import CliRunner

from tests.store_fixtures import DATA, maak, mini, tijdelijke_db
from zelfscan import opslag, paths
from zelfscan.cli import main
from zelfscan.errors import DataFout, StoreFout
from zelfscan.inlezen.loader import laad_catalogus
from zelfscan.inlezen.model import NIET_VAN_TOEPASSING, WEET_NIET
from zelfscan.opslag import uitwisseling
from zelfscan.opslag.demo import vul_demo
from zelfscan.opslag.verbinding import open_db


@pytest.fixture
def mini_catalogus():
    return mini()


@pytest.fixture
def db(tmp_path):
    yield from tijdelijke_db(tmp_path)


@pytest.fixture(scope="module")
def kennemerland_mini(tmp_path_factory):
    """The small test vragenlijst with the real Kennemerland region file."""
    map_ = tmp_path_factory.mktemp("demo-data")
    shutil.copy(DATA / "mini-vragenlijst.yaml", map_)
    (map_ / "regios").mkdir()
    shutil.copy(paths.vragenlijsten_dir() / "regios" / "kennemerland.yaml", map_ / "regios")
    return laad_catalogus(map_)


@pytest.fixture(scope="module")
def echte_catalogus():
    try:
        return laad_catalogus()
    except DataFout as fout:  # the content is still being written
        pytest.skip(f"de echte vragenlijst laadt (nog) niet: {fout}")


def test_the_same_seed_gives_the_same_database(tmp_path, kennemerland_mini):
    exports = []
    for naam in ("a.db", "b.db"):
        db = open_db(tmp_path / naam)
        vul_demo(db, kennemerland_mini, seed=7)
        exports.append(uitwisseling.json_tekst(uitwisseling.exporteer_json(db)))
        db.conn.close()
    assert exports[0] == exports[1]
    ander = open_db(tmp_path / "c.db")
    vul_demo(ander, kennemerland_mini, seed=8)
    assert uitwisseling.json_tekst(uitwisseling.exporteer_json(ander)) != exports[0]
    ander.conn.close()


def test_the_demo_matches_its_description(db, echte_catalogus):
    gemaakt = vul_demo(db, echte_catalogus)
    metingen = opslag.metingen(db)
    assert {m.id for m in gemaakt} == {m.id for m in metingen}
    assert all(m.titel.startswith("DEMO") and m.demo and m.afgerond for m in metingen)
    nul = {m.subregio_id: m for m in metingen if m.soort == "0-meting"}
    assert set(nul) == {"haarlemmermeer", "ijmond", "zuid-kennemerland"}
    for m in nul.values():
        assert m.jaar == 2021 and date(2021, 10, 1) <= m.datum <= date(2021, 10, 31)
        assert m.vragenlijst_id == "werken-aan-veiligheid"
    assert [g.naam for g in nul["ijmond"].gemeenten] == ["Beverwijk", "Heemskerk", "Velsen"]
    assert [g.naam for g in nul["haarlemmermeer"].gemeenten] == ["Haarlemmermeer"]
    # The 0-metingen and IJmond's vervolgmeting keep the version they were held with; Zuid-
    # Kennemerland's vervolgmeting 2026 uses the newest, so the demo compares across versions.
    vervolg, nieuw = sorted(
        (m for m in metingen if m.soort == "vervolgmeting"), key=lambda m: m.jaar
    )
    assert (vervolg.subregio_id, vervolg.jaar, vervolg.vorige_meting_id) == (
        "ijmond",
        2022,
        nul["ijmond"].id,
    )
    assert {m.vragenlijst.versie for m in [*nul.values(), vervolg]} == {"2021.1"}
    assert (nieuw.subregio_id, nieuw.jaar, nieuw.vorige_meting_id) == (
        "zuid-kennemerland",
        2026,
        nul["zuid-kennemerland"].id,
    )
    assert nieuw.vragenlijst.versie == "2026.1"
    # N.v.t. only where the new version allows it.
    assert all(
        a.waarde != NIET_VAN_TOEPASSING or nieuw.vragenlijst.nvt_toegestaan(vraag_id)
        for (_, vraag_id), a in opslag.antwoorden(db, nieuw.id).items()
    )
    # No note is pasted onto several thema's of one meting.
    for m in metingen:
        teksten = [n.tekst for n in opslag.notities(db, m.id).values()]
        assert len(teksten) == len(set(teksten)), m.titel

    alle = []
    for m in metingen:
        antwoorden = opslag.antwoorden(db, m.id)
        assert opslag.onbeantwoord(db, m.id) == []  # fully answered
        alle += antwoorden.values()
        deelnemers = opslag.deelnemers(db, m.id)
        assert 4 <= len(deelnemers) <= 8 and all(d.naam is None for d in deelnemers)
        assert all(d.organisatie and d.rol for d in deelnemers)
        assert 0 < len(opslag.notities(db, m.id)) < len(m.vragenlijst.themas)
        assert opslag.logboek(db, m.id)[0].actie == "aangemaakt"
    n = len(alle)
    assert 0.03 < sum(a.waarde == WEET_NIET for a in alle) / n < 0.08
    assert 0.01 < sum(a.waarde == NIET_VAN_TOEPASSING for a in alle) / n < 0.06
    assert 0.05 < sum(bool(a.toelichting) for a in alle) / n < 0.15
    assert 0 < sum(a.bespreekpunt for a in alle) < n * 0.1

    # Mostly one answer per subregio, with deviations per gemeente.
    ijmond = opslag.antwoorden(db, nul["ijmond"].id)
    vragen = nul["ijmond"].vragenlijst.vragen
    gelijk = sum(
        len({ijmond[(g, v.id)].waarde for g in ("GM0375", "GM0396", "GM0453")}) == 1 for v in vragen
    )
    assert 0.3 * len(vragen) < gelijk < 0.9 * len(vragen)

    ambities = opslag.ambities(db, nul["ijmond"].id)
    assert {cbs for cbs, _ in ambities} == {"GM0375", "GM0396", "GM0453"}
    assert all(a.tekst for a in ambities.values())
    assert all(opslag.ambities(db, m.id) == {} for m in metingen if m.id != nul["ijmond"].id)

    def gemiddeld(meting_id):
        niveaus = [
            a.waarde for a in opslag.antwoorden(db, meting_id).values() if isinstance(a.waarde, int)
        ]
        return sum(niveaus) / len(niveaus)

    assert gemiddeld(vervolg.id) > gemiddeld(nul["ijmond"].id) + 0.1


def test_a_database_with_metingen_is_refused_unless_asked_and_real_ones_stay(
    db, mini_catalogus, kennemerland_mini
):

    echt = maak(db, mini_catalogus)
    with pytest.raises(StoreFout, match="bevat al 1 meting; de demo vult alleen een lege"):
        vul_demo(db, kennemerland_mini)
    eerste = vul_demo(db, kennemerland_mini, opnieuw=True)
    tweede = vul_demo(db, kennemerland_mini, opnieuw=True)
    assert len(eerste) == len(tweede) == 4
    assert {m.uuid for m in eerste} == {m.uuid for m in tweede}  # replaced, not doubled
    assert len(opslag.metingen(db)) == 5
    assert opslag.meting(db, echt.id) == echt


def test_the_demo_needs_the_kennemerland_region(db, mini_catalogus):
    with pytest.raises(StoreFout, match="heeft regio Kennemerland nodig"):
        vul_demo(db, mini_catalogus)


def test_demo_command_says_what_it_made_and_how_to_start(tmp_path, echte_catalogus):
    pad = tmp_path / "demo.db"
    resultaat = CliRunner().invoke(main, ["demo", "--db", str(pad)])
    assert resultaat.exit_code == 0, resultaat.output
    assert "DEMO – 0-meting 2021 IJmond" in resultaat.output
    assert "DEMO – Vervolgmeting 2022 IJmond" in resultaat.output
    assert f"zelfscan serve --db {pad}" in resultaat.output
    nogmaals = CliRunner().invoke(main, ["demo", "--db", str(pad)])
    assert nogmaals.exit_code == 1 and "--opnieuw" in nogmaals.output
    assert "Traceback" not in nogmaals.output
