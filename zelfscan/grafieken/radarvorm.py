"""The radar chart's geometry, shared by the matplotlib chart (:mod:`zelfscan.grafieken.charts`, for the web
pages) and the vector drawing in the PDF reports (:mod:`zelfscan.rapport.radar`): where the spokes
point, how labels are wrapped and placed so they never overlap, how large the chart can be, and
the shapes of the marks for a missing score.

Pure functions on plain numbers: no matplotlib, no reportlab. Lengths are in inches of the
figure, so both renderers place everything at the same spot; the PDF drawing scales the result.
"""

from __future__ import annotations

import functools
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

LABEL_BREEDTE = 14
"""Radar labels are wrapped at about this many characters."""

Vak = tuple[float, float, float, float]  # x0, y0, x1, y1
Punt = tuple[float, float]

BINNEN = 0.10
"""Where a score of 0 sits, as a fraction of the radius: on a small inner circle, so a 0 is a
visible point on its spoke rather than lost in the centre where all spokes meet."""


def straal_van(waarde: float, straal: float) -> float:
    """How far from the centre a score (0–100) is drawn on a radar of radius ``straal``."""
    return straal * (BINNEN + (1 - BINNEN) * waarde / 100)


def wrap(label: str, breedte: int = LABEL_BREEDTE, ruim: bool = True) -> str:
    """Wrap at about ``breedte`` characters into as few lines as possible, of similar length.

    A little wider when that saves a line — up to a third with ``ruim``, two characters without —
    so "Hulp: wegnemen van risicofactoren" becomes two lines rather than three. Words are never
    broken (a long Dutch compound stays whole), and the words are spread so that no line is left
    with a lone "van" or "en" when a more even split exists.
    """
    woorden = label.split()
    if not woorden:
        return label
    basis = max(breedte, *(len(w) for w in woorden))
    hoogste = basis + (breedte // 3 if ruim else 2)

    def aantal_regels(b: int) -> int:
        return len(textwrap.wrap(label, b, break_long_words=False, break_on_hyphens=False))

    aantal, b = min((aantal_regels(b), b) for b in range(basis, hoogste + 1))

    # The most even split into `aantal` lines of at most `b` characters (least squared slack).
    @functools.cache
    def beste(begin: int, regels: int) -> tuple[float, tuple[str, ...]]:
        if regels == 1:
            regel = " ".join(woorden[begin:])
            return ((b - len(regel)) ** 2, (regel,)) if len(regel) <= b else (math.inf, ())
        kandidaten = [(math.inf, ())]
        for eind in range(begin + 1, len(woorden) - regels + 2):
            regel = " ".join(woorden[begin:eind])
            if len(regel) > b:
                break
            kosten, rest = beste(eind, regels - 1)
            kandidaten.append(((b - len(regel)) ** 2 + kosten, (regel, *rest)))
        return min(kandidaten, key=lambda k: k[0])

    kosten, regels = beste(0, aantal)
    return "\n".join(regels) if kosten < math.inf else label


def hoeken(n: int) -> list[float]:
    """The spokes' angles, clockwise from the top (radians): the first thema points up."""
    return [2 * math.pi * i / n for i in range(n)]


def grenzen(aantallen: Sequence[int]) -> list[float]:
    """The angles of the lines between groups of consecutive spokes (``aantallen`` spokes each,
    in order from the top): halfway between a group's last spoke and the next group's first,
    the one between the last group and the first included."""
    n = sum(aantallen)
    uit, begin = [], 0
    for aantal in aantallen:
        uit.append(2 * math.pi * (begin - 0.5) / n % (2 * math.pi))
        begin += aantal
    return uit


def groepsmidden(aantallen: Sequence[int]) -> list[float]:
    """Where each group's number goes (an angle): in the middle of its spokes, and between two
    spokes rather than on one (a spoke's end has its label and the series' markers), except for
    a group of one spoke."""
    n = sum(aantallen)
    uit, begin = [], 0
    for aantal in aantallen:
        midden = begin + (aantal - 1) / 2
        if aantal > 1 and aantal % 2:
            midden += 0.5
        uit.append(2 * math.pi * midden / n)
        begin += aantal
    return uit


def richting(hoek: float) -> Punt:
    """The unit vector of a spoke (clockwise from the top, y up)."""
    return math.sin(hoek), math.cos(hoek)


def radar_label(label: str, hoek: float) -> str:
    # Near the top and bottom, neighbours stand side by side: keep labels narrow there. Towards
    # the sides they stand above each other: wider and fewer lines is better there.
    return wrap(label, ruim=abs(math.cos(hoek)) < 0.9)


def uitlijning(x: float) -> str:
    """'center', 'left' or 'right': lines of a label on the right start at the chart; on the
    left they end at it."""
    return "center" if abs(x) < 0.2 else ("left" if x > 0 else "right")


def runs(geldig: Sequence[bool]) -> list[list[int]]:
    """Maximal runs of consecutive valid indices, wrapping around the circle."""
    n = len(geldig)
    if all(geldig):
        return [list(range(n))]
    start = next(i for i in range(n) if not geldig[i])  # begin just after a gap
    uit, huidig = [], []
    for stap in range(1, n + 1):
        i = (start + stap) % n
        if geldig[i]:
            huidig.append(i)
        elif huidig:
            uit.append(huidig)
            huidig = []
    if huidig:
        uit.append(huidig)
    return uit


# --- label placement ----------------------------------------------------------------------------


def box_afstand(u: Punt, half: Punt, ring: float) -> float:
    """How far along the unit ray ``u`` a box with half sizes ``half`` must sit for its nearest
    point to be ``ring`` from the centre: the box then just touches the ring, wherever it is."""
    laag, hoog = ring * 0.5, ring + max(half) * 2.5
    for _ in range(40):  # bisection; the distance grows monotonically along the ray
        t = (laag + hoog) / 2
        dx = max(abs(t * u[0]) - half[0], 0.0)
        dy = max(abs(t * u[1]) - half[1], 0.0)
        if math.hypot(dx, dy) < ring:
            laag = t
        else:
            hoog = t
    return hoog


def overlapt(a: Vak, b: Vak, marge: float) -> bool:
    return not (
        a[2] + marge <= b[0] or b[2] + marge <= a[0] or a[3] + marge <= b[1] or b[3] + marge <= a[1]
    )


def label_vakken(hoeken_, maten, straal: float, marge: float) -> tuple[list[Vak], list[float]]:
    """:func:`_label_vakken_vast`, remembered: the placement depends only on the spokes and the
    label sizes, not on the scores, so every radar of a vragenlijst (342 reports, or the same
    picture asked for again) reuses it instead of searching again."""
    vakken, extra = _label_vakken_vast(
        tuple(hoeken_), tuple(tuple(m) for m in maten), straal, marge
    )
    return list(vakken), list(extra)


@functools.lru_cache(maxsize=512)
def _label_vakken_vast(hoeken_, maten, straal: float, marge: float):
    """Boxes (x0, y0, x1, y1) around the centre, in inches, for labels of size ``maten`` at the
    spokes ``hoeken_`` (clockwise from the top), and how far each was moved out.

    Each label starts where its box just touches a ring outside the chart. Where labels overlap,
    they first spread sideways (each may turn up to a third of the angle between spokes away
    from its own spoke). What still overlaps is settled by moving labels outward along their
    spoke, placing them one by one from the vertical axis towards the sides: the labels at the
    top and bottom, where wide labels crowd most, stay at the rim and their neighbours step out,
    which gives an alternating near/far pattern instead of a pile-up.
    """
    n = len(hoeken_)
    ring = straal + 0.09
    speling = math.pi / n * 2 / 3
    draai = [0.0] * n
    extra = [0.0] * n

    def vak(i: int) -> Vak:
        u = richting(hoeken_[i] + draai[i])
        half = (maten[i][0] / 2, maten[i][1] / 2)
        t = box_afstand(u, half, ring) + extra[i]
        return (t * u[0] - half[0], t * u[1] - half[1], t * u[0] + half[0], t * u[1] + half[1])

    vakken = [vak(i) for i in range(n)]
    for _ in range(60):
        botsing = False
        for i in range(n):
            for j in range(i + 1, n):
                if not overlapt(vakken[i], vakken[j], marge):
                    continue
                botsing = True
                # i comes before j clockwise, except across the top (j = last, i = first).
                voor, na = (j, i) if j - i > n / 2 else (i, j)
                draai[voor] = max(-speling, draai[voor] - 0.004)
                draai[na] = min(speling, draai[na] + 0.004)
                vakken[voor], vakken[na] = vak(voor), vak(na)
        if not botsing:
            break

    geplaatst: list[int] = []
    for i in sorted(range(n), key=lambda k: (round(abs(math.sin(hoeken_[k])), 6), k)):
        while extra[i] < 3 and any(overlapt(vakken[i], vakken[k], marge) for k in geplaatst):
            extra[i] += 0.02
            vakken[i] = vak(i)
        geplaatst.append(i)
    return tuple(vakken), tuple(extra)


@dataclass(frozen=True)
class Indeling:
    """Where the chart goes in the free room: its radius, its centre, and each label's box
    (relative to the centre), all in inches."""

    straal: float
    midden: Punt
    vakken: tuple[Vak, ...]
    verschoven: tuple[float, ...]
    links: float  # extent of chart and labels around the centre
    rechts: float
    onder: float
    boven: float


def indeling(
    hoeken_: Sequence[float],
    maten: Sequence[tuple[float, float]],
    vrij: Vak,
    max_straal: float,
    marge: float,
) -> Indeling:
    """The largest radius (at most ``max_straal``) at which chart and labels fit ``vrij``
    (x0, y0, x1, y1), with everything centred in it."""
    straal = max_straal
    for poging in range(12):
        vakken, verschoven = label_vakken(hoeken_, maten, straal, marge)
        links = min(-straal, *(v[0] for v in vakken))
        rechts = max(straal, *(v[2] for v in vakken))
        onder = min(-straal, *(v[1] for v in vakken))
        boven = max(straal, *(v[3] for v in vakken))
        factor = min((vrij[2] - vrij[0]) / (rechts - links), (vrij[3] - vrij[1]) / (boven - onder))
        if factor >= 1 or straal < 0.8 or poging == 11:
            break
        # Labels do not shrink with the chart: take a bit more off than the plain ratio.
        straal *= max(0.5, factor - 0.02)
    midden = (
        (vrij[0] + vrij[2]) / 2 - (links + rechts) / 2,
        (vrij[1] + vrij[3]) / 2 - (onder + boven) / 2,
    )
    return Indeling(straal, midden, tuple(vakken), tuple(verschoven), links, rechts, onder, boven)


def leiders(ind: Indeling, hoeken_: Sequence[float]) -> list[tuple[Punt, Punt]]:
    """Thin leader lines (absolute, in inches) from the rim to each label that was moved out
    from its spoke, so it is clear where it belongs; they stop just short of the text."""
    uit = []
    for i, vak in enumerate(ind.vakken):
        if ind.verschoven[i] < 0.04:
            continue
        u = richting(hoeken_[i])
        begin = ((ind.straal + 0.03) * u[0], (ind.straal + 0.03) * u[1])
        eind = (min(max(begin[0], vak[0]), vak[2]), min(max(begin[1], vak[1]), vak[3]))
        lengte = math.dist(begin, eind)
        if lengte < 0.05:
            continue
        krimp = (lengte - 0.03) / lengte
        eind = (begin[0] + (eind[0] - begin[0]) * krimp, begin[1] + (eind[1] - begin[1]) * krimp)
        mx, my = ind.midden
        uit.append(((mx + begin[0], my + begin[1]), (mx + eind[0], my + eind[1])))
    return uit


# --- marks for a missing score ------------------------------------------------------------------


def sector_breedte(n: int) -> float:
    """The angular width (radians) of the grey sector that marks a spoke without a score."""
    return min(2 * math.pi / n * 0.7, math.radians(24))


def sector(
    hoek: float, breedte: float, straal: float, stappen: int = 16, binnen: float = 0.0
) -> list[Punt]:
    """A wedge around the spoke at ``hoek`` from ``binnen`` (the centre unless given) to the
    rim at ``straal``, as a polygon (each arc drawn through ``stappen`` + 1 points), relative to
    the centre."""

    def boog(r: float) -> list[Punt]:
        return [
            (r * math.sin(h), r * math.cos(h))
            for h in (hoek - breedte / 2 + breedte * k / stappen for k in range(stappen + 1))
        ]

    return [*(boog(binnen)[::-1] if binnen > 0 else [(0.0, 0.0)]), *boog(straal)]


def arcering(veelhoek: Sequence[Punt], afstand: float) -> list[tuple[Punt, Punt]]:
    """Hatching "////" of a convex polygon: parallel lines rising at 45°, ``afstand`` apart
    (measured perpendicular to them), clipped to the polygon."""
    # Lines x - y = c; c runs over the polygon's range in steps of afstand·√2.
    waarden = [x - y for x, y in veelhoek]
    stap = afstand * math.sqrt(2)
    c = math.floor(min(waarden) / stap) * stap + stap / 2
    uit = []
    while c < max(waarden):
        snij = []
        for (x0, y0), (x1, y1) in zip(veelhoek, [*veelhoek[1:], veelhoek[0]], strict=True):
            a, b = x0 - y0 - c, x1 - y1 - c
            if (a < 0) != (b < 0):  # the edge crosses the line
                t = a / (a - b)
                snij.append((x0 + (x1 - x0) * t, y0 + (y1 - y0) * t))
        if len(snij) >= 2:
            snij.sort()
            uit.append((snij[0], snij[-1]))
        c += stap
    return uit
