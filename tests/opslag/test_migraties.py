"""The schema steps (zelfscan.opslag.migraties), each from the database it was written for.

- A database left at any older schema version, filled the way that version stored things,
  opens with everything in it intact, read back through today's store.
- Migration 7's stored progress counts are what the store counts live, in every kind of
  afgeronde meting; a missing or damaged snapshot leaves them NULL (counted live).
- The steps are frozen: migraties.py imports nothing of zelfscan but its exceptions, so no step
  can call today's store or loader.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
import sqlite_utils
from werkzeug import security

from tests.store_fixtures import mini
from zelfscan import opslag
from zelfscan.errors import DatabaseFout
from zelfscan.inlezen.loader import vragenlijst_uit_data
from zelfscan.inlezen.model import Gemeente
from zelfscan.opslag import gebruikers, gemeentelinks
from zelfscan.opslag.migraties import SCHEMA_VERSIE
from zelfscan.opslag.tellingen import tellingen_uit_json
from zelfscan.opslag.verbinding import migrate, open_db, schema_versie

LIJST = mini().vragenlijst("mini-scan")
VRAGEN = [v.id for v in LIJST.vragen]
GEMEENTEN = {"GM9001": "Aardam", "GM9002": "Bëekhuizen"}
WACHTWOORD = "een-lang-wachtwoord"
TOKEN = "token-van-de-link-voor-beekhuizen"
INGETROKKEN_TOKEN = "token-van-een-ingetrokken-link"
T0 = "2021-10-12T08:00:00+00:00"


def oude_db(pad: Path, versie: int) -> sqlite_utils.Database:
    """A database left at schema ``versie``, opened as open_db opens one but not upgraded."""
    conn = sqlite3.connect(pad)
    conn.execute("PRAGMA journal_mode = WAL").fetchone()
    conn.execute("PRAGMA foreign_keys = ON")  # the rows below must be valid as then
    conn.execute("PRAGMA synchronous = OFF")  # only while building it: the test stays fast
    db = sqlite_utils.Database(conn)
    assert migrate(db, tot=versie) == versie
    return db


def voeg_in(db, tabel: str, *rijen: dict) -> None:
    """Plain INSERTs naming their columns, so a column the version lacks fails loudly."""
    for rij in rijen:
        kolommen = ", ".join(rij)
        vraagtekens = ", ".join("?" for _ in rij)
        db.execute(f"INSERT INTO {tabel} ({kolommen}) VALUES ({vraagtekens})", list(rij.values()))


def heropen_db(pad: Path) -> sqlite_utils.Database:
    # Parsed snapshots are cached per process by hash: forget them, so what is read is what
    # the upgraded file holds.
    opslag.vergeet_snapshots()
    return open_db(pad)


def meting_rij(versie: int, snapshot: str | None = LIJST.json, **velden) -> dict:
    """A metingen row as schema ``versie`` holds it: before version 6 with the snapshot text in
    the row itself."""
    rij = {
        "uuid": f"uuid-{velden['id']}",
        "titel": f"Meting {velden['id']}",
        "regio_id": "testregio",
        "regio_naam": "Testregio",
        "subregio_id": "noord",
        "subregio_naam": "Noord",
        "jaar": 2021,
        "soort": "0-meting",
        "datum": "2021-10-12",
        "vragenlijst_id": LIJST.id,
        "vragenlijst_versie": LIJST.versie,
        "vragenlijst_hash": LIJST.hash,
        "status": "concept",
        "aangemaakt_op": "2021-10-01T10:00:00+00:00",
        "aangemaakt_door": "fien",
        **velden,
    }
    if versie < 6:
        rij["vragenlijst_json"] = snapshot
    return rij


def opgeslagen_tellingen(db, meting_id: int) -> str | None:
    return db.execute("SELECT tellingen FROM metingen WHERE id = ?", [meting_id]).fetchone()[0]


def schema(db) -> list[tuple]:
    return db.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
    ).fetchall()


# --- 1. every older version upgrades without loss ---------------------------------------------

AFGEROND_ID, CONCEPT_ID = 7, 9  # not 1 and 2: ids must survive as they are

METINGEN = [
    {
        "id": AFGEROND_ID,
        "uuid": "0b7f4bb8-3f7e-4a8e-9d0c-1f6f0e0b2c11",
        "titel": "0-meting 2021 Noord",
        "periode": "najaar",
        "status": "afgerond",
        "huidig_thema": "meldcode",
        "demo": 0,
        "afgerond_op": "2021-10-12T15:30:00+00:00",
    },
    {
        "id": CONCEPT_ID,
        "uuid": "5d2c0e1a-7b1f-4c55-a0d9-8e3f7d6a9b42",
        "titel": "Vervolgmeting 2022 Noord",
        "jaar": 2022,
        "periode": None,
        "soort": "vervolgmeting",
        "datum": "2022-04-05",
        "vorige_meting_uuid": "0b7f4bb8-3f7e-4a8e-9d0c-1f6f0e0b2c11",
        "huidig_thema": "sturing",
        "demo": 1,
        "aangemaakt_op": "2022-03-20T09:15:00+00:00",
        "aangemaakt_door": "joost",
    },
]


def antwoord_rij(meting_id, cbs, vraag_id, waarde, overgenomen=0, **velden) -> dict:
    return {
        "meting_id": meting_id,
        "cbs": cbs,
        "vraag_id": vraag_id,
        "waarde": waarde,
        "toelichting": "",
        "bespreekpunt": 0,
        "versie": 1,
        "waarde_versie": 1,
        "toelichting_versie": 0,
        "bespreekpunt_versie": 0,
        "gewijzigd_op": T0,
        "gewijzigd_door": "fien",
        "overgenomen": overgenomen,
        **velden,
    }


ANTWOORDEN = [
    # The afgeronde meting, partly answered: levels, weet niet, n.v.t., and one cleared.
    antwoord_rij(
        AFGEROND_ID,
        "GM9001",
        "visie-1",
        "3",
        toelichting="Geborgd sinds 2020",
        bespreekpunt=1,
        versie=3,
        toelichting_versie=2,
        bespreekpunt_versie=3,
    ),
    antwoord_rij(AFGEROND_ID, "GM9001", "visie-2", "2"),
    antwoord_rij(AFGEROND_ID, "GM9001", "sturing-1", "weet_niet"),
    antwoord_rij(AFGEROND_ID, "GM9001", "sturing-2", "nvt", toelichting="Geen eigen beleid"),
    antwoord_rij(AFGEROND_ID, "GM9001", "sturing-3", "0"),
    antwoord_rij(
        AFGEROND_ID,
        "GM9001",
        "meldcode-1",
        None,
        toelichting="Eerst uitzoeken",
        versie=2,
        waarde_versie=2,
        toelichting_versie=2,
    ),
    antwoord_rij(AFGEROND_ID, "GM9001", "meldcode-2", "1", gewijzigd_door="joost"),
    antwoord_rij(AFGEROND_ID, "GM9002", "visie-1", "1"),
    antwoord_rij(AFGEROND_ID, "GM9002", "visie-2", "weet_niet"),
    # The concept vervolgmeting: two answers copied from last year, one of them confirmed.
    antwoord_rij(CONCEPT_ID, "GM9001", "visie-1", "3", overgenomen=1),
    antwoord_rij(CONCEPT_ID, "GM9001", "visie-2", "2", versie=2, waarde_versie=2),
    antwoord_rij(CONCEPT_ID, "GM9002", "visie-1", "nvt", overgenomen=1),
]

NOTITIES = [
    {
        "meting_id": AFGEROND_ID,
        "thema_id": "visie",
        "tekst": "Goed gesprek over de visie.\nActie: nota in de raad.",
        "versie": 3,
        "gewijzigd_op": T0,
        "gewijzigd_door": "fien",
    },
    {
        "meting_id": CONCEPT_ID,
        "thema_id": "sturing",
        "tekst": "Regie ligt bij de wethouder",
        "versie": 1,
        "gewijzigd_op": "2022-04-05T09:00:00+00:00",
        "gewijzigd_door": "joost",
    },
]

DEELNEMERS = [
    {"id": 4, "meting_id": AFGEROND_ID, "organisatie": "Gemeente Aardam", "rol": "beleid"}
    | {"naam": "Anna de Vries", "cbs": "GM9001"},
    {"id": 5, "meting_id": AFGEROND_ID, "organisatie": "GGD", "rol": "jeugdarts"}
    | {"naam": None, "cbs": None},
    {"id": 6, "meting_id": CONCEPT_ID, "organisatie": "Veilig Thuis", "rol": "teamleider"}
    | {"naam": None, "cbs": "GM9002"},
]

AMBITIES = [
    {"meting_id": AFGEROND_ID, "cbs": "GM9001", "thema_id": "visie", "niveau": 3}
    | {
        "tekst": "Over twee jaar geborgd",
        "versie": 1,
        "gewijzigd_op": T0,
        "gewijzigd_door": "fien",
    },
    {"meting_id": AFGEROND_ID, "cbs": "GM9002", "thema_id": "meldcode", "niveau": 2}
    | {"tekst": "", "versie": 2, "gewijzigd_op": T0, "gewijzigd_door": "joost"},
]

LOGBOEK = [
    {"id": 1, "meting_id": AFGEROND_ID, "tijd": "2021-10-01T10:00:00+00:00", "wie": "fien"}
    | {"actie": "aangemaakt", "details": "0-meting 2021 Noord; gemeenten: Aardam, Bëekhuizen"},
    {"id": 2, "meting_id": AFGEROND_ID, "tijd": "2021-10-12T15:30:00+00:00", "wie": "fien"}
    | {"actie": "afgerond", "details": "8 van 14 antwoorden ingevuld"},
    {"id": 3, "meting_id": CONCEPT_ID, "tijd": "2022-03-20T09:15:00+00:00", "wie": "joost"}
    | {"actie": "aangemaakt", "details": ""},
]

LINKS = [
    {"id": 3, "meting_id": AFGEROND_ID, "cbs": "GM9002", "token": TOKEN}
    | {"aangemaakt_op": "2021-10-13T08:00:00+00:00", "aangemaakt_door": "fien"}
    | {"verloopt_op": None, "ingetrokken_op": None},
    {"id": 5, "meting_id": AFGEROND_ID, "cbs": "GM9001", "token": INGETROKKEN_TOKEN}
    | {"aangemaakt_op": "2021-10-13T08:01:00+00:00", "aangemaakt_door": "fien"}
    | {"verloopt_op": "2031-10-13T08:01:00+00:00", "ingetrokken_op": "2021-10-14T10:00:00+00:00"},
]


@functools.cache
def wachtwoord_hash() -> str:
    # A real werkzeug hash, but a cheap kind: scrypt would spend ~0.2 s per login below.
    return security.generate_password_hash(WACHTWOORD, method="pbkdf2:sha256:1000")


def vul(db, versie: int) -> None:
    """Everything a facilitator's database holds, written as schema ``versie`` stored it."""
    with db.conn:
        if versie >= 6:
            voeg_in(db, "vragenlijst_snapshots", {"hash": LIJST.hash, "json": LIJST.json})
        for rij in METINGEN:
            voeg_in(db, "metingen", meting_rij(versie, **rij))
            voeg_in(
                db,
                "meting_gemeenten",
                *(
                    {"meting_id": rij["id"], "cbs": cbs, "naam": naam, "volgorde": i}
                    for i, (cbs, naam) in enumerate(GEMEENTEN.items())
                ),
            )
        # Version 1 had no overgenomen: every answer was given in a session.
        voeg_in(
            db,
            "antwoorden",
            *(
                {k: w for k, w in a.items() if versie >= 2 or k != "overgenomen"}
                for a in ANTWOORDEN
            ),
        )
        voeg_in(db, "thema_notities", *NOTITIES)
        voeg_in(db, "deelnemers", *DEELNEMERS)
        voeg_in(db, "ambities", *AMBITIES)
        voeg_in(db, "logboek", *LOGBOEK)
        voeg_in(
            db,
            "gebruikers",
            {"id": 1, "naam": "Fien", "wachtwoord_hash": wachtwoord_hash(), "aangemaakt_op": T0}
            # From version 8 on a role is stored; the first account is a beheerder.
            | ({"rol": "beheerder"} if versie >= 8 else {}),
        )
        voeg_in(db, "inlogpogingen", {"naam": "joost", "adres": "10.0.0.8", "tijd": T0})
        if versie >= 3:
            voeg_in(db, "presentatie", {"meting_id": AFGEROND_ID, "onthuld_thema": "visie"})
        if versie >= 4:
            voeg_in(
                db,
                "gemeente_links",
                *(
                    {k: w for k, w in link.items() if k != "token"}
                    | {"token_hash": hashlib.sha256(link["token"].encode()).hexdigest()}
                    for link in LINKS
                ),
            )


