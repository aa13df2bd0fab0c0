"""Check data files and explain every problem in Dutch: file, line, place and what to do.

Structure (fields, types, forms) is checked against the JSON Schema shipped beside the data, so
editors and this module can never disagree; what a schema cannot say (unique ids, ordered
scales, complete verbeterpunt bands, references between files, overlapping memberships) is
checked here.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from .. import paths
from ..errors import Probleem
from .model import versie_sleutel
from .schemameldingen import ITEM, vertaal
from .yamlbron import Pad, YamlDocument

VRAGENLIJST = "vragenlijst"
REGIO = "regio"


@dataclass(frozen=True)
class BronBestand:
    """A data file that was read: its display name, kind and parsed document."""

    naam: str
    soort: str
    document: YamlDocument

    @property
    def data(self) -> Any:
        return self.document.data


@cache
def _schema(soort: str) -> dict:
    with open(paths.schema_path(soort), encoding="utf-8") as bestand:
        return json.load(bestand)


def schema(soort: str) -> dict:
    return _schema(soort)


def _probleem(bron: BronBestand, pad: Pad, melding: str) -> Probleem:
    return Probleem(
        bron.naam, melding, regel=bron.document.regel(pad), plaats=plaats(bron.data, pad)
    )


def plaats(data: Any, pad: Pad) -> str | None:
    """Name the place of ``pad`` the way a maintainer thinks of it: by ids, not indexes."""
    delen: list[str] = []
    knoop = data
    for i, stap in enumerate(pad):
        if isinstance(stap, int) and i > 0 and isinstance(knoop, list) and stap < len(knoop):
            item = knoop[stap]
            soort = ITEM.get(str(pad[i - 1]), "item")
            if isinstance(item, dict):
                delen.append(_noem(soort, item, stap))
            knoop = item
            continue
        if isinstance(knoop, dict) and stap in knoop:
            knoop = knoop[stap]
        else:
            break
    return " › ".join(delen) or None


def _noem(soort: str, item: dict, index: int) -> str:
    if soort == "gemeente" and isinstance(item.get("cbs"), str):
        naam = item.get("naam")
        return f"gemeente {item['cbs']}" + (f" ({naam})" if isinstance(naam, str) else "")
    if soort == "niveau" and "waarde" in item:
        return f"niveau {item['waarde']}"
    ident = item.get("id")
    if isinstance(ident, str):
        return f"{soort} '{ident}'"
    return f"{soort} nr. {index + 1}"


# --- structure, by the JSON Schema ----------------------------------------------------------


def schema_problemen(bron: BronBestand) -> list[Probleem]:
    # jsonschema (with referencing and rpds) takes ~0.1 s to import: imported here, when a
    # file is checked, not by every process that imports the loader.
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema(bron.soort))
    fouten = sorted(validator.iter_errors(bron.data), key=lambda f: list(map(str, f.absolute_path)))
    onbekend: dict[Pad, set[str]] = {}
    for fout in fouten:
        if fout.validator == "additionalProperties" and isinstance(fout.instance, dict):
            toegestaan = set(fout.schema.get("properties", {}))
            onbekend[tuple(fout.absolute_path)] = {k for k in fout.instance if k not in toegestaan}
    problemen: list[Probleem] = []
    for fout in fouten:
        problemen.extend(_probleem(bron, pad, melding) for pad, melding in vertaal(fout, onbekend))
    return problemen


# --- meaning, per file ----------------------------------------------------------------------


def _items(lijst: Any) -> list[tuple[int, dict]]:
    # Defensive on purpose: these checks also run on files whose structure is broken, so that
    # one run lists every problem.
    if not isinstance(lijst, list):
        return []
    return [(i, item) for i, item in enumerate(lijst) if isinstance(item, dict)]


def vragenlijst_problemen(bron: BronBestand) -> list[Probleem]:
    data = bron.data if isinstance(bron.data, dict) else {}
    problemen: list[Probleem] = []
    problemen += _unieke_ids(bron, data)
    niveaus = _schaal_problemen(bron, data, problemen)
    for oi, onderdeel in _items(data.get("onderdelen")):
        for ti, thema in _items(onderdeel.get("themas")):
            pad = ("onderdelen", oi, "themas", ti)
            problemen += _band_problemen(bron, pad, thema, niveaus)
            for vi, vraag in _items(thema.get("vragen")):
                problemen += _stap_problemen(bron, (*pad, "vragen", vi), vraag, niveaus)
                if vraag.get("vervangt") and not data.get("vorige_versie"):
                    problemen.append(
                        _probleem(
                            bron,
                            (*pad, "vragen", vi, "vervangt"),
                            "deze vraag vervangt vragen uit een vorige versie, maar de "
                            "vragenlijst noemt geen 'vorige_versie'. Zet bovenaan bijv. "
                            'vorige_versie: "2021.1".',
                        )
                    )
    problemen += _vervallen_in_bestand(bron, data)
    versie, vorige = data.get("versie"), data.get("vorige_versie")
    if (
        _is_versie(versie)
        and _is_versie(vorige)
        and versie_sleutel(vorige) >= versie_sleutel(versie)
    ):
        problemen.append(
            _probleem(
                bron,
                ("vorige_versie",),
                f"de vorige versie ({vorige}) moet ouder zijn dan deze versie ({versie}).",
            )
        )
    return problemen


def _vervallen_in_bestand(bron: BronBestand, data: dict) -> list[Probleem]:
    """``vervallen`` needs a ``vorige_versie``, and names each vraag at most once."""
    if "vervallen" not in data:
        return []
    problemen = []
    if not data.get("vorige_versie"):
        problemen.append(
            _probleem(
                bron,
                ("vervallen",),
                "deze vragenlijst noemt vervallen vragen uit een vorige versie, maar geen "
                "'vorige_versie'. Zet bovenaan bijv. vorige_versie: \"2021.1\".",
            )
        )
    gezien: dict[str, int] = {}
    for i, item in _items(data.get("vervallen")):
        ident = item.get("id")
        if not isinstance(ident, str):
            continue
        if ident in gezien:
            eerder = ("vervallen", gezien[ident])
            problemen.append(
                _probleem(
                    bron,
                    ("vervallen", i, "id"),
                    f"'{ident}' staat twee keer in 'vervallen' (ook op regel "
                    f"{bron.document.regel(eerder)}). Haal een van beide weg.",
                )
            )
        else:
            gezien[ident] = i
    return problemen


def _is_versie(waarde: Any) -> bool:
    if not isinstance(waarde, str):
        return False
    try:
        versie_sleutel(waarde)
    except ValueError:
        return False
    return True


def _unieke_ids(bron: BronBestand, data: dict) -> list[Probleem]:
    gezien: dict[str, Pad] = {}
    problemen = []
    for pad, item in _alle_met_id(data):
        ident = item.get("id")
        if not isinstance(ident, str):
            continue
        if ident in gezien:
            eerder = gezien[ident]
            problemen.append(
                _probleem(
                    bron,
                    (*pad, "id"),
                    f"de id '{ident}' komt twee keer voor (ook op regel "
                    f"{bron.document.regel(eerder)}, {plaats(bron.data, eerder)}). Ids moeten uniek "
                    "zijn in de hele vragenlijst; geef een van beide een andere id.",
                )
            )
        else:
            gezien[ident] = pad
    return problemen


def _alle_met_id(data: dict) -> Iterable[tuple[Pad, dict]]:
    for oi, onderdeel in _items(data.get("onderdelen")):
        yield ("onderdelen", oi), onderdeel
        for ti, thema in _items(onderdeel.get("themas")):
            yield ("onderdelen", oi, "themas", ti), thema
            for vi, vraag in _items(thema.get("vragen")):
                yield ("onderdelen", oi, "themas", ti, "vragen", vi), vraag


def _schaal_problemen(bron: BronBestand, data: dict, problemen: list[Probleem]) -> list[int]:
    schaal = data.get("schaal") if isinstance(data.get("schaal"), dict) else {}
    waarden: list[int] = []
    labels: dict[str, int] = {}
    vorige: int | None = None
    for i, niveau in _items(schaal.get("niveaus")):
        waarde = niveau.get("waarde")
        pad = ("schaal", "niveaus", i)
        if not isinstance(waarde, int) or isinstance(waarde, bool):
            continue
        if waarde in waarden:
            problemen.append(
                _probleem(
                    bron,
                    (*pad, "waarde"),
                    f"de waarde {waarde} komt twee keer voor in de schaal. "
                    "Elk niveau heeft een eigen waarde.",
                )
            )
        elif vorige is not None and waarde < vorige:
            problemen.append(
                _probleem(
                    bron,
                    (*pad, "waarde"),
                    f"de niveaus staan niet op volgorde: {waarde} komt na "
                    f"{vorige}. Zet de niveaus van laag naar hoog.",
                )
            )
        waarden.append(waarde)
        vorige = waarde if vorige is None else max(vorige, waarde)
        label = niveau.get("label")
        if isinstance(label, str):
            if label.strip().lower() in labels:
                problemen.append(
                    _probleem(
                        bron,
                        (*pad, "label"),
                        f"het label '{label}' komt twee keer voor in de "
                        "schaal. Geef elk niveau een eigen label.",
                    )
                )
            labels[label.strip().lower()] = waarde
    return sorted(set(waarden))


def _band_problemen(bron: BronBestand, pad: Pad, thema: dict, niveaus: list[int]) -> list[Probleem]:
    if not niveaus or not isinstance(thema.get("verbeterpunten"), list):
        return []
    problemen = []
    gedekt: dict[int, int] = {}
    for bi, band in _items(thema.get("verbeterpunten")):
        for waarde in band.get("niveaus") or []:
            if not isinstance(waarde, int) or isinstance(waarde, bool):
                continue
            bandpad = (*pad, "verbeterpunten", bi, "niveaus")
            if waarde not in niveaus:
                problemen.append(
                    _probleem(
                        bron,
                        bandpad,
                        f"niveau {waarde} bestaat niet in de schaal (die kent "
                        f"{_opsomming(niveaus)}). Gebruik de waarden van de schaal.",
                    )
                )
            elif waarde in gedekt:
                problemen.append(
                    _probleem(
                        bron,
                        bandpad,
                        f"niveau {waarde} staat in twee verbeterpunten (ook in "
                        f"nr. {gedekt[waarde] + 1}). Elk niveau hoort bij "
                        "precies één suggestie.",
                    )
                )
            else:
                gedekt[waarde] = bi
    ontbrekend = [n for n in niveaus if n not in gedekt]
    if ontbrekend and thema.get("verbeterpunten"):
        problemen.append(
            _probleem(
                bron,
                (*pad, "verbeterpunten"),
                f"de verbeterpunten dekken niet de hele schaal: "
                f"{'niveau' if len(ontbrekend) == 1 else 'niveaus'} "
                f"{_opsomming(ontbrekend)} {'heeft' if len(ontbrekend) == 1 else 'hebben'} "
                "geen suggestie. Voeg ze toe aan een van de verbeterpunten.",
            )
        )
    return problemen


def _stap_problemen(bron: BronBestand, pad: Pad, vraag: dict, niveaus: list[int]) -> list[Probleem]:
    """A vraag's ``volgende_stap`` per band: levels of the scale, below the top, each at most once.

    A level without a step is allowed (the report then falls back to the thema's verbeterpunt).
    """
    stappen = vraag.get("volgende_stap")
    if not niveaus or not isinstance(stappen, list):
        return []
    hoogste = max(niveaus)
    problemen = []
    gedekt: dict[int, int] = {}
    for si, stap in _items(stappen):
        stappad = (*pad, "volgende_stap", si, "niveaus")
        for waarde in stap.get("niveaus") or []:
            if not isinstance(waarde, int) or isinstance(waarde, bool):
                continue
            if waarde not in niveaus:
                melding = (
                    f"niveau {waarde} bestaat niet in de schaal (die kent "
                    f"{_opsomming(niveaus)}). Gebruik de waarden van de schaal."
                )
            elif waarde == hoogste:
                melding = (
                    f"niveau {waarde} is het hoogste niveau van de schaal: daar is geen "
                    "volgende stap. Haal het weg uit 'niveaus'."
                )
            elif waarde in gedekt:
                melding = (
                    f"niveau {waarde} staat in twee volgende stappen van deze vraag (ook in "
                    f"nr. {gedekt[waarde] + 1}). Elk niveau hoort bij hoogstens één stap."
                )
            else:
                gedekt[waarde] = si
                continue
            problemen.append(_probleem(bron, stappad, melding))
    return problemen


def _opsomming(waarden: list) -> str:
    tekst = [str(w) for w in waarden]
    return tekst[0] if len(tekst) == 1 else ", ".join(tekst[:-1]) + " en " + tekst[-1]


def regio_problemen(bron: BronBestand) -> list[Probleem]:
    data = bron.data if isinstance(bron.data, dict) else {}
    problemen = []
    gezien: dict[str, int] = {}
    for si, subregio in _items(data.get("subregios")):
        ident = subregio.get("id")
        if isinstance(ident, str):
            if ident in gezien:
                problemen.append(
                    _probleem(
                        bron,
                        ("subregios", si, "id"),
                        f"de subregio-id '{ident}' komt twee keer voor. Geef "
                        "elke subregio een eigen id.",
                    )
                )
            gezien[ident] = si
        for gi, gemeente in _items(subregio.get("gemeenten")):
            pad = ("subregios", si, "gemeenten", gi)
            vanaf = _datum(bron, (*pad, "vanaf"), gemeente.get("vanaf"), problemen)
            tot = _datum(bron, (*pad, "tot"), gemeente.get("tot"), problemen)
            if vanaf and tot and tot < vanaf:
                problemen.append(
                    _probleem(
                        bron,
                        (*pad, "tot"),
                        f"'tot' ({tot}) ligt vóór 'vanaf' ({vanaf}). Controleer de data.",
                    )
                )
            if gemeente.get("opgegaan_in") and not gemeente.get("tot"):
                problemen.append(
                    _probleem(
                        bron,
                        (*pad, "opgegaan_in"),
                        "een gemeente die is opgegaan in een andere heeft ook "
                        "een einddatum nodig. Vul 'tot' in (de dag vóór de "
                        "herindeling).",
                    )
                )
    return problemen


def _datum(bron: BronBestand, pad: Pad, waarde: Any, problemen: list[Probleem]) -> date | None:
    if not isinstance(waarde, str):
        return None
    try:
        return date.fromisoformat(waarde)
    except ValueError:
        if len(waarde) == 10:  # the right form but no such day; the schema catches other forms
            problemen.append(
                _probleem(
                    bron,
                    pad,
                    f"'{waarde}' bestaat niet als datum. Controleer dag en maand (JJJJ-MM-DD).",
                )
            )
        return None


# --- meaning, across files ------------------------------------------------------------------


def catalogus_problemen(bronnen: list[BronBestand], context: list[BronBestand]) -> list[Probleem]:
    """Checks between files; ``context`` holds extra files only consulted (e.g. a previous version)."""
    problemen: list[Probleem] = []
    lijsten = [b for b in bronnen if b.soort == VRAGENLIJST and isinstance(b.data, dict)]
    regios = [b for b in bronnen if b.soort == REGIO and isinstance(b.data, dict)]
    problemen += _dubbele_versies(lijsten)
    alle_lijsten = lijsten + [
        b
        for b in context
        if b.soort == VRAGENLIJST
        and isinstance(b.data, dict)
        and b.naam not in {x.naam for x in lijsten}
    ]
    for bron in lijsten:
        problemen += _vervangt_problemen(bron, alle_lijsten)
    problemen += _dubbele_regios(regios)
    problemen += _lidmaatschap_problemen(regios)
    return problemen


def _dubbele_versies(lijsten: list[BronBestand]) -> list[Probleem]:
    gezien: dict[tuple[Any, Any], BronBestand] = {}
    problemen = []
    for bron in lijsten:
        sleutel = (bron.data.get("id"), bron.data.get("versie"))
        if sleutel in gezien:
            problemen.append(
                _probleem(
                    bron,
                    ("versie",),
                    f"vragenlijst '{sleutel[0]}' versie {sleutel[1]} staat ook "
                    f"in {gezien[sleutel].naam}. Elke versie hoort in één "
                    "bestand; verhoog de versie van de nieuwe.",
                )
            )
        else:
            gezien[sleutel] = bron
    return problemen


def _vraag_ids(data: dict) -> set[str]:
    return {
        item["id"]
        for pad, item in _alle_met_id(data)
        if "vragen" in pad and isinstance(item.get("id"), str)
    }


def _vervangt_problemen(bron: BronBestand, alle: list[BronBestand]) -> list[Probleem]:
    data = bron.data
    vorige = data.get("vorige_versie")
    if not isinstance(vorige, str):
        return []
    vorig = next(
        (b for b in alle if b.data.get("id") == data.get("id") and b.data.get("versie") == vorige),
        None,
    )
    if vorig is None:
        return [
            _probleem(
                bron,
                ("vorige_versie",),
                f"vorige versie {vorige} van '{data.get('id')}' is niet gevonden. Zet "
                "het bestand van die versie in dezelfde map, of verbeter 'vorige_versie'.",
            )
        ]
    bekend = _vraag_ids(vorig.data)
    problemen = []
    for pad, item in _alle_met_id(data):
        if "vragen" not in pad:
            continue
        for ri, oud in enumerate(item.get("vervangt") or []):
            if isinstance(oud, str) and oud not in bekend:
                gok = difflib.get_close_matches(oud, sorted(bekend), n=1, cutoff=0.6)
                tip = f" Bedoelde u '{gok[0]}'?" if gok else ""
                problemen.append(
                    _probleem(
                        bron,
                        (*pad, "vervangt", ri),
                        f"'{oud}' bestaat niet als vraag in versie {vorige} ({vorig.naam}).{tip}",
                    )
                )
    return problemen + _vervallen_problemen(bron, vorig)


def _vervallen_problemen(bron: BronBestand, vorig: BronBestand) -> list[Probleem]:
    """Each vraag of the previous version is kept (same id), replaced (``vervangt``) or listed
    in ``vervallen`` with a reason — never two of these at once. Completeness is only asked of
    a file that has ``vervallen``: a version without it keeps today's rule (unlisted vragen are
    simply not compared)."""
    data = bron.data
    if "vervallen" not in data:
        return []
    vorige = vorig.data.get("versie")
    bekend = _vraag_ids(vorig.data)
    # Where each id of the previous version is kept or replaced in this file.
    behouden: dict[str, Pad] = {}
    vervangen: dict[str, tuple[Pad, str]] = {}
    for pad, item in _alle_met_id(data):
        if "vragen" not in pad or not isinstance(item.get("id"), str):
            continue
        behouden.setdefault(item["id"], pad)
        for oud in item.get("vervangt") or []:
            if isinstance(oud, str):
                vervangen.setdefault(oud, (pad, item["id"]))
    problemen = []
    genoemd: set[str] = set()
    for i, item in _items(data.get("vervallen")):
        ident = item.get("id")
        if not isinstance(ident, str):
            continue
        genoemd.add(ident)
        pad = ("vervallen", i, "id")
        if ident not in bekend:
            gok = difflib.get_close_matches(ident, sorted(bekend), n=1, cutoff=0.6)
            tip = f" Bedoelde u '{gok[0]}'?" if gok else " Haal haar weg uit 'vervallen'."
            melding = (
                f"'{ident}' staat in 'vervallen', maar bestaat niet als vraag in versie "
                f"{vorige} ({vorig.naam}).{tip}"
            )
        elif ident in behouden:
            waar = behouden[ident]
            melding = (
                f"'{ident}' staat in 'vervallen', maar is ook een vraag in deze versie (regel "
                f"{bron.document.regel(waar)}). Een vraag blijft of vervalt: haal haar weg uit "
                "'vervallen', of geef de vraag in deze versie een nieuwe id."
            )
        elif ident in vervangen:
            waar, door = vervangen[ident]
            melding = (
                f"'{ident}' staat in 'vervallen', maar vraag '{door}' (regel "
                f"{bron.document.regel(waar)}) vervangt haar. Een vraag is vervangen of "
                "vervallen, niet allebei: haal haar weg uit 'vervallen' of uit 'vervangt'."
            )
        else:
            continue
        problemen.append(_probleem(bron, pad, melding))
    ontbrekend = [
        v
        for v in _vraag_ids_op_volgorde(vorig.data)
        if v not in behouden and v not in vervangen and v not in genoemd
    ]
    if ontbrekend:
        getoond = [f"'{v}'" for v in ontbrekend[:10]]
        if len(ontbrekend) > 10:
            getoond.append(f"nog {len(ontbrekend) - 10} andere")
        problemen.append(
            _probleem(
                bron,
                ("vervallen",),
                f"{len(ontbrekend)} "
                + ("vraag" if len(ontbrekend) == 1 else "vragen")
                + f" van versie {vorige} ({vorig.naam}) "
                + ("staat" if len(ontbrekend) == 1 else "staan")
                + " nergens in deze versie: "
                + _opsomming(getoond)
                + ". Geef elke vraag van de vorige versie een plaats: dezelfde id (de vraag "
                "blijft), in 'vervangt' van een nieuwe vraag, of in 'vervallen' met een reden.",
            )
        )
    return problemen


def _vraag_ids_op_volgorde(data: dict) -> list[str]:
    return [
        item["id"]
        for pad, item in _alle_met_id(data)
        if "vragen" in pad and isinstance(item.get("id"), str)
    ]


def _dubbele_regios(regios: list[BronBestand]) -> list[Probleem]:
    gezien: dict[Any, BronBestand] = {}
    problemen = []
    for bron in regios:
        ident = bron.data.get("id")
        if ident in gezien:
            problemen.append(
                _probleem(
                    bron,
                    ("id",),
                    f"regio '{ident}' staat ook in {gezien[ident].naam}. "
                    "Een regio hoort in één bestand.",
                )
            )
        else:
            gezien[ident] = bron
    return problemen


def _lidmaatschap_problemen(regios: list[BronBestand]) -> list[Probleem]:
    """A gemeente belongs to one subregio at a time, across every region file."""
    leden: dict[str, list[tuple[BronBestand, Pad, str, date, date]]] = {}
    bekend: set[str] = set()
    for bron in regios:
        for si, subregio in _items(bron.data.get("subregios")):
            for gi, gemeente in _items(subregio.get("gemeenten")):
                cbs = gemeente.get("cbs")
                if not isinstance(cbs, str):
                    continue
                bekend.add(cbs)
                vanaf = _zachte_datum(gemeente.get("vanaf"), date.min)
                tot = _zachte_datum(gemeente.get("tot"), date.max)
                naam = f"{bron.data.get('id')} › {subregio.get('id')}"
                leden.setdefault(cbs, []).append(
                    (bron, ("subregios", si, "gemeenten", gi), naam, vanaf, tot)
                )
    problemen = []
    for cbs, lijst in leden.items():
        for i, (bron, pad, _naam, vanaf, tot) in enumerate(lijst):
            for ander_bron, ander_pad, ander_naam, ander_vanaf, ander_tot in lijst[:i]:
                if vanaf <= ander_tot and ander_vanaf <= tot:
                    problemen.append(
                        _probleem(
                            bron,
                            (*pad, "cbs"),
                            f"gemeente {cbs} hoort in dezelfde periode ook bij subregio "
                            f"{ander_naam} ({ander_bron.naam}, regel "
                            f"{ander_bron.document.regel(ander_pad)}). Een gemeente hoort op elk moment "
                            "bij één subregio; geef met 'vanaf' en 'tot' aan wanneer zij wisselde.",
                        )
                    )
                    break
    for bron in regios:
        for si, subregio in _items(bron.data.get("subregios")):
            for gi, gemeente in _items(subregio.get("gemeenten")):
                doel = gemeente.get("opgegaan_in")
                if isinstance(doel, str) and doel not in bekend:
                    problemen.append(
                        _probleem(
                            bron,
                            ("subregios", si, "gemeenten", gi, "opgegaan_in"),
                            f"'opgegaan_in' verwijst naar {doel}, maar die "
                            "gemeente staat in geen enkele regio. Voeg haar toe "
                            "of verbeter de code.",
                        )
                    )
    return problemen


def _zachte_datum(waarde: Any, standaard: date) -> date:
    try:
        return date.fromisoformat(waarde) if isinstance(waarde, str) else standaard
    except ValueError:
        return standaard
