"""Metingen: creating one, reading them, their snapshot of the vragenlijst, closing and
reopening, and what the projector shows."""

from __future__ import annotations

import hashlib
import json
import uuid as uuid_module
from collections.abc import Iterable, Mapping
from datetime import date, datetime

import sqlite_utils

from ..errors import (
    DatabaseFout,
    MetingAfgerond,
    NietGevonden,
    OngeldigeInvoer,
)
from ..inlezen.loader import vragenlijst_uit_json
from ..inlezen.model import Gemeente, Regio, Vragenlijst
from . import logboektabel, regels, sql
from .records import (
    AFGEROND,
    CONCEPT,
    SOORTEN,
    Meting,
    MetingKop,
)
from .tellingen import aantal_cellen, bewaar_tellingen, onbeantwoorde_cellen
from .verbinding import schrijf_als_het_kan, utc_now, write_transaction


def maak_meting(
    db: sqlite_utils.Database,
    *,
    vragenlijst: Vragenlijst,
    regio: Regio,
    subregio_id: str,
    jaar: int,
    soort: str,
    datum: date,
    gemeenten: list[str] | None = None,
    titel: str | None = None,
    periode: str | None = None,
    vorige_meting_id: int | None = None,
    demo: bool = False,
    gemeentenamen: Mapping[str, str] | None = None,
    wie: str,
) -> Meting:
    """Create a concept meting for a subregio, pinning the vragenlijst and the gemeenten.

    ``gemeenten``: CBS codes taking part; default: the subregio's gemeenten on ``datum``
    (boundaries change, see Subregio.gemeenten_op). The rules of :mod:`.regels` apply: the
    gemeenten belong to the subregio on that date, a vervolgmeting follows an afgeronde
    meting of the same subregio held before it, the date falls in ``jaar``, texts fit.
    ``gemeentenamen``: cbs → name of gemeenten beyond ``regio``, for the refusal's words.
    """
    wie = regels.wie(wie)
    if not vragenlijst.json:
        raise OngeldigeInvoer(
            "Deze vragenlijst heeft geen vaste tekst (snapshot); laad haar met laad_catalogus()."
        )
    if soort not in SOORTEN:
        raise OngeldigeInvoer(
            f"'{soort}' is geen soort meting. Kies '0-meting' of 'vervolgmeting'."
        )
    if isinstance(datum, datetime):
        datum = datum.date()
    subregio = regels.subregio(regio, subregio_id)
    titel = regels.veld("titel", titel) or f"{soort[0].upper()}{soort[1:]} {jaar} {subregio.naam}"
    periode = regels.veld("periode", periode) or None
    nu = utc_now()
    with write_transaction(db):
        bewaar_snapshot(db, vragenlijst.hash, vragenlijst.json)
        vorige = None if vorige_meting_id is None else meting(db, vorige_meting_id)
        vorige_uuid = None if vorige is None else vorige.uuid
        if isinstance(datum, date):
            # The previous meting first: "a date after the previous one" says more than
            # "the date is not in that year" when a vervolgmeting got last year's date.
            regels.vorige_meting(
                soort,
                regels.Kern(None, titel, regio.id, subregio.id, subregio.naam, datum, False),
                vorige_uuid,
                None if vorige is None else regels.kern(vorige),
            )
        datum = regels.jaar_en_datum(jaar, datum)
        deelnemend = regels.gemeenten(regio, subregio, datum, gemeenten, gemeentenamen)
        meting_id = (
            db["metingen"]
            .insert(
                {
                    "uuid": str(uuid_module.uuid4()),
                    "titel": titel,
                    "regio_id": regio.id,
                    "regio_naam": regio.naam,
                    "subregio_id": subregio.id,
                    "subregio_naam": subregio.naam,
                    "jaar": jaar,
                    "periode": periode,
                    "soort": soort,
                    "datum": datum.isoformat(),
                    "vragenlijst_id": vragenlijst.id,
                    "vragenlijst_versie": vragenlijst.versie,
                    "vragenlijst_hash": vragenlijst.hash,
                    "status": CONCEPT,
                    "vorige_meting_uuid": vorige_uuid,
                    "demo": int(demo),
                    "aangemaakt_op": nu,
                    "aangemaakt_door": wie,
                }
            )
            .last_pk
        )
        db.conn.executemany(
            "INSERT INTO meting_gemeenten (meting_id, cbs, naam, volgorde) VALUES (?, ?, ?, ?)",
            [(meting_id, g.cbs, g.naam, i) for i, g in enumerate(deelnemend)],
        )
        logboektabel.log(
            db,
            meting_id,
            wie,
            "aangemaakt",
            f"{titel}; vragenlijst {vragenlijst.titel}, versie {vragenlijst.versie}; gemeenten: "
            + ", ".join(g.naam for g in deelnemend),
            nu,
        )
        return meting(db, meting_id)


