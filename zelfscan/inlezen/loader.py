"""Load vragenlijsten and regions from the data folder into model objects, or explain why not.

Everything is validated first (:mod:`zelfscan.inlezen.validatie`); only valid data becomes objects, so
the rest of the engine can trust what it gets.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from .. import paths
from ..errors import DataFout, Probleem
from .model import (
    BijzonderAntwoord,
    Catalogus,
    Duur,
    Gemeente,
    Niveau,
    Onderdeel,
    Regels,
    Regio,
    Schaal,
    Subregio,
    Thema,
    Verbeterpunt,
    Vervallen,
    Vraag,
    Vragenlijst,
)
from .validatie import (
    REGIO,
    VRAGENLIJST,
    BronBestand,
    catalogus_problemen,
    regio_problemen,
    schema_problemen,
    vragenlijst_problemen,
)
from .yamlbron import YamlFout, lees_yaml

_EXTENSIES = (".yaml", ".yml")


def laad_catalogus(map_: Path | None = None) -> Catalogus:
    """Every vragenlijst and region in ``map_`` (default: the shipped data folder).

    Raises :class:`DataFout` listing every problem in every file when anything is invalid.
    """
    return catalogus_uit_data(*geldige_data(map_))


def geldige_data(map_: Path | None = None) -> tuple[list[dict], list[dict]]:
    """The data of every vragenlijst and of every region in ``map_``, each file read and
    validated; :class:`DataFout` with every problem when anything is invalid."""
    map_ = Path(map_) if map_ is not None else paths.vragenlijsten_dir()
    bestanden = data_bestanden(map_)
    if not bestanden:
        raise DataFout(
            [Probleem(str(map_), "geen vragenlijsten gevonden (*.yaml). Controleer de map.")]
        )
    bronnen, problemen = _lees_en_controleer(bestanden, basis=map_)
    if problemen:
        raise DataFout(problemen)
    return (
        [b.data for b in bronnen if b.soort == VRAGENLIJST],
        [b.data for b in bronnen if b.soort == REGIO],
    )


def catalogus_uit_data(vragenlijsten: list[dict], regios: list[dict]) -> Catalogus:
    """Model objects from data that was validated (by :func:`geldige_data`)."""
    return Catalogus(
        vragenlijsten=tuple(vragenlijst_uit_data(d) for d in vragenlijsten),
        regios=tuple(regio_uit_data(d) for d in regios),
    )


def data_bestanden(map_: Path) -> list[Path]:
    """The data files (*.yaml, *.yml) in ``map_`` and its subfolders, in a fixed order."""
    return _yaml_bestanden([map_])


def valideer(paden: Iterable[Path]) -> list[Probleem]:
    """Every problem in the files under ``paden`` (files or folders); empty when all is well."""
    paden = [Path(p) for p in paden]
    ontbrekend = [
        Probleem(str(p), "bestaat niet. Controleer het pad.") for p in paden if not p.exists()
    ]
    bestanden = _yaml_bestanden([p for p in paden if p.exists()])
    if not bestanden and not ontbrekend:
        return [Probleem(", ".join(map(str, paden)), "geen YAML-bestanden gevonden (*.yaml).")]
    _, problemen = _lees_en_controleer(bestanden, basis=None)
    return ontbrekend + problemen


def _yaml_bestanden(paden: list[Path]) -> list[Path]:
    gevonden: list[Path] = []
    for pad in paden:
        if pad.is_dir():
            gevonden += sorted(p for p in pad.rglob("*") if p.suffix in _EXTENSIES and p.is_file())
        else:
            gevonden.append(pad)
    return list(dict.fromkeys(gevonden))


def _weergavenaam(pad: Path, basis: Path | None) -> str:
    # Names as the maintainer knows them: 'vragenlijsten/x.yaml', or relative to where they stand.
    wortel = basis.resolve().parent if basis is not None else Path.cwd().resolve()
    try:
        return str(pad.resolve().relative_to(wortel))
    except ValueError:
        return str(pad)


def soort_van(pad: Path, data: Any) -> str:
    """Regions live in a ``regios`` folder; a stray region file is still recognised by its keys."""
    if "regios" in pad.parts:
        return REGIO
    if isinstance(data, dict) and "subregios" in data and "onderdelen" not in data:
        return REGIO
    return VRAGENLIJST


def _lees(bestanden: list[Path], basis: Path | None) -> tuple[list[BronBestand], list[Probleem]]:
    bronnen, problemen = [], []
    for pad in bestanden:
        naam = _weergavenaam(pad, basis)
        try:
            document = lees_yaml(pad, naam)
        except YamlFout as fout:
            problemen += fout.problemen
            continue
        if not isinstance(document.data, dict):
            problemen.append(
                Probleem(
                    naam,
                    "het bestand moet beginnen met velden (zoals 'id: …'), "
                    "niet met een lijst of losse tekst.",
                    regel=1,
                )
            )
            continue
        bronnen.append(BronBestand(naam, soort_van(pad, document.data), document))
    return bronnen, problemen


def _lees_en_controleer(bestanden: list[Path], basis: Path | None):
    bronnen, problemen = _lees(bestanden, basis)
    for bron in bronnen:
        problemen += schema_problemen(bron)
        if bron.soort == VRAGENLIJST:
            problemen += vragenlijst_problemen(bron)
        else:
            problemen += regio_problemen(bron)
    # A new version's 'vervangt' points into the previous version, which may sit beside it.
    buren = {p for b in bestanden for p in b.parent.glob("*") if p.suffix in _EXTENSIES} - set(
        bestanden
    )
    context, _ = _lees(sorted(buren), basis)
    problemen += catalogus_problemen(bronnen, context)
    volgorde = {b.naam: i for i, b in enumerate(bronnen)}
    problemen.sort(key=lambda p: (volgorde.get(p.bestand, -1), p.regel or 0))
    return bronnen, problemen


# --- building model objects from valid data -------------------------------------------------


def canonieke_json(data: Any) -> str:
    """One text for one content: sorted keys, no spacing, so equal content gives an equal hash."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def vragenlijst_uit_json(tekst: str) -> Vragenlijst:
    """Rebuild a vragenlijst from a meting's snapshot."""
    return vragenlijst_uit_data(json.loads(tekst))