def verwachte_meting(rij: dict, versie: int) -> opslag.Meting:
    rij = meting_rij(versie, **rij)
    vorige = rij.get("vorige_meting_uuid")
    return opslag.Meting(
        id=rij["id"],
        uuid=rij["uuid"],
        titel=rij["titel"],
        regio_id="testregio",
        regio_naam="Testregio",
        subregio_id="noord",
        subregio_naam="Noord",
        jaar=rij["jaar"],
        periode=rij["periode"],
        soort=rij["soort"],
        datum=date.fromisoformat(rij["datum"]),
        vragenlijst_id=LIJST.id,
        vragenlijst_versie=LIJST.versie,
        vragenlijst_hash=LIJST.hash,
        status=rij["status"],
        vorige_meting_uuid=vorige,
        vorige_meting_id=AFGEROND_ID if vorige else None,
        huidig_thema=rij["huidig_thema"],
        demo=bool(rij["demo"]),
        aangemaakt_op=rij["aangemaakt_op"],
        aangemaakt_door=rij["aangemaakt_door"],
        afgerond_op=rij.get("afgerond_op"),
        gemeenten=tuple(Gemeente(cbs=c, naam=n) for c, n in GEMEENTEN.items()),
        vragenlijst=LIJST,
    )


def verwachte_antwoorden(meting_id: int, versie: int) -> dict:
    return {
        (a["cbs"], a["vraag_id"]): opslag.Antwoord(
            cbs=a["cbs"],
            vraag_id=a["vraag_id"],
            waarde=opslag.waarde_uit_opslag(a["waarde"]),
            toelichting=a["toelichting"],
            bespreekpunt=bool(a["bespreekpunt"]),
            overgenomen=bool(a["overgenomen"]) and versie >= 2,
            versie=a["versie"],
            gewijzigd_op=a["gewijzigd_op"],
            gewijzigd_door=a["gewijzigd_door"],
        )
        for a in ANTWOORDEN
        if a["meting_id"] == meting_id
    }


