"""The heatmap in the overview reports, drawn as vector graphics with reportlab.

The same grid as :func:`zelfscan.grafieken.charts.heatmap_png` at ``grootte="print"`` (same layout rules,
same colours and colour bar), but as rectangles and text in the PDF: sharp in print, names and
scores that can be searched and read aloud, and no matplotlib in the process that makes the
report.

The layout is made in inches with the numbers charts uses, and text is measured as matplotlib
measures it, so the grid comes out the size the PNG had; the drawing is then scaled down to the
room it gets on the page.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Group, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics

from ..grafieken import grafiekstijl, radarvorm
from ..grafieken.radarvorm import wrap
from ..scores.scoring import afgerond
from .opmaak import FONT, registreer_fonts, tekening

# Font sizes in points and the page width the layout aims at, as charts "print".
_TEKST, _KLEIN = 8.5, 7.0
_PAGINA_B = 7.5
_RAND = 0.15  # inches of white around the figure
_ARCERING = 0.055  # inches between hatch lines, as matplotlib draws "////"

# How matplotlib measures a line of DejaVu Sans (in font sizes, at linespacing 1.05): 1.05 high
# with the baseline 0.21 above the bottom. Text is placed by that box, as matplotlib places it.
_REGEL, _DAAL = 1.05, 0.21
_LABEL_AFSTAND = 3.0  # points between the grid and its labels (tick_params pad)
_STREEP, _STREEP_AFSTAND = 2.0, 3.5  # the colour bar's ticks and their labels (matplotlib)

_ZWART = colors.black
_WIT = colors.white


def _pt(inch: float) -> float:
    return inch * 72


def _maat(tekst: str, punten: float) -> tuple[float, float]:
    """Width and height in inches of a text of one or more lines, as matplotlib measures it."""
    regels = tekst.split("\n")
    breedte = max(pdfmetrics.stringWidth(r, FONT, punten) for r in regels)
    return breedte / 72, len(regels) * _REGEL * punten / 72


def _tekst(x: float, y: float, inhoud: str, punten: float, kleur, anker: str = "start") -> String:
    return String(x, y, inhoud, fontName=FONT, fontSize=punten, fillColor=kleur, textAnchor=anker)


def _midden(y: float, punten: float) -> float:
    """The baseline of a line centred on ``y`` (matplotlib's va="center")."""
    return y - (_REGEL / 2 - _DAAL) * punten


def _midden_basislijn(y: float, punten: float) -> float:
    """The baseline of a line whose part above the baseline is centred on ``y`` (matplotlib's
    va="center_baseline", used for tick labels: a little lower than "center")."""
    return y - (_REGEL - _DAAL) / 2 * punten


def heatmap(
    rijen: Sequence[str],
    kolommen: Sequence[str],
    waarden: Sequence[Sequence[float | None]],
    *,
    breedte: float,
    hoogte: float,
) -> Drawing:
    """The grid as a reportlab Drawing (a flowable), as large as fits ``breedte`` × ``hoogte``
    points but never larger than printed. Content as :func:`zelfscan.grafieken.charts.heatmap_png`: a
    score in each cell, coloured pale (0) to dark blue (100); a cell without a score hatched
    grey with "–"; a colour bar beside the grid."""
    registreer_fonts()
    rijen, kolommen = list(rijen), list(kolommen)
    cellen = grafiekstijl.heatmap_cellen(rijen, kolommen, waarden)

    # Cells fit "100" with some air. Column labels are set level when each fits a cell of at
    # most ~1 inch and the grid then still fits the page; otherwise (many or long labels) they
    # are turned a quarter, reading upward, which keeps the columns narrow.
    cijfer_b, cijfer_h = _maat("100", _TEKST)
    cel_b, cel_h = cijfer_b + 0.16, cijfer_h + 0.1
    rij_labels = [wrap(r, 34) for r in rijen]
    rij_maten = [_maat(t, _TEKST) for t in rij_labels]
    labels_b = max(b for b, _ in rij_maten)
    liggend = [wrap(k, 14) for k in kolommen]
    liggend_maten = [_maat(t, _TEKST) for t in liggend]
    liggend_b = max(cel_b, max(b for b, _ in liggend_maten) + 0.08)
    ruimte = _PAGINA_B - labels_b - 1.0
    staand = liggend_b > 1.1 or len(kolommen) * liggend_b > ruimte
    if staand:
        kolom_labels = [wrap(k, 22) for k in kolommen]
        maten = [_maat(t, _TEKST) for t in kolom_labels]
        # Turned a quarter: a label's height is its width on the page, and the other way round.
        cel_b = max(cel_b, max(h for _, h in maten) + 0.06)
        kop = max(b for b, _ in maten)
    else:
        kolom_labels = liggend
        cel_b = liggend_b
        kop = max(h for _, h in liggend_maten)
    cel_h = max(cel_h, max(h for _, h in rij_maten) + 0.1)

    links = _RAND + labels_b + 0.1
    balk_b = 0.15 + 0.12 + _maat("100", _KLEIN)[0] + 0.1  # gap, bar, ticks and their labels
    raster_b, raster_h = len(kolommen) * cel_b, len(rijen) * cel_h
    totaal_b = links + raster_b + balk_b + _RAND
    totaal_h = _RAND + kop + 0.08 + raster_h + _RAND

    # From here on in points, y upward: the grid's top left corner and a cell's size.
    x0, boven = _pt(links), _pt(_RAND + raster_h)
    cb, ch = _pt(cel_b), _pt(cel_h)
    vormen: list = []
    for i, rij in enumerate(cellen):
        for j, w in enumerate(rij):
            vormen += _cel(x0 + j * cb, boven - (i + 1) * ch, cb, ch, w)
    # White lines between cells keep rows and columns apart (matplotlib clips the outer ones
    # to half their width; on white paper the other half does not show).
    for j in range(len(kolommen) + 1):
        x = x0 + j * cb
        vormen.append(Line(x, boven, x, boven - len(rijen) * ch, strokeColor=_WIT, strokeWidth=1.5))
    for i in range(len(rijen) + 1):
        y = boven - i * ch
        vormen.append(Line(x0, y, x0 + len(kolommen) * cb, y, strokeColor=_WIT, strokeWidth=1.5))

    # Row labels right-aligned left of the grid, each line on its own.
    for i, label in enumerate(rij_labels):
        regels = label.split("\n")
        eerste = _midden_basislijn(boven - (i + 0.5) * ch, _TEKST)
        eerste += (len(regels) - 1) * _REGEL * _TEKST / 2
        for r, regel in enumerate(regels):
            y = eerste - r * _REGEL * _TEKST
            vormen.append(_tekst(x0 - _LABEL_AFSTAND, y, regel, _TEKST, _ZWART, "end"))

    # Column labels above the grid: level and centred, or turned with their lines starting
    # together at the grid.
    onder = boven + _LABEL_AFSTAND
    for j, label in enumerate(kolom_labels):
        regels = label.split("\n")
        midden = x0 + (j + 0.5) * cb
        blok = len(regels) * _REGEL * _TEKST
        for r, regel in enumerate(regels):
            diepte = (r * _REGEL + _REGEL - _DAAL) * _TEKST  # baseline below the block's top
            if staand:
                # Turned a quarter to the left: the block's top is its left side.
                groep = Group(_tekst(0, 0, regel, _TEKST, _ZWART))
                groep.translate(midden - blok / 2 + diepte, onder)
                groep.rotate(90)
                vormen.append(groep)
            else:
                vormen.append(
                    _tekst(midden, onder + blok - diepte, regel, _TEKST, _ZWART, "middle")
                )

    vormen += _kleurbalk(x0 + _pt(raster_b + 0.15), boven, _pt(min(raster_h, 2.6)))

    schaal = min(1.0, breedte / _pt(totaal_b), hoogte / _pt(totaal_h))
    return tekening(vormen, _pt(totaal_b), _pt(totaal_h), _TEKST, schaal)


def _cel(x: float, y: float, b: float, h: float, score: float | None) -> list:
    """One cell with its lower left corner at (x, y): coloured with its score in it, or hatched
    grey with a dash when there is no score."""
    midden_x, basislijn = x + b / 2, _midden(y + h / 2, _TEKST)
    if score is None:
        hoeken = [(x, y), (x + b, y), (x + b, y + h), (x, y + h)]
        uit: list = [
            Rect(x, y, b, h, fillColor=colors.HexColor(grafiekstijl.LEEG_VLAK), strokeColor=None)
        ]
        # radarvorm.arcering works in inches (its spacing is), the drawing in points.
        for a, c in radarvorm.arcering([(px / 72, py / 72) for px, py in hoeken], _ARCERING):
            uit.append(
                Line(
                    _pt(a[0]),
                    _pt(a[1]),
                    _pt(c[0]),
                    _pt(c[1]),
                    strokeColor=colors.HexColor(grafiekstijl.LEEG_ARCERING),
                    strokeWidth=0.6,
                )
            )
        uit.append(
            _tekst(
                midden_x, basislijn, "–", _TEKST, colors.HexColor(grafiekstijl.LEEG_TEKEN), "middle"
            )
        )
        return uit
    return [
        Rect(
            x, y, b, h, fillColor=colors.Color(*grafiekstijl.heatmap_kleur(score)), strokeColor=None
        ),
        _tekst(
            midden_x,
            basislijn,
            str(afgerond(score)),
            _TEKST,
            colors.HexColor(grafiekstijl.heatmap_tekstkleur(score)),
            "middle",
        ),
    ]


def _kleurbalk(x: float, boven: float, hoogte: float) -> list:
    """The colour bar, its top level with the grid's: a band per colour of the colour map, as
    matplotlib draws it, with ticks and labels at 0, 25, 50, 75 and 100 on the right."""
    breedte = _pt(0.12)
    stappen = grafiekstijl.KLEURSTAPPEN
    band = hoogte / stappen
    onder = boven - hoogte
    uit: list = []
    for k in range(stappen):
        kleur = colors.Color(*grafiekstijl.heatmap_kleur((k + 0.5) / stappen * 100))
        # Each band reaches halfway into the next, so no hairline of paper shows between them
        # where a viewer smooths the edges.
        extra = band / 2 if k < stappen - 1 else 0
        uit.append(
            Rect(x, onder + k * band, breedte, band + extra, fillColor=kleur, strokeColor=None)
        )
    for waarde in (0, 25, 50, 75, 100):
        y = onder + hoogte * waarde / 100
        uit.append(
            Line(x + breedte, y, x + breedte + _STREEP, y, strokeColor=_ZWART, strokeWidth=0.8)
        )
        basislijn = _midden_basislijn(y, _KLEIN)
        uit.append(
            _tekst(x + breedte + _STREEP + _STREEP_AFSTAND, basislijn, str(waarde), _KLEIN, _ZWART)
        )
    return uit
