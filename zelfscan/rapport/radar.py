"""The radar chart in a PDF report, drawn as vector graphics with reportlab.

The same chart as :func:`zelfscan.grafieken.charts.radar_png` (same geometry from :mod:`zelfscan.grafieken.radarvorm`,
same colours, line styles and legend), but as lines and text in the PDF: sharp in print, text
that can be searched and read aloud, and no matplotlib in the process that makes the report.

The layout is made in the inches of the print figure (7.5 × 8 in), so labels fall exactly where
the matplotlib chart puts them; the drawing is then scaled to the width it gets on the page.
"""

from __future__ import annotations

import dataclasses
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
_GRENS = colors.HexColor(grafiekstijl.GRENS_KLEUR)
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
    """A legend: entries in rows, centred, as matplotlib lays them out (sample line 3.2 font
    sizes long, 0.8 between sample and text, 1.6 between columns, 0.5 between rows). Rows of
    ``per_rij`` entries; with ``blok`` one entry per row, left-aligned in a centred block (a
    one-column legend); with ``max_breedte`` (points) as many per row as fit."""

    def __init__(
        self,
        items: Sequence[tuple[str, object]],
        *,
        per_rij: int = 3,
        blok: bool = False,
        punten: float = _LEGENDA,
        monster: float = 3.2,
        max_breedte: float | None = None,
    ):
        self.items = items  # (text, draw(x, y, sample length, font size) -> shapes), y the middle
        self.punten = em = punten
        self.monster, self.tussen, self.kolomruimte = monster * em, 0.8 * em, 1.6 * em
        self.blok = blok
        opstijg, daal = _hoogte_regel(punten)
        self.rij_h = (opstijg + daal) * 1.2
        if blok:
            per_rij = 1
        if max_breedte is None:
            self.rijen = [items[i : i + per_rij] for i in range(0, len(items), per_rij)]
        else:
            self.rijen = [[]]
            for item in items:
                rij = [*self.rijen[-1], item]
                if self.rijen[-1] and self._breedte(rij) > max_breedte:
                    self.rijen.append([item])
                else:
                    self.rijen[-1] = rij
        self.hoogte = len(self.rijen) * self.rij_h + (len(self.rijen) - 1) * 0.5 * em

    def _breedtes(self, rij) -> list[float]:
        return [
            self.monster + self.tussen + pdfmetrics.stringWidth(t, FONT, self.punten)
            for t, _ in rij
        ]

    def _breedte(self, rij) -> float:
        return sum(self._breedtes(rij)) + self.kolomruimte * (len(rij) - 1)

    def vormen(self, midden_x: float, onder: float) -> list:
        uit = []
        opstijg, daal = _hoogte_regel(self.punten)
        blok_b = max(self._breedte(rij) for rij in self.rijen)
        for r, rij in enumerate(self.rijen):
            x = midden_x - (blok_b if self.blok else self._breedte(rij)) / 2
            y = onder + self.hoogte - (r + 0.5) * self.rij_h - r * 0.5 * self.punten
            for (tekst, teken), b in zip(rij, self._breedtes(rij), strict=True):
                uit += teken(x, y, self.monster, self.punten)
                basislijn = y - (opstijg - daal) / 2
                uit.append(
                    _tekst(x + self.monster + self.tussen, basislijn, tekst, self.punten, _INKT)
                )
                x += b + self.kolomruimte
        return uit


