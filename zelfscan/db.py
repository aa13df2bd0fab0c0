"""The SQLite database file: opening it safely, its schema versions, and write transactions.

One file holds every meting. It is created and upgraded automatically the first time it is
opened, so a facilitator never runs a setup step. The schema version lives in
``PRAGMA user_version``; each migration takes the database one version up, in one transaction, so
an older database upgrades without loss and a failed upgrade leaves it as it was.

No Flask here: the web app and the CLI both call :func:`open_db`.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from .errors import DatabaseFout

# Marks the file as a zelfscan database ('ZSCN'), so a stranger's SQLite file with a
# user_version of its own is recognised as not ours instead of being "upgraded".
APPLICATION_ID = 0x5A53434E

BUSY_TIMEOUT_MS = 5000


def default_db_path() -> Path:
    """``ZELFSCAN_DB`` when set, else ``instance/zelfscan.db`` under the current directory."""
    env = os.environ.get("ZELFSCAN_DB")
    return Path(env) if env else Path.cwd() / "instance" / "zelfscan.db"


def utc_now() -> str:
    """A timestamp as stored everywhere: UTC, ISO-8601, whole seconds."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (and if needed create and upgrade) the database at ``path``.

    Every call makes a new connection. The web app calls this once per request and closes it on
    teardown: a connection is never shared between threads. ``check_same_thread=False`` only
    allows a WSGI server to close the connection from another thread than the one that opened
    it; it does not make sharing safe, and nothing here shares.
    """
    path = Path(path)
    if path.is_dir():
        raise DatabaseFout(
            f"{path} is een map, geen databasebestand. Geef een bestandsnaam op, "
            f"bijvoorbeeld {path / 'zelfscan.db'}."
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as fout:
        raise DatabaseFout(
            f"De map {path.parent} kan niet worden gemaakt ({fout.strerror}). "
            "Kies met --db of ZELFSCAN_DB een map waarin u mag schrijven."
        ) from None
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    except sqlite3.Error as fout:
        raise _vertaal(fout, path) from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # WAL: readers never block the writer, so a report can be built during a session.
        # The first statement that touches the file is also where "not a database" shows.
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        # FULL: an answer the app acknowledged survives a crash or a power cut, not only a
        # crash of the app. The cost (an fsync per save) is invisible at the pace of a session.
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        db = sqlite_utils.Database(conn)
        migrate(db, _naam=path)
    except sqlite3.Error as fout:
        conn.close()
        raise _vertaal(fout, path) from None
    except BaseException:
        conn.close()
        raise
    return db


# --- write transactions ---------------------------------------------------------------------


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One write = one transaction: all of it is stored, or none of it.

    ``BEGIN IMMEDIATE`` takes the write lock up front. A deferred transaction that first reads
    (the version check, the status of the meting) and then writes would fail with SQLITE_BUSY
    at once when another connection wrote in between, without waiting for busy_timeout; taking
    the lock first makes concurrent saves wait their turn and makes the read-check-write
    sequence atomic. Nested use becomes a savepoint inside the outer transaction.

    SQLite errors a person can act on (read-only file, full disk, locked) become
    :class:`DatabaseFout` with a Dutch message; since the transaction is rolled back, nothing is
    half-written.
    """
    conn = db.conn
    if conn.in_transaction:
        conn.execute("SAVEPOINT zelfscan_write")
        try:
            yield db
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK TO zelfscan_write")
                conn.execute("RELEASE zelfscan_write")
            raise
        conn.execute("RELEASE zelfscan_write")
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as fout:
        raise _vertaal(fout) from None
    try:
        yield db
        conn.execute("COMMIT")
    except sqlite3.OperationalError as fout:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        vertaald = _vertaal(fout)
        if isinstance(vertaald, DatabaseFout):
            raise vertaald from None
        raise
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _vertaal(fout: sqlite3.Error, path: Path | None = None) -> Exception:
    """A Dutch :class:`DatabaseFout` for the SQLite errors a person can do something about."""
    tekst = str(fout).lower()
    bestand = f" ({path})" if path else ""
    if "file is not a database" in tekst or "file is encrypted" in tekst:
        return DatabaseFout(
            f"Het bestand{bestand} is geen zelfscan-database (geen SQLite-"
            "database). Controleer het pad, of kies met --db een ander bestand."
        )
    if "readonly" in tekst or "read-only" in tekst:
        return DatabaseFout(
            f"De database{bestand} is alleen-lezen: er is niets opgeslagen. "
            "Controleer de rechten op het bestand en de map, of kies met --db een "
            "plek waar u mag schrijven."
        )
    if "disk is full" in tekst or "database or disk is full" in tekst:
        return DatabaseFout(
            f"De schijf is vol{bestand}: de laatste wijziging is niet opgeslagen. "
            "Maak ruimte vrij en sla opnieuw op."
        )
    if "database is locked" in tekst or "database is busy" in tekst:
        return DatabaseFout(
            f"De database{bestand} is bezet door een ander programma; de "
            "wijziging is niet opgeslagen. Probeer het over een paar seconden "
            "opnieuw."
        )
    if "unable to open" in tekst:
        return DatabaseFout(
            f"De database{bestand} kan niet worden geopend. Controleer of de map "
            "bestaat en of u er mag schrijven."
        )
    if "disk i/o error" in tekst:
        return DatabaseFout(
            f"Lezen of schrijven van de database{bestand} mislukte (schijffout). "
            "Controleer de schijf of de netwerkverbinding en probeer opnieuw."
        )
    if path is not None:
        return DatabaseFout(f"De database {path} kan niet worden gebruikt: {fout}.")
    return fout


