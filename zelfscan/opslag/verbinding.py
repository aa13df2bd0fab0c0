"""The SQLite database file: opening it safely, its schema versions, and write transactions.

One file holds every meting. It is created and upgraded automatically the first time it is
opened, so a facilitator never runs a setup step. The schema version lives in
``PRAGMA user_version``; each migration takes the database one version up, in one transaction, so
an older database upgrades without loss and a failed upgrade leaves it as it was.

No Flask here: the web app and the CLI both call :func:`open_db`.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from ..errors import DatabaseFout, NietSchrijfbaar
from .migraties import APPLICATION_ID, MIGRATIES, SCHEMA_VERSIE

BUSY_TIMEOUT_MS = 5000
_log = logging.getLogger(__name__)

#: Set to 1 to serve a database for reading only: a copy on a USB stick, a backup on a share, a
#: file the web server's user may not write. SQLite then opens the file read-only (``mode=ro``),
#: pages that only show work, and every save answers with :class:`NietSchrijfbaar`.
ALLEEN_LEZEN_VARIABELE = "ZELFSCAN_ALLEEN_LEZEN"


def alleen_lezen_gevraagd() -> bool:
    """Whether ``ZELFSCAN_ALLEEN_LEZEN`` asks to open the database read-only."""
    return os.environ.get(ALLEEN_LEZEN_VARIABELE, "").strip().lower() in ("1", "ja", "true")


def default_db_path() -> Path:
    """``ZELFSCAN_DB`` when set, else ``instance/zelfscan.db`` under the current directory."""
    env = os.environ.get("ZELFSCAN_DB")
    return Path(env) if env else Path.cwd() / "instance" / "zelfscan.db"


def utc_now() -> str:
    """A timestamp as stored everywhere: UTC, ISO-8601, whole seconds."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def open_db(path: str | Path, *, alleen_lezen: bool | None = None) -> sqlite_utils.Database:
    """Open (and if needed create and upgrade) the database at ``path``.

    ``alleen_lezen`` (default: :data:`ALLEEN_LEZEN_VARIABELE`) opens an existing file
    read-only: SQLite itself refuses every write, exactly as for a file the process may not
    write, so nothing here is pretend. Such a database is never created or upgraded.

    Every call makes a new connection. The web app calls this once per request and closes it on
    teardown: a connection is never shared between threads. ``check_same_thread=False`` only
    allows a WSGI server to close the connection from another thread than the one that opened
    it; it does not make sharing safe, and nothing here shares.
    """
    path = Path(path)
    if alleen_lezen is None:
        alleen_lezen = alleen_lezen_gevraagd()
    if path.is_dir():
        raise DatabaseFout(
            f"{path} is een map, geen databasebestand. Geef een bestandsnaam op, "
            f"bijvoorbeeld {path / 'zelfscan.db'}."
        )
    if alleen_lezen and not path.is_file():
        raise DatabaseFout(
            f"De database {path} bestaat niet; alleen-lezen ({ALLEEN_LEZEN_VARIABELE}) opent "
            "alleen een bestaand bestand. Controleer het pad."
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as fout:
        raise DatabaseFout(
            f"De map {path.parent} kan niet worden gemaakt ({fout.strerror}). "
            "Kies met --db of ZELFSCAN_DB een map waarin u mag schrijven."
        ) from None
    try:
        if alleen_lezen:
            adres = "file:" + urllib.parse.quote(str(path.resolve())) + "?mode=ro"
            conn = sqlite3.connect(
                adres, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
            )
        else:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    except sqlite3.Error as fout:
        raise _vertaal(fout, path) from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # WAL: readers never block the writer, so a report can be built during a session.
        # The first statement that touches the file is also where "not a database" shows.
        if not alleen_lezen:
            _zet_wal(conn)
        else:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        # FULL: an answer the app acknowledged survives a crash or a power cut, not only a
        # crash of the app. The cost (an fsync per save) is invisible at the pace of a session.
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        # No sqlite-utils plugins: whatever else is installed may not hook into the
        # connections that hold the metingen, and looking for plugins (every installed
        # package's entry points) cost the first request of each process ~10-30 ms.
        db = sqlite_utils.Database(conn, execute_plugins=False)
        # Remembered on the connection's object, so a refused write can say it was on purpose.
        db.zelfscan_alleen_lezen = alleen_lezen
        if alleen_lezen and schema_versie(db) != SCHEMA_VERSIE:
            raise DatabaseFout(
                f"De database {path} heeft schemaversie {schema_versie(db)}; deze versie van "
                f"zelfscan werkt met {SCHEMA_VERSIE}. Alleen-lezen ({ALLEEN_LEZEN_VARIABELE}) "
                "kan haar niet bijwerken: open haar één keer zonder alleen-lezen."
            )
        migrate(db, _naam=path)
    except sqlite3.Error as fout:
        conn.close()
        raise _vertaal(fout, path) from None
    except BaseException:
        conn.close()
        raise
    return db


def _zet_wal(conn: sqlite3.Connection) -> None:
    """Switch the file to WAL, waiting for other connections as any write would.

    Turning a new file into a WAL database needs an exclusive lock, and SQLite answers "database
    is locked" at once instead of calling the busy handler when several processes open a new
    database together; so wait here, up to the same busy timeout.
    """
    einde = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            return
        except sqlite3.OperationalError as fout:
            if "locked" not in str(fout) or time.monotonic() > einde:
                raise
            time.sleep(0.01)


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
        raise _vertaal(fout, _pad(conn), bewust=_bewust(db)) from None
    try:
        yield db
        conn.execute("COMMIT")
    except sqlite3.OperationalError as fout:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        vertaald = _vertaal(fout, _pad(conn), bewust=_bewust(db))
        if isinstance(vertaald, DatabaseFout):
            raise vertaald from None
        raise
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def schrijf_als_het_kan(db: sqlite_utils.Database, wat: str, schrijf: Callable[[], object]) -> bool:
    """A write a page that only shows may skip: ``schrijf()`` in :func:`write_transaction`,
    except that a database that cannot be written (read-only, full disk:
    :class:`NietSchrijfbaar`) is logged as a warning and the page carries on; returns whether it
    was stored. For bookkeeping only (where a session is, when a link was last used), never for
    anything a person typed or expects to be stored. (A function, not a context manager: a
    context manager cannot skip its body when ``BEGIN`` itself fails.)"""
    try:
        with write_transaction(db):
            schrijf()
    except NietSchrijfbaar as fout:
        _log.warning("%s is niet opgeslagen: %s", wat, fout)
        return False
    return True


def _bewust(db: sqlite_utils.Database) -> bool:
    """Whether :func:`open_db` opened ``db`` read-only on purpose."""
    return bool(getattr(db, "zelfscan_alleen_lezen", False))


def _pad(conn: sqlite3.Connection) -> Path | None:
    """The file behind ``conn``, to name it in a message; None for an in-memory database."""
    try:
        rijen = conn.execute("PRAGMA database_list").fetchall()
    except sqlite3.Error:
        return None
    return next((Path(r[2]) for r in rijen if r[1] == "main" and r[2]), None)


def _zonder_schrijfrecht(path: Path) -> list[Path]:
    """The database's files that exist and that nobody may write (no ``w`` bit at all).

    Looking at the mode bits, not ``os.access``: as root every file passes ``os.access``,
    while a 0444 ``-shm`` left behind by a read-only run still makes SQLite open read-only.
    """
    gevonden = []
    for kandidaat in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), path.parent):
        try:
            if not kandidaat.stat().st_mode & 0o222:
                gevonden.append(kandidaat)
        except OSError:
            continue
    return gevonden


