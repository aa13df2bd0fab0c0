"""Metingen and everything recorded in them: answers, notes, deelnemers, ambities, the logboek.

Every function takes the database first and keeps no state of its own. Every write is one
transaction (:func:`zelfscan.db.write_transaction`): an answer is stored completely the moment
it is given, or not at all.

Two promises shape this module:

- **A meting pins its vragenlijst.** It stores an exact snapshot (``Vragenlijst.json`` and its
  sha256) and the gemeenten taking part, and reads its questions only from there. Later changes
  to the data files never change an existing meting or its report.
- **Nothing is silently overwritten.** A save says which row version it was based on
  (``verwachte_versie``); if someone else changed *the same field* since, the save is refused
  with :class:`VerouderdAntwoord`. Saves of other cells or other fields merge.
"""

from __future__ import annotations

import enum
import hashlib
import json
import uuid as uuid_module
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

import sqlite_utils

from .db import utc_now, write_transaction
from .errors import (
    DatabaseFout,
    MetingAfgerond,
    NietGevonden,
    OngeldigAntwoord,
    OngeldigeInvoer,
    VerouderdAntwoord,
    VerouderdeAmbitie,
    VerouderdeNotitie,
)
from .loader import vragenlijst_uit_json
from .model import NIET_VAN_TOEPASSING, WEET_NIET, Gemeente, Regio, Schaal, Vragenlijst

SOORTEN = ("0-meting", "vervolgmeting")
CONCEPT = "concept"
AFGEROND = "afgerond"

# Long enough for a real explanation, short enough that a pasted document is caught.
MAX_TEKST = 10_000


class _Unchanged(enum.Enum):
    UNCHANGED = "UNCHANGED"

    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED = _Unchanged.UNCHANGED
"""Default for fields a save does not touch: they keep their stored value (that is how saves
of different fields merge)."""


# --- what the store returns -----------------------------------------------------------------


@dataclass(frozen=True)
class Meting:
    id: int
    uuid: str
    titel: str
    regio_id: str
    regio_naam: str
    subregio_id: str
    subregio_naam: str
    jaar: int
    periode: str | None
    soort: str
    datum: date
    vragenlijst_id: str
    vragenlijst_versie: str
    vragenlijst_hash: str
    status: str
    vorige_meting_uuid: str | None
    # The previous meting's local id, or None when it is not in this database.
    vorige_meting_id: int | None
    huidig_thema: str | None
    demo: bool
    aangemaakt_op: str
    aangemaakt_door: str
    afgerond_op: str | None
    gemeenten: tuple[Gemeente, ...]
    # The snapshot this meting was made with, never the current data file.
    vragenlijst: Vragenlijst = field(compare=False, repr=False)

    @property
    def afgerond(self) -> bool:
        return self.status == AFGEROND

    def gemeente(self, cbs: str) -> Gemeente:
        for gemeente in self.gemeenten:
            if gemeente.cbs == cbs:
                return gemeente
        raise KeyError(cbs)


@dataclass(frozen=True)
class Antwoord:
    cbs: str
    vraag_id: str
    # A level (int), WEET_NIET, NIET_VAN_TOEPASSING, or None: not answered / cleared.
    waarde: int | str | None
    toelichting: str
    bespreekpunt: bool
    # Copied from the previous meting and not yet confirmed in this session.
    overgenomen: bool
    # The row version; pass it back as ``verwachte_versie``. 0 = no answer stored yet.
    versie: int
    gewijzigd_op: str
    gewijzigd_door: str

    @property
    def beantwoord(self) -> bool:
        return self.waarde is not None


@dataclass(frozen=True)
class Notitie:
    thema_id: str
    tekst: str
    versie: int
    gewijzigd_op: str
    gewijzigd_door: str


@dataclass(frozen=True)
class Deelnemer:
    id: int
    organisatie: str
    rol: str
    naam: str | None
    cbs: str | None


@dataclass(frozen=True)
class Ambitie:
    cbs: str
    thema_id: str
    niveau: int
    tekst: str
    versie: int
    gewijzigd_op: str
    gewijzigd_door: str


@dataclass(frozen=True)
class LogRegel:
    tijd: str
    wie: str
    actie: str
    details: str