def radar(
    labels: Sequence[str],
    reeksen: Sequence[grafiekstijl.Reeks],
    *,
    breedte: float,
    hoogte: float,
    groepen: Sequence[grafiekstijl.Groep] | None = None,
    klein: bool = False,
    geen_score: str = grafiekstijl.GEEN_SCORE,
) -> Drawing:
    """The radar as a reportlab Drawing (a flowable), as large as fits ``breedte`` × ``hoogte``
    points. Content as :func:`zelfscan.grafieken.charts.radar_png`, with the onderdelen
    (``groepen``) marked and their titles in a key below the legend.

    ``klein``: the compact radar for a first page, about 75 × 75 mm: no thema labels (too small
    to read), the onderdelen marked by their number just outside the rim (the caller says in
    text which number is which), and a short legend of the series below."""
    registreer_fonts()
    labels = list(labels)
    reeksen = list(reeksen)
    waarden = grafiekstijl.radar_waarden(labels, reeksen)
    groepen = grafiekstijl.controleer_groepen(groepen, len(labels))
    kleuren = [colors.HexColor(k) for k in grafiekstijl.reeks_kleuren(reeksen)]
    n = len(labels)
    hoofd = next((i for i, r in enumerate(reeksen) if r.stijl == "gemeente"), None)
    ontbreekt = [False] * n if hoofd is None else [w is None for w in waarden[hoofd]]
    hoeken = radarvorm.hoeken(n)
    items = []
    for reeks, kleur in zip(reeksen, kleuren, strict=True):
        items.append((reeks.naam, _legenda_lijn(reeks.stijl, kleur, _KLEIN_LIJN if klein else 1)))
    if any(ontbreekt):
        items.append((geen_score, _legenda_vlak))
    kaart = _Kaart(reeksen, waarden, kleuren, ontbreekt, hoeken, groepen)
    if klein:
        return _klein(kaart, items, breedte, hoogte)

    # The legend and the onderdelen's key first: their height decides the room for the chart.
    figuur_h = _HOOGTE + grafiekstijl.GROEP_REGEL * len(groepen)
    legenda = _Legenda(items) if items else None
    sleutel = (
        _Legenda([(g.titel, _legenda_nummer(k + 1)) for k, g in enumerate(groepen)], blok=True)
        if groepen
        else None
    )
    onder = _pt(0.12)
    sleutel_onder = onder
    if sleutel is not None:
        onder += sleutel.hoogte + 0.5 * _LEGENDA
    vrij = (
        _RAND,
        (onder + legenda.hoogte) / 72 + 0.1 if legenda else onder / 72 + 0.1,
        _BREEDTE - _RAND,
        figuur_h - _RAND,
    )

    teksten = [radarvorm.radar_label(label, hoeken[i]) for i, label in enumerate(labels)]
    maten = [label_maat(t, _TEKST, ontbreekt[i]) for i, t in enumerate(teksten)]
    marge = _TEKST * 0.35 / 72
    ind = radarvorm.indeling(hoeken, maten, vrij, _MAX_STRAAL, marge)
    # The chart sits right above the legend and the drawing ends just above the labels: the
    # room the chart did not need (it is at most _MAX_STRAAL) is left to the page, not kept
    # as white inside the drawing.
    over = ind.midden[1] + ind.onder - vrij[1]
    ind = dataclasses.replace(ind, midden=(ind.midden[0], ind.midden[1] - over))
    figuur_h = min(figuur_h, ind.midden[1] + ind.boven + _RAND)
    mx, my = _pt(ind.midden[0]), _pt(ind.midden[1])
    vormen = kaart.vormen(mx, my, _pt(ind.straal), _KLEIN)

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
    # The onderdelen's numbers on the rim, above the labels' leader lines.
    vormen += kaart.nummers(mx, my, _pt(ind.straal), _KLEIN)

    if legenda is not None:
        vormen += legenda.vormen(_pt(_BREEDTE / 2), onder)
    if sleutel is not None:
        vormen += sleutel.vormen(_pt(_BREEDTE / 2), sleutel_onder)

    schaal = min(1.0, breedte / _pt(_BREEDTE), hoogte / _pt(figuur_h))
    return tekening(vormen, _pt(_BREEDTE), _pt(figuur_h), _TEKST, schaal)


# The compact radar: its size in points (75 mm), font sizes, and the legend's sample length.
_KLEIN_MAAT = 75 / 25.4 * 72
_KLEIN_LEGENDA, _KLEIN_NUMMER, _KLEIN_RING = 7.0, 6.5, 5.5
_KLEIN_LIJN = 0.75  # lines and markers finer: at full weight 26 spokes' markers crowd


def _klein(kaart: _Kaart, items, breedte: float, hoogte: float) -> Drawing:
    """The compact radar (see :func:`radar`): chart, numbers outside the rim, legend below."""
    maat = _KLEIN_MAAT
    rand = 2.0
    legenda = (
        _Legenda(items, punten=_KLEIN_LEGENDA, monster=2.4, max_breedte=maat - 2 * rand)
        if items
        else None
    )
    onder = rand + (legenda.hoogte + 0.6 * _KLEIN_LEGENDA if legenda else 0)
    # Room around the rim for the numbers' rings (and the lines between onderdelen).
    buiten = grafiekstijl.NUMMER_RING * _KLEIN_NUMMER + 1.5 if kaart.groepen else 1.0
    straal = min(maat - 2 * rand, maat - rand - onder) / 2 - buiten
    mx, my = maat / 2, onder + buiten + straal
    vormen = kaart.vormen(mx, my, straal, _KLEIN_RING, _KLEIN_LIJN)
    vormen += kaart.nummers(mx, my, straal, _KLEIN_NUMMER, buiten=True)
    if legenda is not None:
        vormen += legenda.vormen(maat / 2, rand)
    schaal = min(1.0, breedte / maat, hoogte / maat)
    return tekening(vormen, maat, maat, _KLEIN_LEGENDA, schaal)