_METING_KOLOMMEN = """m.id, m.uuid, m.titel, m.regio_id, m.regio_naam, m.subregio_id,
    m.subregio_naam, m.jaar, m.periode, m.soort, m.datum, m.vragenlijst_id, m.vragenlijst_versie,
    m.vragenlijst_hash, m.status, m.vorige_meting_uuid, v.id AS vorige_meting_id, m.huidig_thema,
    m.demo, m.aangemaakt_op, m.aangemaakt_door, m.afgerond_op"""


# Reproducible across databases (no local ids), so an export lists metingen in the same order
# wherever it is made.
_METING_VOLGORDE = "m.regio_naam, m.subregio_naam, m.jaar, m.datum, m.aangemaakt_op, m.uuid"


def meting(db: sqlite_utils.Database, meting_id: int) -> Meting:
    rij = sql.een(
        db,
        f"""SELECT {_METING_KOLOMMEN} FROM metingen m
                       LEFT JOIN metingen v ON v.uuid = m.vorige_meting_uuid
                       WHERE m.id = ?""",
        [meting_id],
    )
    if rij is None:
        raise NietGevonden(
            f"Meting {meting_id} bestaat niet in deze database. Kies een meting uit de lijst."
        )
    return _meting(db, rij)


def meting_met_uuid(db: sqlite_utils.Database, uuid: str) -> Meting:
    rij = sql.een(db, "SELECT id FROM metingen WHERE uuid = ?", [uuid])
    if rij is None:
        raise NietGevonden(f"Er is geen meting met uuid {uuid} in deze database.")
    return meting(db, rij["id"])


def metingen(db: sqlite_utils.Database, ids: Iterable[int] | None = None) -> list[Meting]:
    """Every meting (or those with these ``ids``), ordered by regio, subregio, jaar (and
    date)."""
    alleen = "" if ids is None else "WHERE m.id IN (SELECT value FROM json_each(:ids))"
    bij = "" if ids is None else "WHERE meting_id IN (SELECT value FROM json_each(:ids))"
    params = {} if ids is None else {"ids": json.dumps(list(ids))}
    rijen = sql.rijen(
        db,
        f"""SELECT {_METING_KOLOMMEN} FROM metingen m
                         LEFT JOIN metingen v ON v.uuid = m.vorige_meting_uuid
                         {alleen} ORDER BY {_METING_VOLGORDE}""",
        params,
    )
    # The gemeenten of all metingen in one query, not one query per meting; plain tuples and
    # one (immutable) Gemeente per name, shared by the years it took part in, because a
    # national database has thousands of these rows.
    gemeenten: dict[int, list[Gemeente]] = {}
    gedeeld: dict[tuple[str, str], Gemeente] = {}
    for meting_id, cbs, naam in db.conn.execute(
        f"SELECT meting_id, cbs, naam FROM meting_gemeenten {bij} ORDER BY meting_id, volgorde",
        params,
    ).fetchall():
        gemeente = gedeeld.get((cbs, naam))
        if gemeente is None:
            gemeente = gedeeld[cbs, naam] = Gemeente(cbs=cbs, naam=naam)
        gemeenten.setdefault(meting_id, []).append(gemeente)
    return [_meting(db, rij, tuple(gemeenten.get(rij["id"], ()))) for rij in rijen]


