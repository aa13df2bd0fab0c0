"""The JSON Schema's errors in plain Dutch: what is wrong with a field and what to do.

Split from :mod:`zelfscan.inlezen.validatie` (which adds file, line and place): this part only
turns one schema error into messages, so it needs neither the file nor the document.
"""

from __future__ import annotations

import difflib
from typing import Any

from .yamlbron import Pad

# How an item of a list is called in a place ("thema 'x'", "stap nr. 2").
ITEM = {
    "onderdelen": "onderdeel",
    "themas": "thema",
    "vragen": "vraag",
    "niveaus": "niveau",
    "verbeterpunten": "verbeterpunt",
    "subregios": "subregio",
    "gemeenten": "gemeente",
    "vervangt": "verwijzing",
    "kader": "kaderonderwerp",
    "volgende_stap": "stap",
    "vervallen": "vervallen vraag",
}
_LEEG = {
    "onderdelen": "De vragenlijst heeft geen onderdelen. Voeg minstens één onderdeel toe.",
    "themas": "Dit onderdeel heeft geen thema's. Voeg minstens één thema toe of haal het "
    "onderdeel weg.",
    "vragen": "Dit thema heeft geen vragen. Voeg minstens één vraag toe of haal het thema weg.",
    "verbeterpunten": "Dit thema heeft geen verbeterpunten. Voeg voor elk niveau van de schaal "
    "een suggestie toe.",
    "niveaus": "Te weinig niveaus. Een schaal heeft minstens twee niveaus.",
    "subregios": "De regio heeft geen subregio's. Voeg minstens één subregio toe.",
    "gemeenten": "Deze subregio heeft geen gemeenten. Voeg minstens één gemeente toe.",
}
_TYPE = {
    "string": "tekst",
    "integer": "een geheel getal",
    "number": "een getal",
    "array": "een lijst (elk item op een eigen regel, beginnend met '- ')",
    "object": "een blok met velden",
    "boolean": "ja of nee",
}


def vertaal(fout, onbekend: dict[Pad, set[str]]) -> list[tuple[Pad, str]]:
    """One JSON Schema error as (place, Dutch message) pairs; ``onbekend`` holds the unknown keys
    per place, so a misspelled key and its missing twin give one message, not two."""
    pad: Pad = tuple(fout.absolute_path)
    veld = _veldnaam(pad)
    waarde = fout.instance
    soort = fout.validator
    if soort == "required":
        ontbrekend = [k for k in fout.validator_value if k not in waarde]
        uit = []
        for sleutel in ontbrekend:
            # A misspelled key already gets "did you mean"; its missing twin adds only noise.
            verkeerd = onbekend.get(pad, set())
            if difflib.get_close_matches(sleutel, list(verkeerd), n=1, cutoff=0.75):
                continue
            uit.append((pad, f"het verplichte veld '{sleutel}' ontbreekt. Voeg het toe."))
        return uit
    if soort == "additionalProperties":
        toegestaan = sorted(fout.schema.get("properties", {}))
        uit = []
        for sleutel in sorted(onbekend.get(pad, set())):
            gok = difflib.get_close_matches(sleutel, toegestaan, n=1, cutoff=0.75)
            if gok:
                tip = f"Bedoelde u '{gok[0]}'?"
            else:
                tip = (
                    "Toegestaan zijn hier: "
                    + ", ".join(k for k in toegestaan if k != "$schema")
                    + "."
                )
            uit.append(((*pad, sleutel), f"onbekend veld '{sleutel}'. {tip}"))
        return uit
    if soort == "type" and veld == "volgende_stap":
        return [
            (
                pad,
                f"'volgende_stap' moet tekst zijn, of een lijst van stappen met 'niveaus' en "
                f"'tekst', maar is {_soort_van(waarde)} ({waarde!r}).",
            )
        ]
    if soort == "type":
        return [(pad, _type_melding(veld, waarde, fout.validator_value))]
    if soort == "enum":
        keuzes = " of ".join(f"'{k}'" for k in fout.validator_value)
        gok = (
            difflib.get_close_matches(waarde, [str(k) for k in fout.validator_value], n=1)
            if isinstance(waarde, str)
            else []
        )
        tip = f" Bedoelde u '{gok[0]}'?" if gok else ""
        return [(pad, f"'{veld}' moet {keuzes} zijn, maar is {waarde!r}.{tip}")]
    if soort == "minItems":
        if not waarde and veld in _LEEG:
            return [(pad, _LEEG[veld])]
        return [(pad, f"'{veld}' heeft te weinig items: minstens {fout.validator_value}.")]
    if soort == "minLength":
        return [(pad, f"'{veld}' is leeg. Vul een tekst in of laat het veld weg.")]
    if soort == "maxLength":
        return [
            (
                pad,
                f"'{veld}' is te lang ({len(waarde)} tekens, hoogstens "
                f"{fout.validator_value}). Maak de tekst korter.",
            )
        ]
    if soort == "pattern":
        return [(pad, _vorm_melding(veld, waarde))]
    if soort in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        woorden = {
            "minimum": "minstens",
            "maximum": "hoogstens",
            "exclusiveMinimum": "groter dan",
            "exclusiveMaximum": "kleiner dan",
        }
        return [
            (
                pad,
                f"'{veld}' moet {woorden[soort]} {fout.validator_value} zijn, maar is {waarde}.",
            )
        ]
    return [(pad, f"'{veld}' klopt niet: {fout.message}.")]


