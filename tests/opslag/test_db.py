"""The database file: created on first use, upgraded without loss, refused with a Dutch message
when it is not ours or too new, safe with one connection per thread."""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import date
from pathlib import Path

import pytest
import sqlite_utils

from tests.store_fixtures import NOORD, maak, mini, tijdelijke_db
from zelfscan import opslag
from zelfscan.errors import DatabaseFout
from zelfscan.inlezen.loader import vragenlijst_uit_data
from zelfscan.opslag import verbinding
from zelfscan.opslag.migraties import APPLICATION_ID, SCHEMA_VERSIE
from zelfscan.opslag.verbinding import default_db_path, migrate, open_db, schema_versie


@pytest.fixture
def mini_catalogus():
    return mini()


@pytest.fixture
def db(tmp_path):
    yield from tijdelijke_db(tmp_path)


@pytest.fixture
def meting(db, mini_catalogus):
    return maak(db, mini_catalogus)


def pragma(db, naam: str):
    return db.conn.execute(f"PRAGMA {naam}").fetchone()[0]


def test_first_use_creates_folders_file_and_schema(tmp_path):
    pad = tmp_path / "nieuw" / "map" / "zelfscan.db"
    db = open_db(pad)
    try:
        assert pad.is_file()
        assert schema_versie(db) == SCHEMA_VERSIE >= 2
        assert pragma(db, "application_id") == APPLICATION_ID
        assert pragma(db, "journal_mode") == "wal"
        assert pragma(db, "synchronous") == 2  # FULL
        assert pragma(db, "foreign_keys") == 1
        assert pragma(db, "busy_timeout") == 5000
        assert {
            "metingen",
            "meting_gemeenten",
            "antwoorden",
            "thema_notities",
            "deelnemers",
            "ambities",
            "logboek",
        } <= set(db.table_names())
    finally:
        db.conn.close()


def test_reopening_keeps_the_data_and_runs_nothing_twice(tmp_path, mini_catalogus):
    pad = tmp_path / "zelfscan.db"
    db = open_db(pad)
    m = maak(db, mini_catalogus)
    opslag.sla_antwoord(db, m.id, "GM9001", "visie-1", 2, wie="fien")
    db.conn.close()
    db = open_db(pad)
    assert opslag.antwoorden(db, m.id)[("GM9001", "visie-1")].waarde == 2
    assert schema_versie(db) == SCHEMA_VERSIE
    db.conn.close()


def _bouw_versie_1(pad: Path, catalogus) -> None:
    """A database as the first schema version made it, with data written the v1 way."""
    db = sqlite_utils.Database(pad)
    assert migrate(db, tot=1) == 1
    assert "overgenomen" not in db["antwoorden"].columns_dict
    lijst = catalogus.vragenlijst("mini-scan")
    with db.conn:
        db.execute(
            "INSERT INTO metingen (id, uuid, titel, regio_id, regio_naam, subregio_id, "
            "subregio_naam, jaar, periode, soort, datum, vragenlijst_id, vragenlijst_versie, "
            "vragenlijst_hash, vragenlijst_json, status, vorige_meting_uuid, huidig_thema, demo, "
            "aangemaakt_op, aangemaakt_door, afgerond_op) VALUES (1, "
            "'0b7f4bb8-3f7e-4a8e-9d0c-1f6f0e0b2c11', 'Oude meting', 'testregio', 'Testregio', "
            "'noord', 'Noord', 2021, NULL, '0-meting', '2021-10-12', ?, ?, ?, ?, 'concept', NULL, "
            "'sturing', 0, '2021-10-01T10:00:00+00:00', 'fien', NULL)",
            [lijst.id, lijst.versie, lijst.hash, lijst.json],
        )
        db.execute(
            "INSERT INTO meting_gemeenten VALUES (1, 'GM9001', 'Aardam', 0), "
            "(1, 'GM9002', 'Bëekhuizen', 1)"
        )
        db.execute(
            "INSERT INTO antwoorden (meting_id, cbs, vraag_id, waarde, toelichting, bespreekpunt, "
            "versie, waarde_versie, toelichting_versie, bespreekpunt_versie, gewijzigd_op, "
            "gewijzigd_door) VALUES (1, 'GM9001', 'visie-1', '3', 'Geborgd sinds 2020', 1, 2, "
            "1, 2, 1, '2021-10-12T08:00:00+00:00', 'fien'), (1, 'GM9002', 'visie-1', 'weet_niet', "
            "'', 0, 1, 1, 0, 0, '2021-10-12T08:01:00+00:00', 'fien')"
        )
        db.execute(
            "INSERT INTO thema_notities VALUES (1, 'visie', 'Goed gesprek', 1, "
            "'2021-10-12T08:05:00+00:00', 'fien')"
        )
        db.execute(
            "INSERT INTO logboek (meting_id, tijd, wie, actie, details) VALUES "
            "(1, '2021-10-01T10:00:00+00:00', 'fien', 'aangemaakt', '')"
        )
    db.conn.close()