@pytest.fixture(scope="module")
def lege_db_schema(tmp_path_factory) -> list[tuple]:
    db = open_db(tmp_path_factory.mktemp("nieuw") / "nieuw.db")
    try:
        return schema(db)
    finally:
        db.conn.close()


@pytest.mark.parametrize("versie", range(1, SCHEMA_VERSIE))
def test_a_database_of_every_older_version_upgrades_without_loss(tmp_path, versie, lege_db_schema):
    pad = tmp_path / f"v{versie}.db"
    db = oude_db(pad, versie)
    vul(db, versie)
    db.conn.close()

    db = heropen_db(pad)
    try:
        assert schema_versie(db) == SCHEMA_VERSIE
        # The same schema as a database made today, and no row broken on the way.
        assert schema(db) == lege_db_schema
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []

        metingen = opslag.metingen(db)
        assert metingen == [verwachte_meting(rij, versie) for rij in METINGEN]
        for m in metingen:
            # The snapshot itself, not a copy of today's data file: text and hash.
            assert m.vragenlijst == LIJST and m.vragenlijst.json == LIJST.json
            assert opslag.meting(db, m.id) == m
            assert opslag.antwoorden(db, m.id) == verwachte_antwoorden(m.id, versie)
            assert opslag.notities(db, m.id) == {
                n["thema_id"]: opslag.Notitie(
                    n["thema_id"], n["tekst"], n["versie"], n["gewijzigd_op"], n["gewijzigd_door"]
                )
                for n in NOTITIES
                if n["meting_id"] == m.id
            }
            assert opslag.deelnemers(db, m.id) == [
                opslag.Deelnemer(d["id"], d["organisatie"], d["rol"], d["naam"], d["cbs"])
                for d in DEELNEMERS
                if d["meting_id"] == m.id
            ]
            assert opslag.ambities(db, m.id) == {
                (a["cbs"], a["thema_id"]): opslag.Ambitie(
                    **{k: w for k, w in a.items() if k != "meting_id"}
                )
                for a in AMBITIES
                if a["meting_id"] == m.id
            }
            assert opslag.logboek(db, m.id) == [
                opslag.LogRegel(r["tijd"], r["wie"], r["actie"], r["details"])
                for r in LOGBOEK
                if r["meting_id"] == m.id
            ]

        # Progress: the afgeronde meting got its counts stored (migration 7), the concept
        # meting is counted live; both as counted from the answers above. A version-7 row as
        # filled here has no stored counts (NULL: counted live), and later steps leave it so.
        assert (opgeslagen_tellingen(db, AFGEROND_ID) is not None) == (versie < 7)
        assert opgeslagen_tellingen(db, CONCEPT_ID) is None
        onbevestigd = 1 if versie >= 2 else 0
        verwacht = {
            AFGEROND_ID: opslag.Tellingen(
                8,
                0,
                {
                    "visie-1": (2, 0),
                    "visie-2": (2, 0),
                    "sturing-1": (1, 0),
                    "sturing-2": (1, 0),
                    "sturing-3": (1, 0),
                    "meldcode-2": (1, 0),
                },
            ),
            CONCEPT_ID: opslag.Tellingen(
                3, 2 * onbevestigd, {"visie-1": (2, 2 * onbevestigd), "visie-2": (1, 0)}
            ),
        }
        assert opslag.antwoord_tellingen(db, metingen) == verwacht
        assert (
            opslag.tel_antwoorden(db, {m.id: opslag.aantal_cellen(m) for m in metingen}) == verwacht
        )

        assert opslag.onthuld_thema(db, AFGEROND_ID) == ("visie" if versie >= 3 else None)
        assert opslag.onthuld_thema(db, CONCEPT_ID) is None
        if versie >= 4:
            assert gemeentelinks.links(db, AFGEROND_ID) == [
                gemeentelinks.Link(
                    **{k: w for k, w in link.items() if k != "token"}, laatst_gebruikt_op=None
                )
                for link in LINKS
            ]
            assert gemeentelinks.zoek(db, INGETROKKEN_TOKEN) is None
            gevonden = gemeentelinks.zoek(db, TOKEN)
            assert gevonden is not None and (gevonden.id, gevonden.cbs) == (3, "GM9002")
        else:
            assert gemeentelinks.links(db, AFGEROND_ID) == []

        assert db.execute("SELECT naam, adres, tijd FROM inlogpogingen").fetchall() == [
            ("joost", "10.0.0.8", T0)
        ]
        # Before roles everyone could do everything: an existing account becomes a beheerder.
        fien = gebruikers.Gebruiker(1, "Fien", "beheerder", frozenset(), True, 0)
        assert gebruikers.gebruiker(db, 1) == fien
        assert gebruikers.log_in(db, "fien", WACHTWOORD) == fien

        # And the upgraded rows take today's writes: saving a copied answer confirms it (a new
        # row version), with the optimistic check on the row version written then.
        nieuw = opslag.sla_antwoord(
            db, CONCEPT_ID, "GM9001", "visie-1", 2, verwachte_versie=1, wie="fien"
        )
        assert (nieuw.waarde, nieuw.versie, nieuw.overgenomen) == (2, 2, False)
    finally:
        db.conn.close()


