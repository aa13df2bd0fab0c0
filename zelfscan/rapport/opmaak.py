"""The look of every report: fonts, styles, the A4 page's measures, and small building blocks
(tables, legend, chart images). The document itself (pages, contents, page numbers) is in
:mod:`.document`.

DejaVu Sans comes with matplotlib, so the reports need no font of their own and no network;
unlike reportlab's built-in Helvetica it has ‘ ’, ë, ▲ and ▼, and its text extracts correctly.

Reports are reproducible: the document is built in reportlab's *invariant* mode (fixed ID and
dates), fonts are subset in a fixed order and the charts are reproducible (vector drawings or PNGs), so the same data
gives the same bytes.
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Group
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Flowable,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus.paragraph import _handleBulletWidth, cleanBlockQuotedText

from ..grafieken import grafiekstijl
from ..scores import resultaten

FONT = "ZelfscanSans"

# Colours. The bands' own are in grafiekstijl, shared with the charts and the web pages.
INKT = colors.HexColor("#1A1A1A")
ZACHT = colors.HexColor("#555555")
ACCENT = colors.HexColor("#1F4E79")
LIJN = colors.HexColor("#B8B8B8")
MELDING = colors.HexColor("#8A3B00")  # notices that must not be missed: concept, demo
KOPRIJ = colors.HexColor("#E4EAF1")
ONDERDEELRIJ = colors.HexColor("#F1F1F1")
KADER = colors.HexColor("#F5F7FA")
BAND_KLEUR = {naam: colors.HexColor(k) for naam, k in grafiekstijl.BAND_KLEUR.items()}

PAGINA_B, PAGINA_H = A4
MARGE_L = MARGE_R = 20 * mm
MARGE_B = 24 * mm
MARGE_O = 20 * mm
BREEDTE = PAGINA_B - MARGE_L - MARGE_R
HOOGTE = PAGINA_H - MARGE_B - MARGE_O

# reportlab keeps fonts and some settings in module globals; one build at a time keeps
# concurrent web requests from interfering.
SLOT = threading.Lock()


# --- fonts --------------------------------------------------------------------------------------

_fonts_klaar = False
_fonts_slot = threading.Lock()


def registreer_fonts() -> None:
    global _fonts_klaar
    with _fonts_slot:
        if not _fonts_klaar:
            _registreer()
            _fonts_klaar = True


def _font_map() -> Path:
    # The fonts ship with matplotlib; find them without importing it (which costs half a
    # second, and a report without a matplotlib chart has no other use for it).
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover
        raise RuntimeError("matplotlib (met het lettertype DejaVu Sans) is niet geïnstalleerd")
    return Path(spec.submodule_search_locations[0]) / "mpl-data" / "fonts" / "ttf"


def _registreer() -> None:
    from reportlab.lib.fonts import addMapping

    map_ = _font_map()
    varianten = {
        FONT: "DejaVuSans.ttf",
        f"{FONT}-Bold": "DejaVuSans-Bold.ttf",
        f"{FONT}-Oblique": "DejaVuSans-Oblique.ttf",
        f"{FONT}-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    }
    for naam, bestand in varianten.items():
        pdfmetrics.registerFont(TTFont(naam, str(map_ / bestand)))
    for vet, schuin, naam in (
        (0, 0, FONT),
        (1, 0, f"{FONT}-Bold"),
        (0, 1, f"{FONT}-Oblique"),
        (1, 1, f"{FONT}-BoldOblique"),
    ):
        addMapping(FONT, vet, schuin, naam)


# --- text ---------------------------------------------------------------------------------------

_STUURTEKENS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def tekst(waarde: object) -> str:
    """Plain text (user input, names, data) made safe for Paragraph markup: ``<b>`` and ``&``
    are printed as they are, line breaks are kept, control characters dropped."""
    schoon = _STUURTEKENS.sub("", str(waarde)).replace("\r\n", "\n").replace("\r", "\n")
    return escape(schoon).replace("\n", "<br/>")


# What a report shows of one text typed in a session. The store allows 10,000 characters, and a
# report shows each toelichting twice (notes and appendix): at the store's maximum everywhere a
# report ran to hundreds of pages and took minutes to lay out (issue 18). A report shows the
# start of a long text and says where the rest is; the store, the web pages and the export keep
# it whole. Line breaks are kept up to a point: thousands of one-character lines make as many
# lines of layout, so after MAX_REGELS they become a visible " / ".
MAX_RAPPORT_TEKST = 1_000
MAX_REGELS = 6
_WOORD = re.compile(r"\S+")
_LANG_WOORD = re.compile(r"\S{50}(?=\S)")


def _regels(waarde: object, max_tekens: int, max_regels: int = MAX_REGELS) -> tuple[list[str], str]:
    """The lines of a typed text as a report shows them, and the note to add ("" if whole)."""
    schoon = _STUURTEKENS.sub("", str(waarde)).replace("\r\n", "\n").replace("\r", "\n")
    schoon = re.sub(r"\n\s*\n\s*", "\n\n", schoon.strip())  # no runs of empty lines
    lengte = len(schoon)
    noot = ""
    # Line breaking costs per word: 1,500 characters of one-letter words are 750 of them.
    woorden = list(itertools.islice(_WOORD.finditer(schoon, 0, max_tekens), max_tekens // 5))
    eind = min(max_tekens, woorden[-1].end()) if len(woorden) == max_tekens // 5 else max_tekens
    if lengte > eind:
        schoon = schoon[:eind].rstrip() + " …"
        noot = (
            f"[ingekort: de hele tekst van {lengte:_} tekens staat in zelfscan en in de export]"
        ).replace("_", ".")
    # A word longer than a line is broken letter by letter, each letter measured again: break
    # it here, as the line would break it anyway.
    schoon = _LANG_WOORD.sub(lambda w: w.group(0) + " ", schoon)
    regels = schoon.split("\n")
    hoogstens = max(1, min(max_regels, max_tekens // 100))
    if len(regels) > hoogstens:
        # "a/ b/ c": the slash marks the line break without adding a word to break
        regels = [*regels[: hoogstens - 1], "/ ".join(r for r in regels[hoogstens - 1 :] if r)]
        regels[-1] = regels[-1].rstrip("/ ")
    return regels, noot


def lange_tekst(waarde: object, max_tekens: int = MAX_RAPPORT_TEKST) -> str:
    """Like :func:`tekst`, for a text a person typed: at most ``max_tekens`` characters and
    ``MAX_REGELS`` lines, with a note when it was shortened. For short pieces inside other
    markup; a long text is cheaper as :func:`alineas`."""
    regels, noot = _regels(waarde, max_tekens)
    uit = "<br/>".join(escape(r) for r in regels)
    return uit + (f" <font color='#555555'>{escape(noot)}</font>" if noot else "")


def alineas(
    waarde: object,
    stijl: str,
    voor: str = "",
    max_tekens: int = MAX_RAPPORT_TEKST,
    max_regels: int = MAX_REGELS,
) -> list[Paragraph]:
    """A typed text as one paragraph per line (at most ``max_regels``), plain text in one
    style, ``voor`` (plain text) before the first line. reportlab breaks a paragraph of one run
    of text many times faster than one with markup (``<br/>``, ``<i>``, ``<font>``): the
    appendix of a report with every toelichting at its maximum took seconds the other way."""
    regels, noot = _regels(waarde, max_tekens, max_regels)
    regels[0] = voor + regels[0]
    if noot:
        regels[-1] += " " + noot
    return [Alinea(escape(r) or "&nbsp;", stijlen()[stijl]) for r in regels]


# --- styles -------------------------------------------------------------------------------------

_stijlen: dict[str, ParagraphStyle] | None = None


def stijlen() -> dict[str, ParagraphStyle]:
    global _stijlen
    if _stijlen is not None:
        return _stijlen
    registreer_fonts()
    basis = ParagraphStyle(
        "Tekst",
        fontName=FONT,
        fontSize=9.5,
        leading=13.5,
        textColor=INKT,
        bulletFontName=FONT,
        spaceAfter=5,
        allowWidows=0,
        allowOrphans=0,
    )

    def stijl(naam: str, **opties) -> ParagraphStyle:
        return ParagraphStyle(naam, parent=basis, **opties)

    s = {
        "Tekst": basis,
        "Klein": stijl("Klein", fontSize=8, leading=10.5, spaceAfter=3),
        "Zacht": stijl("Zacht", fontSize=8, leading=10.5, textColor=ZACHT, spaceAfter=3),
        "Kop1": stijl(
            "Kop1",
            fontName=f"{FONT}-Bold",
            fontSize=16,
            leading=20,
            textColor=ACCENT,
            spaceAfter=8,
            keepWithNext=1,
        ),
        "Kop2": stijl(
            "Kop2",
            fontName=f"{FONT}-Bold",
            fontSize=12,
            leading=15,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "Kop3": stijl(
            "Kop3",
            fontName=f"{FONT}-Bold",
            fontSize=10,
            leading=13,
            spaceBefore=8,
            spaceAfter=3,
            keepWithNext=1,
        ),
        "Opsomming": stijl(
            "Opsomming", leftIndent=12, bulletIndent=2, bulletFontSize=9.5, spaceAfter=2
        ),
        "OpsommingKlein": stijl(
            "OpsommingKlein",
            fontSize=8.5,
            leading=11,
            leftIndent=12,
            bulletIndent=2,
            bulletFontSize=8.5,
            spaceAfter=2,
        ),
        # The toelichting under a bullet, one paragraph per line (see alineas).
        "OpsommingSchuin": stijl(
            "OpsommingSchuin",
            fontName=f"{FONT}-Oblique",
            fontSize=8.5,
            leading=11,
            leftIndent=12,
            spaceAfter=0,
        ),
        # A note in a box (see kader), one paragraph per line.
        "KaderTekst": stijl("KaderTekst", spaceAfter=0),
        "Cel": stijl("Cel", fontSize=8.5, leading=10.8, spaceAfter=0),
        "CelVet": stijl(
            "CelVet", fontName=f"{FONT}-Bold", fontSize=8.5, leading=10.8, spaceAfter=0
        ),
        "CelRechts": stijl(
            "CelRechts", fontSize=8.5, leading=10.8, spaceAfter=0, alignment=TA_RIGHT
        ),
        "CelKop": stijl("CelKop", fontName=f"{FONT}-Bold", fontSize=8, leading=10, spaceAfter=0),
        "CelKopRechts": stijl(
            "CelKopRechts",
            fontName=f"{FONT}-Bold",
            fontSize=8,
            leading=10,
            spaceAfter=0,
            alignment=TA_RIGHT,
        ),
        "CelZacht": stijl(
            "CelZacht", fontSize=7.5, leading=9.5, textColor=ZACHT, spaceAfter=0, spaceBefore=2
        ),
        # A typed text in a cell, one paragraph per line (see alineas): italic by its font, not
        # by markup, so each line is one run of text and breaks on reportlab's fast path.
        "CelSchuin": stijl(
            "CelSchuin",
            fontName=f"{FONT}-Oblique",
            fontSize=7.5,
            leading=9.5,
            textColor=ZACHT,
            spaceAfter=0,
            spaceBefore=0,
        ),
        "Omslagtitel": stijl(
            "Omslagtitel",
            fontName=f"{FONT}-Bold",
            fontSize=30,
            leading=36,
            textColor=ACCENT,
            spaceAfter=6,
        ),
        "Omslagsub": stijl("Omslagsub", fontSize=13, leading=18, spaceAfter=4),
        "Omslagboven": stijl(
            "Omslagboven", fontSize=10, leading=14, textColor=ZACHT, spaceAfter=18
        ),
        "Samenvatting": stijl("Samenvatting", fontSize=10.5, leading=15, spaceAfter=7),
        "Melding": stijl(
            "Melding",
            fontName=f"{FONT}-Bold",
            fontSize=9.5,
            leading=13,
            textColor=MELDING,
            borderColor=colors.HexColor("#D55E00"),
            borderWidth=0.8,
            borderPadding=5,
            backColor=colors.HexColor("#FFF3E8"),
            spaceBefore=8,
            spaceAfter=12,
        ),
        # The background reaches borderPadding beyond the text: the space around is larger,
        # so it never covers the line above or below.
        "Kader": stijl(
            "Kader",
            backColor=KADER,
            borderColor=KADER,
            borderWidth=0.5,
            borderPadding=(4, 6, 5, 6),
            spaceBefore=8,
            spaceAfter=10,
        ),
        "Kerncijfer": stijl(
            "Kerncijfer",
            fontName=f"{FONT}-Bold",
            fontSize=24,
            leading=28,
            alignment=TA_CENTER,
            spaceAfter=0,
        ),
        "CelK": stijl("CelK", fontSize=8, leading=10, spaceAfter=0),
        "CelKVet": stijl("CelKVet", fontName=f"{FONT}-Bold", fontSize=8, leading=10, spaceAfter=0),
        "CelKRechts": stijl("CelKRechts", fontSize=8, leading=10, spaceAfter=0, alignment=TA_RIGHT),
        "Inhoud0": stijl("Inhoud0", fontSize=10.5, leading=16, leftIndent=0, spaceAfter=0),
        "Inhoud1": stijl("Inhoud1", fontSize=9, leading=13, leftIndent=14, spaceAfter=0),
    }
    _stijlen = s
    return s


@dataclass(slots=True)
class _Tekst:
    """A paragraph's markup as reportlab parses it, and its lines as broken at each width
    (filled by Alinea.breakLines)."""

    tekst: str
    stijl: ParagraphStyle
    fragmenten: tuple
    opsom: object  # the bullet: text, or fragments of a <bullet> in the markup
    regels: dict = field(default_factory=dict)  # widths (a tuple) -> broken lines


# A report has 500-700 texts, nine in ten under 100 characters; kept they take ~5 kB each. A
# longer text is mostly typed (a toelichting, a note) and seldom met again: it is not kept, so
# texts at their maximum cannot fill the cache with large entries.
_HOOGSTENS_BEWAARD = 600


@functools.lru_cache(maxsize=1024)
def ontleed(opmaak: str, stijl: ParagraphStyle, opsom: str | None) -> _Tekst:
    """A paragraph's markup parsed once per process.

    Parsing (reportlab's XML parser, in pure Python) and line breaking took a third of a
    report's time, for texts that mostly recur: the vragen, the answer labels, headers,
    numbers, in every report of a vragenlijst. What is kept here is never handed out itself
    (see Alinea)."""
    leeg = Paragraph.__new__(Paragraph)
    leeg.caseSensitive, leeg.encoding = 1, "utf8"
    Paragraph._setup(leeg, opmaak, stijl, opsom, None, cleanBlockQuotedText)
    return _Tekst(leeg.text, leeg.style, tuple(leeg.frags), leeg.bulletText)


def _kopie(fragmenten):
    return [f.clone() for f in fragmenten]


class Alinea(Paragraph):
    """A Paragraph whose markup is parsed once per process, whose lines are broken once per
    text and width in a process, and once per width in the paragraph itself.

    reportlab asks a paragraph for its size again and again: a table wraps every cell to
    measure its rows and again to draw them, a frame wraps a paragraph to see whether it fits
    and again to place it. Line breaking was the largest part of a report's time (~2 200 wraps
    of ~880 paragraphs per report), and its result depends only on the width, not on the
    height offered. So the same width again returns what was measured, as long as the broken
    lines are still there: ``split`` deletes them when it pushes the paragraph to the next
    frame, and then the next wrap breaks anew.

    Across paragraphs (see ontleed): each gets its own copies of the parsed fragments, as
    reportlab sets attributes on fragments while it lays them out. The broken lines are shared:
    drawing and splitting only read them (and the "frag words" that breaking markup leaves in
    place of the fragments). reportlab changes them only for right-to-left text, which reports
    do not have, and for hyphenation, which they do not use; a soft hyphen in a text is
    hyphenation too, so such a text is broken anew each time.
    """

    _gemeten: tuple | None = None  # (width offered, the broken lines, (width, height))
    _bron: _Tekst | None = None  # parsed through ontleed (not a part made by split)
    _eigen: list | None = None  # the copies of the parsed fragments it was given

    def _setup(self, opmaak, stijl, opsom, fragmenten, schoon):
        # A long text, a bullet given as fragments, another case setting: as reportlab does.
        if (
            fragmenten is None
            and self.caseSensitive == 1
            and not isinstance(opsom, list)
            and len(opmaak) <= _HOOGSTENS_BEWAARD
        ):
            bron = self._bron = ontleed(opmaak, stijl, opsom)
            opmaak, stijl, fragmenten, opsom = bron.tekst, bron.stijl, bron.fragmenten, bron.opsom
            fragmenten = self._eigen = _kopie(fragmenten)
            if isinstance(opsom, (list, tuple)):  # a <bullet> of markup
                opsom = _kopie(opsom)
        super()._setup(opmaak, stijl, opsom, fragmenten, schoon)

    def breakLines(self, breedtes):
        bron = self._bron
        # Only for the fragments as parsed: breaking markup replaces them (by "frag words").
        if bron is None or self.frags is not self._eigen or not isinstance(breedtes, list):
            return super().breakLines(breedtes)
        sleutel = tuple(breedtes)  # before reportlab narrows the first line for a bullet
        bewaard = bron.regels.get(sleutel)
        if bewaard is None:
            regels = super().breakLines(breedtes)
            if "\xad" not in bron.tekst:
                # Markup leaves "frag words" in place of the fragments: kept with the lines.
                bron.regels[sleutel] = (regels, None if regels.kind == 0 else self.frags)
            return regels
        # What reportlab's own breakLines does to the widths besides (read for right-to-left).
        _handleBulletWidth(self.bulletText, self.style, breedtes)
        regels, woorden = bewaard
        if woorden is not None:
            self.frags = list(woorden)
        return regels

    def wrap(self, beschikbaar_b, beschikbaar_h):
        gemeten = self._gemeten
        if (
            gemeten is not None
            and gemeten[0] == beschikbaar_b
            and self.__dict__.get("blPara") is gemeten[1]
        ):
            self.width, self.height = gemeten[2]
            return gemeten[2]
        uit = super().wrap(beschikbaar_b, beschikbaar_h)
        regels = self.__dict__.get("blPara")
        self._gemeten = (beschikbaar_b, regels, uit) if regels is not None else None
        return uit

    def drawOn(self, canvas, x, y, _sW=0):
        # Nine in ten paragraphs of a report are one line of one font: a table cell, a header.
        # reportlab draws each inside two saved graphics states and a text object built word
        # by word; drawing such a line as one string puts the same glyphs on the same spot
        # at about half the cost. Anything else (several lines or fonts, a bullet, a link,
        # underline, background or border, justified) goes to reportlab.
        regels = self.__dict__.get("blPara")
        stijl = self.style
        if (
            regels is None
            or regels.kind != 0
            or len(regels.lines) > 1
            or self.bulletText
            or stijl.backColor
            or (stijl.borderWidth and stijl.borderColor)
            or stijl.firstLineIndent
            or getattr(self, "_offsets", None)
        ):
            return super().drawOn(canvas, x, y, _sW)
        if not regels.lines:
            return None  # an empty cell: nothing to see
        uitlijning = stijl.alignment
        if uitlijning not in (TA_LEFT, TA_CENTER, TA_RIGHT) or regels.us_lines or regels.link:
            return super().drawOn(canvas, x, y, _sW)
        ruimte, woorden = regels.lines[0]
        tekst_ = " ".join(woorden)
        # A soft hyphen: reportlab decides whether it shows. A line a hair too long for its
        # width (reportlab allows 5% of a space per gap): reportlab narrows its spaces.
        if "\xad" in tekst_ or ruimte < -1e-8:
            return super().drawOn(canvas, x, y, _sW)
        x = self._hAlignAdjust(x, _sW) + stijl.leftIndent
        if uitlijning == TA_CENTER:
            x += 0.5 * ruimte
        elif uitlijning == TA_RIGHT:
            x += ruimte
        boven = (
            regels.fontSize
            if rl_paragraph.paraFontSizeHeightOffset
            else getattr(regels, "ascent", regels.fontSize)
        )
        canvas.saveState()
        canvas.setFillColor(regels.textColor)
        canvas.setFont(regels.fontName, regels.fontSize, stijl.leading)
        canvas.drawString(x, y + self.height - boven, tekst_)
        canvas.restoreState()
        return None


def p(inhoud: str, stijl: str = "Tekst") -> Paragraph:
    """A paragraph of markup (escape plain text with :func:`tekst` first)."""
    return Alinea(inhoud, stijlen()[stijl])


def pt(waarde: object, stijl: str = "Tekst") -> Paragraph:
    """A paragraph of plain text."""
    return Alinea(tekst(waarde), stijlen()[stijl])


def opsomming(items: Sequence[str], stijl: str = "Opsomming") -> list[Paragraph]:
    """Bulleted paragraphs; ``items`` are markup."""
    return [Alinea(item, stijlen()[stijl], bulletText="•") for item in items]


# --- tables -------------------------------------------------------------------------------------


def tabel(
    rijen: list[list],
    breedtes: Sequence[float],
    *,
    extra: Sequence[tuple] = (),
    kop: bool = True,
    rechts_vanaf: int | None = None,
) -> Table:
    """A table with a header row that repeats on every page it spans; rows may split inside
    (a very long toelichting must not make a row taller than a page)."""
    t = Table(
        rijen,
        colWidths=list(breedtes),
        repeatRows=1 if kop else 0,
        splitInRow=1,
        hAlign="LEFT",
    )
    opmaak = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, LIJN),
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
    ]
    if kop:
        opmaak += [
            ("BACKGROUND", (0, 0), (-1, 0), KOPRIJ),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
            ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ]
    t.setStyle(TableStyle(opmaak + list(extra)))
    return t


def kader(inhoud: list) -> Table:
    """Flowables in a shaded box that may run on to the next page (a long note): the look of
    the "Kader" style, for more than one paragraph."""
    t = Table([[inhoud]], colWidths=[BREEDTE], splitInRow=1, hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), KADER),
                ("FONTNAME", (0, 0), (-1, -1), FONT),  # else Helvetica, not embedded
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    t.spaceBefore, t.spaceAfter = 8, 10
    return t


def kopcellen(namen: Sequence[str], rechts: Sequence[int] = ()) -> list[Paragraph]:
    """Header cells; the columns in ``rechts`` (numbers) are right-aligned."""
    return [pt(n, "CelKopRechts" if i in rechts else "CelKop") for i, n in enumerate(namen)]


# The least a table's free column (the thema or gemeente names) keeps.
MIN_VRIJ = 40 * mm


def breedtes_voor(kop: Sequence[str], breedtes: Sequence[float], vrij: int = 0) -> list[float]:
    """Column widths: each at least wide enough for the longest word of its header (a header
    must never break inside a word, as 'Beantwoor-d'); column ``vrij`` takes what is left."""
    uit = []
    for naam, breedte in zip(kop, breedtes, strict=True):
        woorden = naam.split() or [""]
        nodig = max(pdfmetrics.stringWidth(w, f"{FONT}-Bold", 8) for w in woorden) + 9
        uit.append(max(breedte, nodig))
    uit[vrij] = 0
    rest = BREEDTE - sum(uit)
    if rest < MIN_VRIJ:
        # Too many columns for the page (a subregio of 13 gemeenten): the free column keeps a
        # readable width and the others share what is left equally, so the table still fits.
        # Headers may then break inside a word; a table wider than the page cannot be drawn.
        # (Splitting such a table over two is the better layout, and still to do.)
        andere = len(uit) - 1
        uit = [(BREEDTE - MIN_VRIJ) / andere] * len(uit)
        rest = MIN_VRIJ
    uit[vrij] = rest
    return uit


def band_kleur(score: float | None):
    naam = resultaten.band(score)
    return BAND_KLEUR.get(naam) if naam else None


def band_woord(score: float | None) -> str:
    """The band in words, next to its colour: colour is never the only cue."""
    return resultaten.band(score) or "–"


def legenda(schaal, regels, *, woord: bool = True) -> list[Flowable]:
    """The colour bands and the scale, explained once, in words (colour is never the only cue)."""
    cellen = []
    for _grens, naam, uitleg in resultaten.BANDEN:
        cellen.append(p(f"<b>{tekst(naam)}</b>: {tekst(uitleg)}", "Cel"))
    t = Table([cellen], colWidths=[BREEDTE / 3] * 3, hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (i, 0), (i, 0), BAND_KLEUR[b[1]])
                for i, b in enumerate(resultaten.BANDEN)
            ]
            + [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LINEAFTER", (0, 0), (1, 0), 2, colors.white),
            ]
        )
    )
    laag, hoog = schaal.niveaus[0].label, schaal.niveaus[-1].label
    dekking = round(regels.minimale_dekking * 100)
    uitleg = p(
        f"Scores lopen van 0 (alles ‘{tekst(laag)}’) tot 100 (alles ‘{tekst(hoog)}’). "
        "De kleuren zijn een standaard van dit programma, geen norm uit het kader"
        + ("; het woord in de kolom ‘Kleur’ zegt hetzelfde. " if woord else ". ")
        + f"<i>{tekst(schaal.weet_niet.label)}</i> en "
        f"<i>{tekst(schaal.niet_van_toepassing.label)}</i> tellen niet mee in de score. "
        f"Is minder dan {dekking}% van de vragen van een thema met een niveau beantwoord, dan "
        "krijgt het thema geen score (‘onvoldoende beantwoord’).",
        "Zacht",
    )
    return [t, uitleg]


# --- drawings -----------------------------------------------------------------------------------


def tekening(
    vormen: Sequence, breedte: float, hoogte: float, lettergrootte: float, schaal: float = 1.0
) -> Drawing:
    """A chart drawn as vector graphics: ``vormen`` laid out in points on ``breedte`` ×
    ``hoogte``, scaled by ``schaal``, centred in its frame."""
    registreer_fonts()
    uit = Drawing(breedte * schaal, hoogte * schaal)
    groep = Group(*vormen)
    groep.scale(schaal, schaal)
    uit.add(groep)
    uit.hAlign = "CENTER"
    # Our font from the start: the renderer would otherwise select Helvetica first, and a PDF
    # should only use (and embed) DejaVu Sans.
    uit.initialFontName, uit.initialFontSize = FONT, lettergrootte
    return uit
