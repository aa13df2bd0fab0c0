"""Export, import and backup: metingen leave and enter a database whole, or not at all.

- JSON export is full fidelity: the vragenlijst snapshot, gemeenten, answers, notes, deelnemers,
  ambities, logboek and the room's votes (``deelname``, by pseudonym). It holds no local
  database ids (metingen are known by uuid, the previous meting too), so export → import
  elsewhere → export gives the same bytes.
- CSV export is for reading and analysing in Excel: one row per answer.
- Import takes a JSON export into another database in one transaction and refuses, with a
  Dutch message and nothing imported, anything it cannot take over faithfully.
- Backup copies the live database consistently while the app keeps writing.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import json
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import jsonschema
import sqlite_utils

from .. import opslag
from ..errors import DatabaseFout, ImportFout, NietGevonden, OngeldigAntwoord, OngeldigeInvoer
from ..inlezen.loader import canonieke_json, vragenlijst_uit_data
from ..inlezen.model import BIJZONDERE_ANTWOORDEN, NIET_VAN_TOEPASSING, Regio, Vragenlijst
from ..inlezen.validatie import VRAGENLIJST, schema
from . import regels, stemtabel
from .verbinding import write_transaction

FORMAAT = "zelfscan-export"
# 2 (issue 16): a note has ``cbs`` (null: for every gemeente), an ambitie ``wie`` and
# ``wanneer``. 3 (issue 19): each meting has ``deelname``, the votes of the room. Files of older
# versions still import: their notes are for all, their ambities have neither, their metingen
# had no votes (see _naar_huidig).
FORMAATVERSIE = 3
OUDE_FORMAATVERSIES = (1, 2)


# --- JSON export ----------------------------------------------------------------------------


def exporteer_json(db: sqlite_utils.Database, meting_ids: Iterable[int] | None = None) -> dict:
    """The metingen (default: all) as one JSON-ready dict."""
    return {
        "formaat": FORMAAT,
        "formaatversie": FORMAATVERSIE,
        "metingen": [_meting_export(db, m) for m in _kies(db, meting_ids)],
    }


def json_tekst(data: dict) -> str:
    """The one way an export is written, so equal content gives equal bytes."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def schrijf_json(
    db: sqlite_utils.Database, doel: str | Path, meting_ids: Iterable[int] | None = None
) -> Path:
    """Write a JSON export to ``doel``; the file appears whole or not at all."""
    return schrijf_heel(Path(doel), json_tekst(exporteer_json(db, meting_ids)).encode("utf-8"))


def _kies(db: sqlite_utils.Database, meting_ids: Iterable[int] | None) -> list[opslag.Meting]:
    alle = opslag.metingen(db)
    if meting_ids is None:
        return alle
    gevraagd = list(dict.fromkeys(meting_ids))
    bekend = {m.id for m in alle}
    for meting_id in gevraagd:
        if meting_id not in bekend:
            raise NietGevonden(
                f"Meting {meting_id} bestaat niet in deze database; er is niets geëxporteerd."
            )
    return [m for m in alle if m.id in set(gevraagd)]


def _meting_export(db: sqlite_utils.Database, m: opslag.Meting) -> dict:
    vragenlijst = m.vragenlijst
    volgorde_gemeente = {g.cbs: i for i, g in enumerate(m.gemeenten)}
    volgorde_vraag = {v.id: i for i, v in enumerate(vragenlijst.vragen)}
    volgorde_thema = {t.id: i for i, t in enumerate(vragenlijst.themas)}
    antwoorden = sorted(
        opslag.antwoorden(db, m.id).values(),
        key=lambda a: (volgorde_gemeente[a.cbs], volgorde_vraag[a.vraag_id]),
    )
    # The note for all first, then per gemeente in the meting's order.
    notities = sorted(
        opslag.notities(db, m.id).values(),
        key=lambda n: (
            volgorde_thema[n.thema_id],
            -1 if n.cbs is None else volgorde_gemeente.get(n.cbs, len(volgorde_gemeente)),
        ),
    )
    ambities = sorted(
        opslag.ambities(db, m.id).values(),
        key=lambda a: (volgorde_gemeente[a.cbs], volgorde_thema[a.thema_id]),
    )
    return {
        "uuid": m.uuid,
        "titel": m.titel,
        "regio_id": m.regio_id,
        "regio_naam": m.regio_naam,
        "subregio_id": m.subregio_id,
        "subregio_naam": m.subregio_naam,
        "jaar": m.jaar,
        "periode": m.periode,
        "soort": m.soort,
        "datum": m.datum.isoformat(),
        "status": m.status,
        "vorige_meting": m.vorige_meting_uuid,
        "huidig_thema": m.huidig_thema,
        "demo": m.demo,
        "aangemaakt_op": m.aangemaakt_op,
        "aangemaakt_door": m.aangemaakt_door,
        "afgerond_op": m.afgerond_op,
        "vragenlijst": {
            "id": m.vragenlijst_id,
            "versie": m.vragenlijst_versie,
            "hash": m.vragenlijst_hash,
            # As an object, not as a string, so the export stays readable; the hash is over
            # its canonical JSON text, which import recomputes.
            "inhoud": json.loads(vragenlijst.json),
        },
        "gemeenten": [{"cbs": g.cbs, "naam": g.naam} for g in m.gemeenten],
        "antwoorden": [
            {
                "cbs": a.cbs,
                "vraag_id": a.vraag_id,
                "waarde": a.waarde,
                "toelichting": a.toelichting,
                "bespreekpunt": a.bespreekpunt,
                "overgenomen": a.overgenomen,
                "versie": a.versie,
                "gewijzigd_op": a.gewijzigd_op,
                "gewijzigd_door": a.gewijzigd_door,
            }
            for a in antwoorden
        ],
        "notities": [
            {
                "thema_id": n.thema_id,
                "cbs": n.cbs,
                "tekst": n.tekst,
                "versie": n.versie,
                "gewijzigd_op": n.gewijzigd_op,
                "gewijzigd_door": n.gewijzigd_door,
            }
            for n in notities
        ],
        "deelnemers": [
            {"organisatie": d.organisatie, "rol": d.rol, "naam": d.naam, "cbs": d.cbs}
            for d in opslag.deelnemers(db, m.id)
        ],
        "ambities": [
            {
                "cbs": a.cbs,
                "thema_id": a.thema_id,
                "niveau": a.niveau,
                "tekst": a.tekst,
                "wie": a.wie,
                "wanneer": a.wanneer,
                "versie": a.versie,
                "gewijzigd_op": a.gewijzigd_op,
                "gewijzigd_door": a.gewijzigd_door,
            }
            for a in ambities
        ],
        "logboek": [
            {"tijd": r.tijd, "wie": r.wie, "actie": r.actie, "details": r.details}
            for r in opslag.logboek(db, m.id)
        ],
        "deelname": stemtabel.exporteer(db, m.id),
    }