def test_a_version_1_database_upgrades_without_loss(tmp_path, mini_catalogus):
    pad = tmp_path / "v1.db"
    _bouw_versie_1(pad, mini_catalogus)

    db = open_db(pad)
    try:
        assert schema_versie(db) == SCHEMA_VERSIE
        assert db["antwoorden"].columns_dict["overgenomen"] is int
        assert {"logboek_per_meting", "deelnemers_per_meting"} <= {
            i.name for t in ("logboek", "deelnemers") for i in db[t].indexes
        }
        m = opslag.meting(db, 1)
        assert (m.titel, m.huidig_thema, m.vragenlijst.hash) == (
            "Oude meting",
            "sturing",
            mini_catalogus.vragenlijst("mini-scan").hash,
        )
        antwoorden = opslag.antwoorden(db, 1)
        oud = antwoorden[("GM9001", "visie-1")]
        assert (oud.waarde, oud.toelichting, oud.bespreekpunt, oud.versie, oud.overgenomen) == (
            3,
            "Geborgd sinds 2020",
            True,
            2,
            False,
        )
        assert antwoorden[("GM9002", "visie-1")].waarde == "weet_niet"
        assert opslag.notities(db, 1)[("visie", None)].tekst == "Goed gesprek"
        assert [r.actie for r in opslag.logboek(db, 1)] == ["aangemaakt"]
        # The optimistic check still works on upgraded rows.
        nieuw = opslag.sla_antwoord(db, 1, "GM9001", "visie-1", 1, verwachte_versie=2, wie="joost")
        assert nieuw.versie == 3
    finally:
        db.conn.close()


def test_a_version_5_database_keeps_one_copy_of_each_snapshot(tmp_path, mini_catalogus):
    """Migration 6: the snapshot text moves out of every meting row into one row per hash;
    where one meting's copy was damaged and another's intact, the intact text is kept."""
    pad = tmp_path / "v5.db"
    db = sqlite_utils.Database(pad)
    assert migrate(db, tot=5) == 5
    lijst = mini_catalogus.vragenlijst("mini-scan")
    data = json.loads(lijst.json)
    data["titel"] = "Mini-scan, herziene tekst"
    anders = vragenlijst_uit_data(data)
    beschadigd = lijst.json.replace("Nee", "Ja")
    assert beschadigd != lijst.json
    with db.conn:
        for i, (v, tekst) in enumerate(
            [(lijst, beschadigd), (lijst, lijst.json), (anders, anders.json), (lijst, lijst.json)],
            1,
        ):
            db.execute(
                "INSERT INTO metingen (id, uuid, titel, regio_id, regio_naam, subregio_id, "
                "subregio_naam, jaar, soort, datum, vragenlijst_id, vragenlijst_versie, "
                "vragenlijst_hash, vragenlijst_json, status, aangemaakt_op, aangemaakt_door) "
                "VALUES (?, ?, ?, 'testregio', 'Testregio', 'noord', 'Noord', ?, '0-meting', "
                "?, ?, ?, ?, ?, 'concept', '2021-10-01T10:00:00+00:00', 'fien')",
                [
                    i,
                    f"uuid-{i}",
                    f"Meting {i}",
                    2020 + i,
                    f"{2020 + i}-10-12",
                    v.id,
                    v.versie,
                    v.hash,
                    tekst,
                ],
            )
            db.execute("INSERT INTO meting_gemeenten VALUES (?, 'GM9001', 'Aardam', 0)", [i])
        db.execute(
            "INSERT INTO antwoorden (meting_id, cbs, vraag_id, waarde, versie, gewijzigd_op, "
            "gewijzigd_door) VALUES (3, 'GM9001', 'visie-1', '2', 1, "
            "'2023-10-12T08:00:00+00:00', 'fien')"
        )
    db.conn.close()
    opslag.vergeet_snapshots()  # read what the upgraded file holds, not what this process parsed

    db = open_db(pad)
    try:
        assert schema_versie(db) == SCHEMA_VERSIE
        assert "vragenlijst_json" not in db["metingen"].columns_dict
        assert dict(db.execute("SELECT hash, json FROM vragenlijst_snapshots").fetchall()) == {
            lijst.hash: lijst.json,
            anders.hash: anders.json,
        }
        assert [(m.id, m.vragenlijst.titel) for m in opslag.metingen(db)] == [
            (1, lijst.titel),
            (2, lijst.titel),
            (3, "Mini-scan, herziene tekst"),
            (4, lijst.titel),
        ]
        assert opslag.antwoorden(db, 3)[("GM9001", "visie-1")].waarde == 2
    finally:
        db.conn.close()


