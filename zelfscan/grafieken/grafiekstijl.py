"""What a chart shows and how it looks, without matplotlib: the series, the colours, line styles
and markers, and the checks on the values.

Shared by the matplotlib charts of the web pages (:mod:`.charts`) and the vector drawings in the
PDF reports (:mod:`zelfscan.rapport`), so a gemeente has the same colour and line on the page
and on paper, and one function builds a radar's series for both.

Colours come from the Okabe–Ito palette, which stays distinguishable with the common forms of
colour blindness; every series also differs in line style and marker, so a chart still reads in
black and white. The score bands' colours (sterk, midden, zwak) are named here once, for every
chart, table and web page, with a mark per band so colour is never the only cue.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..scores import resultaten

Stijl = Literal["gemeente", "gemiddelde", "vorige", "ambitie"]


# Okabe, M. & Ito, K. (2008), "Color Universal Design".
OKABE_ITO = {
    "oranje": "#E69F00",
    "hemelsblauw": "#56B4E9",
    "blauwgroen": "#009E73",
    "geel": "#F0E442",
    "blauw": "#0072B2",
    "vermiljoen": "#D55E00",
    "paars": "#CC79A7",
    "zwart": "#000000",
}


# Gemeenten in order of appearance; yellow is left out: too light on white for a line.
GEMEENTE_KLEUREN = ("blauw", "vermiljoen", "paars", "hemelsblauw", "blauwgroen", "oranje")


GRIJS = "#555555"


ROOSTER = "#C8C8C8"


ONTBREEKT = "#9A9A9A"


GEEN_SCORE = "onvoldoende beantwoord"


@dataclass(frozen=True)
class Reeks:
    """One line on a radar chart: a value (0–100) per axis, None where there is no score."""

    naam: str
    waarden: Sequence[float | None]
    stijl: Stijl = "gemeente"


def controleer_score(waarde: float | None, waar: str) -> float | None:
    if waarde is None:
        return None
    waarde = float(waarde)
    if math.isnan(waarde):
        return None
    if not 0 <= waarde <= 100:
        raise ValueError(f"{waar}: {waarde} ligt niet tussen 0 en 100")
    return waarde


REEKS_STIJL = {
    # stijl: (line style, line width, marker, marker size, z-order)
    "gemeente": ("-", 2.2, "o", 4.0, 5),
    "gemiddelde": ((0, (5, 2.5)), 1.6, None, 0, 4),
    "vorige": ((0, (1, 1.6)), 2.0, "s", 3.2, 3),
    # Markers only: each ambitie belongs to its own thema, and a line would join unrelated ones.
    "ambitie": ("none", 1.6, "^", 5.5, 6),
}


REEKS_KLEUR = {
    "gemiddelde": OKABE_ITO["zwart"],
    "vorige": OKABE_ITO["oranje"],
    "ambitie": OKABE_ITO["blauwgroen"],
}


@dataclass(frozen=True)
class Groep:
    """Consecutive spokes of a radar that belong together: an onderdeel and its thema count."""

    titel: str
    aantal: int


GRENS_KLEUR = "#7A7A7A"  # the spoke between two onderdelen: darker and thicker than the grid


GRENS_DIKTE = 1.3


GRENS_UIT = 0.06  # inches the line between two onderdelen reaches past the rim, among the labels


NUMMER_RING = 1.6  # the ring around an onderdeel's number: its diameter in font sizes


GROEP_REGEL = 0.2  # inches a print radar grows per onderdeel, for its title in the key


def radar_groepen(onderdelen) -> tuple[Groep, ...]:
    """The groups of a radar over all thema's of ``onderdelen`` (anything with ``titel`` and
    ``themas``: a vragenlijst's onderdelen, or a report's), in their order."""
    return tuple(Groep(o.titel, len(o.themas)) for o in onderdelen)


def controleer_groepen(groepen: Sequence[Groep] | None, n: int) -> tuple[Groep, ...]:
    """The groups to mark on a radar of ``n`` spokes: none for fewer than two (one group has
    nothing to set apart); ValueError when they do not cover the spokes exactly."""
    groepen = tuple(groepen or ())
    if any(g.aantal < 1 for g in groepen) or (groepen and sum(g.aantal for g in groepen) != n):
        raise ValueError(
            f"de onderdelen tellen {[g.aantal for g in groepen]} thema's, de radar heeft er {n}"
        )
    return groepen if len(groepen) > 1 else ()


def radar_waarden(labels: Sequence[str], reeksen: Sequence[Reeks]) -> list[list[float | None]]:
    """The series' values, checked (0–100, None for no score); ValueError for a radar that
    cannot be drawn (under three axes, an unknown style, a series of the wrong length)."""
    n = len(labels)
    if n < 3:
        raise ValueError("een radargrafiek heeft minstens drie assen nodig")
    for reeks in reeksen:
        if reeks.stijl not in REEKS_STIJL:
            raise ValueError(f"onbekende stijl {reeks.stijl!r} voor reeks {reeks.naam!r}")
        if len(reeks.waarden) != n:
            raise ValueError(
                f"reeks {reeks.naam!r} heeft {len(reeks.waarden)} waarden voor {n} labels"
            )
    return [
        [controleer_score(w, f"reeks {r.naam!r}, {labels[i]!r}") for i, w in enumerate(r.waarden)]
        for r in reeksen
    ]


def reeks_kleuren(reeksen: Sequence[Reeks]) -> list[str]:
    """A colour per series: gemeenten take the palette in turn, the others a fixed colour."""
    uit, gemeente_nr = [], 0
    for reeks in reeksen:
        if reeks.stijl == "gemeente":
            uit.append(OKABE_ITO[GEMEENTE_KLEUREN[gemeente_nr % len(GEMEENTE_KLEUREN)]])
            gemeente_nr += 1
        else:
            uit.append(REEKS_KLEUR[reeks.stijl])
    return uit


# --- the score bands ----------------------------------------------------------------------------

# The bands' colours (scores.resultaten.BANDEN), named here once: the heatmaps (web and PDF), the
# PDF tables (rapport.opmaak) and the web pages' tables and chips (static/zelfscan.css, checked
# by a test) all use these. Pale, so dark text reads well on each (contrast above 11:1).
BAND_KLEUR = {"sterk": "#D3EBDC", "midden": "#FBE7B5", "zwak": "#F9D9C9"}


# Colour is never the only cue (WCAG 1.4.1): in a chart the band is also a mark, a full, a half
# or an empty circle (as Harvey balls: the fuller, the stronger), drawn the same in both engines.
BAND_MERK = {"sterk": "vol", "midden": "half", "zwak": "leeg"}


BAND_TEKEN = {"sterk": "●", "midden": "◐", "zwak": "○"}  # the marks as text, for legends in HTML


MERK_KLEUR = "#333333"


MERK = 0.55  # a mark's diameter, in font sizes of the cell's number


MERK_AFSTAND = 0.5  # between mark and number, in font sizes


def band_kleur(score: float | None) -> str | None:
    naam = resultaten.band(score)
    return BAND_KLEUR[naam] if naam else None


# --- heatmap --------------------------------------------------------------------------------------

HEATMAP_TEKST = "#1A1A1A"  # every cell's number: the band colours are all pale


LEEG_VLAK = "#EEEEEE"  # a cell without a score: a pale grey ground,


LEEG_ARCERING = "#A0A0A0"  # hatched "////" in a darker grey,


LEEG_TEKEN = "#333333"  # with a dash "–"


GEEN_SCORE_KORT = "geen score"  # the key's entry for such a cell


def heatmap_kleur(score: float) -> str:
    """A cell's colour: its score's band."""
    return BAND_KLEUR[resultaten.band(score)]


def heatmap_merk(score: float) -> str:
    """A cell's mark: "vol", "half" or "leeg" for its score's band."""
    return BAND_MERK[resultaten.band(score)]


def heatmap_inhoud_breedte(cijfer_b: float, punten: float) -> float:
    """The width (inches) of a cell's mark and number together, "100" the widest number."""
    return (MERK + MERK_AFSTAND) * punten / 72 + cijfer_b