def meting_koppen(db: sqlite_utils.Database) -> list[MetingKop]:
    """Every meting's heading, in the order of :func:`metingen`: a national database holds
    hundreds of metingen, and a list that shows a few of them need not build all of them."""
    return [
        MetingKop(*rij[:8], date.fromisoformat(rij[8]), *rij[9:])
        for rij in db.conn.execute(
            "SELECT m.id, m.uuid, m.titel, m.regio_id, m.regio_naam, m.subregio_id, "
            "m.subregio_naam, m.jaar, m.datum, m.status, m.aangemaakt_op FROM metingen m "
            f"ORDER BY {_METING_VOLGORDE}"
        ).fetchall()
    ]


def _meting(
    db: sqlite_utils.Database, rij: dict, gemeenten: tuple[Gemeente, ...] | None = None
) -> Meting:
    if gemeenten is None:
        gemeenten = tuple(
            Gemeente(cbs=g["cbs"], naam=g["naam"])
            for g in sql.rijen(
                db,
                "SELECT cbs, naam FROM meting_gemeenten WHERE meting_id = ? ORDER BY volgorde",
                [rij["id"]],
            )
        )
    return Meting(
        id=rij["id"],
        uuid=rij["uuid"],
        titel=rij["titel"],
        regio_id=rij["regio_id"],
        regio_naam=rij["regio_naam"],
        subregio_id=rij["subregio_id"],
        subregio_naam=rij["subregio_naam"],
        jaar=rij["jaar"],
        periode=rij["periode"],
        soort=rij["soort"],
        datum=date.fromisoformat(rij["datum"]),
        vragenlijst_id=rij["vragenlijst_id"],
        vragenlijst_versie=rij["vragenlijst_versie"],
        vragenlijst_hash=rij["vragenlijst_hash"],
        status=rij["status"],
        vorige_meting_uuid=rij["vorige_meting_uuid"],
        vorige_meting_id=rij["vorige_meting_id"],
        huidig_thema=rij["huidig_thema"],
        demo=bool(rij["demo"]),
        aangemaakt_op=rij["aangemaakt_op"],
        aangemaakt_door=rij["aangemaakt_door"],
        afgerond_op=rij["afgerond_op"],
        gemeenten=gemeenten,
        vragenlijst=_snapshot(db, rij["id"], rij["vragenlijst_hash"]),
    )


# Parsed snapshots by sha256. The key is the content's own hash and a Vragenlijst is
# immutable, so sharing one object between metingen, requests and threads is safe; it saves
# re-reading and re-parsing ~100 kB of JSON on every save.
_SNAPSHOTS: dict[str, Vragenlijst] = {}


_MAX_SNAPSHOTS = 32


def _snapshot(db: sqlite_utils.Database, meting_id: int, verwacht: str) -> Vragenlijst:
    vragenlijst = _SNAPSHOTS.get(verwacht)
    if vragenlijst is not None:
        return vragenlijst
    rij = db.execute("SELECT json FROM vragenlijst_snapshots WHERE hash = ?", [verwacht]).fetchone()
    if rij is None or hashlib.sha256(rij[0].encode("utf-8")).hexdigest() != verwacht:
        raise DatabaseFout(
            f"De vragenlijst van meting {meting_id} in de database is "
            + ("zoek" if rij is None else "beschadigd (het controlegetal klopt niet)")
            + ". Zet een back-up terug."
        )
    vragenlijst = vragenlijst_uit_json(rij[0])
    if len(_SNAPSHOTS) >= _MAX_SNAPSHOTS:
        _SNAPSHOTS.clear()
    _SNAPSHOTS[verwacht] = vragenlijst
    return vragenlijst


def vergeet_snapshots() -> None:
    """Forget the parsed snapshots, so the next read parses what the file holds now (after a
    file was replaced underneath this process, as a restored backup or an upgrade test does)."""
    _SNAPSHOTS.clear()


def bewaar_snapshot(db: sqlite_utils.Database, hash_: str, tekst: str) -> None:
    """Store a vragenlijst snapshot once per content; metingen name it by hash. ``hash_`` must
    be the sha256 of ``tekst`` (the caller computed or checked it), so a stored text that
    differs from it is a damaged copy, and is replaced. Call inside the write transaction that
    adds the meting."""
    db.execute(
        "INSERT INTO vragenlijst_snapshots (hash, json) VALUES (?, ?) "
        "ON CONFLICT (hash) DO UPDATE SET json = excluded.json WHERE json <> excluded.json",
        [hash_, tekst],
    )