# --- 2. migration 7 counts as the store counts --------------------------------------------------

ALLE = [(cbs, v) for cbs in GEMEENTEN for v in VRAGEN]
WAARDEN = ["0", "1", "2", "3", "weet_niet", "nvt"]
# Another text of the same vragenlijst: its own hash and snapshot row.
ANDERS = vragenlijst_uit_data(json.loads(LIJST.json) | {"titel": "Mini-scan, herziene tekst"})

# case -> (status, cbs codes taking part, answers (cbs, vraag_id, waarde, overgenomen),
#          snapshot: "intact" | "beschadigd" | "zoek", the counts a live count gives; None:
#          the meting cannot be read). Counts are stored for an afgeronde meting whose snapshot
#          is intact, and for no other.
GEVALLEN = {
    "volledig": (
        "afgerond",
        GEMEENTEN,
        [(c, v, WAARDEN[i % len(WAARDEN)], 0) for i, (c, v) in enumerate(ALLE)],
        "intact",
        opslag.Tellingen(14, 0, None),
    ),
    "volledig-een-gemeente": (
        "afgerond",
        ["GM9001"],
        [("GM9001", v, "2", 0) for v in VRAGEN],
        "intact",
        opslag.Tellingen(7, 0, None),
    ),
    "deels": (
        "afgerond",
        GEMEENTEN,
        [
            ("GM9001", "visie-1", "3", 0),
            ("GM9002", "visie-1", "weet_niet", 0),
            ("GM9002", "sturing-2", "nvt", 0),
            ("GM9001", "meldcode-1", None, 0),  # cleared: not an answer
        ],
        "intact",
        opslag.Tellingen(3, 0, {"visie-1": (2, 0), "sturing-2": (1, 0)}),
    ),
    "overgenomen": (
        "afgerond",
        GEMEENTEN,
        [(c, v, "1", int(v.startswith("visie"))) for c, v in ALLE],
        "intact",
        opslag.Tellingen(
            14, 4, {v: (2, 2 if v.startswith("visie") else 0) for v in sorted(VRAGEN)}
        ),
    ),
    "geen-antwoorden": ("afgerond", GEMEENTEN, [], "intact", opslag.Tellingen(0, 0, None)),
    "alleen-gewist": (
        "afgerond",
        GEMEENTEN,
        [("GM9001", "visie-1", None, 0), ("GM9002", "visie-2", None, 1)],
        "intact",
        opslag.Tellingen(0, 0, None),
    ),
    "beschadigde-snapshot": (
        "afgerond",
        GEMEENTEN,
        [("GM9001", "visie-1", "2", 0)],
        "beschadigd",
        None,
    ),
    "snapshot-zoek": ("afgerond", GEMEENTEN, [("GM9001", "visie-1", "2", 0)], "zoek", None),
    "concept": (
        "concept",
        GEMEENTEN,
        [("GM9001", "visie-1", "2", 1)],
        "intact",
        opslag.Tellingen(1, 1, {"visie-1": (1, 1)}),
    ),
}
GEVAL_ID, BUUR_ID = 1, 2