def heatmap_plekken(cel_b: float, cijfer_b: float, punten: float) -> tuple[float, float]:
    """Where in a cell ``cel_b`` wide (inches from its left edge) the mark's centre and the
    number's centre go: mark and number as one group, centred in the cell, so a column's marks
    line up whatever its numbers are."""
    links = (cel_b - heatmap_inhoud_breedte(cijfer_b, punten)) / 2
    merk = links + MERK * punten / 72 / 2
    getal = links + (MERK + MERK_AFSTAND) * punten / 72 + cijfer_b / 2
    return merk, getal


def heatmap_sleutel(met_leeg: bool) -> list[tuple[str | None, str]]:
    """The key beside a heatmap: (band, text) per band, strongest first, and (None, "geen
    score") when a cell has no score."""
    uit: list[tuple[str | None, str]] = [
        (naam, f"{naam}: {uitleg}") for _grens, naam, uitleg in resultaten.BANDEN
    ]
    if met_leeg:
        uit.append((None, GEEN_SCORE_KORT))
    return uit


def heatmap_cellen(
    rijen: Sequence[str], kolommen: Sequence[str], waarden: Sequence[Sequence[float | None]]
) -> list[list[float | None]]:
    """The grid's values, checked (0–100, None for no score); ValueError for a grid that cannot
    be drawn (no rows or columns, rows of the wrong length)."""
    if not rijen or not kolommen:
        raise ValueError("een overzicht heeft minstens één rij en één kolom nodig")
    if len(waarden) != len(rijen) or any(len(rij) != len(kolommen) for rij in waarden):
        raise ValueError(f"waarden moeten {len(rijen)} rijen van {len(kolommen)} getallen zijn")
    return [
        [controleer_score(w, f"{rijen[i]!r} × {kolommen[j]!r}") for j, w in enumerate(rij)]
        for i, rij in enumerate(waarden)
    ]


