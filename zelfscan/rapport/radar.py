"""The radar chart in a PDF report, drawn as vector graphics with reportlab.

The same chart as :func:`zelfscan.grafieken.charts.radar_png` (same geometry from :mod:`zelfscan.grafieken.radarvorm`,
same colours, line styles and legend), but as lines and text in the PDF: sharp in print, text
that can be searched and read aloud, and no matplotlib in the process that makes the report.

The layout is made in the inches of the print figure (7.5 × 8 in), so labels fall exactly where
the matplotlib chart puts them; the drawing is then scaled to the width it gets on the page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics

from ..grafieken import grafiekstijl, radarvorm
from .opmaak import FONT, registreer_fonts, tekening

# The print figure: size and largest radius in inches, font sizes in points (as charts "print").
_BREEDTE, _HOOGTE, _MAX_STRAAL = 7.5, 8.0, 2.7
_TEKST, _KLEIN, _LEGENDA = 8.5, 7.0, 8.5
# A radar needs three axes; with fewer thema's the tables say it all.
MIN_RADAR = 3

_RAND = 0.12
_REGELAFSTAND = 1.05  # as matplotlib's linespacing for the labels
_ARCERING = 0.055  # inches between hatch lines

_INKT = colors.HexColor("#1A1A1A")
_GRIJS = colors.HexColor(grafiekstijl.GRIJS)
_ROOSTER = colors.HexColor(grafiekstijl.ROOSTER)
_ONTBREEKT = colors.HexColor(grafiekstijl.ONTBREEKT)
_RIM = colors.HexColor("#9A9A9A")
_VLAK = colors.HexColor("#EEEEEE")


def _pt(inch: float) -> float:
    return inch * 72


def _font(schuin: bool) -> str:
    return f"{FONT}-Oblique" if schuin else FONT


def _hoogte_regel(punten: float) -> tuple[float, float]:
    """(ascent, descent) of the font at this size, in points (descent positive)."""
    opstijg, daal = pdfmetrics.getAscentDescent(FONT, punten)
    return opstijg, -daal


def label_maat(tekst: str, punten: float, schuin: bool = False) -> tuple[float, float]:
    """Width and height in inches of a label of one or more lines, as it is drawn here."""
    registreer_fonts()
    regels = tekst.split("\n")
    breedte = max(pdfmetrics.stringWidth(r, _font(schuin), punten) for r in regels)
    opstijg, daal = _hoogte_regel(punten)
    hoogte = (len(regels) - 1) * (opstijg + daal) * _REGELAFSTAND + opstijg + daal
    return breedte / 72, hoogte / 72


def _streep(stijl, dikte: float):
    """matplotlib's dash pattern, whose lengths are in line widths, as points."""
    if not isinstance(stijl, tuple):
        return None
    _begin, patroon = stijl
    return [d * dikte for d in patroon]


def _marker(soort: str | None, x: float, y: float, grootte: float, kleur) -> list:
    """A marker ``grootte`` points across, as matplotlib draws 'o', 's' and '^'."""
    if soort is None:
        return []
    r = grootte / 2
    if soort == "o":
        return [Circle(x, y, r, fillColor=kleur, strokeColor=kleur, strokeWidth=0.5)]
    if soort == "s":
        return [
            Rect(x - r, y - r, 2 * r, 2 * r, fillColor=kleur, strokeColor=kleur, strokeWidth=0.5)
        ]
    # '^': an equilateral triangle around its centre of mass.
    punten = []
    for k in range(3):
        h = math.pi / 2 + 2 * math.pi * k / 3
        punten += [x + r * 1.15 * math.cos(h), y + r * 1.15 * math.sin(h)]
    return [Polygon(punten, fillColor=kleur, strokeColor=kleur, strokeWidth=0.5)]


def _tekst(x: float, y: float, inhoud: str, punten: float, kleur, anker="start", schuin=False):
    return String(
        x, y, inhoud, fontName=_font(schuin), fontSize=punten, fillColor=kleur, textAnchor=anker
    )