def _ruim_snapshots_op(db: sqlite_utils.Database) -> None:
    # A snapshot no meting names any more (after deleting metingen) is only dead weight.
    db.execute(
        "DELETE FROM vragenlijst_snapshots "
        "WHERE hash NOT IN (SELECT vragenlijst_hash FROM metingen)"
    )


def zet_huidig_thema(db: sqlite_utils.Database, meting_id: int, thema_id: str | None) -> None:
    """Remember where the session is, so it can resume there another day.

    On an afgeronde meting this is silently ignored: read-only stays read-only, but browsing a
    closed meting must not fail over a bookmark that changes nothing a report shows. For the
    same reason a database that cannot be written (read-only, full disk) only logs a warning:
    the thema page is still shown.
    """

    def zet() -> None:
        m = meting(db, meting_id)
        if thema_id is not None:
            regels.thema(m, thema_id)
        db.execute(
            "UPDATE metingen SET huidig_thema = ? WHERE id = ? AND status = ?",
            [thema_id, meting_id, CONCEPT],
        )

    schrijf_als_het_kan(db, "Het huidige thema", zet)


def rond_af(db: sqlite_utils.Database, meting_id: int, *, wie: str) -> Meting:
    """Close the meting: from now on every write is refused until someone reopens it."""
    wie = regels.wie(wie)
    nu = utc_now()
    with write_transaction(db):
        m = meting(db, meting_id)
        if m.afgerond:
            raise MetingAfgerond("Deze meting is al afgerond.")
        open_ = len(onbeantwoorde_cellen(db, m))
        totaal = aantal_cellen(m)
        db.execute(
            "UPDATE metingen SET status = ?, afgerond_op = ? WHERE id = ?",
            [AFGEROND, nu, meting_id],
        )
        # From now on every write is refused, so the counts stay as they are now.
        bewaar_tellingen(db, {meting_id: totaal})
        onbevestigd = db.execute(
            "SELECT count(*) FROM antwoorden WHERE meting_id = ? AND overgenomen = 1 "
            "AND waarde IS NOT NULL",
            [meting_id],
        ).fetchone()[0]
        details = f"{totaal - open_} van {totaal} antwoorden ingevuld"
        if onbevestigd:
            details += f", waarvan {onbevestigd} overgenomen en niet bevestigd (tellen niet mee)"
        logboektabel.log(db, meting_id, wie, "afgerond", details, nu)
        # Phones can no longer vote on a closed meting: their code expires with it, as when the
        # facilitator closes participation (deelnametabel.sluit_deelname).
        if db.execute(
            "UPDATE deelnames SET gesloten_op = ? WHERE meting_id = ? AND gesloten_op IS NULL",
            [nu, meting_id],
        ).rowcount:
            logboektabel.log(db, meting_id, wie, "deelname gesloten", "bij het afronden", nu)
        return meting(db, meting_id)


def heropen(db: sqlite_utils.Database, meting_id: int, *, wie: str, reden: str) -> Meting:
    """Reopen an afgeronde meting: an explicit act, logged with who, when and why."""
    wie = regels.wie(wie)
    reden = regels.veld("reden", reden)
    if not reden:
        raise OngeldigeInvoer(
            "Geef een reden op om de meting te heropenen; die wordt vastgelegd in het logboek."
        )
    nu = utc_now()
    with write_transaction(db):
        m = meting(db, meting_id)
        if not m.afgerond:
            raise OngeldigeInvoer("Deze meting is niet afgerond; heropenen is niet nodig.")
        db.execute(
            "UPDATE metingen SET status = ?, afgerond_op = NULL, tellingen = NULL WHERE id = ?",
            [CONCEPT, meting_id],
        )
        logboektabel.log(db, meting_id, wie, "heropend", reden, nu)
        return meting(db, meting_id)


