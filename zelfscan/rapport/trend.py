"""The trend chart in the gemeente report: a score per onderdeel over three or more metingen,
drawn as vector graphics with reportlab.

The same content as :func:`zelfscan.grafieken.charts.trend_png` (same colours and markers per onderdeel,
from :func:`zelfscan.grafieken.charts.trend_stijl`), but as lines and text in the PDF: sharp in print,
years and titles that can be searched and read aloud, and no matplotlib in the process that
makes the report. Two things differ on purpose: a missing score leaves a gap without a bridge
(the table beneath says which year), and the lines also differ in dash pattern, so the chart
still reads when it is printed in black and white.

Laid out in points, y upward, at the width it gets on the page.
"""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics

from ..grafieken import grafiekstijl
from ..scores.ontwikkeling import Trend
from .opmaak import FONT, registreer_fonts, tekening

_TEKST, _KLEIN = 8.5, 7.5  # font sizes: years and legend; axis values and notes
_DIKTE = 1.8  # line width
_MARKER = 6.0  # marker size across
_PLOT_H = 165.0  # height of the 0–100 area
_BOVEN = 14.0  # room above 100: a marker at 100 and the "nieuwe versie" label
_MONSTER = 26.0  # legend: length of the sample line
_TUSSEN = 6.0  # legend: between sample and text
_KOLOMRUIMTE = 16.0  # legend: between columns
_REGEL = 1.25  # leading, in font sizes

_INKT = colors.HexColor("#1A1A1A")
_GRIJS = colors.HexColor(grafiekstijl.GRIJS)
_ROOSTER = colors.HexColor(grafiekstijl.ROOSTER)
_AS = colors.HexColor(grafiekstijl.ONTBREEKT)
_NIET_MEE = colors.HexColor("#EEEEEE")


def _tekst(x: float, y: float, inhoud: str, punten: float, kleur, anker="start", schuin=False):
    return String(
        x,
        y,
        inhoud,
        fontName=f"{FONT}-Oblique" if schuin else FONT,
        fontSize=punten,
        fillColor=kleur,
        textAnchor=anker,
    )


def _stijl(nr: int):
    """Colour, marker and dash pattern (points) of the ``nr``-th line.

    Colour and marker as on the web page. The dash pattern goes round the patterns of
    grafiekstijl.TREND_LIJNEN per line (on screen only after six lines), so that in black and white
    neighbouring lines differ in more than a small marker."""
    kleur, marker, _lijn = grafiekstijl.trend_stijl(nr)
    lijn = grafiekstijl.TREND_LIJNEN[nr % len(grafiekstijl.TREND_LIJNEN)]
    streep = None if isinstance(lijn, str) else [d * _DIKTE for d in lijn[1]]
    return colors.HexColor(kleur), marker, streep


def _marker(soort: str, x: float, y: float, kleur, grootte: float = _MARKER) -> list:
    """matplotlib's markers o s ^ v < D P X, filled, with a thin white edge so markers on the
    same spot stay apart."""
    r = grootte / 2
    rand = {"fillColor": kleur, "strokeColor": colors.white, "strokeWidth": 0.6}
    if soort == "o":
        return [Circle(x, y, r, **rand)]
    if soort == "s":
        r *= 0.9
        return [Rect(x - r, y - r, 2 * r, 2 * r, **rand)]

    def veelhoek(punten, draai: float = 0.0) -> list:
        c, s = math.cos(draai), math.sin(draai)
        return [
            Polygon(
                [v for px, py in punten for v in (x + px * c - py * s, y + px * s + py * c)], **rand
            )
        ]

    if soort in "^v<":
        draai = {"^": 0.0, "v": math.pi, "<": math.pi / 2}[soort]
        hoeken = [math.pi / 2 + 2 * math.pi * k / 3 for k in range(3)]
        return veelhoek([(r * 1.2 * math.cos(h), r * 1.2 * math.sin(h)) for h in hoeken], draai)
    if soort == "D":
        return veelhoek([(0, r * 1.1), (r * 0.8, 0), (0, -r * 1.1), (-r * 0.8, 0)])
    # 'P' a plus, 'X' the same turned an eighth.
    a, b = r, r * 0.36
    plus = [(-b, a), (b, a), (b, b), (a, b), (a, -b), (b, -b), (b, -a), (-b, -a), (-b, -b)]
    plus += [(-a, -b), (-a, b), (-b, b)]
    return veelhoek(plus, math.pi / 4 if soort == "X" else 0.0)


def _legenda(trend: Trend, breedte: float) -> tuple[list, float]:
    """The legend's entries laid out in columns of equal width (as many as fit, at most three;
    a title too long for one column wraps), as shapes below y = 0, and its height."""
    items = []
    for nr, reeks in enumerate(trend.reeksen):
        items.append((nr, reeks.titel, pdfmetrics.stringWidth(reeks.titel, FONT, _TEKST)))
    vast = _MONSTER + _TUSSEN
    langste = max(b for _, _, b in items) + vast
    kolommen = 1
    for k in (3, 2):
        if k <= len(items) and k * langste + (k - 1) * _KOLOMRUIMTE <= breedte:
            kolommen = k
            break
    kolom_b = (breedte - (kolommen - 1) * _KOLOMRUIMTE) / kolommen
    regel = _TEKST * _REGEL
    vormen: list = []
    y = 0.0
    for begin in range(0, len(items), kolommen):
        rij = items[begin : begin + kolommen]
        regels_per = [simpleSplit(titel, FONT, _TEKST, kolom_b - vast) for _, titel, _ in rij]
        hoogte = max(len(r) for r in regels_per) * regel
        for k, ((nr, _titel, _b), regels) in enumerate(zip(rij, regels_per, strict=True)):
            x = k * (kolom_b + _KOLOMRUIMTE)
            midden = y - regel / 2  # the sample lines up with the first line of text
            kleur, marker, streep = _stijl(nr)
            vormen.append(
                Line(
                    x,
                    midden,
                    x + _MONSTER,
                    midden,
                    strokeColor=kleur,
                    strokeWidth=_DIKTE,
                    strokeDashArray=streep,
                )
            )
            vormen += _marker(marker, x + _MONSTER / 2, midden, kleur)
            for i, tekst in enumerate(regels):
                basislijn = y - (i + 1) * regel + 0.3 * _TEKST
                vormen.append(_tekst(x + vast, basislijn, tekst, _TEKST, _INKT))
        y -= hoogte + 3
    return vormen, -y