_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "<")


_LIJNEN = ("-", (0, (5, 2)), (0, (1, 1.2)), (0, (6, 2, 1.5, 2)))


TREND_LIJNEN = _LIJNEN  # matplotlib dash patterns (lengths in line widths)


def trend_stijl(nr: int) -> tuple[str, str, str | tuple]:
    """Colour (hex), marker and line style of a trend chart's ``nr``-th series (from 0).

    Pure, shared with the PDF drawing (rapport.trend), so an onderdeel has the same colour and
    marker on the page and in the report."""
    return (
        OKABE_ITO[GEMEENTE_KLEUREN[nr % len(GEMEENTE_KLEUREN)]],
        _MARKERS[nr % len(_MARKERS)],
        _LIJNEN[(nr // len(GEMEENTE_KLEUREN)) % len(_LIJNEN)],
    )


def radar_reeksen(
    naam: str,
    scores: Sequence[float | None],
    *,
    gemiddelde: Sequence[float | None] | None = None,
    vorige: Sequence[float | None] | None = None,
    ambitie: Sequence[float | None] | None = None,
    vorige_jaar: int | None = None,
) -> list[Reeks]:
    """The series of one gemeente's radar, for the web page and the report alike.

    ``scores``: the gemeente's score per thema; ``gemiddelde``: the subregio's mean (give it only
    when more than one gemeente took part); ``vorige`` and ``ambitie``: the previous meting's
    scores and the ambities set there (0–100), drawn only when at least one has a value.
    """
    uit = [Reeks(naam, list(scores), "gemeente")]
    if gemiddelde is not None:
        uit.append(Reeks("Gemiddelde subregio", list(gemiddelde), "gemiddelde"))
    if vorige is not None and any(w is not None for w in vorige):
        uit.append(Reeks(f"Vorige meting ({vorige_jaar})", list(vorige), "vorige"))
    if ambitie is not None and any(w is not None for w in ambitie):
        uit.append(Reeks(f"Ambitie (gesteld in {vorige_jaar})", list(ambitie), "ambitie"))
    return uit