# --- CSV export -----------------------------------------------------------------------------

CSV_KOLOMMEN = (
    "meting",
    "jaar",
    "soort",
    "regio",
    "subregio",
    "gemeente",
    "cbs",
    "onderdeel",
    "thema",
    "vraag_id",
    "vraag",
    "antwoord",
    "waarde",
    "toelichting",
    "bespreekpunt",
    "gewijzigd_op",
)


def csv_bytes(db: sqlite_utils.Database, meting_ids: Iterable[int] | None = None) -> bytes:
    """One row per answer, ready for Excel.

    Dutch Excel reads ';' as the column separator (',' is the decimal comma there), and it only
    recognises UTF-8, and so shows 'ë' and '–' correctly, when the file starts with a byte
    order mark.
    """
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(CSV_KOLOMMEN)
    for m in _kies(db, meting_ids):
        rijen = antwoord_rijen(m, opslag.antwoorden(db, m.id))
        schrijver.writerows([veilige_cel(c) for c in rij] for rij in rijen)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# OWASP, CSV injection: a spreadsheet reads a cell starting with one of these as a formula
# (=HYPERLINK(…) sends data away, +/-/@ start formulas too; tab and carriage return hide one).
_FORMULE_BEGIN = ("=", "+", "-", "@", "\t", "\r")


def veilige_cel(waarde: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: a text starting as a formula gets a leading
    apostrophe (Excel and LibreOffice show it as text and hide the apostrophe), NUL is removed.
    Numbers stay numbers."""
    if not isinstance(waarde, str):
        return waarde
    waarde = waarde.replace("\x00", "")
    return "'" + waarde if waarde.startswith(_FORMULE_BEGIN) else waarde


def exporteer_csv(
    db: sqlite_utils.Database, meting_ids: Iterable[int] | None, path: str | Path
) -> Path:
    return schrijf_heel(Path(path), csv_bytes(db, meting_ids))


def antwoord_rijen(m: opslag.Meting, antwoorden: Mapping) -> Iterable[list[Any]]:
    """The CSV's rows of meting ``m`` with its ``antwoorden`` (as ``opslag.antwoorden``
    returns them; columns :data:`CSV_KOLOMMEN`), raw: the caller guards the cells
    (:func:`veilige_cel`). The workbook's sheet "Antwoorden" has the same rows."""
    vragenlijst = m.vragenlijst
    for gemeente in m.gemeenten:
        for onderdeel in vragenlijst.onderdelen:
            for thema in onderdeel.themas:
                for vraag in thema.vragen:
                    a = antwoorden.get((gemeente.cbs, vraag.id))
                    # A cleared answer without toelichting or bespreekpunt carries nothing.
                    if a is None or (a.waarde is None and not a.toelichting and not a.bespreekpunt):
                        continue
                    yield [
                        m.titel,
                        m.jaar,
                        m.soort,
                        m.regio_naam,
                        m.subregio_naam,
                        gemeente.naam,
                        gemeente.cbs,
                        onderdeel.titel,
                        thema.titel,
                        vraag.id,
                        vraag.tekst,
                        "" if a.waarde is None else vragenlijst.schaal.label(a.waarde),
                        "" if a.waarde is None else a.waarde,
                        a.toelichting,
                        "ja" if a.bespreekpunt else "nee",
                        a.gewijzigd_op,
                    ]


# --- import ---------------------------------------------------------------------------------


