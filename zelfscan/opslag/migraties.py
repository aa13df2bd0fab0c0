"""The schema versions of the database, each step frozen.

A step takes the database one version up (see ``verbinding.migrate``, which runs each in its own
transaction). Every step is plain SQL and this module's own helpers, never today's store or
loader: the upgrade of a database made years ago must do exactly what it did when the step was
written, whatever the rest of the code has become since. A new schema change is a new step at
the end; an old step is never edited.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable

import sqlite_utils

from ..errors import DatabaseFout

# Marks the file as a zelfscan database ('ZSCN'), so a stranger's SQLite file with a
# user_version of its own is recognised as not ours instead of being "upgraded".
APPLICATION_ID = 0x5A53434E


Migratie = Callable[[sqlite_utils.Database], None]


def _migratie_1(db: sqlite_utils.Database) -> None:
    """The first schema. Plain DDL because sqlite-utils' create() cannot express CHECKs."""
    db.executescript(
        """
        CREATE TABLE metingen (
            id INTEGER PRIMARY KEY,
            -- The identity across databases: export and import match metingen by uuid.
            uuid TEXT NOT NULL UNIQUE,
            titel TEXT NOT NULL,
            regio_id TEXT NOT NULL,
            regio_naam TEXT NOT NULL,
            subregio_id TEXT NOT NULL,
            subregio_naam TEXT NOT NULL,
            jaar INTEGER NOT NULL,
            periode TEXT,
            soort TEXT NOT NULL CHECK (soort IN ('0-meting', 'vervolgmeting')),
            datum TEXT NOT NULL,
            -- The exact vragenlijst this meting was run with (Vragenlijst.json and its sha256),
            -- so its questions and report never change when the data file changes.
            vragenlijst_id TEXT NOT NULL,
            vragenlijst_versie TEXT NOT NULL,
            vragenlijst_hash TEXT NOT NULL,
            vragenlijst_json TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'concept' CHECK (status IN ('concept', 'afgerond')),
            -- By uuid, not by local id: the link survives export/import in any order, and a
            -- vervolgmeting can be imported without its 0-meting.
            vorige_meting_uuid TEXT,
            huidig_thema TEXT,
            demo INTEGER NOT NULL DEFAULT 0,
            aangemaakt_op TEXT NOT NULL,
            aangemaakt_door TEXT NOT NULL,
            afgerond_op TEXT
        );

        -- The gemeenten taking part, as they were named when the meting was made.
        CREATE TABLE meting_gemeenten (
            meting_id INTEGER NOT NULL REFERENCES metingen(id) ON DELETE CASCADE,
            cbs TEXT NOT NULL,
            naam TEXT NOT NULL,
            volgorde INTEGER NOT NULL,
            PRIMARY KEY (meting_id, cbs)
        );

        CREATE TABLE antwoorden (
            meting_id INTEGER NOT NULL REFERENCES metingen(id) ON DELETE CASCADE,
            cbs TEXT NOT NULL,
            vraag_id TEXT NOT NULL,
            -- NULL = cleared (not answered); '0', '1', … = a level; 'weet_niet'; 'nvt'.
            waarde TEXT,
            toelichting TEXT NOT NULL DEFAULT '',
            bespreekpunt INTEGER NOT NULL DEFAULT 0,
            -- Row version for the optimistic check, +1 on every change. The *_versie columns
            -- hold the row version at which that field last changed, so saves of different
            -- fields merge and only a save over a field someone else changed is refused.
            versie INTEGER NOT NULL,
            waarde_versie INTEGER NOT NULL DEFAULT 0,
            toelichting_versie INTEGER NOT NULL DEFAULT 0,
            bespreekpunt_versie INTEGER NOT NULL DEFAULT 0,
            gewijzigd_op TEXT NOT NULL,
            gewijzigd_door TEXT NOT NULL,
            PRIMARY KEY (meting_id, cbs, vraag_id),
            FOREIGN KEY (meting_id, cbs) REFERENCES meting_gemeenten(meting_id, cbs)
                ON DELETE CASCADE
        );

        CREATE TABLE thema_notities (
            meting_id INTEGER NOT NULL REFERENCES metingen(id) ON DELETE CASCADE,
            thema_id TEXT NOT NULL,
            tekst TEXT NOT NULL DEFAULT '',
            versie INTEGER NOT NULL,
            gewijzigd_op TEXT NOT NULL,
            gewijzigd_door TEXT NOT NULL,
            PRIMARY KEY (meting_id, thema_id)
        );

        -- Who took part: organisation and role; a name only when someone wants it recorded.
        CREATE TABLE deelnemers (
            id INTEGER PRIMARY KEY,
            meting_id INTEGER NOT NULL REFERENCES metingen(id) ON DELETE CASCADE,
            organisatie TEXT NOT NULL,
            rol TEXT NOT NULL,
            naam TEXT,
            cbs TEXT
        );

        CREATE TABLE ambities (
            meting_id INTEGER NOT NULL REFERENCES metingen(id) ON DELETE CASCADE,
            cbs TEXT NOT NULL,
            thema_id TEXT NOT NULL,
            niveau INTEGER NOT NULL,
            tekst TEXT NOT NULL DEFAULT '',
            versie INTEGER NOT NULL,
            gewijzigd_op TEXT NOT NULL,
            gewijzigd_door TEXT NOT NULL,
            PRIMARY KEY (meting_id, cbs, thema_id),
            FOREIGN KEY (meting_id, cbs) REFERENCES meting_gemeenten(meting_id, cbs)
                ON DELETE CASCADE
        );

        -- Facilitator accounts (zelfscan.opslag.gebruikers) and failed logins, for throttling.
        CREATE TABLE gebruikers (
            id INTEGER PRIMARY KEY,
            naam TEXT NOT NULL,
            wachtwoord_hash TEXT NOT NULL,
            aangemaakt_op TEXT NOT NULL
        );
        CREATE UNIQUE INDEX gebruikers_naam ON gebruikers (lower(naam));

        CREATE TABLE inlogpogingen (
            id INTEGER PRIMARY KEY,
            naam TEXT NOT NULL,
            adres TEXT NOT NULL DEFAULT '',
            tijd TEXT NOT NULL
        );
        CREATE INDEX inlogpogingen_tijd ON inlogpogingen (tijd);

        CREATE TABLE logboek (
            id INTEGER PRIMARY KEY,
            meting_id INTEGER NOT NULL REFERENCES metingen(id) ON DELETE CASCADE,
            tijd TEXT NOT NULL,
            wie TEXT NOT NULL,
            actie TEXT NOT NULL,
            details TEXT NOT NULL DEFAULT ''
        );
        """
    )
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _migratie_2(db: sqlite_utils.Database) -> None:
    """Pre-filled answers, and indexes for the per-meting lists.

    ``overgenomen`` = 1: the answer was copied from the previous meting and nobody confirmed it
    yet in this session; saving the answer confirms it. Existing answers were all given in a
    session, hence the default 0.
    """
    db["antwoorden"].add_column("overgenomen", int, not_null_default=0)
    db["logboek"].create_index(["meting_id", "id"], index_name="logboek_per_meting")
    db["deelnemers"].create_index(["meting_id", "id"], index_name="deelnemers_per_meting")