class _Kaart:
    """The chart itself, drawn around a centre at any size: grid, missing-score sectors,
    series, ring values, the lines between onderdelen and their numbers."""

    def __init__(self, reeksen, waarden, kleuren, ontbreekt, hoeken, groepen):
        self.reeksen, self.waarden, self.kleuren = reeksen, waarden, kleuren
        self.ontbreekt, self.hoeken, self.groepen = ontbreekt, hoeken, groepen

    def vormen(self, mx: float, my: float, straal: float, ring_punten: float, lijn: float = 1.0):
        """The chart around (mx, my), ring values at ``ring_punten``, series lines and markers
        ``lijn`` times their size."""
        n = len(self.hoeken)
        hoeken = self.hoeken

        def punt(hoek: float, waarde: float) -> tuple[float, float]:
            u, r = radarvorm.richting(hoek), radarvorm.straal_van(waarde, straal)
            return mx + u[0] * r, my + u[1] * r

        vormen: list = []
        # Missing scores of the main gemeente: a hatched grey sector along that spoke, from 0 out.
        sector_b = radarvorm.sector_breedte(n)
        for i in (i for i in range(n) if self.ontbreekt[i]):
            veelhoek = radarvorm.sector(
                hoeken[i], sector_b, straal / 72, binnen=radarvorm.straal_van(0, straal / 72)
            )
            vormen.append(
                Polygon(
                    [c for x, y in veelhoek for c in (mx + _pt(x), my + _pt(y))],
                    fillColor=_VLAK,
                    strokeColor=None,
                )
            )
            vormen += _arcering(veelhoek, mx, my)

        # Grid: a spoke per thema from 0 to 100, rings at 25/50/75, the rim a little darker.
        for h in hoeken:
            vormen.append(Line(*punt(h, 0), *punt(h, 100), strokeColor=_ROOSTER, strokeWidth=0.7))
        for ring in (25, 50, 75):
            vormen.append(
                Circle(
                    mx,
                    my,
                    radarvorm.straal_van(ring, straal),
                    fillColor=None,
                    strokeColor=_ROOSTER,
                    strokeWidth=0.7,
                )
            )
        vormen.append(Circle(mx, my, straal, fillColor=None, strokeColor=_RIM, strokeWidth=0.8))
        # Between two onderdelen a darker line, from 0 to just past the rim.
        voorbij = straal + _pt(grafiekstijl.GRENS_UIT)
        for hoek in radarvorm.grenzen([g.aantal for g in self.groepen]):
            u = radarvorm.richting(hoek)
            vormen.append(
                Line(
                    *punt(hoek, 0),
                    mx + u[0] * voorbij,
                    my + u[1] * voorbij,
                    strokeColor=_GRENS,
                    strokeWidth=grafiekstijl.GRENS_DIKTE,
                )
            )

        # Series: each gemeente's unbroken runs filled as wedges down to 0 (a gap stays a gap),
        # then the lines, the main gemeente on top.
        gemeente_nr = 0
        for reeks, rij, kleur in zip(self.reeksen, self.waarden, self.kleuren, strict=True):
            if reeks.stijl != "gemeente":
                continue
            gemeente_nr += 1
            for run in radarvorm.runs([w is not None for w in rij]):
                punten = [punt(hoeken[i], rij[i]) for i in run]
                if len(run) < n:  # a wedge down to 0 on the run's first and last spoke
                    punten = [punt(hoeken[run[0]], 0), *punten, punt(hoeken[run[-1]], 0)]
                vormen.append(
                    Polygon(
                        [c for p in punten for c in p],
                        fillColor=kleur,
                        fillOpacity=0.13 if gemeente_nr == 1 else 0.07,
                        strokeColor=None,
                    )
                )
        # Inside the circle of 0 nothing is measured: it stays white (as matplotlib clips its
        # fills to the ring between 0 and 100), its edge the grid's.
        vormen.append(
            Circle(
                mx,
                my,
                radarvorm.straal_van(0, straal),
                fillColor=colors.white,
                strokeColor=_ROOSTER,
                strokeWidth=0.7,
            )
        )
        volgorde = sorted(
            range(len(self.reeksen)),
            key=lambda k: (grafiekstijl.REEKS_STIJL[self.reeksen[k].stijl][4], k),
        )
        for k in volgorde:
            vormen += _reeks(
                self.reeksen[k].stijl, self.waarden[k], self.kleuren[k], hoeken, punt, lijn
            )

        # Ring values between the first two spokes, on a white ground so no line hides them.
        for ring in (25, 50, 75):
            vormen += _ringwaarde(*punt(math.pi / n, ring), str(ring), ring_punten)
        return vormen

    def nummers(self, mx: float, my: float, straal: float, punten: float, buiten=False):
        """Each onderdeel's number in a ring: on the rim, or (``buiten``) just outside it."""
        if not self.groepen:
            return []
        r = straal + (grafiekstijl.NUMMER_RING * punten / 2 + 1.0 if buiten else 0)
        uit: list = []
        for k, hoek in enumerate(radarvorm.groepsmidden([g.aantal for g in self.groepen])):
            u = radarvorm.richting(hoek)
            uit += _nummer(mx + u[0] * r, my + u[1] * r, k + 1, punten)
        return uit