def importeer_json(
    db: sqlite_utils.Database, bron: str | Path | bytes | dict, *, regios: Iterable[Regio]
) -> list[opslag.Meting]:
    """Import every meting in a JSON export (a path, its bytes, or the parsed dict).

    All or nothing: every meting is checked first and the whole file goes in one transaction.
    Refuses (:class:`ImportFout`) a file that is not an export, a newer format, missing or wrong
    fields, a vragenlijst whose hash does not match its content, answers that do not fit the
    meting, and a meting whose uuid is already in this database.

    And the domain rules of :mod:`.regels`, exactly as the store applies them when a meting is
    made here: ``regios`` (this installation's region data) say which gemeenten belong to a
    subregio on the meting's date. A vervolgmeting whose previous meting is neither in this
    database nor in the file is taken over as it is (one year may be imported without the year
    before); when the previous meting is here, it must fit as in :func:`regels.vorige_meting`.
    """
    naam, data = _lees(bron)
    if not isinstance(data, dict) or data.get("formaat") != FORMAAT:
        raise ImportFout(
            f"{naam} is geen zelfscan-export (het veld 'formaat' ontbreekt of is "
            f"niet '{FORMAAT}'). Niets geïmporteerd."
        )
    versie = data.get("formaatversie")
    if versie not in (*OUDE_FORMAATVERSIES, FORMAATVERSIE) or isinstance(versie, bool):
        *eerder, laatste = (str(v) for v in (*OUDE_FORMAATVERSIES, FORMAATVERSIE))
        leesbaar = f"{', '.join(eerder)} en {laatste}"
        raise ImportFout(
            f"{naam} heeft formaatversie {versie!r}; deze versie van zelfscan leest "
            f"formaatversie {leesbaar}. Werk zelfscan bij. Niets geïmporteerd."
        )
    _controleer_vorm(naam, data, _SCHEMAS[versie])
    if versie != FORMAATVERSIE:
        data = _naar_huidig(data)
    metingen = data["metingen"]
    gezien: set[str] = set()
    for i, m in enumerate(metingen):
        wie = _noem_meting(i, m)
        if m["uuid"] in gezien:
            raise ImportFout(
                f"{naam}: {wie} staat twee keer in het bestand (uuid {m['uuid']}). "
                "Niets geïmporteerd."
            )
        gezien.add(m["uuid"])
        _controleer_inhoud(naam, wie, m)
        _controleer_regels(naam, wie, m, regios)

    with write_transaction(db):
        for m in metingen:
            if _bestaat(db, m["uuid"]):
                raise ImportFout(
                    f"Meting “{m['titel']}” bestaat al in deze database (uuid "
                    f"{m['uuid']}); niets geïmporteerd."
                )
        # Inside the transaction, so the previous metingen looked up cannot change meanwhile.
        in_bestand = {m["uuid"]: regels.kern_uit_export(m) for m in metingen}
        for i, m in enumerate(metingen):
            vorige = m["vorige_meting"]
            try:
                regels.vorige_meting(
                    m["soort"],
                    in_bestand[m["uuid"]],
                    vorige,
                    None if vorige is None else in_bestand.get(vorige) or _kern(db, vorige),
                    vorige_verplicht=False,
                )
            except OngeldigeInvoer as fout:
                raise ImportFout(
                    f"{naam}: {_noem_meting(i, m)}: {fout} Niets geïmporteerd."
                ) from None
        for m in metingen:
            _voeg_in(db, m)
        nieuw = [opslag.meting_met_uuid(db, m["uuid"]) for m in metingen]
        # An afgeronde meting arrives closed: its counts are fixed, as when it was closed here.
        # They are derived data, so not in the export: counted once, now.
        opslag.bewaar_tellingen(
            db,
            {m.id: opslag.aantal_cellen(m) for m in nieuw if m.afgerond},
        )
    return nieuw


def _naar_huidig(data: dict) -> dict:
    """A checked file of an older version in today's form. Version 1 knew only notes for all
    gemeenten and ambities without wie and wanneer; versions 1 and 2 knew no votes."""
    versie = data["formaatversie"]
    metingen = []
    for m in data["metingen"]:
        if versie == 1:
            m = {
                **m,
                "notities": [{**n, "cbs": None} for n in m["notities"]],
                "ambities": [{**a, "wie": None, "wanneer": None} for a in m["ambities"]],
            }
        metingen.append({**m, "deelname": {"stemmers": [], "stemmen": [], "besluiten": []}})
    return {**data, "formaatversie": FORMAATVERSIE, "metingen": metingen}


def _kern(db: sqlite_utils.Database, uuid: str) -> regels.Kern | None:
    try:
        return regels.kern(opslag.meting_met_uuid(db, uuid))
    except NietGevonden:
        return None


def _controleer_regels(naam: str, wie: str, m: dict, regios: Iterable[Regio]) -> None:
    """The rules a meting made here obeys (:mod:`.regels`), each with the store's own message;
    the previous meting is checked in :func:`importeer_json`, which can see the database."""
    try:
        datum = regels.jaar_en_datum(m["jaar"], date.fromisoformat(m["datum"]))
        regio = next((r for r in regios if r.id == m["regio_id"]), None)
        if regio is None:
            raise OngeldigeInvoer(
                f"Regio '{m['regio_id']}' ({m['regio_naam']}) staat niet in de regiogegevens "
                "van deze installatie, dus niet te controleren is welke gemeenten erbij horen. "
                "Voeg haar toe in vragenlijsten/regios/."
            )
        subregio = regels.subregio(regio, m["subregio_id"])
        regels.gemeenten(
            regio,
            subregio,
            datum,
            [g["cbs"] for g in m["gemeenten"]],
            {g["cbs"]: g["naam"] for g in m["gemeenten"]},
        )
        regels.veld("titel", m["titel"], verplicht=True)
        regels.veld("periode", m["periode"])
        regels.wie(m["aangemaakt_door"])
        for a in m["antwoorden"]:
            regels.veld("toelichting", a["toelichting"])
            regels.wie(a["gewijzigd_door"])
        for n in m["notities"]:
            regels.veld("notitie", n["tekst"])
            regels.wie(n["gewijzigd_door"])
        for d in m["deelnemers"]:
            regels.veld("organisatie", d["organisatie"], verplicht=True)
            regels.veld("rol", d["rol"], verplicht=True)
            regels.veld("naam", d["naam"])
        for a in m["ambities"]:
            regels.veld("ambitie", a["tekst"])
            regels.veld("ambitie_wie", a["wie"])
            regels.wanneer(a["wanneer"])
            regels.wie(a["gewijzigd_door"])
        for r in m["logboek"]:
            regels.wie(r["wie"])
    except OngeldigeInvoer as fout:
        raise ImportFout(f"{naam}: {wie}: {fout} Niets geïmporteerd.") from None