def v6_met_geval(pad: Path, status, gemeenten, antwoorden, snapshot) -> None:
    """A version-6 database with the case's meting, and beside it a meting whose answers must
    not be counted with the case's."""
    db = oude_db(pad, 6)
    lijst = LIJST if snapshot == "intact" else ANDERS
    with db.conn:
        voeg_in(db, "vragenlijst_snapshots", {"hash": LIJST.hash, "json": LIJST.json})
        if snapshot == "beschadigd":
            beschadigd = ANDERS.json.replace("Nee", "Ja")
            assert beschadigd != ANDERS.json
            voeg_in(db, "vragenlijst_snapshots", {"hash": ANDERS.hash, "json": beschadigd})
        voeg_in(
            db,
            "metingen",
            meting_rij(
                6,
                id=GEVAL_ID,
                status=status,
                vragenlijst_hash=lijst.hash,
                afgerond_op=T0 if status == "afgerond" else None,
            ),
            meting_rij(6, id=BUUR_ID, jaar=2022),
        )
        for meting_id, cbs_codes in [(GEVAL_ID, gemeenten), (BUUR_ID, GEMEENTEN)]:
            voeg_in(
                db,
                "meting_gemeenten",
                *(
                    {"meting_id": meting_id, "cbs": cbs, "naam": GEMEENTEN[cbs], "volgorde": i}
                    for i, cbs in enumerate(cbs_codes)
                ),
            )
        voeg_in(
            db,
            "antwoorden",
            *(antwoord_rij(GEVAL_ID, c, v, w, overgenomen=o) for c, v, w, o in antwoorden),
            antwoord_rij(BUUR_ID, "GM9001", "visie-1", "1", overgenomen=1),
            antwoord_rij(BUUR_ID, "GM9002", "sturing-1", "3"),
        )
    db.conn.close()