def test_a_version_6_database_gets_the_counts_of_its_afgeronde_metingen(tmp_path, mini_catalogus):
    """Migration 7: every afgeronde meting gets the counts a live count gives; a concept meting
    keeps NULL (counted live)."""
    pad = tmp_path / "v6.db"
    db = sqlite_utils.Database(pad)
    assert migrate(db, tot=6) == 6
    lijst = mini_catalogus.vragenlijst("mini-scan")
    vragen = [v.id for v in lijst.vragen]
    alle = [(cbs, v) for cbs in NOORD for v in vragen]
    # id -> (status, answers as (cbs, vraag_id, waarde, overgenomen))
    metingen = {
        1: ("afgerond", [(cbs, v, "2", 0) for cbs, v in alle]),  # complete
        2: (
            "afgerond",
            [
                ("GM9001", "visie-1", "3", 0),
                ("GM9002", "visie-1", "weet_niet", 0),
                ("GM9002", "meldcode-1", None, 0),  # cleared
            ],
        ),
        # Every answer copied from last year, five not confirmed yet.
        3: ("afgerond", [(cbs, v, "1", int(i < 5)) for i, (cbs, v) in enumerate(alle)]),
        4: ("concept", [("GM9001", "visie-1", "1", 0)]),
        5: ("afgerond", []),  # closed without a single answer
    }
    with db.conn:
        db.execute(
            "INSERT INTO vragenlijst_snapshots (hash, json) VALUES (?, ?)", [lijst.hash, lijst.json]
        )
        for i, (status, antwoorden) in metingen.items():
            db.execute(
                "INSERT INTO metingen (id, uuid, titel, regio_id, regio_naam, subregio_id, "
                "subregio_naam, jaar, soort, datum, vragenlijst_id, vragenlijst_versie, "
                "vragenlijst_hash, status, aangemaakt_op, aangemaakt_door, afgerond_op) "
                "VALUES (?, ?, ?, 'testregio', 'Testregio', 'noord', 'Noord', ?, '0-meting', "
                "?, ?, ?, ?, ?, '2021-10-01T10:00:00+00:00', 'fien', ?)",
                [
                    i,
                    f"uuid-{i}",
                    f"Meting {i}",
                    2020 + i,
                    f"{2020 + i}-10-12",
                    lijst.id,
                    lijst.versie,
                    lijst.hash,
                    status,
                    "2021-10-12T12:00:00+00:00" if status == "afgerond" else None,
                ],
            )
            db.execute(
                "INSERT INTO meting_gemeenten VALUES (?, 'GM9001', 'Aardam', 0), "
                "(?, 'GM9002', 'Bëekhuizen', 1)",
                [i, i],
            )
            db.conn.executemany(
                "INSERT INTO antwoorden (meting_id, cbs, vraag_id, waarde, overgenomen, versie, "
                "gewijzigd_op, gewijzigd_door) VALUES (?, ?, ?, ?, ?, 1, "
                "'2021-10-12T08:00:00+00:00', 'fien')",
                [(i, *a) for a in antwoorden],
            )
    db.conn.close()

    db = open_db(pad)
    try:
        assert schema_versie(db) == SCHEMA_VERSIE
        opgeslagen = dict(db.execute("SELECT id, tellingen FROM metingen").fetchall())
        assert [i for i, t in opgeslagen.items() if t is not None] == [1, 2, 3, 5]
        alle_metingen = opslag.metingen(db)
        tellingen = opslag.antwoord_tellingen(db, alle_metingen)
        assert tellingen == opslag.tel_antwoorden(
            db, {m.id: opslag.aantal_cellen(m) for m in alle_metingen}
        )
        assert tellingen[1] == opslag.Tellingen(14, 0, None)
        assert tellingen[2] == opslag.Tellingen(2, 0, {"visie-1": (2, 0)})
        assert tellingen[3].beantwoord == 14 and tellingen[3].onbevestigd == 5
        assert tellingen[3].per_vraag == {
            v: (2, sum(1 for i, (_, w) in enumerate(alle) if w == v and i < 5)) for v in vragen
        }
        assert tellingen[5] == opslag.Tellingen(0, 0, None)
    finally:
        db.conn.close()