def _bestaat(db: sqlite_utils.Database, uuid: str) -> bool:
    try:
        opslag.meting_met_uuid(db, uuid)
    except NietGevonden:
        return False
    return True


# --- reading: bounded before anything is parsed ------------------------------------------------
# Issue 18: a 60 kB file of empty objects took 1.8 GB (every schema error kept and sorted), a
# 15 MB one was killed at 24 GB, deep nesting and huge integers gave tracebacks. The file is now
# checked before it is parsed: its size, how many objects and lists it holds and how deep they
# nest (a scan of the bytes, strings left out), and integers as they are parsed.

MAX_IMPORT_MB = 50
MAX_IMPORT_BYTES = MAX_IMPORT_MB * 1024 * 1024
# An export nests about 8 deep (metingen → vragenlijst → onderdelen → thema's → vragen → …).
MAX_DIEPTE = 32
# A real export has one object per answer (~250 bytes each): 200,000 in 50 MB.
MAX_OBJECTEN = 500_000
# What SQLite stores as an integer.
MAX_GETAL = 2**63 - 1
# Schema errors: the first few shown, the rest counted up to a point.
TOON_FOUTEN = 10
TEL_FOUTEN = 10_000

_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_GEEN_HAAKJE = bytes(b for b in range(256) if b not in b"[]{}")
_STAP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


def _nl_getal(n: int) -> str:
    return f"{n:_}".replace("_", ".")


def _lees(bron: str | Path | bytes | dict) -> tuple[str, Any]:
    if isinstance(bron, dict):
        return "Het importbestand", bron
    te_groot = (
        f"is groter dan {MAX_IMPORT_MB} MB, het maximum voor een import. Exporteer minder "
        "metingen per bestand (zelfscan export --meting …). Niets geïmporteerd."
    )
    if isinstance(bron, bytes):
        naam, ruw = "Het importbestand", bron
        if len(ruw) > MAX_IMPORT_BYTES:
            raise ImportFout(f"{naam} {te_groot}")
    else:
        pad = Path(bron)
        naam = str(pad)
        try:
            if pad.stat().st_size > MAX_IMPORT_BYTES:
                raise ImportFout(f"{naam} {te_groot}")
            with pad.open("rb") as bestand:
                ruw = bestand.read(MAX_IMPORT_BYTES + 1)  # a file that grew meanwhile
            if len(ruw) > MAX_IMPORT_BYTES:
                raise ImportFout(f"{naam} {te_groot}")
        except FileNotFoundError:
            raise ImportFout(f"{naam} bestaat niet. Controleer de naam en de map.") from None
        except IsADirectoryError:
            raise ImportFout(f"{naam} is een map, geen bestand.") from None
        except OSError as fout:
            raise ImportFout(f"{naam} kan niet worden gelezen ({fout.strerror}).") from None
    _controleer_opbouw(naam, ruw)
    try:
        tekst = ruw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFout(
            f"{naam} is geen tekstbestand in UTF-8, dus geen zelfscan-export. Niets geïmporteerd."
        ) from None
    del ruw
    try:
        return naam, json.loads(tekst, parse_int=_geheel_getal(naam))
    except json.JSONDecodeError as fout:
        raise ImportFout(
            f"{naam} is geen geldig JSON-bestand (regel {fout.lineno}, kolom "
            f"{fout.colno}: {fout.msg}). Is het bestand afgebroken of met de hand "
            "gewijzigd? Niets geïmporteerd."
        ) from None
    except RecursionError:  # pragma: no cover - the scan above stops this first
        raise ImportFout(f"{naam} is te diep genest. Niets geïmporteerd.") from None


def _controleer_opbouw(naam: str, ruw: bytes) -> None:
    """Count the objects and lists and their depth on the bytes, strings left out: a few
    copies of the file at most, whatever it holds (parsing builds a Python object for each)."""
    haakjes = _STRING.sub(b"", ruw).translate(None, _GEEN_HAAKJE)
    aantal = haakjes.count(b"{") + haakjes.count(b"[")
    if aantal > MAX_OBJECTEN:
        raise ImportFout(
            f"{naam} bevat {_nl_getal(aantal)} objecten en lijsten; een zelfscan-export heeft er "
            f"hoogstens {_nl_getal(MAX_OBJECTEN)}. Is dit wel een export? Niets geïmporteerd."
        )
    diepte = max(itertools.accumulate(map(_STAP.__getitem__, haakjes)), default=0)
    if diepte > MAX_DIEPTE:
        raise ImportFout(
            f"{naam} is {_nl_getal(diepte)} niveaus diep genest; een zelfscan-export hoogstens "
            f"{MAX_DIEPTE}. Is dit wel een export? Niets geïmporteerd."
        )