def _veldnaam(pad: Pad) -> str:
    for index, stap in enumerate(reversed(pad)):
        if isinstance(stap, str):
            return stap if index == 0 else ITEM.get(stap, stap)
    return "bestand"


def _type_melding(veld: str, waarde: Any, verwacht: str | list[str]) -> str:
    verwacht = verwacht if isinstance(verwacht, str) else verwacht[0]
    gewenst = _TYPE.get(verwacht, verwacht)
    if waarde is None:
        return f"'{veld}' is leeg, maar moet {gewenst} zijn. Vul het in of laat het veld weg."
    melding = f"'{veld}' moet {gewenst} zijn, maar is {_soort_van(waarde)} ({waarde!r})."
    if isinstance(waarde, bool):
        melding += (
            " YAML leest ja/nee, yes/no, on/off en true/false als waar of onwaar; zet "
            'tekst tussen aanhalingstekens, bijv. "Nee".'
        )
    elif verwacht == "string" and isinstance(waarde, (int, float)):
        melding += f' Zet de waarde tussen aanhalingstekens, bijv. "{waarde}".'
    elif verwacht == "array" and isinstance(waarde, (str, dict)):
        melding += " Begin elk item op een nieuwe regel met '- '."
    return melding


def _soort_van(waarde: Any) -> str:
    if isinstance(waarde, bool):
        return "een ja/nee-waarde"
    if isinstance(waarde, int):
        return "een geheel getal"
    if isinstance(waarde, float):
        return "een getal"
    if isinstance(waarde, str):
        return "tekst"
    if isinstance(waarde, list):
        return "een lijst"
    if isinstance(waarde, dict):
        return "een blok met velden"
    return type(waarde).__name__


def _vorm_melding(veld: str, waarde: Any) -> str:
    if veld in ("id", "verwijzing"):
        return (
            f"'{waarde}' is geen geldige id. Gebruik alleen kleine letters, cijfers en "
            "koppeltekens (geen spaties), bijv. 'meldcode-signaleren'."
        )
    if veld in ("versie", "vorige_versie"):
        return (
            f"'{waarde}' is geen geldige versie. Schrijf JAAR.VOLGNUMMER tussen "
            'aanhalingstekens, bijv. "2021.1".'
        )
    if veld in ("cbs", "opgegaan_in"):
        return (
            f"'{waarde}' is geen geldige CBS-code. Een CBS-code is 'GM' gevolgd door vier "
            "cijfers, bijv. GM0392 voor Haarlem (zie de gemeentelijst van het CBS)."
        )
    if veld in ("vanaf", "tot"):
        return f"'{waarde}' is geen datum. Schrijf JJJJ-MM-DD, bijv. 2019-01-01."
    return f"'{waarde}' heeft niet de juiste vorm voor '{veld}'."