def test_a_failed_migration_leaves_the_database_as_it_was(tmp_path, monkeypatch):
    pad = tmp_path / "zelfscan.db"
    open_db(pad).conn.close()

    def kapot(db):
        db.execute("CREATE TABLE halfweg (x)")
        raise RuntimeError("migratie mislukt")

    monkeypatch.setattr(verbinding, "MIGRATIES", [*verbinding.MIGRATIES, kapot])
    monkeypatch.setattr(verbinding, "SCHEMA_VERSIE", SCHEMA_VERSIE + 1)
    with pytest.raises(RuntimeError):
        open_db(pad)
    ruw = sqlite3.connect(pad)
    assert ruw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSIE
    assert not ruw.execute("SELECT 1 FROM sqlite_master WHERE name = 'halfweg'").fetchone()
    ruw.close()


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path):
    pad = tmp_path / "nieuwer.db"
    open_db(pad).conn.close()
    ruw = sqlite3.connect(pad)
    ruw.execute(f"PRAGMA user_version = {SCHEMA_VERSIE + 3}")
    ruw.close()
    with pytest.raises(DatabaseFout) as fout:
        open_db(pad)
    melding = str(fout.value)
    assert "nieuwere versie van zelfscan" in melding
    assert f"schemaversie {SCHEMA_VERSIE + 3}" in melding and "Werk zelfscan bij" in melding
    ruw = sqlite3.connect(pad)
    assert ruw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSIE + 3
    ruw.close()


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path):
    pad = tmp_path / "notities.db"
    inhoud = b"Dit is een tekstbestand met notities, geen database.\n" * 40
    pad.write_bytes(inhoud)
    with pytest.raises(DatabaseFout) as fout:
        open_db(pad)
    assert "geen zelfscan-database" in str(fout.value) and str(pad) in str(fout.value)
    assert pad.read_bytes() == inhoud


def test_another_programs_sqlite_database_is_refused(tmp_path):
    pad = tmp_path / "ander.db"
    ruw = sqlite3.connect(pad)
    ruw.execute("CREATE TABLE klanten (naam TEXT)")
    ruw.commit()
    ruw.close()
    with pytest.raises(DatabaseFout, match="ander programma"):
        open_db(pad)
    ruw = sqlite3.connect(pad)
    ruw.execute("PRAGMA user_version = 4")
    ruw.close()
    with pytest.raises(DatabaseFout, match="geen zelfscan-database"):
        open_db(pad)


def test_a_folder_is_not_a_database_file(tmp_path):
    with pytest.raises(DatabaseFout, match="is een map"):
        open_db(tmp_path)


def test_default_path_comes_from_the_environment_or_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("ZELFSCAN_DB", str(tmp_path / "elders.db"))
    assert default_db_path() == tmp_path / "elders.db"
    monkeypatch.delenv("ZELFSCAN_DB")
    monkeypatch.chdir(tmp_path)
    assert default_db_path() == tmp_path / "instance" / "zelfscan.db"


