"""Read a YAML file into plain data plus the line of every key and list item.

PyYAML forgets where things came from once it builds Python objects, and silently keeps the last
of two equal keys. Walking the node tree ourselves keeps both: line numbers for messages, and
duplicate keys reported instead of lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Probleem

if TYPE_CHECKING:
    import yaml

Pad = tuple[str | int, ...]

# PyYAML's problems, in the words a content maintainer needs, with what to do about them.
_YAML_PROBLEMEN = {
    "mapping values are not allowed here": (
        "hier staat een dubbele punt die YAML niet verwacht. Zet tekst met ': ' erin tussen "
        "aanhalingstekens, of controleer de inspringing van de regel erboven"
    ),
    "could not find expected ':'": (
        "YAML verwacht hier 'veld: waarde'. Controleer of de dubbele punt er staat en of de "
        "inspringing klopt"
    ),
    "found character '\\t' that cannot start any token": (
        "er staat een tab. Gebruik spaties om in te springen, geen tabs"
    ),
    "found a tab character that violates indentation": (
        "er staat een tab. Gebruik spaties om in te springen, geen tabs"
    ),
    "did not find expected key": (
        "de inspringing klopt niet: deze regel springt anders in dan de velden ernaast"
    ),
    "did not find expected '-' indicator": (
        "de inspringing van deze lijst klopt niet: elk item begint met '- ' op dezelfde hoogte"
    ),
    "found unexpected end of stream": (
        "het bestand houdt onverwacht op; waarschijnlijk mist een afsluitend aanhalingsteken"
    ),
    "found undefined alias": "er staat een * (verwijzing) zonder bijbehorend & (anker)",
    "expected <block end>": (
        "de inspringing klopt niet: deze regel springt anders in dan de regels erboven"
    ),
    "expected the node content": (
        "het bestand houdt onverwacht op; waarschijnlijk mist een afsluitend haakje of "
        "aanhalingsteken"
    ),
    "while scanning a quoted scalar": (
        "een tekst tussen aanhalingstekens wordt niet afgesloten; zet het afsluitende "
        "aanhalingsteken erachter"
    ),
}


@dataclass
class YamlDocument:
    data: Any
    regels: dict[Pad, int] = field(default_factory=dict)

    def regel(self, pad: Pad) -> int | None:
        """The line of ``pad`` or of its nearest ancestor that has one."""
        pad = tuple(pad)
        while pad:
            if pad in self.regels:
                return self.regels[pad]
            pad = pad[:-1]
        return self.regels.get((), None)


class YamlFout(Exception):
    def __init__(self, problemen: list[Probleem]):
        self.problemen = problemen
        super().__init__("; ".join(str(p) for p in problemen))


def lees_yaml(pad: Path, naam: str | None = None) -> YamlDocument:
    """Parse ``pad``; raise :class:`YamlFout` with Dutch problems for anything unreadable."""
    naam = naam or str(pad)
    try:
        tekst = pad.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise YamlFout(
            [Probleem(naam, "het bestand bestaat niet. Controleer de naam en de map.")]
        ) from None
    except UnicodeDecodeError as fout:
        raise YamlFout(
            [
                Probleem(
                    naam,
                    f"het bestand is geen UTF-8 (ongeldige byte op positie {fout.start}). "
                    "Sla het op als UTF-8 (in Kladblok: Opslaan als… › Codering: UTF-8).",
                )
            ]
        ) from None
    except OSError as fout:
        raise YamlFout(
            [Probleem(naam, f"het bestand is niet te lezen ({fout.strerror}).")]
        ) from None
    return lees_yaml_tekst(tekst, naam)


def lees_yaml_tekst(tekst: str, naam: str) -> YamlDocument:
    # PyYAML is imported here, when a file is read: a server whose catalogue comes from the
    # cache (inlezen.cataloguscache) never reads one.
    import yaml

    # libyaml builds the node tree ~10× faster than PyYAML's pure-Python parser (~20 against
    # ~250 ms for the shipped vragenlijst). It words its errors differently, so a file it
    # rejects is read again by the pure-Python parser, whose messages _YAML_PROBLEMEN knows.
    snel = getattr(yaml, "CSafeLoader", None)
    if snel is not None:
        try:
            return lees_tekst(snel, tekst, naam)
        except yaml.YAMLError:
            pass
    try:
        return lees_tekst(yaml.SafeLoader, tekst, naam)
    except yaml.MarkedYAMLError as fout:
        raise YamlFout([_yaml_probleem(fout, naam)]) from None
    except yaml.YAMLError as fout:
        raise YamlFout([Probleem(naam, f"geen geldige YAML ({fout}).")]) from None


def lees_tekst(soort: type, tekst: str, naam: str) -> YamlDocument:
    """Parse with loader class ``soort``: YamlFout for an empty file or a duplicate key,
    PyYAML's own errors for anything it cannot parse."""
    loader = soort(tekst)
    try:
        node = loader.get_single_node()
        if node is None:
            raise YamlFout(
                [
                    Probleem(
                        naam,
                        "het bestand is leeg. Vul het volgens het voorbeeld "
                        "in docs/vragenlijst-formaat.md.",
                    )
                ]
            )
        regels: dict[Pad, int] = {(): node.start_mark.line + 1}
        dubbel: list[Probleem] = []
        _loop(node, (), regels, dubbel, naam)
        if dubbel:
            raise YamlFout(dubbel)
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    return YamlDocument(_datums_als_tekst(data), regels)