@pytest.mark.parametrize(
    ("status", "gemeenten", "antwoorden", "snapshot", "verwacht"),
    list(GEVALLEN.values()),
    ids=list(GEVALLEN),
)
def test_migration_7_stores_the_counts_the_store_counts_live(
    tmp_path, status, gemeenten, antwoorden, snapshot, verwacht
):
    pad = tmp_path / "v6.db"
    v6_met_geval(pad, status, gemeenten, antwoorden, snapshot)

    db = heropen_db(pad)
    try:
        opgeslagen = opgeslagen_tellingen(db, GEVAL_ID)
        assert opgeslagen_tellingen(db, BUUR_ID) is None  # a concept meting: counted live
        if snapshot != "intact":
            # Left NULL; reading the meting reports the damage, as it did before.
            assert opgeslagen is None
            with pytest.raises(DatabaseFout, match="zoek" if snapshot == "zoek" else "beschadigd"):
                opslag.meting(db, GEVAL_ID)
            return
        m = opslag.meting(db, GEVAL_ID)
        live = opslag.tel_antwoorden(db, {m.id: opslag.aantal_cellen(m)})[m.id]
        # Checked against the expected numbers too, so the two cannot agree on a wrong count.
        assert live == opslag.antwoord_tellingen(db, [m])[m.id] == verwacht
        if status != "afgerond":
            assert opgeslagen is None
            return
        # What migration 7 stored is what opslag.tellingen reads, and what it counts today.
        assert opgeslagen is not None
        assert tellingen_uit_json(opgeslagen) == live
    finally:
        db.conn.close()