class _Legenda:
    """The legend: entries in rows of at most three, centred, as matplotlib lays them out
    (sample line 3.2 font sizes long, 0.8 between sample and text, 1.6 between columns)."""

    def __init__(self, items: Sequence[tuple[str, object]]):
        self.items = items  # (text, draw(x, y) -> shapes), y the middle of the row
        em = _LEGENDA
        self.monster, self.tussen, self.kolomruimte = 3.2 * em, 0.8 * em, 1.6 * em
        opstijg, daal = _hoogte_regel(_LEGENDA)
        self.rij_h = (opstijg + daal) * 1.2
        self.kolommen = min(len(items), 3)
        self.rijen = [items[i : i + 3] for i in range(0, len(items), 3)]
        self.hoogte = len(self.rijen) * self.rij_h + (len(self.rijen) - 1) * 0.5 * em

    def vormen(self, midden_x: float, onder: float) -> list:
        uit = []
        opstijg, daal = _hoogte_regel(_LEGENDA)
        for r, rij in enumerate(self.rijen):
            breedtes = [
                self.monster + self.tussen + pdfmetrics.stringWidth(t, FONT, _LEGENDA)
                for t, _ in rij
            ]
            totaal = sum(breedtes) + self.kolomruimte * (len(rij) - 1)
            x = midden_x - totaal / 2
            y = onder + self.hoogte - (r + 0.5) * self.rij_h - r * 0.5 * _LEGENDA
            for (tekst, teken), b in zip(rij, breedtes, strict=True):
                uit += teken(x, y)
                basislijn = y - (opstijg - daal) / 2
                uit.append(
                    _tekst(x + self.monster + self.tussen, basislijn, tekst, _LEGENDA, _INKT)
                )
                x += b + self.kolomruimte
        return uit