def _loop(node: yaml.Node, pad: Pad, regels: dict[Pad, int], dubbel: list[Probleem], naam: str):
    import yaml

    if isinstance(node, yaml.MappingNode):
        gezien: dict[str, int] = {}
        for sleutel_node, waarde_node in node.value:
            sleutel = sleutel_node.value if isinstance(sleutel_node, yaml.ScalarNode) else "?"
            regel = sleutel_node.start_mark.line + 1
            if sleutel in gezien:
                dubbel.append(
                    Probleem(
                        naam,
                        f"het veld '{sleutel}' staat twee keer in hetzelfde blok (ook op regel "
                        f"{gezien[sleutel]}). YAML zou stilletjes de laatste nemen; houd er één.",
                        regel=regel,
                    )
                )
            gezien[sleutel] = regel
            regels[(*pad, sleutel)] = regel
            _loop(waarde_node, (*pad, sleutel), regels, dubbel, naam)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            regels[(*pad, index)] = item.start_mark.line + 1
            _loop(item, (*pad, index), regels, dubbel, naam)


def _yaml_probleem(fout: yaml.MarkedYAMLError, naam: str) -> Probleem:
    mark = fout.problem_mark or fout.context_mark
    probleem = (fout.problem or fout.context or "onbekende fout").strip()
    uitleg = next((u for begin, u in _YAML_PROBLEMEN.items() if probleem.startswith(begin)), None)
    if uitleg is None:
        uitleg = (
            f"geen geldige YAML ({probleem}). Controleer de inspringing (spaties, geen tabs), "
            "dubbele punten en aanhalingstekens op deze regel en de regel erboven"
        )
    kolom = f", kolom {mark.column + 1}" if mark else ""
    return Probleem(
        naam,
        f"YAML-fout{kolom}: {uitleg}.",
        regel=mark.line + 1 if mark else None,
    )


def _datums_als_tekst(data: Any) -> Any:
    # YAML turns an unquoted 2019-01-01 into a date; the files' schema speaks text, and a
    # maintainer should not have to remember quotes around dates.
    if isinstance(data, dict):
        return {k: _datums_als_tekst(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_datums_als_tekst(v) for v in data]
    if isinstance(data, (date, datetime)):
        return data.isoformat()[:10]
    return data