def trend(t: Trend, *, breedte: float) -> Drawing:
    """The chart as a reportlab Drawing (a flowable) ``breedte`` points wide: the moments along
    the bottom, scores 0–100 up the side with light grid lines, a line with markers per
    onderdeel (broken where there is no score), a grey band with "deed niet mee" at a meting
    the gemeente did not take part in, a dotted line where the vragenlijst version changed, and
    a legend beneath."""
    registreer_fonts()
    n = len(t.momenten)
    links = pdfmetrics.stringWidth("100", FONT, _KLEIN) + 6
    rechts = 6.0
    plot_b = breedte - links - rechts
    stap = plot_b / n

    def x_van(i: int) -> float:
        return links + (i + 0.5) * stap

    legenda, legenda_h = _legenda(t, breedte - 8)
    niet_mee = not all(t.deelname)
    # Under the plot: the years, and "deed niet mee" beneath a year the gemeente missed.
    as_h = _TEKST * _REGEL + (_KLEIN * _REGEL if niet_mee else 0) + 6
    onder = legenda_h + 10 + as_h  # the plot's 0 line
    hoogte = onder + _PLOT_H + _BOVEN

    def y_van(score: float) -> float:
        return onder + _PLOT_H * score / 100

    vormen: list = []
    for i, mee in enumerate(t.deelname):
        if not mee:
            vormen.append(
                Rect(
                    x_van(i) - stap * 0.3,
                    onder,
                    stap * 0.6,
                    _PLOT_H,
                    fillColor=_NIET_MEE,
                    strokeColor=None,
                )
            )
    for waarde in (0, 25, 50, 75, 100):
        y = y_van(waarde)
        vormen.append(
            Line(
                links,
                y,
                links + plot_b,
                y,
                strokeColor=_AS if waarde == 0 else _ROOSTER,
                strokeWidth=0.8 if waarde == 0 else 0.6,
            )
        )
        vormen.append(_tekst(links - 4, y - _KLEIN * 0.35, str(waarde), _KLEIN, _GRIJS, "end"))

    # Where the version changed: a dotted line halfway between the two metingen, labelled when
    # the label fits between them.
    label = "nieuwe versie"
    label_b = pdfmetrics.stringWidth(label, FONT, _KLEIN)
    for i in range(1, n):
        if t.versies[i] != t.versies[i - 1]:
            x = links + i * stap
            vormen.append(
                Line(
                    x,
                    onder,
                    x,
                    y_van(100) + 4,
                    strokeColor=_GRIJS,
                    strokeWidth=0.8,
                    strokeDashArray=[1.5, 2],
                )
            )
            if label_b + 4 < stap:
                vormen.append(_tekst(x, y_van(100) + 6, label, _KLEIN, _GRIJS, "middle"))

    for i, moment in enumerate(t.momenten):
        x = x_van(i)
        vormen.append(Line(x, onder, x, onder - 3, strokeColor=_AS, strokeWidth=0.8))
        basislijn = onder - 5 - _TEKST
        vormen.append(_tekst(x, basislijn, moment, _TEKST, _INKT, "middle"))
        if not t.deelname[i]:
            vormen.append(
                _tekst(
                    x, basislijn - _KLEIN * _REGEL, "deed niet mee", _KLEIN, _GRIJS, "middle", True
                )
            )

    # The lines: a run of metingen with a score is one line; a missing score is a gap.
    for nr, reeks in enumerate(t.reeksen):
        kleur, _marker_soort, streep = _stijl(nr)
        stuk: list[tuple[float, float]] = []
        for i, w in enumerate([*reeks.waarden, None]):
            if w is not None:
                stuk.append((x_van(i), y_van(w)))
                continue
            if len(stuk) >= 2:
                vormen.append(
                    PolyLine(
                        [c for punt in stuk for c in punt],
                        strokeColor=kleur,
                        strokeWidth=_DIKTE,
                        strokeDashArray=streep,
                        strokeLineJoin=1,
                    )
                )
            stuk = []
    # Markers on top of every line, so no line hides a score.
    for nr, reeks in enumerate(t.reeksen):
        kleur, marker, _streep = _stijl(nr)
        for i, w in enumerate(reeks.waarden):
            if w is not None:
                vormen += _marker(marker, x_van(i), y_van(w), kleur)

    # The legend was laid out downward from its top: moved to the bottom of the drawing.
    groep = Group(*legenda)
    groep.translate(4, legenda_h)
    return tekening([Group(*vormen), groep], breedte, hoogte, _TEKST)