def _geheel_getal(naam: str):
    def lees(tekst: str) -> int:
        # Checked on the digits first: int() of a 5,000-digit string is refused by Python itself.
        cijfers = tekst.lstrip("-")
        if len(cijfers) > 19 or int(tekst) > MAX_GETAL or int(tekst) < -MAX_GETAL - 1:
            kort = tekst if len(tekst) <= 30 else tekst[:20] + "…"
            raise ImportFout(
                f"{naam} bevat het getal {kort}, groter dan een database kan bewaren (2^63). "
                "Is het bestand met de hand gewijzigd? Niets geïmporteerd."
            )
        return int(tekst)

    return lees


_TEKST = {"type": "string"}
_TEKST_VOL = {"type": "string", "minLength": 1}
_OF_NULL = {"type": ["string", "null"]}
_VERSIE = {"type": "integer", "minimum": 1}


def _object(_optioneel: tuple[str, ...] = (), **velden: dict) -> dict:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [v for v in velden if v not in _optioneel],
        "properties": velden,
    }


def _lijst(item: dict) -> dict:
    return {"type": "array", "items": item}


_STEMWAARDE = {"type": ["integer", "string"]}
# The room's votes (format version 3; absent before, see FORMAATVERSIE).
_DEELNAME = _object(
    stemmers=_lijst(
        _object(id=_TEKST_VOL, cbs=_OF_NULL, organisatie=_TEKST, rol=_TEKST),
    ),
    stemmen=_lijst(
        _object(
            stemmer=_TEKST_VOL,
            cbs=_TEKST_VOL,
            vraag_id=_TEKST_VOL,
            waarde=_STEMWAARDE,
            tijd=_TEKST_VOL,
        )
    ),
    besluiten=_lijst(
        _object(
            cbs=_TEKST_VOL,
            vraag_id=_TEKST_VOL,
            waarde=_STEMWAARDE,
            voorstel={"type": ["integer", "string", "null"]},
            stemmen={"type": "integer", "minimum": 0},
            tijd=_TEKST_VOL,
            wie=_TEKST_VOL,
        )
    ),
)

