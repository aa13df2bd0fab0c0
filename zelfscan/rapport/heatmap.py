"""The heatmap in the overview reports, drawn as vector graphics with reportlab.

The same grid as :func:`zelfscan.grafieken.charts.heatmap_png` at ``grootte="print"`` (same layout rules,
same band colours, marks and key), but as rectangles and text in the PDF: sharp in print, names and
scores that can be searched and read aloud, and no matplotlib in the process that makes the
report.

The layout is made in inches with the numbers charts uses, and text is measured as matplotlib
measures it, so the grid comes out the size the PNG had; the drawing is then scaled down to the
room it gets on the page.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect, String, Wedge
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
_VAK_B, _VAK_H = 0.26, 0.17  # a key's sample cell, inches
_MERK_LIJN = 0.6  # the marks' line width, points (as charts: markeredgewidth)

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
    score in each cell, the cell in its band's colour with the band's mark beside the number; a
    cell without a score hatched grey with "–"; a key beside the grid."""
    registreer_fonts()
    rijen, kolommen = list(rijen), list(kolommen)
    cellen = grafiekstijl.heatmap_cellen(rijen, kolommen, waarden)

    # Cells fit "100" with some air. Column labels are set level when each fits a cell of at
    # most ~1 inch and the grid then still fits the page; otherwise (many or long labels) they
    # are turned a quarter, reading upward, which keeps the columns narrow.
    cijfer_b, cijfer_h = _maat("100", _TEKST)
    cel_b = grafiekstijl.heatmap_inhoud_breedte(cijfer_b, _TEKST) + 0.16
    cel_h = cijfer_h + 0.1
    rij_labels = [wrap(r, 34) for r in rijen]
    rij_maten = [_maat(t, _TEKST) for t in rij_labels]
    labels_b = max(b for b, _ in rij_maten)
    liggend = [wrap(k, 14) for k in kolommen]
    liggend_maten = [_maat(t, _TEKST) for t in liggend]
    liggend_b = max(cel_b, max(b for b, _ in liggend_maten) + 0.08)
    sleutel = grafiekstijl.heatmap_sleutel(any(w is None for rij in cellen for w in rij))
    sleutel_b = max(_maat(t, _KLEIN)[0] for _, t in sleutel)
    sleutel_ruimte = 0.15 + _VAK_B + 0.06 + sleutel_b + 0.1  # gap, sample, text, margin
    ruimte = _PAGINA_B - labels_b - sleutel_ruimte
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
    raster_b, raster_h = len(kolommen) * cel_b, len(rijen) * cel_h
    totaal_b = links + raster_b + sleutel_ruimte + _RAND
    totaal_h = _RAND + kop + 0.08 + max(raster_h, len(sleutel) * _VAK_H * 1.6) + _RAND

    # From here on in points, y upward: the grid's top left corner and a cell's size.
    x0, boven = _pt(links), _pt(totaal_h - _RAND - kop - 0.08)
    cb, ch = _pt(cel_b), _pt(cel_h)
    plekken = tuple(_pt(x) for x in grafiekstijl.heatmap_plekken(cel_b, cijfer_b, _TEKST))
    vormen: list = []
    for i, rij in enumerate(cellen):
        for j, w in enumerate(rij):
            vormen += _cel(x0 + j * cb, boven - (i + 1) * ch, cb, ch, w, plekken)
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

    vormen += _sleutel(sleutel, x0 + _pt(raster_b + 0.15), boven)

    schaal = min(1.0, breedte / _pt(totaal_b), hoogte / _pt(totaal_h))
    return tekening(vormen, _pt(totaal_b), _pt(totaal_h), _TEKST, schaal)


def _cel(x: float, y: float, b: float, h: float, score: float | None, plekken) -> list:
    """One cell with its lower left corner at (x, y): in its band's colour with the band's mark
    and the score at ``plekken`` (points from the left edge), or hatched grey with a dash when
    there is no score."""
    midden_x, basislijn = x + b / 2, _midden(y + h / 2, _TEKST)
    if score is None:
        return [
            *_leeg_vlak(x, y, b, h),
            _tekst(
                midden_x, basislijn, "–", _TEKST, colors.HexColor(grafiekstijl.LEEG_TEKEN), "middle"
            ),
        ]
    merk_x, getal_x = plekken
    return [
        Rect(
            x,
            y,
            b,
            h,
            fillColor=colors.HexColor(grafiekstijl.heatmap_kleur(score)),
            strokeColor=None,
        ),
        *_merk(grafiekstijl.heatmap_merk(score), x + merk_x, y + h / 2, _TEKST),
        _tekst(
            x + getal_x,
            basislijn,
            str(afgerond(score)),
            _TEKST,
            colors.HexColor(grafiekstijl.HEATMAP_TEKST),
            "middle",
        ),
    ]


def _leeg_vlak(x: float, y: float, b: float, h: float) -> list:
    """A grey rectangle hatched "////", as a cell without a score."""
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
    return uit


def _merk(soort: str, x: float, y: float, punten: float) -> list:
    """A band's mark centred on (x, y): a circle, full, right half filled, or empty (as
    matplotlib's marker "o" with fillstyle full, right or none)."""
    r = grafiekstijl.MERK * punten / 2
    kleur = colors.HexColor(grafiekstijl.MERK_KLEUR)
    uit: list = []
    if soort == "half":
        uit.append(Wedge(x, y, r, -90, 90, fillColor=kleur, strokeColor=None))
    uit.append(
        Circle(
            x,
            y,
            r,
            fillColor=kleur if soort == "vol" else None,
            strokeColor=kleur,
            strokeWidth=_MERK_LIJN,
        )
    )
    return uit


def _sleutel(sleutel, x: float, boven: float) -> list:
    """The key, its top level with the grid's: per band a sample cell with the mark as in the
    cells, and the band's name and range in words; a hatched one for no score."""
    vak_b, vak_h = _pt(_VAK_B), _pt(_VAK_H)
    uit: list = []
    for k, (band, tekst) in enumerate(sleutel):
        y = boven - k * vak_h * 1.6 - vak_h  # the sample's lower edge
        if band is None:
            uit += _leeg_vlak(x, y, vak_b, vak_h)
        else:
            uit.append(
                Rect(
                    x,
                    y,
                    vak_b,
                    vak_h,
                    fillColor=colors.HexColor(grafiekstijl.BAND_KLEUR[band]),
                    strokeColor=None,
                )
            )
            uit += _merk(grafiekstijl.BAND_MERK[band], x + vak_b / 2, y + vak_h / 2, _TEKST)
        uit.append(
            _tekst(
                x + vak_b + _pt(0.06),
                _midden(y + vak_h / 2, _KLEIN),
                tekst,
                _KLEIN,
                colors.HexColor(grafiekstijl.HEATMAP_TEKST),
            )
        )
    return uit