def _migratie_3(db: sqlite_utils.Database) -> None:
    # What the projector may show: the thema whose per-gemeente scores the facilitator revealed.
    # Presentation state of the moment, not part of the meting, so not exported.
    db.execute(
        """CREATE TABLE presentatie (
            meting_id INTEGER PRIMARY KEY REFERENCES metingen(id) ON DELETE CASCADE,
            onthuld_thema TEXT
        )"""
    )


def _migratie_4(db: sqlite_utils.Database) -> None:
    # Private links for gemeenten: only a hash of the token is kept, so a copy of the database
    # does not hand out working links.
    db.execute(
        """CREATE TABLE gemeente_links (
            id INTEGER PRIMARY KEY,
            meting_id INTEGER NOT NULL REFERENCES metingen(id) ON DELETE CASCADE,
            cbs TEXT NOT NULL,
            token_hash TEXT NOT NULL UNIQUE,
            aangemaakt_op TEXT NOT NULL,
            aangemaakt_door TEXT NOT NULL,
            verloopt_op TEXT,
            ingetrokken_op TEXT,
            laatst_gebruikt_op TEXT,
            FOREIGN KEY (meting_id, cbs) REFERENCES meting_gemeenten(meting_id, cbs)
        )"""
    )
    db.execute("CREATE INDEX gemeente_links_per_meting ON gemeente_links (meting_id, cbs)")


def _migratie_5(db: sqlite_utils.Database) -> None:
    # Progress over many metingen (the overview) counts answers per meting and per vraag in
    # SQLite: this partial index covers those counts, so they read the index only.
    db.execute(
        "CREATE INDEX antwoorden_voortgang ON antwoorden (meting_id, vraag_id, overgenomen) "
        "WHERE waarde IS NOT NULL"
    )