def _ringwaarde(x: float, y: float, tekst: str, punten: float) -> list:
    b = pdfmetrics.stringWidth(tekst, FONT, punten)
    opstijg, daal = _hoogte_regel(punten)
    return [
        Rect(
            x - b / 2 - 0.8,
            y - (opstijg + daal) / 2 - 0.8,
            b + 1.6,
            opstijg + daal + 1.6,
            fillColor=colors.white,
            fillOpacity=0.8,
            strokeColor=None,
        ),
        _tekst(x, y - (opstijg - daal) / 2, tekst, punten, _GRIJS, "middle"),
    ]


def _nummer(x: float, y: float, nummer: int, punten: float) -> list:
    """An onderdeel's number in a white ring centred on (x, y), as charts draws it."""
    opstijg, daal = _hoogte_regel(punten)
    return [
        Circle(
            x,
            y,
            grafiekstijl.NUMMER_RING * punten / 2,
            fillColor=colors.white,
            strokeColor=_GRENS,
            strokeWidth=0.8,
        ),
        String(
            x,
            y - (opstijg - daal) / 2,
            str(nummer),
            fontName=f"{FONT}-Bold",
            fontSize=punten,
            fillColor=_INKT,
            textAnchor="middle",
        ),
    ]


def _legenda_nummer(nummer: int):
    def teken(x: float, y: float, lengte: float, _em: float) -> list:
        return _nummer(x + lengte / 2, y, nummer, _KLEIN)

    return teken


def _reeks(stijl: str, rij, kleur, hoeken, punt, schaal: float = 1.0) -> list:
    """A closed line through a series' values, broken where a value is missing, with markers;
    markers only for a style without a line (the ambities: each belongs to its own thema).
    Lines and markers ``schaal`` times their size (the compact radar draws them finer)."""
    lijnstijl, dikte, marker, markergrootte, _z = grafiekstijl.REEKS_STIJL[stijl]
    dikte, markergrootte = dikte * schaal, markergrootte * schaal
    n = len(rij)
    if lijnstijl == "none":
        return [
            vorm
            for i in range(n)
            if rij[i] is not None
            for vorm in _marker(marker, *punt(hoeken[i], rij[i]), markergrootte, kleur)
        ]
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


def _legenda_lijn(stijl: str, kleur, schaal: float = 1.0):
    lijnstijl, dikte, marker, markergrootte, _z = grafiekstijl.REEKS_STIJL[stijl]
    dikte, markergrootte = dikte * schaal, markergrootte * schaal

    def teken(x: float, y: float, lengte: float, _em: float) -> list:
        lijn = Line(
            x,
            y,
            x + lengte,
            y,
            strokeColor=kleur,
            strokeWidth=dikte,
            strokeDashArray=_streep(lijnstijl, dikte),
        )
        return [
            *([] if lijnstijl == "none" else [lijn]),
            *_marker(marker, x + lengte / 2, y, markergrootte + schaal, kleur),
        ]

    return teken


def _legenda_vlak(x: float, y: float, lengte: float, em: float) -> list:
    # As matplotlib's patch handle: 2 font sizes wide, 0.7 high, centred in the sample's room.
    b, h = min(2.0 * em, lengte), 0.7 * em
    x0 = x + (lengte - b) / 2
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