def radar(
    labels: Sequence[str],
    reeksen: Sequence[grafiekstijl.Reeks],
    *,
    breedte: float,
    hoogte: float,
    geen_score: str = grafiekstijl.GEEN_SCORE,
) -> Drawing:
    """The radar as a reportlab Drawing (a flowable), as large as fits ``breedte`` × ``hoogte``
    points. Content as :func:`zelfscan.grafieken.charts.radar_png`."""
    registreer_fonts()
    labels = list(labels)
    reeksen = list(reeksen)
    waarden = grafiekstijl.radar_waarden(labels, reeksen)
    kleuren = [colors.HexColor(k) for k in grafiekstijl.reeks_kleuren(reeksen)]
    n = len(labels)
    hoofd = next((i for i, r in enumerate(reeksen) if r.stijl == "gemeente"), None)
    ontbreekt = [False] * n if hoofd is None else [w is None for w in waarden[hoofd]]
    hoeken = radarvorm.hoeken(n)

    # The legend first: its height decides the room left for the chart.
    items = []
    for reeks, kleur in zip(reeksen, kleuren, strict=True):
        items.append((reeks.naam, _legenda_lijn(reeks.stijl, kleur)))
    if any(ontbreekt):
        items.append((geen_score, _legenda_vlak))
    legenda = _Legenda(items) if items else None
    legenda_onder = _pt(0.12)
    vrij = (
        _RAND,
        (legenda_onder + legenda.hoogte) / 72 + 0.1 if legenda else _RAND,
        _BREEDTE - _RAND,
        _HOOGTE - _RAND,
    )

    teksten = [radarvorm.radar_label(label, hoeken[i]) for i, label in enumerate(labels)]
    maten = [label_maat(t, _TEKST, ontbreekt[i]) for i, t in enumerate(teksten)]
    marge = _TEKST * 0.35 / 72
    ind = radarvorm.indeling(hoeken, maten, vrij, _MAX_STRAAL, marge)
    mx, my = _pt(ind.midden[0]), _pt(ind.midden[1])
    straal = _pt(ind.straal)

    def punt(hoek: float, waarde: float) -> tuple[float, float]:
        u = radarvorm.richting(hoek)
        return mx + u[0] * straal * waarde / 100, my + u[1] * straal * waarde / 100

    vormen: list = []
    # Missing scores of the main gemeente: a hatched grey sector along that spoke.
    sector_b = radarvorm.sector_breedte(n)
    for i in (i for i in range(n) if ontbreekt[i]):
        veelhoek = radarvorm.sector(hoeken[i], sector_b, ind.straal)
        vormen.append(
            Polygon(
                [c for x, y in veelhoek for c in (mx + _pt(x), my + _pt(y))],
                fillColor=_VLAK,
                strokeColor=None,
            )
        )
        vormen += _arcering(veelhoek, mx, my)

    # Grid: a spoke per thema and rings at 25/50/75, the rim a little darker.
    for h in hoeken:
        x, y = punt(h, 100)
        vormen.append(Line(mx, my, x, y, strokeColor=_ROOSTER, strokeWidth=0.7))
    for ring in (25, 50, 75):
        vormen.append(
            Circle(
                mx, my, straal * ring / 100, fillColor=None, strokeColor=_ROOSTER, strokeWidth=0.7
            )
        )
    vormen.append(Circle(mx, my, straal, fillColor=None, strokeColor=_RIM, strokeWidth=0.8))

    # Series: each gemeente's unbroken runs filled as wedges from the centre (a gap stays a gap),
    # then the lines, the main gemeente on top.
    gemeente_nr = 0
    for reeks, rij, kleur in zip(reeksen, waarden, kleuren, strict=True):
        if reeks.stijl != "gemeente":
            continue
        gemeente_nr += 1
        for run in radarvorm.runs([w is not None for w in rij]):
            punten = [punt(hoeken[i], rij[i]) for i in run]
            if len(run) < n:
                punten = [(mx, my), *punten]
            vormen.append(
                Polygon(
                    [c for p in punten for c in p],
                    fillColor=kleur,
                    fillOpacity=0.13 if gemeente_nr == 1 else 0.07,
                    strokeColor=None,
                )
            )
    volgorde = sorted(
        range(len(reeksen)), key=lambda k: (grafiekstijl.REEKS_STIJL[reeksen[k].stijl][4], k)
    )
    for k in volgorde:
        vormen += _reeks(reeksen[k].stijl, waarden[k], kleuren[k], hoeken, punt)

    # Ring values between the first two spokes, on a white ground so no line hides them.
    for ring in (25, 50, 75):
        x, y = punt(math.pi / n, ring)
        b = pdfmetrics.stringWidth(str(ring), FONT, _KLEIN)
        opstijg, daal = _hoogte_regel(_KLEIN)
        vormen.append(
            Rect(
                x - b / 2 - 0.8,
                y - (opstijg + daal) / 2 - 0.8,
                b + 1.6,
                opstijg + daal + 1.6,
                fillColor=colors.white,
                fillOpacity=0.8,
                strokeColor=None,
            )
        )
        vormen.append(_tekst(x, y - (opstijg - daal) / 2, str(ring), _KLEIN, _GRIJS, "middle"))

    # Labels, and a leader line to each label that was moved out from its spoke.
    for begin, eind in radarvorm.leiders(ind, hoeken):
        vormen.append(
            Line(
                _pt(begin[0]),
                _pt(begin[1]),
                _pt(eind[0]),
                _pt(eind[1]),
                strokeColor=_ONTBREEKT,
                strokeWidth=0.6,
            )
        )
    for i, (tekst, vak) in enumerate(zip(teksten, ind.vakken, strict=True)):
        vormen += _label(tekst, vak, ind.midden, hoeken[i], ontbreekt[i])

    if legenda is not None:
        vormen += legenda.vormen(_pt(_BREEDTE / 2), legenda_onder)

    schaal = min(1.0, breedte / _pt(_BREEDTE), hoogte / _pt(_HOOGTE))
    return tekening(vormen, _pt(_BREEDTE), _pt(_HOOGTE), _TEKST, schaal)