def _migratie_6(db: sqlite_utils.Database) -> None:
    """Each distinct vragenlijst snapshot stored once, keyed by its sha256.

    Every meting held its own ~70 kB copy of the same text in the middle of its row: half the
    database was copies of one text, and reading the columns after it (status, afgerond_op)
    made SQLite follow a chain of overflow pages per meting, which made listing 860 metingen
    take ~40 ms. ``metingen.vragenlijst_hash`` now names the row in ``vragenlijst_snapshots``.
    """
    if sqlite3.sqlite_version_info < (3, 35):
        raise DatabaseFout(
            f"Deze database bijwerken vraagt SQLite 3.35 of nieuwer; deze Python gebruikt SQLite "
            f"{sqlite3.sqlite_version}. Werk Python bij. Er is niets gewijzigd."
        )
    db.execute("CREATE TABLE vragenlijst_snapshots (hash TEXT PRIMARY KEY, json TEXT NOT NULL)")
    # Per hash, a copy whose text still matches it: a damaged copy in one meting is not
    # taken over when another meting holds the intact text. When no copy matches, the first is
    # kept, and reading the meting reports the damage as before.
    gekozen: dict[str, str] = {}
    intact: set[str] = set()
    for hash_, tekst in db.execute(
        "SELECT vragenlijst_hash, vragenlijst_json FROM metingen ORDER BY id"
    ):
        if hash_ in intact:
            continue
        if hashlib.sha256(tekst.encode("utf-8")).hexdigest() == hash_:
            gekozen[hash_] = tekst
            intact.add(hash_)
        else:
            gekozen.setdefault(hash_, tekst)
    db.conn.executemany(
        "INSERT INTO vragenlijst_snapshots (hash, json) VALUES (?, ?)", gekozen.items()
    )
    db.execute("ALTER TABLE metingen DROP COLUMN vragenlijst_json")


def _migratie_7(db: sqlite_utils.Database) -> None:
    """The progress counts of each afgeronde meting, stored once.

    The overview counted every meting's answers on each view (~75 ms for a national database of
    860 metingen, most of them afgerond). An afgeronde meting refuses every write until it is
    reopened, so its counts can be kept from the moment it is closed: ``tellingen`` holds them
    as JSON; reopening sets it back to NULL. NULL always means "count live", so a meting without
    stored counts is only slower, never wrong.

    Frozen: plain SQL and this module's own helpers, so a later change to the store or the
    loader can never change what this step does to an old database. The JSON written here is
    the form ``opslag.tellingen`` reads; a test checks that the two agree.
    """
    db.execute("ALTER TABLE metingen ADD COLUMN tellingen TEXT")
    vragen: dict[str, int] = {}
    for meting_id, hash_, tekst, gemeenten in db.execute(
        "SELECT m.id, m.vragenlijst_hash, s.json, "
        "(SELECT count(*) FROM meting_gemeenten g WHERE g.meting_id = m.id) "
        "FROM metingen m LEFT JOIN vragenlijst_snapshots s ON s.hash = m.vragenlijst_hash "
        "WHERE m.status = 'afgerond' ORDER BY m.id"
    ).fetchall():
        if hash_ not in vragen:
            # A missing or damaged snapshot: leave NULL; reading the meting reports the damage.
            vragen[hash_] = _aantal_vragen_7(tekst, hash_)
        if vragen[hash_] < 0:
            continue
        cellen = gemeenten * vragen[hash_]
        beantwoord, onbevestigd = db.execute(
            "SELECT count(*), coalesce(sum(overgenomen), 0) FROM antwoorden "
            "WHERE meting_id = ? AND waarde IS NOT NULL",
            [meting_id],
        ).fetchone()
        per_vraag = None
        # As the store counts: per vraag only for a meting that is partly answered.
        if beantwoord and (onbevestigd or beantwoord < cellen):
            per_vraag = {
                vraag_id: [n, o]
                for vraag_id, n, o in db.execute(
                    "SELECT vraag_id, count(*), sum(overgenomen) FROM antwoorden "
                    "WHERE meting_id = ? AND waarde IS NOT NULL GROUP BY vraag_id",
                    [meting_id],
                ).fetchall()
            }
        db.execute(
            "UPDATE metingen SET tellingen = ? WHERE id = ?",
            [
                json.dumps(
                    {"beantwoord": beantwoord, "onbevestigd": onbevestigd, "per_vraag": per_vraag},
                    separators=(",", ":"),
                ),
                meting_id,
            ],
        )


