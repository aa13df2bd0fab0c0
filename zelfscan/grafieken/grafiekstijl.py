"""What a chart shows and how it looks, without matplotlib: the series, the colours, line styles
and markers, and the checks on the values.

Shared by the matplotlib charts of the web pages (:mod:`.charts`) and the vector drawings in the
PDF reports (:mod:`zelfscan.rapport`), so a gemeente has the same colour and line on the page
and on paper, and one function builds a radar's series for both.

Colours come from the Okabe–Ito palette, which stays distinguishable with the common forms of
colour blindness; every series also differs in line style and marker, so a chart still reads in
black and white.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

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
    "ambitie": ((0, (6, 2, 1.5, 2)), 1.6, "^", 3.8, 3),
}


REEKS_KLEUR = {
    "gemiddelde": OKABE_ITO["zwart"],
    "vorige": OKABE_ITO["oranje"],
    "ambitie": OKABE_ITO["blauwgroen"],
}


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


# The heatmap's colours, without matplotlib: shared with the PDF drawing (rapport.heatmap).
# ColorBrewer YlGnBu, nine classes: matplotlib's "YlGnBu" colormap runs through these.
YLGNBU = (
    "#FFFFD9",
    "#EDF8B1",
    "#C7E9B4",
    "#7FCDBB",
    "#41B6C4",
    "#1D91C0",
    "#225EA8",
    "#253494",
    "#081D58",
)


KLEURSTAPPEN = 256  # a matplotlib colormap's number of colours


LEEG_VLAK = "#EEEEEE"  # a cell without a score: a pale grey ground,


LEEG_ARCERING = "#A0A0A0"  # hatched "////" in a darker grey,


LEEG_TEKEN = "#333333"  # with a dash "–"


def _rgb(hexkleur: str) -> tuple[float, float, float]:
    r, g, b = (int(hexkleur[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return r, g, b


def heatmap_kleur(score: float) -> tuple[float, float, float]:
    """A cell's colour (r, g, b from 0 to 1) for a score from 0 to 100: exactly what
    matplotlib's YlGnBu colormap gives, i.e. one of 256 colours spread evenly over the nine."""
    # As matplotlib's lookup: the score picks a step (100 falls in the last), and each step's
    # colour lies on the straight line between the two neighbouring ColorBrewer colours.
    stap = min(int(score / 100 * KLEURSTAPPEN), KLEURSTAPPEN - 1)
    plek = stap / (KLEURSTAPPEN - 1) * (len(YLGNBU) - 1)
    k = min(int(plek), len(YLGNBU) - 2)
    deel = plek - k
    van, naar = _rgb(YLGNBU[k]), _rgb(YLGNBU[k + 1])
    r, g, b = (a + (b - a) * deel for a, b in zip(van, naar, strict=True))
    return r, g, b


def heatmap_tekstkleur(score: float) -> str:
    """Dark text on a light cell, white on a dark one (WCAG relative luminance)."""
    return "#FFFFFF" if luminantie(heatmap_kleur(score)) < 0.3 else "#1A1A1A"


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


def luminantie(rgba) -> float:
    def kanaal(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (kanaal(c) for c in rgba[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


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