# --- schema versions ------------------------------------------------------------------------

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

        -- Facilitator accounts (zelfscan.gebruikers) and failed logins, for throttling.
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
    as JSON (see ``store.bewaar_tellingen``); reopening sets it back to NULL. NULL always means
    "count live", so a meting without stored counts is only slower, never wrong.
    """
    # Late import: the store imports this module. Counting and the JSON form are the store's,
    # so what this step stores is exactly what the store would store when closing the meting.
    from . import store
    from .loader import vragenlijst_uit_json

    db.execute("ALTER TABLE metingen ADD COLUMN tellingen TEXT")
    # How many answers each meting can hold: gemeenten × vragen of its own snapshot.
    vragen: dict[str, int] = {}
    cellen: dict[int, int] = {}
    for meting_id, hash_, tekst, gemeenten in db.execute(
        "SELECT m.id, m.vragenlijst_hash, s.json, "
        "(SELECT count(*) FROM meting_gemeenten g WHERE g.meting_id = m.id) "
        "FROM metingen m LEFT JOIN vragenlijst_snapshots s ON s.hash = m.vragenlijst_hash "
        "WHERE m.status = 'afgerond' ORDER BY m.id"
    ).fetchall():
        if hash_ not in vragen:
            # A missing or damaged snapshot: leave NULL; reading the meting reports the damage.
            intact = (
                tekst is not None and hashlib.sha256(tekst.encode("utf-8")).hexdigest() == hash_
            )
            vragen[hash_] = len(vragenlijst_uit_json(tekst).vragen) if intact else -1
        if vragen[hash_] >= 0:
            cellen[meting_id] = gemeenten * vragen[hash_]
    store.bewaar_tellingen(db, cellen)


MIGRATIES: list[Migratie] = [
    _migratie_1,
    _migratie_2,
    _migratie_3,
    _migratie_4,
    _migratie_5,
    _migratie_6,
    _migratie_7,
]
SCHEMA_VERSIE = len(MIGRATIES)


def schema_versie(db: sqlite_utils.Database) -> int:
    return db.conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: sqlite_utils.Database, tot: int | None = None, *, _naam: Path | None = None) -> int:
    """Bring the schema up to version ``tot`` (default: the newest); returns the version.

    Safe when two processes open a new database at once: each step takes the write lock and
    re-reads the version under it, so a step never runs twice.
    """
    doel = SCHEMA_VERSIE if tot is None else tot
    naam = f" ({_naam})" if _naam else ""
    versie = schema_versie(db)
    app_id = db.conn.execute("PRAGMA application_id").fetchone()[0]
    if versie > 0 and app_id != APPLICATION_ID:
        raise DatabaseFout(
            f"Het bestand{naam} is een SQLite-database, maar geen zelfscan-"
            "database. Kies met --db een ander bestand."
        )
    if versie > SCHEMA_VERSIE:
        raise DatabaseFout(
            f"Deze database{naam} is gemaakt met een nieuwere versie van zelfscan (schemaversie "
            f"{versie}; deze versie kent tot en met {SCHEMA_VERSIE}). Werk zelfscan bij, of "
            "kies met --db een andere database. Er is niets gewijzigd."
        )
    if versie == 0 and db.table_names():
        raise DatabaseFout(
            f"Het bestand{naam} is een SQLite-database van een ander programma "
            "(het bevat al tabellen). Kies met --db een ander bestand."
        )
    while versie < doel:
        with write_transaction(db):
            versie = schema_versie(db)
            if versie >= doel:
                break
            MIGRATIES[versie](db)
            versie += 1
            # user_version is part of the transaction: a failed step leaves the old version.
            db.execute(f"PRAGMA user_version = {versie}")
    return versie