def _reeks(stijl: str, rij, kleur, hoeken, punt) -> list:
    """A closed line through a series' values, broken where a value is missing, with markers."""
    lijnstijl, dikte, marker, markergrootte, _z = grafiekstijl.REEKS_STIJL[stijl]
    n = len(rij)
    stukken, stuk = [], []
    for i in [*range(n), 0]:
        if rij[i] is None:
            if stuk:
                stukken.append(stuk)
            stuk = []
        else:
            stuk.append(punt(hoeken[i], rij[i]))
    if stuk:
        stukken.append(stuk)
    uit: list = []
    for stuk in stukken:
        if len(stuk) < 2:
            continue
        uit.append(
            PolyLine(
                [c for p in stuk for c in p],
                strokeColor=kleur,
                strokeWidth=dikte,
                strokeDashArray=_streep(lijnstijl, dikte),
                strokeLineJoin=1,
                strokeLineCap=0,
            )
        )
    for i in range(n):
        if rij[i] is not None:
            uit += _marker(marker, *punt(hoeken[i], rij[i]), markergrootte, kleur)
    return uit


def _label(tekst: str, vak, midden, hoek: float, ontbreekt: bool) -> list:
    """A label's lines, centred in its box; aligned towards the chart (radarvorm.uitlijning)."""
    regels = tekst.split("\n")
    opstijg, daal = _hoogte_regel(_TEKST)
    x0, x1 = _pt(midden[0] + vak[0]), _pt(midden[0] + vak[2])
    boven = _pt(midden[1] + vak[3])
    uitlijning = radarvorm.uitlijning(radarvorm.richting(hoek)[0])
    if uitlijning == "left":
        x, anker = x0, "start"
    elif uitlijning == "right":
        x, anker = x1, "end"
    else:
        x, anker = (x0 + x1) / 2, "middle"
    kleur = _ONTBREEKT if ontbreekt else _INKT
    return [
        _tekst(
            x,
            boven - opstijg - r * (opstijg + daal) * _REGELAFSTAND,
            regel,
            _TEKST,
            kleur,
            anker,
            schuin=ontbreekt,
        )
        for r, regel in enumerate(regels)
    ]


def _arcering(veelhoek, mx: float, my: float) -> list:
    return [
        Line(
            mx + _pt(a[0]),
            my + _pt(a[1]),
            mx + _pt(b[0]),
            my + _pt(b[1]),
            strokeColor=_ONTBREEKT,
            strokeWidth=0.6,
        )
        for a, b in radarvorm.arcering(veelhoek, _ARCERING)
    ]


def _legenda_lijn(stijl: str, kleur):
    lijnstijl, dikte, marker, markergrootte, _z = grafiekstijl.REEKS_STIJL[stijl]
    lengte = 3.2 * _LEGENDA

    def teken(x: float, y: float) -> list:
        return [
            Line(
                x,
                y,
                x + lengte,
                y,
                strokeColor=kleur,
                strokeWidth=dikte,
                strokeDashArray=_streep(lijnstijl, dikte),
            ),
            *_marker(marker, x + lengte / 2, y, markergrootte + 1, kleur),
        ]

    return teken


def _legenda_vlak(x: float, y: float) -> list:
    # As matplotlib's patch handle: 2 font sizes wide, 0.7 high, centred in the sample's room.
    b, h = 2.0 * _LEGENDA, 0.7 * _LEGENDA
    x0 = x + (3.2 * _LEGENDA - b) / 2
    veelhoek = [(x0, y - h / 2), (x0 + b, y - h / 2), (x0 + b, y + h / 2), (x0, y + h / 2)]
    uit: list = [
        Rect(x0, y - h / 2, b, h, fillColor=_VLAK, strokeColor=_ONTBREEKT, strokeWidth=0.6)
    ]
    for a, c in radarvorm.arcering([(px / 72, py / 72) for px, py in veelhoek], _ARCERING):
        uit.append(
            Line(
                _pt(a[0]), _pt(a[1]), _pt(c[0]), _pt(c[1]), strokeColor=_ONTBREEKT, strokeWidth=0.6
            )
        )
    return uit