# --- metingen -------------------------------------------------------------------------------


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
    wie: str,
) -> Meting:
    """Create a concept meting for a subregio, pinning the vragenlijst and the gemeenten.

    ``gemeenten``: CBS codes taking part; default: the subregio's gemeenten on ``datum``
    (boundaries change, see Subregio.gemeenten_op).
    """
    wie = _wie(wie)
    if not vragenlijst.json:
        raise OngeldigeInvoer(
            "Deze vragenlijst heeft geen vaste tekst (snapshot); laad haar met laad_catalogus()."
        )
    if soort not in SOORTEN:
        raise OngeldigeInvoer(
            f"'{soort}' is geen soort meting. Kies '0-meting' of 'vervolgmeting'."
        )
    if isinstance(jaar, bool) or not isinstance(jaar, int) or not 1900 < jaar < 3000:
        raise OngeldigeInvoer(f"'{jaar}' is geen jaartal. Vul een jaar in zoals 2021.")
    if isinstance(datum, datetime):
        datum = datum.date()
    if not isinstance(datum, date):
        raise OngeldigeInvoer("Geef de datum van de meting op.")
    try:
        subregio = regio.subregio(subregio_id)
    except KeyError:
        bekend = ", ".join(s.id for s in regio.subregios)
        raise OngeldigeInvoer(
            f"Subregio '{subregio_id}' bestaat niet in regio {regio.naam} (wel: {bekend})."
        ) from None
    if gemeenten is None:
        deelnemend = subregio.gemeenten_op(datum)
    else:
        per_cbs = {g.cbs: g for g in subregio.gemeenten}
        onbekend = [c for c in gemeenten if c not in per_cbs]
        if onbekend:
            raise OngeldigeInvoer(
                f"{', '.join(onbekend)} hoort niet bij subregio {subregio.naam}. Kies uit: "
                + ", ".join(f"{g.naam} ({g.cbs})" for g in subregio.gemeenten)
                + "."
            )
        # The order of the region file, so reports and exports list gemeenten the same way.
        deelnemend = tuple(g for g in subregio.gemeenten if g.cbs in set(gemeenten))
    if not deelnemend:
        raise OngeldigeInvoer(
            f"Er doen geen gemeenten mee: subregio {subregio.naam} heeft op "
            f"{datum.isoformat()} geen gemeenten. Controleer de datum."
        )
    titel = (titel or "").strip() or f"{soort[0].upper()}{soort[1:]} {jaar} {subregio.naam}"

    nu = utc_now()
    with write_transaction(db):
        bewaar_snapshot(db, vragenlijst.hash, vragenlijst.json)
        vorige_uuid = None
        if vorige_meting_id is not None:
            vorige = meting(db, vorige_meting_id)
            if vorige.subregio_id != subregio.id or vorige.regio_id != regio.id:
                raise OngeldigeInvoer(
                    f"De vorige meting ({vorige.titel}) is van subregio {vorige.subregio_naam}, "
                    f"niet van {subregio.naam}. Kies een meting van dezelfde subregio."
                )
            vorige_uuid = vorige.uuid
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
        _log(
            db,
            meting_id,
            wie,
            "aangemaakt",
            f"{titel}; vragenlijst {vragenlijst.sleutel}; gemeenten: "
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
    rij = _een(
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
    rij = _een(db, "SELECT id FROM metingen WHERE uuid = ?", [uuid])
    if rij is None:
        raise NietGevonden(f"Er is geen meting met uuid {uuid} in deze database.")
    return meting(db, rij["id"])


def metingen(db: sqlite_utils.Database, ids: Iterable[int] | None = None) -> list[Meting]:
    """Every meting (or those with these ``ids``), ordered by regio, subregio, jaar (and
    date)."""
    alleen = "" if ids is None else "WHERE m.id IN (SELECT value FROM json_each(:ids))"
    bij = "" if ids is None else "WHERE meting_id IN (SELECT value FROM json_each(:ids))"
    params = {} if ids is None else {"ids": json.dumps(list(ids))}
    rijen = _rijen(
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


class MetingKop(NamedTuple):
    """What a list needs to choose among many metingen, without their gemeenten and
    vragenlijst (see :func:`meting_koppen`)."""

    id: int
    uuid: str
    titel: str
    regio_id: str
    regio_naam: str
    subregio_id: str
    subregio_naam: str
    jaar: int
    datum: date
    status: str
    aangemaakt_op: str


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
            for g in _rijen(
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
    closed meting must not fail over a bookmark that changes nothing a report shows.
    """
    with write_transaction(db):
        m = meting(db, meting_id)
        if thema_id is not None:
            _thema(m, thema_id)
        db.execute(
            "UPDATE metingen SET huidig_thema = ? WHERE id = ? AND status = ?",
            [thema_id, meting_id, CONCEPT],
        )


def rond_af(db: sqlite_utils.Database, meting_id: int, *, wie: str) -> Meting:
    """Close the meting: from now on every write is refused until someone reopens it."""
    wie = _wie(wie)
    nu = utc_now()
    with write_transaction(db):
        m = meting(db, meting_id)
        if m.afgerond:
            raise MetingAfgerond("Deze meting is al afgerond.")
        open_ = len(_onbeantwoord(db, m))
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
        _log(db, meting_id, wie, "afgerond", details, nu)
        return meting(db, meting_id)


def heropen(db: sqlite_utils.Database, meting_id: int, *, wie: str, reden: str) -> Meting:
    """Reopen an afgeronde meting: an explicit act, logged with who, when and why."""
    wie = _wie(wie)
    reden = (reden or "").strip()
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
        _log(db, meting_id, wie, "heropend", reden, nu)
        return meting(db, meting_id)


def onthul_scores(db: sqlite_utils.Database, meting_id: int, thema_id: str | None) -> None:
    """Show (or with None hide) one thema's per-gemeente scores on the projector.

    Allowed on an afgeronde meting too: presenting results changes nothing that was said.
    """
    with write_transaction(db):
        m = meting(db, meting_id)
        if thema_id is not None:
            _thema(m, thema_id)
        db.execute(
            "INSERT INTO presentatie (meting_id, onthuld_thema) VALUES (?, ?) "
            "ON CONFLICT (meting_id) DO UPDATE SET onthuld_thema = excluded.onthuld_thema",
            [meting_id, thema_id],
        )


def onthuld_thema(db: sqlite_utils.Database, meting_id: int) -> str | None:
    rij = _een(db, "SELECT onthuld_thema FROM presentatie WHERE meting_id = ?", [meting_id])
    return rij["onthuld_thema"] if rij else None


def stand(db: sqlite_utils.Database, meting_id: int) -> str:
    """A short fingerprint that changes whenever anything a session screen shows changes.

    Cheap enough to poll (the projector view asks every few seconds): every change of an
    answer or note raises a row version, and rows are never deleted, so the sums below only go
    up.
    """
    rij = _een(
        db,
        """SELECT m.status, m.huidig_thema,
            (SELECT count(*) || '.' || coalesce(sum(versie), 0) FROM antwoorden
              WHERE meting_id = m.id) AS a,
            (SELECT count(*) || '.' || coalesce(sum(versie), 0) FROM thema_notities
              WHERE meting_id = m.id) AS n,
            (SELECT count(*) || '.' || coalesce(max(id), 0) FROM deelnemers
              WHERE meting_id = m.id) AS d,
            (SELECT onthuld_thema FROM presentatie WHERE meting_id = m.id) AS o
        FROM metingen m WHERE m.id = ?""",
        [meting_id],
    )
    if rij is None:
        raise NietGevonden(f"Meting {meting_id} bestaat niet in deze database.")
    tekst = "|".join(str(rij[k]) for k in ("status", "huidig_thema", "a", "n", "d", "o"))
    return hashlib.sha256(tekst.encode("utf-8")).hexdigest()[:16]


def verwijder_demo_metingen(db: sqlite_utils.Database) -> int:
    """Remove the DEMO metingen (and all in them); real metingen are never touched."""
    with write_transaction(db):
        aantal = db.execute("DELETE FROM metingen WHERE demo = 1").rowcount
        _ruim_snapshots_op(db)
        return aantal


# --- antwoorden -----------------------------------------------------------------------------

_ANTWOORD_VELDEN = ("waarde", "toelichting", "bespreekpunt")
_LEEG = {"waarde": None, "toelichting": "", "bespreekpunt": 0}


def sla_antwoord(
    db: sqlite_utils.Database,
    meting_id: int,
    cbs: str,
    vraag_id: str,
    waarde: int | str | _Unchanged | None = UNCHANGED,
    *,
    toelichting: str | _Unchanged = UNCHANGED,
    bespreekpunt: bool | _Unchanged = UNCHANGED,
    verwachte_versie: int | None = None,
    wie: str,
) -> Antwoord:
    """Store the answer of one gemeente to one vraag; returns what is stored now.

    ``waarde``: a level of the scale, ``'weet_niet'``, ``'nvt'``, or None to clear (not the same
    as weet niet: cleared means "not answered"). Fields not given keep their value.

    ``verwachte_versie``: the ``versie`` of the answer the person saw (0: there was none). When
    someone else changed a field this save changes since then, :class:`VerouderdAntwoord` is
    raised and nothing is stored. None skips the check (a deliberate overwrite).
    """
    wie = _wie(wie)
    nu = utc_now()
    with write_transaction(db):
        m = _schrijfbaar(db, meting_id)
        velden = _antwoord_velden(m.vragenlijst.schaal, waarde, toelichting, bespreekpunt)
        return _schrijf_antwoord(db, m, cbs, vraag_id, velden, verwachte_versie, wie, nu)


def sla_antwoord_voor_alle(
    db: sqlite_utils.Database,
    meting_id: int,
    vraag_id: str,
    waarde: int | str | None,
    *,
    toelichting: str | _Unchanged = UNCHANGED,
    verwachte_versies: Mapping[str, int] | None = None,
    wie: str,
) -> dict[str, Antwoord]:
    """The same answer for every gemeente in the meting, in one transaction.

    ``verwachte_versies`` (cbs → versie the person saw) makes it refuse, as a whole, when any of
    those answers changed meanwhile; without it, this is a deliberate overwrite.
    """
    wie = _wie(wie)
    nu = utc_now()
    with write_transaction(db):
        m = _schrijfbaar(db, meting_id)
        velden = _antwoord_velden(m.vragenlijst.schaal, waarde, toelichting, UNCHANGED)
        verwacht = verwachte_versies or {}
        return {
            g.cbs: _schrijf_antwoord(db, m, g.cbs, vraag_id, velden, verwacht.get(g.cbs), wie, nu)
            for g in m.gemeenten
        }


def antwoorden(db: sqlite_utils.Database, meting_id: int) -> dict[tuple[str, str], Antwoord]:
    """Every stored answer by (cbs, vraag_id), cleared ones included (waarde None)."""
    meting(db, meting_id)
    return {
        (rij["cbs"], rij["vraag_id"]): _antwoord(rij)
        for rij in _rijen(db, "SELECT * FROM antwoorden WHERE meting_id = ?", [meting_id])
    }


@dataclass(frozen=True)
class Tellingen:
    """How far a meting's answers are, as counted by SQLite (see :func:`antwoord_tellingen`)."""

    beantwoord: int  # answers with a waarde (weet niet and n.v.t. included)
    onbevestigd: int  # of those, copied from last year and not confirmed yet
    # vraag_id -> (answered, of which unconfirmed); None when every answer is given and
    # confirmed, or none is: then the totals say it all.
    per_vraag: Mapping[str, tuple[int, int]] | None


def antwoord_tellingen(db: sqlite_utils.Database, metingen: list[Meting]) -> dict[int, Tellingen]:
    """Progress counts of many metingen without loading their answers.

    An afgeronde meting's counts were stored when it was closed (:func:`bewaar_tellingen`): no
    write reaches it until it is reopened, and reopening clears them. The others, and any
    afgeronde meting without stored counts, are counted live (:func:`tel_antwoorden`).
    """
    if not metingen:
        return {}
    # status too: a stored value on a concept meting could only be stale, never used.
    opgeslagen = {
        meting_id: _tellingen_uit_json(tekst)
        for meting_id, tekst in db.conn.execute(
            "SELECT id, tellingen FROM metingen WHERE tellingen IS NOT NULL AND status = ? "
            "AND id IN (SELECT value FROM json_each(?))",
            [AFGEROND, json.dumps([m.id for m in metingen])],
        ).fetchall()
    }
    live = tel_antwoorden(db, {m.id: aantal_cellen(m) for m in metingen if m.id not in opgeslagen})
    return {m.id: opgeslagen[m.id] if m.id in opgeslagen else live[m.id] for m in metingen}


def tel_antwoorden(db: sqlite_utils.Database, cellen: Mapping[int, int]) -> dict[int, Tellingen]:
    """Count the answers of these metingen in SQLite. ``cellen``: meting id -> how many answers
    it can hold (gemeenten × vragen), to tell a complete meting from a partly answered one.

    One aggregate query for the totals, and counts per vraag only for the metingen that are
    partly answered (or hold copied answers not confirmed yet)."""
    if not cellen:
        return {}
    totalen = {
        meting_id: (n, o)
        for meting_id, n, o in db.conn.execute(
            "SELECT meting_id, count(*), sum(overgenomen) FROM antwoorden "
            "WHERE waarde IS NOT NULL AND meting_id IN (SELECT value FROM json_each(?)) "
            "GROUP BY meting_id",
            [json.dumps(list(cellen))],
        ).fetchall()
    }
    deels = [i for i, (n, o) in totalen.items() if o or n < cellen[i]]
    per_vraag: dict[int, dict[str, tuple[int, int]]] = {i: {} for i in deels}
    if deels:
        for meting_id, vraag_id, n, o in db.conn.execute(
            "SELECT meting_id, vraag_id, count(*), sum(overgenomen) FROM antwoorden "
            "WHERE waarde IS NOT NULL AND meting_id IN (SELECT value FROM json_each(?)) "
            "GROUP BY meting_id, vraag_id",
            [json.dumps(deels)],
        ).fetchall():
            per_vraag[meting_id][vraag_id] = (n, o)
    return {i: Tellingen(*totalen.get(i, (0, 0)), per_vraag.get(i)) for i in cellen}


def bewaar_tellingen(db: sqlite_utils.Database, cellen: Mapping[int, int]) -> None:
    """Store the counts of these afgeronde metingen (``cellen`` as for :func:`tel_antwoorden`),
    so the overview need not count them again. Call inside the write transaction that closes
    (or imports) them: then no write can come between the count and the status."""
    db.conn.executemany(
        "UPDATE metingen SET tellingen = ? WHERE id = ?",
        [(_tellingen_json(t), i) for i, t in tel_antwoorden(db, cellen).items()],
    )


def aantal_cellen(m: Meting) -> int:
    """How many answers a meting can hold: one per gemeente and vraag."""
    return len(m.gemeenten) * len(m.vragenlijst.vragen)


def _tellingen_json(t: Tellingen) -> str:
    return json.dumps(
        {"beantwoord": t.beantwoord, "onbevestigd": t.onbevestigd, "per_vraag": t.per_vraag},
        separators=(",", ":"),
    )


def _tellingen_uit_json(tekst: str) -> Tellingen:
    data = json.loads(tekst)
    per_vraag = data["per_vraag"]
    return Tellingen(
        data["beantwoord"],
        data["onbevestigd"],
        None if per_vraag is None else {v: (n, o) for v, (n, o) in per_vraag.items()},
    )


def antwoord(db: sqlite_utils.Database, meting_id: int, cbs: str, vraag_id: str) -> Antwoord:
    """One answer; versie 0 and waarde None when nothing was stored yet."""
    rij = _een(
        db,
        "SELECT * FROM antwoorden WHERE meting_id = ? AND cbs = ? AND vraag_id = ?",
        [meting_id, cbs, vraag_id],
    )
    return _antwoord(rij) if rij else _geen_antwoord(cbs, vraag_id)


def onbeantwoord(db: sqlite_utils.Database, meting_id: int) -> list[tuple[str, str]]:
    """(cbs, vraag_id) of every question still without an answer, in session order."""
    return _onbeantwoord(db, meting(db, meting_id))


def neem_antwoorden_over(db: sqlite_utils.Database, meting_id: int, *, wie: str) -> int:
    """Pre-fill a vervolgmeting with the previous meting's answers, marked ``overgenomen``.

    Only cells without any stored answer are filled, so nothing given in this meting is
    overwritten. A vraag that ``vervangt`` older ids takes the first of them that was answered.
    Bespreekpunten are not copied: they belonged to last year's conversation. Returns how many
    answers were copied.
    """
    wie = _wie(wie)
    nu = utc_now()
    with write_transaction(db):
        m = _schrijfbaar(db, meting_id)
        if m.vorige_meting_uuid is None:
            raise OngeldigeInvoer(
                "Deze meting heeft geen vorige meting om antwoorden uit over te nemen."
            )
        if m.vorige_meting_id is None:
            raise NietGevonden(
                "De vorige meting staat niet in deze database; importeer haar eerst."
            )
        vorig = antwoorden(db, m.vorige_meting_id)
        huidig = antwoorden(db, meting_id)
        rijen = []
        for gemeente in m.gemeenten:
            for vraag in m.vragenlijst.vragen:
                if (gemeente.cbs, vraag.id) in huidig:
                    continue
                for bron_id in (vraag.id, *vraag.vervangt):
                    bron = vorig.get((gemeente.cbs, bron_id))
                    if bron is not None and bron.waarde is not None:
                        rijen.append(
                            _nieuwe_rij(
                                m.id,
                                gemeente.cbs,
                                vraag.id,
                                {
                                    "waarde": _opslag(bron.waarde),
                                    "toelichting": bron.toelichting,
                                },
                                wie,
                                nu,
                            )
                            | {"overgenomen": 1}
                        )
                        break
        if rijen:
            db["antwoorden"].insert_all(rijen)
            _log(
                db,
                meting_id,
                wie,
                "antwoorden overgenomen",
                f"{len(rijen)} antwoorden overgenomen uit de vorige meting",
                nu,
            )
        return len(rijen)


def bevestig_antwoord(
    db: sqlite_utils.Database, meting_id: int, cbs: str, vraag_id: str, *, wie: str
) -> Antwoord:
    """Confirm one answer copied from last year without changing it ("klopt nog").

    An answer that is not (or no longer) overgenomen stays as it is. The row version goes up, so
    other screens see the change, but the field versions do not: confirming changes no value, so
    a person who meanwhile chose another level for this cell is not refused.
    """
    wie = _wie(wie)
    nu = utc_now()
    with write_transaction(db):
        m = _schrijfbaar(db, meting_id)
        _controleer_cel(m, cbs, vraag_id)
        _bevestig(db, m.id, [(cbs, vraag_id)], wie, nu)
        return antwoord(db, m.id, cbs, vraag_id)


def bevestig_thema(db: sqlite_utils.Database, meting_id: int, thema_id: str, *, wie: str) -> int:
    """Confirm every answer copied from last year in one thema, for every gemeente at once.

    For when the room agrees that last year's answers on this thema still hold. Returns how
    many answers were confirmed (0 when none was left); logged in the logboek.
    """
    wie = _wie(wie)
    nu = utc_now()
    with write_transaction(db):
        m = _schrijfbaar(db, meting_id)
        _thema(m, thema_id)
        cellen = [(g.cbs, v.id) for v in m.vragenlijst.thema(thema_id).vragen for g in m.gemeenten]
        aantal = _bevestig(db, m.id, cellen, wie, nu)
        if aantal:
            _log(
                db,
                m.id,
                wie,
                "antwoorden bevestigd",
                f"{aantal} overgenomen antwoorden bij thema "
                f"‘{m.vragenlijst.thema(thema_id).titel}’ bevestigd",
                nu,
            )
        return aantal


def _bevestig(db, meting_id: int, cellen: list[tuple[str, str]], wie: str, nu: str) -> int:
    aantal = 0
    for cbs, vraag_id in cellen:
        aantal += db.execute(
            """UPDATE antwoorden SET overgenomen = 0, versie = versie + 1, gewijzigd_op = ?,
                   gewijzigd_door = ?
               WHERE meting_id = ? AND cbs = ? AND vraag_id = ? AND overgenomen = 1""",
            [nu, wie, meting_id, cbs, vraag_id],
        ).rowcount
    return aantal


def maak_vervolgmeting(
    db: sqlite_utils.Database,
    vorige_meting_id: int,
    *,
    vragenlijst: Vragenlijst,
    regio: Regio,
    jaar: int,
    datum: date,
    gemeenten: list[str] | None = None,
    titel: str | None = None,
    overnemen: bool = True,
    wie: str,
) -> tuple[Meting, int]:
    """A vervolgmeting of the same subregio, in one transaction: created, and with
    ``overnemen`` pre-filled with the previous meting's answers (:func:`neem_antwoorden_over`).

    Returns the new meting and how many answers were copied.
    """
    with write_transaction(db):
        vorige = meting(db, vorige_meting_id)
        nieuw = maak_meting(
            db,
            vragenlijst=vragenlijst,
            regio=regio,
            subregio_id=vorige.subregio_id,
            jaar=jaar,
            soort="vervolgmeting",
            datum=datum,
            gemeenten=gemeenten,
            titel=titel,
            vorige_meting_id=vorige.id,
            wie=wie,
        )
        aantal = neem_antwoorden_over(db, nieuw.id, wie=wie) if overnemen else 0
        return nieuw, aantal


def keten(db: sqlite_utils.Database, meting_id: int) -> list[Meting]:
    """This meting and the ones before it (``vorige_meting``), newest first.

    Stops at a previous meting that is not in this database (or at a loop, which only a
    hand-edited database could hold).
    """
    gezien: set[int] = set()
    uit: list[Meting] = []
    volgende: int | None = meting_id
    while volgende is not None and volgende not in gezien:
        gezien.add(volgende)
        m = meting(db, volgende)
        uit.append(m)
        volgende = m.vorige_meting_id
    return uit


def vervolgmetingen(db: sqlite_utils.Database, meting_id: int) -> list[Meting]:
    """The metingen that name this one as their previous meting."""
    m = meting(db, meting_id)
    rijen = _rijen(
        db, "SELECT id FROM metingen WHERE vorige_meting_uuid = ? ORDER BY datum, id", [m.uuid]
    )
    return [meting(db, r["id"]) for r in rijen]


def _antwoord_velden(schaal: Schaal, waarde, toelichting, bespreekpunt) -> dict[str, Any]:
    velden: dict[str, Any] = {}
    if waarde is not UNCHANGED:
        velden["waarde"] = _waarde_voor_opslag(schaal, waarde)
    if toelichting is not UNCHANGED:
        velden["toelichting"] = _tekst(toelichting, "De toelichting")
    if bespreekpunt is not UNCHANGED:
        velden["bespreekpunt"] = int(bool(bespreekpunt))
    return velden


def _schrijf_antwoord(
    db,
    m: Meting,
    cbs: str,
    vraag_id: str,
    velden: dict[str, Any],
    verwachte_versie: int | None,
    wie: str,
    nu: str,
) -> Antwoord:
    _controleer_cel(m, cbs, vraag_id)
    rij = _een(
        db,
        "SELECT * FROM antwoorden WHERE meting_id = ? AND cbs = ? AND vraag_id = ?",
        [m.id, cbs, vraag_id],
    )
    versie = rij["versie"] if rij else 0
    gewijzigd: dict[str, Any] = {}
    conflict: list[str] = []
    for veld, nieuw in velden.items():
        oud = rij[veld] if rij else _LEEG[veld]
        # Saving an overgenomen answer confirms it, even when the level stays the same.
        bevestigt = veld == "waarde" and rij is not None and rij["overgenomen"]
        if nieuw == oud and not bevestigt:
            continue
        # Stale when someone changed this very field after the version the person saw.
        gezien = verwachte_versie
        if gezien is not None and (
            gezien > versie or (rij is not None and rij[f"{veld}_versie"] > gezien)
        ):
            conflict.append(veld)
        gewijzigd[veld] = nieuw
    if conflict:
        huidig = _antwoord(rij) if rij else _geen_antwoord(cbs, vraag_id)
        raise VerouderdAntwoord(_verouderd_melding(m, huidig, conflict), huidig, tuple(conflict))
    if not gewijzigd:
        return _antwoord(rij) if rij else _geen_antwoord(cbs, vraag_id)
    if rij is None:
        db["antwoorden"].insert(_nieuwe_rij(m.id, cbs, vraag_id, gewijzigd, wie, nu))
    else:
        nieuwe_versie = versie + 1
        toewijzingen = {veld: waarde for veld, waarde in gewijzigd.items()}
        toewijzingen |= {f"{veld}_versie": nieuwe_versie for veld in gewijzigd}
        if "waarde" in gewijzigd:
            toewijzingen["overgenomen"] = 0
        toewijzingen |= {"versie": nieuwe_versie, "gewijzigd_op": nu, "gewijzigd_door": wie}
        # Column names come from the fixed lists above, never from input.
        db.execute(
            f"UPDATE antwoorden SET {', '.join(f'{k} = ?' for k in toewijzingen)} "
            "WHERE meting_id = ? AND cbs = ? AND vraag_id = ? AND versie = ?",
            [*toewijzingen.values(), m.id, cbs, vraag_id, versie],
        )
    return antwoord(db, m.id, cbs, vraag_id)


def _nieuwe_rij(
    meting_id: int, cbs: str, vraag_id: str, velden: dict[str, Any], wie: str, nu: str
) -> dict[str, Any]:
    rij = {
        "meting_id": meting_id,
        "cbs": cbs,
        "vraag_id": vraag_id,
        **_LEEG,
        "versie": 1,
        "overgenomen": 0,
        "gewijzigd_op": nu,
        "gewijzigd_door": wie,
    }
    rij |= velden
    # A field the first save did not set still has its empty default: another tab that sets it
    # based on version 0 merges instead of conflicting.
    rij |= {f"{veld}_versie": 1 if veld in velden else 0 for veld in _ANTWOORD_VELDEN}
    return rij


def _verouderd_melding(m: Meting, huidig: Antwoord, velden: list[str]) -> str:
    nu = _label(m.vragenlijst.schaal, huidig.waarde)
    if velden == ["toelichting"]:
        tekst = huidig.toelichting or "leeg"
        if len(tekst) > 80:
            tekst = tekst[:77] + "…"
        return (
            f"De toelichting bij dit antwoord is intussen door iemand anders gewijzigd (nu: "
            f"“{tekst}”). Kijk het na en sla opnieuw op."
        )
    if velden == ["bespreekpunt"]:
        return (
            "Het bespreekpunt bij dit antwoord is intussen door iemand anders "
            f"{'aangezet' if huidig.bespreekpunt else 'uitgezet'}. Kijk het na en sla "
            "opnieuw op."
        )
    return (
        f"Dit antwoord is intussen door iemand anders gewijzigd (nu: {nu}). Kijk het na en "
        "sla opnieuw op."
    )


def _label(schaal: Schaal, waarde: int | str | None) -> str:
    return "niet ingevuld" if waarde is None else schaal.label(waarde)


def _waarde_voor_opslag(schaal: Schaal, waarde: Any) -> str | None:
    """The stored text of an answer, or a clear Dutch refusal."""
    if waarde is None:
        return None
    kandidaat = waarde.strip() if isinstance(waarde, str) else waarde
    if kandidaat in (WEET_NIET, NIET_VAN_TOEPASSING):
        return kandidaat
    if isinstance(kandidaat, str) and kandidaat.lstrip("-").isdigit():
        kandidaat = int(kandidaat)
    if (
        isinstance(kandidaat, int)
        and not isinstance(kandidaat, bool)
        and any(n.waarde == kandidaat for n in schaal.niveaus)
    ):
        return str(kandidaat)
    keuzes = ", ".join(f"{n.waarde} ({n.label})" for n in schaal.niveaus)
    raise OngeldigAntwoord(
        f"'{waarde}' is geen antwoord op deze schaal. Kies {keuzes}, "
        f"'{WEET_NIET}' ({schaal.weet_niet.label}) of '{NIET_VAN_TOEPASSING}' "
        f"({schaal.niet_van_toepassing.label})."
    )


def _opslag(waarde: int | str) -> str:
    return str(waarde)


def waarde_uit_opslag(tekst: str | None) -> int | str | None:
    """'2' → 2; 'weet_niet' and 'nvt' stay text; NULL stays None."""
    if tekst is None or tekst in (WEET_NIET, NIET_VAN_TOEPASSING):
        return tekst
    return int(tekst)


def _antwoord(rij: dict) -> Antwoord:
    return Antwoord(
        cbs=rij["cbs"],
        vraag_id=rij["vraag_id"],
        waarde=waarde_uit_opslag(rij["waarde"]),
        toelichting=rij["toelichting"],
        bespreekpunt=bool(rij["bespreekpunt"]),
        overgenomen=bool(rij["overgenomen"]),
        versie=rij["versie"],
        gewijzigd_op=rij["gewijzigd_op"],
        gewijzigd_door=rij["gewijzigd_door"],
    )


def _geen_antwoord(cbs: str, vraag_id: str) -> Antwoord:
    return Antwoord(
        cbs=cbs,
        vraag_id=vraag_id,
        waarde=None,
        toelichting="",
        bespreekpunt=False,
        overgenomen=False,
        versie=0,
        gewijzigd_op="",
        gewijzigd_door="",
    )


def _controleer_cel(m: Meting, cbs: str, vraag_id: str) -> None:
    try:
        m.vragenlijst.vraag(vraag_id)
    except KeyError:
        raise OngeldigAntwoord(
            f"De vraag '{vraag_id}' hoort niet bij deze meting (vragenlijst "
            f"{m.vragenlijst.sleutel})."
        ) from None
    _controleer_gemeente(m, cbs)


def _controleer_gemeente(m: Meting, cbs: str) -> None:
    if not any(g.cbs == cbs for g in m.gemeenten):
        namen = ", ".join(f"{g.naam} ({g.cbs})" for g in m.gemeenten)
        raise OngeldigAntwoord(f"Gemeente {cbs} doet niet mee aan deze meting (wel: {namen}).")


def _onbeantwoord(db, m: Meting) -> list[tuple[str, str]]:
    gegeven = {
        (r["cbs"], r["vraag_id"])
        for r in _rijen(
            db,
            "SELECT cbs, vraag_id FROM antwoorden WHERE meting_id = ? AND waarde IS NOT NULL",
            [m.id],
        )
    }
    return [
        (g.cbs, v.id)
        for v in m.vragenlijst.vragen
        for g in m.gemeenten
        if (g.cbs, v.id) not in gegeven
    ]


# --- notities per thema ---------------------------------------------------------------------


def sla_notitie(
    db: sqlite_utils.Database,
    meting_id: int,
    thema_id: str,
    tekst: str,
    *,
    verwachte_versie: int | None = None,
    wie: str,
) -> Notitie:
    """The notes of the discussion on one thema (one text per thema per meting).

    ``verwachte_versie`` works as for answers: the version the person started editing from.
    """
    wie = _wie(wie)
    tekst = _tekst(tekst, "De notitie")
    nu = utc_now()
    with write_transaction(db):
        m = _schrijfbaar(db, meting_id)
        _thema(m, thema_id)
        rij = _een(
            db,
            "SELECT * FROM thema_notities WHERE meting_id = ? AND thema_id = ?",
            [meting_id, thema_id],
        )
        versie = rij["versie"] if rij else 0
        if (rij["tekst"] if rij else "") == tekst:
            return _notitie(rij) if rij else Notitie(thema_id, "", 0, "", "")
        if verwachte_versie is not None and verwachte_versie != versie:
            huidig = _notitie(rij) if rij else Notitie(thema_id, "", 0, "", "")
            raise VerouderdeNotitie(
                "De notitie bij dit thema is intussen door iemand anders gewijzigd. "
                "Kijk haar na en sla opnieuw op.",
                huidig,
                ("tekst",),
            )
        # Plain SQL upsert: sqlite-utils' upsert() inserts the key first with INSERT OR IGNORE,
        # which silently skips the row when NOT NULL columns have no default.
        db.execute(
            """INSERT INTO thema_notities (meting_id, thema_id, tekst, versie, gewijzigd_op,
                   gewijzigd_door) VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (meting_id, thema_id) DO UPDATE SET tekst = excluded.tekst,
                   versie = excluded.versie, gewijzigd_op = excluded.gewijzigd_op,
                   gewijzigd_door = excluded.gewijzigd_door""",
            [meting_id, thema_id, tekst, versie + 1, nu, wie],
        )
        return notities(db, meting_id)[thema_id]


def notities(db: sqlite_utils.Database, meting_id: int) -> dict[str, Notitie]:
    return {
        rij["thema_id"]: _notitie(rij)
        for rij in _rijen(db, "SELECT * FROM thema_notities WHERE meting_id = ?", [meting_id])
    }


def _notitie(rij: dict) -> Notitie:
    return Notitie(
        thema_id=rij["thema_id"],
        tekst=rij["tekst"],
        versie=rij["versie"],
        gewijzigd_op=rij["gewijzigd_op"],
        gewijzigd_door=rij["gewijzigd_door"],
    )


# --- deelnemers -----------------------------------------------------------------------------


def voeg_deelnemer_toe(
    db: sqlite_utils.Database,
    meting_id: int,
    *,
    organisatie: str,
    rol: str,
    naam: str | None = None,
    cbs: str | None = None,
    wie: str,
) -> Deelnemer:
    """Record who took part. Organisation and role suffice; a name is optional on purpose (no
    personal data beyond what a session needs), and it is kept out of the logboek."""
    wie = _wie(wie)
    organisatie = _tekst(organisatie, "De organisatie", verplicht=True)
    rol = _tekst(rol, "De rol", verplicht=True)
    naam = (naam or "").strip() or None
    cbs = (cbs or "").strip() or None
    nu = utc_now()
    with write_transaction(db):
        m = _schrijfbaar(db, meting_id)
        if cbs is not None:
            _controleer_gemeente(m, cbs)
        cursor = db.execute(
            "INSERT INTO deelnemers (meting_id, organisatie, rol, naam, cbs) "
            "VALUES (?, ?, ?, ?, ?)",
            [meting_id, organisatie, rol, naam, cbs],
        )
        _log(db, meting_id, wie, "deelnemer toegevoegd", f"{organisatie}, {rol}", nu)
        return Deelnemer(cursor.lastrowid, organisatie, rol, naam, cbs)


def verwijder_deelnemer(
    db: sqlite_utils.Database, meting_id: int, deelnemer_id: int, *, wie: str
) -> None:
    wie = _wie(wie)
    nu = utc_now()
    with write_transaction(db):
        _schrijfbaar(db, meting_id)
        rij = _een(
            db, "SELECT * FROM deelnemers WHERE id = ? AND meting_id = ?", [deelnemer_id, meting_id]
        )
        if rij is None:
            raise NietGevonden("Deze deelnemer staat niet (meer) bij deze meting.")
        db.execute("DELETE FROM deelnemers WHERE id = ?", [deelnemer_id])
        _log(db, meting_id, wie, "deelnemer verwijderd", f"{rij['organisatie']}, {rij['rol']}", nu)


def deelnemers(db: sqlite_utils.Database, meting_id: int) -> list[Deelnemer]:
    return [
        Deelnemer(r["id"], r["organisatie"], r["rol"], r["naam"], r["cbs"])
        for r in _rijen(db, "SELECT * FROM deelnemers WHERE meting_id = ? ORDER BY id", [meting_id])
    ]


# --- ambities -------------------------------------------------------------------------------


def sla_ambitie(
    db: sqlite_utils.Database,
    meting_id: int,
    cbs: str,
    thema_id: str,
    niveau: int | None,
    tekst: str = "",
    *,
    verwachte_versie: int | None = None,
    wie: str,
) -> Ambitie | None:
    """The level a gemeente aims for on a thema by the next meting; ``niveau`` None removes it.

    Allowed on an afgeronde meting, deliberately: gemeenten record ambities after they read
    their report, which is made from the afgeronde meting. Ambities are about next year and
    change no answer or score of this meting.
    """
    wie = _wie(wie)
    tekst = _tekst(tekst, "De toelichting bij de ambitie")
    nu = utc_now()
    with write_transaction(db):
        m = meting(db, meting_id)
        _controleer_gemeente(m, cbs)
        _thema(m, thema_id)
        if niveau is not None:
            schaal = m.vragenlijst.schaal
            if (
                isinstance(niveau, bool)
                or not isinstance(niveau, int)
                or not any(n.waarde == niveau for n in schaal.niveaus)
            ):
                keuzes = ", ".join(f"{n.waarde} ({n.label})" for n in schaal.niveaus)
                raise OngeldigeInvoer(f"'{niveau}' is geen niveau van de schaal. Kies {keuzes}.")
        rij = _een(
            db,
            "SELECT * FROM ambities WHERE meting_id = ? AND cbs = ? AND thema_id = ?",
            [meting_id, cbs, thema_id],
        )
        versie = rij["versie"] if rij else 0
        if rij is None and niveau is None:
            return None
        if rij is not None and (rij["niveau"], rij["tekst"]) == (niveau, tekst):
            return _ambitie(rij)
        if verwachte_versie is not None and verwachte_versie != versie:
            raise VerouderdeAmbitie(
                "De ambitie voor dit thema is intussen door iemand anders gewijzigd. "
                "Kijk haar na en sla opnieuw op.",
                _ambitie(rij) if rij else None,
                ("niveau", "tekst"),
            )
        if niveau is None:
            db.execute(
                "DELETE FROM ambities WHERE meting_id = ? AND cbs = ? AND thema_id = ?",
                [meting_id, cbs, thema_id],
            )
            return None
        db.execute(
            """INSERT INTO ambities (meting_id, cbs, thema_id, niveau, tekst, versie,
                   gewijzigd_op, gewijzigd_door) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (meting_id, cbs, thema_id) DO UPDATE SET niveau = excluded.niveau,
                   tekst = excluded.tekst, versie = excluded.versie,
                   gewijzigd_op = excluded.gewijzigd_op, gewijzigd_door = excluded.gewijzigd_door""",
            [meting_id, cbs, thema_id, niveau, tekst, versie + 1, nu, wie],
        )
        return ambities(db, meting_id)[(cbs, thema_id)]


def ambities(db: sqlite_utils.Database, meting_id: int) -> dict[tuple[str, str], Ambitie]:
    return {
        (r["cbs"], r["thema_id"]): _ambitie(r)
        for r in _rijen(db, "SELECT * FROM ambities WHERE meting_id = ?", [meting_id])
    }


def _ambitie(rij: dict) -> Ambitie:
    return Ambitie(
        cbs=rij["cbs"],
        thema_id=rij["thema_id"],
        niveau=rij["niveau"],
        tekst=rij["tekst"],
        versie=rij["versie"],
        gewijzigd_op=rij["gewijzigd_op"],
        gewijzigd_door=rij["gewijzigd_door"],
    )


# --- logboek --------------------------------------------------------------------------------


def logboek(db: sqlite_utils.Database, meting_id: int) -> list[LogRegel]:
    return [
        LogRegel(r["tijd"], r["wie"], r["actie"], r["details"])
        for r in _rijen(db, "SELECT * FROM logboek WHERE meting_id = ? ORDER BY id", [meting_id])
    ]


def _log(db, meting_id: int, wie: str, actie: str, details: str, tijd: str) -> None:
    db.execute(
        "INSERT INTO logboek (meting_id, tijd, wie, actie, details) VALUES (?, ?, ?, ?, ?)",
        [meting_id, tijd, wie, actie, details],
    )


# --- small shared checks --------------------------------------------------------------------


def _schrijfbaar(db, meting_id: int) -> Meting:
    """The meting, if it may be written; call inside the write transaction, so a save racing
    with afronden either lands before it or is refused."""
    m = meting(db, meting_id)
    if m.afgerond:
        raise MetingAfgerond()
    return m


def _thema(m: Meting, thema_id: str) -> None:
    try:
        m.vragenlijst.thema(thema_id)
    except KeyError:
        raise OngeldigeInvoer(
            f"Het thema '{thema_id}' hoort niet bij deze meting (vragenlijst "
            f"{m.vragenlijst.sleutel})."
        ) from None


def _wie(wie: str) -> str:
    wie = (wie or "").strip() if isinstance(wie, str) else ""
    if not wie:
        raise OngeldigeInvoer("Onbekend wie deze wijziging doet; log opnieuw in.")
    return wie


def _tekst(tekst: Any, wat: str, *, verplicht: bool = False) -> str:
    if tekst is None:
        tekst = ""
    if not isinstance(tekst, str):
        raise OngeldigeInvoer(f"{wat} moet tekst zijn.")
    tekst = tekst.strip()
    if verplicht and not tekst:
        raise OngeldigeInvoer(f"{wat} is verplicht.")
    if len(tekst) > MAX_TEKST:
        raise OngeldigeInvoer(
            f"{wat} is te lang ({len(tekst)} tekens; hoogstens {MAX_TEKST}). Kort haar in."
        )
    return tekst


def _rijen(db, sql: str, params: list | tuple | dict = ()) -> list[dict]:
    """All rows at once: a half-read cursor would keep a read snapshot open on this connection
    (in WAL mode), hiding later writes of other connections from it."""
    cursor = db.conn.execute(sql, params)
    namen = [d[0] for d in cursor.description]
    return [dict(zip(namen, rij, strict=True)) for rij in cursor.fetchall()]


def _een(db, sql: str, params: list | tuple = ()) -> dict | None:
    rijen = _rijen(db, sql, params)
    return rijen[0] if rijen else None