# --- 3. the steps are frozen ----------------------------------------------------------------------

MIGRATIES_PY = Path(opslag.__file__).parent / "migraties.py"
TOEGESTAAN = {"zelfscan.errors"}


def zelfscan_imports(bron: str, module: str = "zelfscan.opslag.migraties") -> set[str]:
    """Every zelfscan module ``bron`` imports, anywhere in it (inside functions too), and any
    dynamic import by name."""
    pakket = module.rsplit(".", 1)[0].split(".")
    uit: set[str] = set()
    for knoop in ast.walk(ast.parse(bron)):
        if isinstance(knoop, ast.Import):
            uit |= {a.name for a in knoop.names if a.name.split(".")[0] == "zelfscan"}
        elif isinstance(knoop, ast.ImportFrom):
            if knoop.level:
                basis = ".".join(pakket[: len(pakket) - knoop.level + 1])
                naam = f"{basis}.{knoop.module}" if knoop.module else basis
            else:
                naam = knoop.module or ""
            if naam.split(".")[0] != "zelfscan":
                continue
            if knoop.module is None:  # from .. import opslag: the names are modules
                uit |= {f"{naam}.{a.name}" for a in knoop.names}
            else:
                uit.add(naam)
        elif isinstance(knoop, ast.Name | ast.Attribute):
            naam = knoop.id if isinstance(knoop, ast.Name) else knoop.attr
            if naam in ("__import__", "import_module"):
                uit.add(f"<dynamisch: {naam}>")
    return uit


def test_migrations_import_nothing_of_zelfscan_but_its_errors():
    assert zelfscan_imports(MIGRATIES_PY.read_text(encoding="utf-8")) <= TOEGESTAAN


@pytest.mark.parametrize(
    ("bron", "gevonden"),
    [
        ("from ..errors import DatabaseFout", {"zelfscan.errors"}),
        ("from .. import errors", {"zelfscan.errors"}),
        ("from . import tellingen", {"zelfscan.opslag.tellingen"}),
        ("from .tellingen import tel_antwoorden", {"zelfscan.opslag.tellingen"}),
        ("from .. import opslag", {"zelfscan.opslag"}),
        ("def m(db):\n    from ..inlezen.loader import x", {"zelfscan.inlezen.loader"}),
        ("import zelfscan.opslag.metingtabel", {"zelfscan.opslag.metingtabel"}),
        ("from zelfscan.inlezen import loader", {"zelfscan.inlezen"}),
        ("import importlib\nimportlib.import_module('x')", {"<dynamisch: import_module>"}),
        ("import json\nfrom collections.abc import Callable", set()),
    ],
)
def test_the_import_check_sees_every_kind_of_import(bron, gevonden):
    assert zelfscan_imports(bron) == gevonden