def vragenlijst_uit_data(data: dict) -> Vragenlijst:
    schaal = data["schaal"]
    regels = data.get("regels", {})
    return Vragenlijst(
        id=data["id"],
        versie=data["versie"],
        titel=data["titel"],
        bron=data.get("bron", ""),
        beschrijving=data.get("beschrijving", ""),
        vorige_versie=data.get("vorige_versie"),
        vervallen=tuple(Vervallen(v["id"], v["reden"]) for v in data.get("vervallen", ())),
        schaal=Schaal(
            niveaus=tuple(
                Niveau(n["waarde"], n["label"], n["beschrijving"]) for n in schaal["niveaus"]
            ),
            weet_niet=BijzonderAntwoord(**schaal["weet_niet"]),
            niet_van_toepassing=BijzonderAntwoord(**schaal["niet_van_toepassing"]),
        ),
        regels=Regels(
            verbeterpunt_onder=float(regels.get("verbeterpunt_onder", Regels.verbeterpunt_onder)),
            verbeterpunt_laagste=int(
                regels.get("verbeterpunt_laagste", Regels.verbeterpunt_laagste)
            ),
            minimale_dekking=float(regels.get("minimale_dekking", Regels.minimale_dekking)),
            zicht_ontbreekt_vanaf=float(
                regels.get("zicht_ontbreekt_vanaf", Regels.zicht_ontbreekt_vanaf)
            ),
            verbeterpunten_max=int(regels.get("verbeterpunten_max", Regels.verbeterpunten_max)),
            nvt=regels.get("nvt", Regels.nvt),
            totaal=regels.get("totaal", Regels.totaal),
        ),
        onderdelen=tuple(
            _onderdeel(o, [n["waarde"] for n in schaal["niveaus"]]) for o in data["onderdelen"]
        ),
        json=canonieke_json(data),
    )


def _onderdeel(data: dict, niveaus: list[int]) -> Onderdeel:
    return Onderdeel(
        id=data["id"],
        titel=data["titel"],
        beschrijving=data.get("beschrijving", ""),
        gewicht=float(data.get("gewicht", 1)),
        themas=tuple(_thema(t, niveaus) for t in data["themas"]),
    )


def _stappen(waarde: str | list | None, niveaus: list[int]) -> tuple[Verbeterpunt, ...]:
    """``volgende_stap`` as bands: one text stands for every level below the top."""
    if not waarde:
        return ()
    if isinstance(waarde, str):
        return (Verbeterpunt(tuple(sorted(niveaus))[:-1], waarde),)
    return tuple(Verbeterpunt(tuple(b["niveaus"]), b["tekst"]) for b in waarde)


def _thema(data: dict, niveaus: list[int]) -> Thema:
    duur = data.get("duur")
    return Thema(
        id=data["id"],
        titel=data["titel"],
        kort=data.get("kort", ""),
        beschrijving=data.get("beschrijving", ""),
        kader=tuple(data.get("kader", ())),
        gewicht=float(data.get("gewicht", 1)),
        wie=data.get("wie", "gemeente"),
        prioriteit=data.get("prioriteit"),
        bron=data.get("bron", ""),
        duur=Duur(int(duur["basis"]), int(duur["per_gemeente"])) if duur else None,
        vragen=tuple(
            Vraag(
                id=v["id"],
                tekst=v["tekst"],
                uitleg=v.get("uitleg", ""),
                gewicht=float(v.get("gewicht", 1)),
                vervangt=tuple(v.get("vervangt", ())),
                volgende_stap=_stappen(v.get("volgende_stap"), niveaus),
                wie=v.get("wie"),
                nvt=v.get("nvt"),
            )
            for v in data["vragen"]
        ),
        verbeterpunten=tuple(
            Verbeterpunt(tuple(b["niveaus"]), b["tekst"]) for b in data["verbeterpunten"]
        ),
    )


def regio_uit_data(data: dict) -> Regio:
    return Regio(
        id=data["id"],
        naam=data["naam"],
        beschrijving=data.get("beschrijving", ""),
        bron=data.get("bron", ""),
        subregios=tuple(
            Subregio(
                id=s["id"],
                naam=s["naam"],
                gemeenten=tuple(
                    Gemeente(
                        cbs=g["cbs"],
                        naam=g["naam"],
                        vanaf=date.fromisoformat(g["vanaf"]) if g.get("vanaf") else None,
                        tot=date.fromisoformat(g["tot"]) if g.get("tot") else None,
                        opgegaan_in=g.get("opgegaan_in"),
                    )
                    for g in s["gemeenten"]
                ),
            )
            for s in data["subregios"]
        ),
    )