@pytest.mark.parametrize("ronde", range(15))
def test_concurrent_first_use_migrates_once(tmp_path, ronde):
    # Eight connections open one new file at once. Once in ~60 rounds this used to fail: the
    # switch to WAL answered "locked" without waiting, and a connection that read version 0
    # just before another committed the schema took the file for a stranger's database.
    pad = tmp_path / "gelijktijdig.db"
    fouten, versies = [], []

    def open_en_sluit():
        try:
            db = open_db(pad)
            versies.append(schema_versie(db))
            db.conn.close()
        except Exception as fout:  # pragma: no cover - reported below
            fouten.append(fout)

    draden = [threading.Thread(target=open_en_sluit) for _ in range(8)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    assert fouten == [] and versies == [SCHEMA_VERSIE] * 8


def test_one_connection_per_thread_concurrent_saves_all_land(tmp_path, mini_catalogus):
    """As under a multi-threaded WSGI server: each request opens its own connection."""
    pad = tmp_path / "zelfscan.db"
    db = open_db(pad)
    m = maak(db, mini_catalogus)
    vragen = [v.id for v in m.vragenlijst.vragen]
    fouten = []

    def sessie(cbs: str, waarde: int):
        try:
            for vraag in vragen:
                eigen = open_db(pad)  # one connection per request
                opslag.sla_antwoord(eigen, m.id, cbs, vraag, waarde, wie=cbs)
                opslag.sla_notitie(eigen, m.id, "visie", f"{cbs} {vraag}", wie=cbs)
                eigen.conn.close()
        except Exception as fout:  # pragma: no cover - reported below
            fouten.append(fout)

    draden = [threading.Thread(target=sessie, args=(cbs, i + 1)) for i, cbs in enumerate(NOORD)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    assert fouten == []
    antwoorden = opslag.antwoorden(db, m.id)
    assert len(antwoorden) == len(vragen) * len(NOORD)
    assert {a.waarde for (cbs, _), a in antwoorden.items() if cbs == "GM9002"} == {2}
    assert opslag.notities(db, m.id)[("visie", None)].versie == 2 * len(vragen)
    db.conn.close()


def test_a_read_only_database_gives_a_dutch_error_and_stores_nothing(db, meting):
    db.conn.execute("PRAGMA query_only = ON")  # SQLite then answers as for a read-only file
    with pytest.raises(DatabaseFout) as fout:
        opslag.sla_antwoord(db, meting.id, "GM9001", "visie-1", 2, wie="fien")
    assert "alleen-lezen" in str(fout.value) and "niets opgeslagen" in str(fout.value)
    db.conn.execute("PRAGMA query_only = OFF")
    assert opslag.antwoorden(db, meting.id) == {}
    assert not db.conn.in_transaction


def test_a_full_disk_gives_a_dutch_error_and_stores_nothing(db, meting):
    paginas = pragma(db, "page_count")
    db.conn.execute(f"PRAGMA max_page_count = {paginas}")  # as if the disk were full
    with pytest.raises(DatabaseFout) as fout:
        opslag.sla_notitie(db, meting.id, "visie", "Lange notitie. " * 600, wie="fien")
    assert "schijf is vol" in str(fout.value) and "opnieuw" in str(fout.value)
    assert opslag.notities(db, meting.id) == {}
    assert not db.conn.in_transaction


def test_a_locked_database_gives_a_dutch_error(tmp_path, mini_catalogus):
    pad = tmp_path / "zelfscan.db"
    db = open_db(pad)
    m = maak(db, mini_catalogus)
    ander = sqlite3.connect(pad)
    ander.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    db.conn.execute("PRAGMA busy_timeout = 50")
    with pytest.raises(DatabaseFout, match="bezet door een ander programma"):
        opslag.sla_antwoord(db, m.id, "GM9001", "visie-1", 2, wie="fien")
    ander.rollback()
    ander.close()
    assert opslag.sla_antwoord(db, m.id, "GM9001", "visie-1", 2, wie="fien").versie == 1
    db.conn.close()


def test_dates_are_stored_as_iso_and_timestamps_as_utc_seconds(db, meting):
    rij = db.execute(
        "SELECT datum, aangemaakt_op FROM metingen WHERE id = ?", [meting.id]
    ).fetchone()
    assert rij[0] == date(2021, 10, 12).isoformat()
    assert rij[1].endswith("+00:00") and len(rij[1]) == len("2021-10-12T08:00:00+00:00")