_EXPORT_SCHEMA = _object(
    formaat=_TEKST,
    formaatversie={"type": "integer"},
    metingen=_lijst(
        _object(
            uuid={
                "type": "string",
                "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
            },
            titel=_TEKST_VOL,
            regio_id=_TEKST_VOL,
            regio_naam=_TEKST_VOL,
            subregio_id=_TEKST_VOL,
            subregio_naam=_TEKST_VOL,
            jaar={"type": "integer"},
            periode=_OF_NULL,
            soort={"enum": list(opslag.SOORTEN)},
            datum={"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
            status={"enum": [opslag.CONCEPT, opslag.AFGEROND]},
            vorige_meting=_OF_NULL,
            huidig_thema=_OF_NULL,
            demo={"type": "boolean"},
            aangemaakt_op=_TEKST_VOL,
            aangemaakt_door=_TEKST_VOL,
            afgerond_op=_OF_NULL,
            vragenlijst=_object(
                id=_TEKST_VOL,
                versie=_TEKST_VOL,
                hash={"type": "string", "pattern": "^[0-9a-f]{64}$"},
                inhoud={"type": "object"},
            ),
            gemeenten={**_lijst(_object(cbs=_TEKST_VOL, naam=_TEKST_VOL)), "minItems": 1},
            antwoorden=_lijst(
                _object(
                    cbs=_TEKST_VOL,
                    vraag_id=_TEKST_VOL,
                    waarde={"type": ["integer", "string", "null"]},
                    toelichting=_TEKST,
                    bespreekpunt={"type": "boolean"},
                    overgenomen={"type": "boolean"},
                    versie=_VERSIE,
                    gewijzigd_op=_TEKST_VOL,
                    gewijzigd_door=_TEKST_VOL,
                )
            ),
            notities=_lijst(
                _object(
                    thema_id=_TEKST_VOL,
                    cbs=_OF_NULL,
                    tekst=_TEKST,
                    versie=_VERSIE,
                    gewijzigd_op=_TEKST_VOL,
                    gewijzigd_door=_TEKST_VOL,
                )
            ),
            deelnemers=_lijst(
                _object(organisatie=_TEKST_VOL, rol=_TEKST_VOL, naam=_OF_NULL, cbs=_OF_NULL)
            ),
            ambities=_lijst(
                _object(
                    cbs=_TEKST_VOL,
                    thema_id=_TEKST_VOL,
                    niveau={"type": "integer"},
                    tekst=_TEKST,
                    wie=_OF_NULL,
                    wanneer=_OF_NULL,
                    versie=_VERSIE,
                    gewijzigd_op=_TEKST_VOL,
                    gewijzigd_door=_TEKST_VOL,
                )
            ),
            logboek=_lijst(
                _object(tijd=_TEKST_VOL, wie=_TEKST_VOL, actie=_TEKST_VOL, details=_TEKST)
            ),
            deelname=_DEELNAME,
        )
    ),
)

_TYPEN = {
    "string": "tekst",
    "integer": "een geheel getal",
    "boolean": "true of false",
    "object": "een object",
    "array": "een lijst",
    "null": "null",
}


def _zonder(schema: dict, lijst: str, *velden: str) -> dict:
    """``schema`` with the fields of one list's objects left out: an older version's form."""
    meting = schema["properties"]["metingen"]["items"]
    item = meting["properties"][lijst]["items"]
    item = {
        **item,
        "required": [v for v in item["required"] if v not in velden],
        "properties": {k: w for k, w in item["properties"].items() if k not in velden},
    }
    meting = {**meting, "properties": {**meting["properties"], lijst: _lijst(item)}}
    return {**schema, "properties": {**schema["properties"], "metingen": _lijst(meting)}}


def _zonder_deelname(schema: dict) -> dict:
    """``schema`` without the metingen's ``deelname``: the form before version 3."""
    meting = schema["properties"]["metingen"]["items"]
    meting = {
        **meting,
        "required": [v for v in meting["required"] if v != "deelname"],
        "properties": {k: w for k, w in meting["properties"].items() if k != "deelname"},
    }
    return {**schema, "properties": {**schema["properties"], "metingen": _lijst(meting)}}


# Version 2: no votes. Version 1: besides, notes without cbs, ambities without wie and wanneer.
_SCHEMA_V2 = _zonder_deelname(_EXPORT_SCHEMA)
_SCHEMA_V1 = _zonder(_zonder(_SCHEMA_V2, "notities", "cbs"), "ambities", "wie", "wanneer")
_SCHEMAS = {1: _SCHEMA_V1, 2: _SCHEMA_V2, FORMAATVERSIE: _EXPORT_SCHEMA}


def _controleer_vorm(naam: str, data: dict, schema_: dict = _EXPORT_SCHEMA) -> None:
    # Lazily: the first few errors kept, the rest only counted (and that up to a point). A file
    # of thousands of broken objects once took gigabytes here, every error kept and sorted.
    fouten = jsonschema.Draft202012Validator(schema_).iter_errors(data)
    getoond: list[tuple[tuple, jsonschema.ValidationError, list[str]]] = []
    meer = 0
    for fout in fouten:
        ontbreekt = _ONTBREEKT.match(fout.message) if fout.validator == "required" else None
        plek = (fout.validator, tuple(fout.absolute_path))
        if ontbreekt and getoond and getoond[-1][0] == plek:
            getoond[-1][2].append(ontbreekt.group(1))  # one line per object, each field named
            continue
        if len(getoond) == TOON_FOUTEN:
            meer = 1 + sum(1 for _ in itertools.islice(fouten, TEL_FOUTEN - 1))
            break
        getoond.append((plek, fout, [ontbreekt.group(1)] if ontbreekt else []))
    if not getoond:
        return
    regels_ = [f"  - {_schemamelding(data, f, namen)}" for _, f, namen in getoond]
    if meer >= TEL_FOUTEN:
        regels_.append(f"  - … en nog meer dan {_nl_getal(TEL_FOUTEN)} fouten.")
    elif meer:
        regels_.append(f"  - … en nog {_nl_getal(meer)} {'fout' if meer == 1 else 'fouten'}.")
    raise ImportFout(
        f"{naam} is geen volledige zelfscan-export; niets geïmporteerd:\n" + "\n".join(regels_)
    )


# jsonschema reports each missing field as its own error: "'titel' is a required property".
_ONTBREEKT = re.compile(r"^'(.+)' is a required property$")


def _velden(namen: list[str]) -> str:
    genoemd = [f"'{n}'" for n in namen]
    if len(genoemd) == 1:
        return f"het veld {genoemd[0]} ontbreekt"
    return f"de velden {', '.join(genoemd[:-1])} en {genoemd[-1]} ontbreken"


def _schemamelding(data: dict, fout: jsonschema.ValidationError, namen: list[str]) -> str:
    pad = list(fout.absolute_path)
    plaats = _plaats(data, pad)
    if fout.validator == "required":
        # Every missing field by name (it used to name only the first, the same one each time).
        ontbrekend = namen or [k for k in fout.validator_value if k not in fout.instance]
        return f"{plaats}: {_velden(ontbrekend)}."
    if fout.validator == "additionalProperties":
        extra = sorted(set(fout.instance) - set(fout.schema.get("properties", {})))
        return f"{plaats}: onbekend veld '{extra[0]}' (is het bestand van een nieuwere versie?)."
    if fout.validator == "type":
        typen = (
            fout.validator_value
            if isinstance(fout.validator_value, list)
            else [fout.validator_value]
        )
        return f"{plaats}: moet {' of '.join(_TYPEN.get(t, t) for t in typen)} zijn."
    if fout.validator == "enum":
        keuzes = ", ".join(f"'{k}'" for k in fout.validator_value)
        return f"{plaats}: '{fout.instance}' is ongeldig; kies uit {keuzes}."
    if fout.validator == "minLength":
        return f"{plaats}: mag niet leeg zijn."
    waarde = repr(fout.instance)
    return f"{plaats}: ongeldige waarde {waarde if len(waarde) <= 60 else waarde[:60] + '…'}."


def _plaats(data: dict, pad: list) -> str:
    if len(pad) < 2 or pad[0] != "metingen":
        return "bovenaan" if not pad else f"veld '{pad[0]}'"
    i = pad[1]
    tekst = _noem_meting(i, data["metingen"][i])
    rest = pad[2:]
    if len(rest) >= 2 and isinstance(rest[1], int):
        tekst += f", {rest[0]} nr. {rest[1] + 1}"
        rest = rest[2:]
    if rest:
        tekst += ", veld '" + ".".join(map(str, rest)) + "'"
    return tekst


def _noem_meting(i: int, m: Any) -> str:
    titel = m.get("titel") if isinstance(m, dict) else None
    return f"meting {i + 1}" + (f" (“{titel}”)" if isinstance(titel, str) and titel else "")


def _controleer_inhoud(naam: str, wie: str, m: dict) -> None:
    """What the schema cannot say: the snapshot is intact and every answer fits it."""

    def fout(melding: str) -> ImportFout:
        return ImportFout(f"{naam}: {wie}: {melding} Niets geïmporteerd.")

    lijst = m["vragenlijst"]
    tekst = canonieke_json(lijst["inhoud"])
    if hashlib.sha256(tekst.encode("utf-8")).hexdigest() != lijst["hash"]:
        raise fout(
            "de vragenlijst in het bestand klopt niet met haar controlegetal (hash): het "
            "bestand is gewijzigd of beschadigd."
        )
    if list(jsonschema.Draft202012Validator(schema(VRAGENLIJST)).iter_errors(lijst["inhoud"])):
        raise fout("de vragenlijst in het bestand is geen geldige vragenlijst.")
    vragenlijst: Vragenlijst = vragenlijst_uit_data(lijst["inhoud"])
    if (vragenlijst.id, vragenlijst.versie) != (lijst["id"], lijst["versie"]):
        raise fout(
            f"de vragenlijst heet {vragenlijst.sleutel}, niet {lijst['id']}@{lijst['versie']}."
        )
    try:
        date.fromisoformat(m["datum"])
    except ValueError:
        raise fout(f"'{m['datum']}' is geen geldige datum.") from None
    for veld in ("aangemaakt_op", "afgerond_op"):
        if m[veld] is not None and not _is_tijd(m[veld]):
            raise fout(f"'{m[veld]}' ({veld}) is geen geldig tijdstip.")
    if (m["status"] == opslag.AFGEROND) != (m["afgerond_op"] is not None):
        raise fout("status en afgerond_op passen niet bij elkaar.")
    gemeenten = [g["cbs"] for g in m["gemeenten"]]
    if len(set(gemeenten)) != len(gemeenten):
        raise fout("een gemeente staat twee keer in de lijst van gemeenten.")
    vragen = {v.id for v in vragenlijst.vragen}
    themas = {t.id for t in vragenlijst.themas}
    niveaus = {n.waarde for n in vragenlijst.schaal.niveaus}
    if m["huidig_thema"] is not None and m["huidig_thema"] not in themas:
        raise fout(f"het huidige thema '{m['huidig_thema']}' staat niet in de vragenlijst.")

    def cel(soort: str, nr: int, cbs: str, ding: str | None = None, alle: set | None = None):
        if cbs not in gemeenten:
            raise fout(f"{soort} nr. {nr}: gemeente {cbs} doet niet mee aan deze meting.")
        if ding is not None and alle is not None and ding not in alle:
            raise fout(f"{soort} nr. {nr}: '{ding}' staat niet in de vragenlijst.")

    dubbel: set = set()
    for nr, a in enumerate(m["antwoorden"], 1):
        cel("antwoord", nr, a["cbs"], a["vraag_id"], vragen)
        w = a["waarde"]
        if not (w is None or w in BIJZONDERE_ANTWOORDEN or (type(w) is int and w in niveaus)):
            raise fout(f"antwoord nr. {nr}: '{w}' is geen antwoord op de schaal.")
        if w == NIET_VAN_TOEPASSING:
            try:
                regels.nvt_mag(vragenlijst, a["vraag_id"])
            except OngeldigAntwoord as weigering:
                raise fout(f"antwoord nr. {nr}: {weigering}") from None
        if (a["cbs"], a["vraag_id"]) in dubbel:
            raise fout(f"antwoord nr. {nr}: deze vraag is voor deze gemeente al beantwoord.")
        dubbel.add((a["cbs"], a["vraag_id"]))
    dubbel = set()
    for nr, n in enumerate(m["notities"], 1):
        if n["thema_id"] not in themas:
            raise fout(
                f"notitie nr. {nr}: het thema '{n['thema_id']}' staat niet in de vragenlijst."
            )
        if n["cbs"] is not None:
            cel("notitie", nr, n["cbs"])
        if (n["thema_id"], n["cbs"]) in dubbel:
            raise fout(
                f"notitie nr. {nr}: dit thema heeft al een notitie "
                + ("voor alle gemeenten." if n["cbs"] is None else f"voor gemeente {n['cbs']}.")
            )
        dubbel.add((n["thema_id"], n["cbs"]))
    for nr, d in enumerate(m["deelnemers"], 1):
        if d["cbs"] is not None:
            cel("deelnemer", nr, d["cbs"])
    dubbel = set()
    for nr, a in enumerate(m["ambities"], 1):
        cel("ambitie", nr, a["cbs"], a["thema_id"], themas)
        if a["niveau"] not in niveaus:
            raise fout(f"ambitie nr. {nr}: niveau {a['niveau']} bestaat niet in de schaal.")
        if (a["cbs"], a["thema_id"]) in dubbel:
            raise fout(f"ambitie nr. {nr}: deze gemeente heeft voor dit thema al een ambitie.")
        dubbel.add((a["cbs"], a["thema_id"]))
    if melding := stemtabel.controleer_export(m["deelname"], vragenlijst, gemeenten):
        raise fout(melding)


def _is_tijd(tekst: str) -> bool:
    try:
        datetime.fromisoformat(tekst)
    except ValueError:
        return False
    return True


def _voeg_in(db: sqlite_utils.Database, m: dict) -> None:
    lijst = m["vragenlijst"]
    # The hash was checked against this text in _controleer_inhoud.
    opslag.bewaar_snapshot(db, lijst["hash"], canonieke_json(lijst["inhoud"]))
    meting_id = (
        db["metingen"]
        .insert(
            {
                "uuid": m["uuid"],
                "titel": m["titel"],
                "regio_id": m["regio_id"],
                "regio_naam": m["regio_naam"],
                "subregio_id": m["subregio_id"],
                "subregio_naam": m["subregio_naam"],
                "jaar": m["jaar"],
                "periode": m["periode"],
                "soort": m["soort"],
                "datum": m["datum"],
                "vragenlijst_id": lijst["id"],
                "vragenlijst_versie": lijst["versie"],
                "vragenlijst_hash": lijst["hash"],
                "status": m["status"],
                "vorige_meting_uuid": m["vorige_meting"],
                "huidig_thema": m["huidig_thema"],
                "demo": int(m["demo"]),
                "aangemaakt_op": m["aangemaakt_op"],
                "aangemaakt_door": m["aangemaakt_door"],
                "afgerond_op": m["afgerond_op"],
            }
        )
        .last_pk
    )
    db["meting_gemeenten"].insert_all(
        {"meting_id": meting_id, "cbs": g["cbs"], "naam": g["naam"], "volgorde": i}
        for i, g in enumerate(m["gemeenten"])
    )
    db["antwoorden"].insert_all(
        {
            "meting_id": meting_id,
            "cbs": a["cbs"],
            "vraag_id": a["vraag_id"],
            "waarde": None if a["waarde"] is None else str(a["waarde"]),
            "toelichting": a["toelichting"],
            "bespreekpunt": int(a["bespreekpunt"]),
            "overgenomen": int(a["overgenomen"]),
            "versie": a["versie"],
            # The per-field history is not exported; taking the row version for every field is
            # the safe side: a stale save over any field is still caught.
            "waarde_versie": a["versie"],
            "toelichting_versie": a["versie"],
            "bespreekpunt_versie": a["versie"],
            "gewijzigd_op": a["gewijzigd_op"],
            "gewijzigd_door": a["gewijzigd_door"],
        }
        for a in m["antwoorden"]
    )
    db["thema_notities"].insert_all({"meting_id": meting_id, **n} for n in m["notities"])
    db["deelnemers"].insert_all({"meting_id": meting_id, **d} for d in m["deelnemers"])
    db["ambities"].insert_all(
        # As the store writes them: stripped, and a date or quarter in its one form.
        {
            "meting_id": meting_id,
            **a,
            "wie": regels.veld("ambitie_wie", a["wie"]) or None,
            "wanneer": regels.wanneer(a["wanneer"]),
        }
        for a in m["ambities"]
    )
    db["logboek"].insert_all({"meting_id": meting_id, **r} for r in m["logboek"])
    stemtabel.voeg_in(db, meting_id, m["deelname"])


# --- backup ---------------------------------------------------------------------------------


def maak_backup(db_path: str | Path, doel: str | Path) -> Path:
    """A consistent copy of the live database at ``doel`` (a file, or a folder to put it in).

    SQLite's online backup copies a single snapshot while the app keeps writing, including what
    is still in the WAL file; copying the .db file by hand would not. The copy is written beside
    the target and renamed into place, so a half-written backup never looks like a good one.
    """
    bron = Path(db_path)
    if not bron.is_file():
        raise DatabaseFout(f"De database {bron} bestaat niet; er is niets om te back-uppen.")
    doel = Path(doel)
    if doel.is_dir():
        stempel = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        doel = doel / f"{bron.stem}-backup-{stempel}.db"
    if doel.exists():
        raise DatabaseFout(
            f"{doel} bestaat al; een back-up overschrijft nooit een bestand. Kies een andere naam."
        )
    if not doel.parent.is_dir():
        raise DatabaseFout(
            f"De map {doel.parent} bestaat niet. Maak haar eerst of kies een andere plek."
        )
    fd, tijdelijk = tempfile.mkstemp(prefix=".backup-", suffix=".db", dir=doel.parent)
    os.close(fd)
    lezer = kopie = None
    try:
        lezer = sqlite3.connect(bron)
        try:
            lezer.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError:
            raise DatabaseFout(
                f"{bron} is geen zelfscan-database; er is geen back-up gemaakt."
            ) from None
        kopie = sqlite3.connect(tijdelijk)
        # pages=-1: everything in one step, so the copy is one snapshot of the source.
        lezer.backup(kopie, pages=-1)
        # A backup is one self-contained file, not a database plus a WAL file.
        kopie.execute("PRAGMA journal_mode = DELETE")
        if kopie.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise DatabaseFout("De back-up is niet in orde bevonden; probeer opnieuw.")
        kopie.close()
        kopie = None
        os.replace(tijdelijk, doel)
    except sqlite3.Error as fout:
        raise DatabaseFout(
            f"De back-up naar {doel} is mislukt ({fout}). Er is niets overschreven."
        ) from None
    finally:
        for conn in (lezer, kopie):
            if conn is not None:
                conn.close()
        if os.path.exists(tijdelijk):
            os.unlink(tijdelijk)
    return doel


def schrijf_heel(pad: Path, inhoud: bytes) -> Path:
    """Write via a temporary file and a rename: the file appears whole, or not at all."""
    pad.parent.mkdir(parents=True, exist_ok=True)
    fd, tijdelijk = tempfile.mkstemp(prefix=f".{pad.name}-", dir=pad.parent)
    try:
        with os.fdopen(fd, "wb") as bestand:
            bestand.write(inhoud)
        os.replace(tijdelijk, pad)
    except BaseException:
        if os.path.exists(tijdelijk):
            os.unlink(tijdelijk)
        raise
    return pad