def _alleen_lezen_melding(path: Path | None, bewust: bool) -> str:
    if path is None:
        return (
            "De database is alleen-lezen: er is niets opgeslagen. Controleer de rechten op het "
            "bestand, de bijbehorende -wal- en -shm-bestanden en de map."
        )
    melding = (
        f"De database {path} is alleen-lezen: er is niets opgeslagen. Zelfscan moet kunnen "
        f"schrijven in dat bestand, in {path.name}-wal en {path.name}-shm ernaast (SQLite maakt "
        f"die zelf) en in de map {path.parent}."
    )
    if bewust:
        return (
            f"{melding} Zelfscan opent de database nu bewust alleen-lezen "
            f"({ALLEEN_LEZEN_VARIABELE}); zet die uit om op te slaan."
        )
    if vast := _zonder_schrijfrecht(path):
        namen = ", ".join(str(p) for p in vast)
        melding += (
            f" Geen schrijfrecht op: {namen}. Geef daar schrijfrecht (bijvoorbeeld chmod u+w); "
            "een -shm-bestand dat na een periode zonder schrijfrecht alleen-lezen is gebleven, "
            "mag u ook verwijderen terwijl zelfscan niet draait."
        )
    else:
        melding += (
            " Controleer de rechten op deze bestanden en de map (ook een -shm-bestand dat na "
            "een periode zonder schrijfrecht alleen-lezen is gebleven), of kies met --db een "
            "plek waar u mag schrijven."
        )
    return melding


def _vertaal(fout: sqlite3.Error, path: Path | None = None, *, bewust: bool = False) -> Exception:
    """A Dutch :class:`DatabaseFout` for the SQLite errors a person can do something about."""
    tekst = str(fout).lower()
    bestand = f" ({path})" if path else ""
    if "file is not a database" in tekst or "file is encrypted" in tekst:
        return DatabaseFout(
            f"Het bestand{bestand} is geen zelfscan-database (geen SQLite-"
            "database). Controleer het pad, of kies met --db een ander bestand."
        )
    if "readonly" in tekst or "read-only" in tekst:
        return NietSchrijfbaar(_alleen_lezen_melding(path, bewust))
    if "disk is full" in tekst or "database or disk is full" in tekst:
        return NietSchrijfbaar(
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
            "bestaat en of u er mag schrijven: SQLite maakt naast het bestand een -wal- en een "
            "-shm-bestand en moet die kunnen lezen of aanmaken."
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


def schema_versie(db: sqlite_utils.Database) -> int:
    return db.conn.execute("PRAGMA user_version").fetchone()[0]


def _vreemd(db: sqlite_utils.Database) -> bool:
    """Tables but no schema version: a stranger's database, unless another connection created
    our schema between our reading the version and the tables. Look again under the write lock,
    where both are read at one moment."""
    with write_transaction(db):
        return schema_versie(db) == 0 and bool(db.table_names())


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
    if versie == 0 and db.table_names() and _vreemd(db):
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