def _aantal_vragen_7(tekst: str | None, hash_: str) -> int:
    """The number of vragen in a snapshot as stored at schema version 7, or -1 when the
    snapshot is missing or damaged."""
    if tekst is None or hashlib.sha256(tekst.encode("utf-8")).hexdigest() != hash_:
        return -1
    data = json.loads(tekst)
    return sum(len(t["vragen"]) for o in data["onderdelen"] for t in o["themas"])


def _migratie_8(db: sqlite_utils.Database) -> None:
    """Roles per regio, accounts that can be disabled, sessions that can be ended.

    A user is a ``beheerder`` (every regio, manages users) or a ``gespreksleider`` for the
    regio's in ``gebruiker_regios``. Before this step every user could do everything, so every
    existing user becomes a beheerder; a new row defaults to the narrow role. ``actief`` = 0
    refuses login and ends the sessions; ``sessie_generatie`` is written into each session and
    raised on logout, a new password and disabling, which ends every session of that user.
    Failed logins get indexes for the per-name and per-address counts of the throttle.
    """
    # One statement at a time: executescript would commit the step's transaction first.
    for sql in [
        "ALTER TABLE gebruikers ADD COLUMN rol TEXT NOT NULL DEFAULT 'gespreksleider' "
        "CHECK (rol IN ('beheerder', 'gespreksleider'))",
        "ALTER TABLE gebruikers ADD COLUMN actief INTEGER NOT NULL DEFAULT 1 "
        "CHECK (actief IN (0, 1))",
        "ALTER TABLE gebruikers ADD COLUMN sessie_generatie INTEGER NOT NULL DEFAULT 0",
        "UPDATE gebruikers SET rol = 'beheerder'",
        "CREATE TABLE gebruiker_regios ("
        " gebruiker_id INTEGER NOT NULL REFERENCES gebruikers(id) ON DELETE CASCADE,"
        " regio_id TEXT NOT NULL,"
        " PRIMARY KEY (gebruiker_id, regio_id)"
        ") WITHOUT ROWID",
        "CREATE INDEX inlogpogingen_naam ON inlogpogingen (naam, tijd)",
        "CREATE INDEX inlogpogingen_adres ON inlogpogingen (adres, tijd)",
    ]:
        db.execute(sql)


def _migratie_9(db: sqlite_utils.Database) -> None:
    """Notes for one gemeente, and ambities with who and by when (issue 16).

    A thema note was one per thema for the whole subregio; now a thema can also have a note
    per gemeente (``cbs``; NULL = for every gemeente), which only that gemeente's report and
    link page carry. The primary key (meting_id, thema_id) cannot change in place, so the table
    is made anew; every existing note becomes a note for all (NULL). NULLs are distinct in a
    UNIQUE index, hence the key over ``coalesce(cbs, '')``: one note for all per thema.

    An ambitie gets ``wie`` (a role or team) and ``wanneer`` (a date or a quarter, normalised
    by the store); existing ambities keep everything and have neither (NULL).
    """
    for sql in [
        "CREATE TABLE thema_notities_9 ("
        " meting_id INTEGER NOT NULL REFERENCES metingen(id) ON DELETE CASCADE,"
        " thema_id TEXT NOT NULL,"
        " cbs TEXT,"
        " tekst TEXT NOT NULL DEFAULT '',"
        " versie INTEGER NOT NULL,"
        " gewijzigd_op TEXT NOT NULL,"
        " gewijzigd_door TEXT NOT NULL,"
        " FOREIGN KEY (meting_id, cbs) REFERENCES meting_gemeenten(meting_id, cbs)"
        " ON DELETE CASCADE"
        ")",
        "INSERT INTO thema_notities_9 (meting_id, thema_id, cbs, tekst, versie, gewijzigd_op,"
        " gewijzigd_door) SELECT meting_id, thema_id, NULL, tekst, versie, gewijzigd_op,"
        " gewijzigd_door FROM thema_notities ORDER BY meting_id, thema_id",
        "DROP TABLE thema_notities",
        "ALTER TABLE thema_notities_9 RENAME TO thema_notities",
        "CREATE UNIQUE INDEX thema_notities_sleutel"
        " ON thema_notities (meting_id, thema_id, coalesce(cbs, ''))",
        "ALTER TABLE ambities ADD COLUMN wie TEXT",
        "ALTER TABLE ambities ADD COLUMN wanneer TEXT",
    ]:
        db.execute(sql)