def onthul_scores(db: sqlite_utils.Database, meting_id: int, thema_id: str | None) -> None:
    """Show (or with None hide) one thema's per-gemeente scores on the projector.

    Allowed on an afgeronde meting too: presenting results changes nothing that was said.
    """
    with write_transaction(db):
        m = meting(db, meting_id)
        if thema_id is not None:
            regels.thema(m, thema_id)
        db.execute(
            "INSERT INTO presentatie (meting_id, onthuld_thema) VALUES (?, ?) "
            "ON CONFLICT (meting_id) DO UPDATE SET onthuld_thema = excluded.onthuld_thema",
            [meting_id, thema_id],
        )


def onthuld_thema(db: sqlite_utils.Database, meting_id: int) -> str | None:
    rij = sql.een(db, "SELECT onthuld_thema FROM presentatie WHERE meting_id = ?", [meting_id])
    return rij["onthuld_thema"] if rij else None


def zet_huidige_vraag(db: sqlite_utils.Database, meting_id: int, vraag_id: str | None) -> None:
    """Remember the vraag the room is on (the facilitator's focus, the last answer, or the one
    pointed at), so the projector shows it and a reload or another window finds it again.

    Presentation bookkeeping, like :func:`zet_huidig_thema`: allowed on an afgeronde meting
    (pointing at a vraag changes nothing that was said), and a database that cannot be written
    only logs a warning. Unchanged, nothing is written, so the projector's fingerprint stays.
    """

    def zet() -> None:
        if vraag_id is not None:
            regels.vraag(meting(db, meting_id), vraag_id)
        db.execute(
            "INSERT INTO presentatie (meting_id, vraag) VALUES (?, ?) "
            "ON CONFLICT (meting_id) DO UPDATE SET vraag = excluded.vraag "
            "WHERE presentatie.vraag IS NOT excluded.vraag",
            [meting_id, vraag_id],
        )

    schrijf_als_het_kan(db, "De huidige vraag", zet)


def huidige_vraag(db: sqlite_utils.Database, meting_id: int) -> str | None:
    rij = sql.een(db, "SELECT vraag FROM presentatie WHERE meting_id = ?", [meting_id])
    return rij["vraag"] if rij else None


def stand(db: sqlite_utils.Database, meting_id: int) -> str:
    """A short fingerprint that changes whenever anything a session screen shows changes.

    Cheap enough to poll (the projector view asks every few seconds): every change of an
    answer or note raises a row version, and rows are never deleted, so the sums below only go
    up.
    """
    rij = sql.een(
        db,
        """SELECT m.status, m.huidig_thema,
            (SELECT count(*) || '.' || coalesce(sum(versie), 0) FROM antwoorden
              WHERE meting_id = m.id) AS a,
            (SELECT count(*) || '.' || coalesce(sum(versie), 0) FROM thema_notities
              WHERE meting_id = m.id) AS n,
            (SELECT count(*) || '.' || coalesce(max(id), 0) FROM deelnemers
              WHERE meting_id = m.id) AS d,
            (SELECT onthuld_thema FROM presentatie WHERE meting_id = m.id) AS o,
            (SELECT vraag FROM presentatie WHERE meting_id = m.id) AS v,
            -- The open participation: every vote, settlement and reveal raises its versie.
            (SELECT id || '.' || versie FROM deelnames
              WHERE meting_id = m.id AND gesloten_op IS NULL) AS s
        FROM metingen m WHERE m.id = ?""",
        [meting_id],
    )
    if rij is None:
        raise NietGevonden(f"Meting {meting_id} bestaat niet in deze database.")
    tekst = "|".join(str(rij[k]) for k in ("status", "huidig_thema", "a", "n", "d", "o", "v", "s"))
    return hashlib.sha256(tekst.encode("utf-8")).hexdigest()[:16]


def verwijder_demo_metingen(db: sqlite_utils.Database) -> int:
    """Remove the DEMO metingen (and all in them); real metingen are never touched."""
    with write_transaction(db):
        aantal = db.execute("DELETE FROM metingen WHERE demo = 1").rowcount
        _ruim_snapshots_op(db)
        return aantal


def schrijfbaar(db, meting_id: int) -> Meting:
    """The meting, if it may be written; call inside the write transaction, so a save racing
    with afronden either lands before it or is refused."""
    m = meting(db, meting_id)
    if m.afgerond:
        raise MetingAfgerond()
    return m