def _migratie_10(db: sqlite_utils.Database) -> None:
    # The vraag the room is on, beside the revealed thema: the projector scrolls to it and a
    # reload (or another window) finds it again. Presentation state, like onthuld_thema: not
    # part of the meting, not exported.
    db.execute("ALTER TABLE presentatie ADD COLUMN vraag TEXT")


def _migratie_11(db: sqlite_utils.Database) -> None:
    """Everyone in the room answers: participation by code, votes apart from the answers.

    ``deelnames``: each time the facilitator opens participation for a meting, with its code;
    closing sets ``gesloten_op`` and the code no longer opens anything (only an open row is
    found by code). ``versie`` goes up with every vote, settlement and reveal, so the screens
    that poll see a change without reading the votes. ``onthuld_thema``: the thema whose
    anonymous spread the projector may show.

    ``stemmers``: a participant by a random pseudonym, never a name; ``cbs`` NULL means
    regiobreed. ``stemmen``: one vote per participant, gemeente and vraag (a regiobreed vote is
    one row in each gemeente it counts for). ``stembesluiten``: the answer the facilitator
    settled from the votes; a vote on a settled gemeente and vraag is refused.
    """
    for sql in [
        "CREATE TABLE deelnames ("
        " id INTEGER PRIMARY KEY,"
        " meting_id INTEGER NOT NULL REFERENCES metingen(id) ON DELETE CASCADE,"
        " code TEXT NOT NULL,"
        " geopend_op TEXT NOT NULL,"
        " geopend_door TEXT NOT NULL,"
        " gesloten_op TEXT,"
        " versie INTEGER NOT NULL DEFAULT 0,"
        " onthuld_thema TEXT"
        ")",
        "CREATE UNIQUE INDEX deelnames_open_code ON deelnames (code) WHERE gesloten_op IS NULL",
        "CREATE UNIQUE INDEX deelnames_open_meting ON deelnames (meting_id) "
        "WHERE gesloten_op IS NULL",
        "CREATE TABLE stemmers ("
        " meting_id INTEGER NOT NULL REFERENCES metingen(id) ON DELETE CASCADE,"
        " id TEXT NOT NULL,"
        " deelname_id INTEGER REFERENCES deelnames(id) ON DELETE SET NULL,"
        " cbs TEXT,"
        " organisatie TEXT NOT NULL DEFAULT '',"
        " rol TEXT NOT NULL DEFAULT '',"
        " aangemaakt_op TEXT NOT NULL,"
        " PRIMARY KEY (meting_id, id),"
        " FOREIGN KEY (meting_id, cbs) REFERENCES meting_gemeenten(meting_id, cbs) ON DELETE CASCADE"
        ")",
        "CREATE TABLE stemmen ("
        " meting_id INTEGER NOT NULL,"
        " stemmer TEXT NOT NULL,"
        " cbs TEXT NOT NULL,"
        " vraag_id TEXT NOT NULL,"
        " waarde TEXT NOT NULL,"
        " tijd TEXT NOT NULL,"
        " PRIMARY KEY (meting_id, vraag_id, cbs, stemmer),"
        " FOREIGN KEY (meting_id, stemmer) REFERENCES stemmers(meting_id, id) ON DELETE CASCADE,"
        " FOREIGN KEY (meting_id, cbs) REFERENCES meting_gemeenten(meting_id, cbs) ON DELETE CASCADE"
        ")",
        "CREATE INDEX stemmen_per_stemmer ON stemmen (meting_id, stemmer)",
        "CREATE TABLE stembesluiten ("
        " meting_id INTEGER NOT NULL,"
        " cbs TEXT NOT NULL,"
        " vraag_id TEXT NOT NULL,"
        " waarde TEXT NOT NULL,"
        " voorstel TEXT,"
        " stemmen INTEGER NOT NULL,"
        " tijd TEXT NOT NULL,"
        " wie TEXT NOT NULL,"
        " PRIMARY KEY (meting_id, cbs, vraag_id),"
        " FOREIGN KEY (meting_id, cbs) REFERENCES meting_gemeenten(meting_id, cbs) ON DELETE CASCADE"
        ")",
    ]:
        db.execute(sql)


MIGRATIES: list[Migratie] = [
    _migratie_1,
    _migratie_2,
    _migratie_3,
    _migratie_4,
    _migratie_5,
    _migratie_6,
    _migratie_7,
    _migratie_8,
    _migratie_9,
    _migratie_10,
    _migratie_11,
]
SCHEMA_VERSIE = len(MIGRATIES)
