"""The document every report is: A4 pages with a running header and footer ("Pagina 3 van 17"),
a table of contents on the cover, PDF bookmarks and metadata — laid out in one pass. A report of
a meting that is not afgerond says so at the top of every page, the cover included: a page
printed or copied on its own must not pass for a final result (issue 16).

"Pagina x van y" and the contents' page numbers are only known once every page is laid out.
reportlab's usual answer is to lay out the whole document again (``multiBuild``), which doubles
the cost of a report. Here the canvas keeps its pages until it saves (:class:`_Canvas`) and
draws what had to wait on each page then: the page totals, and the table of contents, whose
lines are known before the layout (they are the headings in the story) so the room it takes is
known too; only its page numbers are filled in at the end.
"""

from __future__ import annotations

import contextvars
import copy
import io
import math
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from ..errors import RapportTeTraag
from .opmaak import (
    BREEDTE,
    FONT,
    HOOGTE,
    LIJN,
    MARGE_B,
    MARGE_L,
    MARGE_O,
    MARGE_R,
    MELDING,
    PAGINA_B,
    PAGINA_H,
    SLOT,
    ZACHT,
    registreer_fonts,
    stijlen,
    tekst,
)

Straks = Callable[[Canvas, int], None]
"""Drawn on its page when the document is saved, with the number of pages."""


class _Canvas(Canvas):
    """A canvas that keeps its pages until :meth:`save`, then draws on each what could only be
    drawn once the number of pages and the page of every heading were known.

    A page is its content stream and resources, so keeping 20 pages costs little. Bookmarks
    are kept with their page as well: reportlab ties a bookmark to the page being *written*,
    which here is only at the end.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._paginas: list[dict] = []
        self._bladwijzers: list[tuple[str, dict]] = []
        self._straks: list[Straks] = []

    def straks(self, teken: Straks) -> None:
        self._straks.append(teken)

    def bookmarkPage(self, key, **opties):
        self._bladwijzers.append((key, opties))

    def showPage(self):
        # A shallow copy is enough: starting a page gives the canvas new lists for the next one.
        self._paginas.append(dict(self.__dict__))
        self._bladwijzers, self._straks = [], []
        self._startPage()

    def save(self):
        paginas, totaal = self._paginas, len(self._paginas)
        annotaties = self._annotationCount  # links drawn now must not reuse an earlier name
        for staat in paginas:
            self.__dict__.update(staat)
            self._annotationCount = annotaties
            for key, opties in self._bladwijzers:
                Canvas.bookmarkPage(self, key, **opties)
            for teken in self._straks:
                self.saveState()
                teken(self, totaal)
                self.restoreState()
            annotaties = self._annotationCount
            Canvas.showPage(self)
        self._paginas = []
        Canvas.save(self)


class Kop(Paragraph):
    """A section heading: in the table of contents, the PDF outline and the running footer."""

    def __init__(self, titel: str, niveau: int = 0, *, in_inhoud: bool = True, sleutel: str):
        super().__init__(tekst(titel), stijlen()["Kop1" if niveau == 0 else "Kop2"])
        self.titel = titel
        self.niveau = niveau
        self.in_inhoud = in_inhoud
        self.sleutel = sleutel

    def inhoud_regel(self, pagina: int) -> tuple[int, str, int, str]:
        return (self.niveau, tekst(self.titel), pagina, self.sleutel)


def koppen(verhaal: Iterable) -> list[Kop]:
    """The headings of a story in order, also those inside a KeepTogether."""
    uit = []
    for f in verhaal:
        if isinstance(f, Kop):
            uit.append(f)
        elif isinstance(getattr(f, "_content", None), list):
            uit += koppen(f._content)
    return uit


def houd_koppen_bij_inhoud(verhaal: list) -> list:
    """The story with each heading (keepWithNext) moved into the KeepTogether that follows it.

    reportlab keeps a heading with the next flowable, but not when that is a KeepTogether
    (a container it will not nest): the heading then stood alone at the foot of a page, its
    table on the next (the appendix of a vervolgmeting, pages 20 and 21)."""
    uit: list = []
    wachtend: list = []
    for f in verhaal:
        if isinstance(f, KeepTogether) and wachtend:
            # A copy (of the same class, e.g. KeepTogetherSplitAtTop): the story's own objects
            # are not changed.
            f = copy.copy(f)
            f._content = [*wachtend, *f._content]
            wachtend = []
        elif wachtend and not (f.getKeepWithNext() and not isinstance(f, KeepTogether)):
            uit += wachtend
            wachtend = []
        if not isinstance(f, KeepTogether) and f.getKeepWithNext():
            wachtend.append(f)
        else:
            uit.append(f)
    return uit + wachtend


_PUNT_AFSTAND = 4.5  # points between leader dots: one grid for every line
_PUNT_GROOTTE = 9
_CIJFERS = 22  # room for the page number (up to three digits) at the right edge


class Inhoud(TableOfContents):
    """The table of contents, for one pass: laid out from the headings of the story (page
    numbers do not change its height: they are drawn beside the text), and drawn with the
    real page numbers when the document is saved.

    Its table is made once: where reportlab puts a line's page number in the line's markup,
    here the line carries its place in the contents, and the page is looked up when the line
    is drawn. So the table laid out before the pages is the one drawn at the end, not made
    and broken into lines a second time."""

    def __init__(self):
        super().__init__(
            dotsMinLevel=0,
            tableStyle=TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), FONT),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ]
            ),
        )
        self.levelStyles = [stijlen()["Inhoud0"], stijlen()["Inhoud1"]]
        self._ruimte = (BREEDTE, HOOGTE)

    def voorzie(self, koppen_: Iterable[Kop]) -> None:
        # In place of a page number, each line's number (see the class).
        regels = [k for k in koppen_ if k.in_inhoud]
        self._lastEntries = [k.inhoud_regel(i) for i, k in enumerate(regels)]
        self._entries = []

    def wrap(self, beschikbaar_b, beschikbaar_h):
        # A frame asks more than once; the lines do not change, so neither does the table.
        if self._table is None or self._ruimte[0] != beschikbaar_b:
            self._ruimte = (beschikbaar_b, beschikbaar_h)
            self.width, self.height = super().wrap(beschikbaar_b, beschikbaar_h)
        return self.width, self.height

    def _regel_einde(self, breedte: float):
        # Our own leader: reportlab right-aligns its dots with the page number, so a line ending
        # in "16" has its dots a digit further left than one ending in "1". Here every dot sits
        # on one grid and the numbers share one right edge.
        punt_b = pdfmetrics.stringWidth(".", FONT, _PUNT_GROOTTE)

        def teken(canvas, _soort, label):
            regel, niveau = label.split(",")[:2]
            pagina = str(self._entries[int(regel)][2])
            stijl = self.getLevelStyle(int(niveau))
            x, y = canvas._curr_tx_info["cur_x"], canvas._curr_tx_info["cur_y"]
            canvas.setFont(stijl.fontName, stijl.fontSize)
            canvas.setFillColor(stijl.textColor)
            canvas.drawRightString(breedte, y, pagina)
            canvas.setFont(FONT, _PUNT_GROOTTE)
            canvas.setFillColor(ZACHT)
            eerste = math.ceil((x + _PUNT_AFSTAND) / _PUNT_AFSTAND) * _PUNT_AFSTAND
            laatste = breedte - _CIJFERS
            if eerste > laatste:
                return
            # The dots as one run of text, spaced to the grid by character spacing: where a
            # dot apiece was a text object of its own, ~70 per line and half of all the text
            # a report draws. The sums are exact (multiples of 0.5), so the count is too.
            aantal = int((laatste - eerste) // _PUNT_AFSTAND) + 1
            canvas.drawString(
                eerste - punt_b / 2, y, "." * aantal, charSpace=_PUNT_AFSTAND - punt_b
            )

        return teken

    def split(self, beschikbaar_b, beschikbaar_h):
        # A part drawn now would have no page numbers yet; the contents stay in one piece.
        return []

    def drawOn(self, canvas, x, y, _sW=0):
        def teken(canv, _totaal):
            if len(self._entries) != len(self._lastEntries):
                # Not the headings foreseen (cannot happen with a story's own headings): lay
                # out the lines that were met, at the room reserved.
                self._lastEntries = [(n, t, i, s) for i, (n, t, _p, s) in enumerate(self._entries)]
                self._table = None
                self.wrapOn(canv, *self._ruimte)
            canv.setNamedCB("drawTOCEntryEnd", self._regel_einde(self._ruimte[0]))
            self._table.drawOn(canv, x, y, _sW)

        canvas.straks(teken)


def inhoudsopgave() -> Inhoud:
    return Inhoud()


def _kort(tekst_: str, font: str, grootte: float, breedte: float) -> str:
    if pdfmetrics.stringWidth(tekst_, font, grootte) <= breedte:
        return tekst_
    while tekst_ and pdfmetrics.stringWidth(tekst_ + "…", font, grootte) > breedte:
        tekst_ = tekst_[:-1]
    return tekst_.rstrip() + "…"


def _paginanummer(nummer: int) -> Straks:
    def teken(canvas, totaal):
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(ZACHT)
        canvas.drawRightString(PAGINA_B - MARGE_R, 12 * mm, f"Pagina {nummer} van {totaal}")

    return teken


class Rapport(BaseDocTemplate):
    """A4 portrait; the first page (cover) without header and footer. ``concept``: the line
    every page carries at its top while the meting is not afgerond (None: a final report)."""

    def __init__(
        self,
        buffer,
        *,
        titel: str,
        onderwerp: str,
        kop_links: str,
        kop_rechts: str,
        gemaakt: datetime | None = None,
        concept: str | None = None,
    ):
        registreer_fonts()
        # The PDF's CreationDate: the moment its content was settled (the meting's closing), so
        # the same data still gives the same bytes; invariant mode alone would say 2000-01-01.
        self.gemaakt = gemaakt
        if concept:
            # The title bar of a PDF viewer shows the title (displayDocTitle): there too.
            titel = f"{titel} (concept)"
        super().__init__(
            buffer,
            pagesize=A4,
            leftMargin=MARGE_L,
            rightMargin=MARGE_R,
            topMargin=MARGE_O,
            bottomMargin=MARGE_B,
            title=titel,
            author="Zelfscan",
            subject=onderwerp,
            creator="Zelfscan",
            producer="Zelfscan (ReportLab)",
            keywords=[
                "zelfscan",
                "Werken aan Veiligheid",
                "huiselijk geweld",
                "kindermishandeling",
            ],
            invariant=1,
            lang="nl-NL",
            displayDocTitle=1,
            initialFontName=FONT,
        )
        self.kop_links = kop_links
        self.kop_rechts = kop_rechts
        self.concept = concept
        self.sectie = ""
        self.einde: float | None = None  # time.monotonic() deadline of this build (tijdslimiet)
        self.inhoud: Inhoud | None = None
        frame = Frame(
            MARGE_L,
            MARGE_B,
            BREEDTE,
            HOOGTE,
            id="tekst",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates(
            [
                PageTemplate(id="omslag", frames=[frame], onPageEnd=self._omslag_voet),
                PageTemplate(id="gewoon", frames=[frame], onPage=self._kop, onPageEnd=self._voet),
            ]
        )

    def beforeDocument(self):
        if self.gemaakt is not None:
            moment = self.gemaakt.astimezone(UTC) if self.gemaakt.tzinfo else self.gemaakt
            tekst_ = f"D:{moment:%Y%m%d%H%M%S}+00'00'"
            self.canv.setDateFormatter(lambda *_: tekst_)

    # Page furniture ---------------------------------------------------------------------------

    def _concept(self, canvas) -> None:
        # Above the running header, in the colour of the cover's notices; bold, so it reads
        # as a warning on a page printed in grey.
        if not self.concept:
            return
        canvas.saveState()
        canvas.setFont(f"{FONT}-Bold", 8)
        canvas.setFillColor(MELDING)
        canvas.drawCentredString(
            PAGINA_B / 2, PAGINA_H - 7 * mm, _kort(self.concept, f"{FONT}-Bold", 8, BREEDTE)
        )
        canvas.restoreState()

    def _kop(self, canvas, doc):
        self._concept(canvas)
        canvas.saveState()
        y = PAGINA_H - 12 * mm
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(ZACHT)
        # Both in full when they fit; otherwise the left one is shortened (the meting on the
        # right says which report this is).
        ruimte = BREEDTE - 8 * mm
        rechts = _kort(self.kop_rechts, FONT, 7.5, ruimte / 2)
        links = _kort(self.kop_links, FONT, 7.5, ruimte - pdfmetrics.stringWidth(rechts, FONT, 7.5))
        canvas.drawString(MARGE_L, y, links)
        canvas.drawRightString(PAGINA_B - MARGE_R, y, rechts)
        canvas.setStrokeColor(LIJN)
        canvas.setLineWidth(0.5)
        canvas.line(MARGE_L, y - 2.5 * mm, PAGINA_B - MARGE_R, y - 2.5 * mm)
        canvas.restoreState()

    def _voet(self, canvas, doc):
        canvas.saveState()
        y = 12 * mm
        canvas.setStrokeColor(LIJN)
        canvas.setLineWidth(0.5)
        canvas.line(MARGE_L, y + 3.5 * mm, PAGINA_B - MARGE_R, y + 3.5 * mm)
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(ZACHT)
        canvas.drawString(MARGE_L, y, _kort(self.sectie, FONT, 7.5, BREEDTE - 35 * mm))
        canvas.restoreState()
        canvas.straks(_paginanummer(doc.page))

    def _omslag_voet(self, canvas, doc):
        self._concept(canvas)
        canvas.straks(_paginanummer(doc.page))

    # Headings into the table of contents, the outline and the footer ----------------------------

    def afterFlowable(self, flowable):
        # The time limit, checked between flowables: reportlab cannot be interrupted from
        # outside, but every flowable is bounded (texts have a maximum), so a check after each
        # one ends a runaway build within about one flowable's time.
        if self.einde is not None and time.monotonic() > self.einde:
            raise RapportTeTraag(
                f"Het rapport is niet binnen {_LIMIET.get():g} seconden gemaakt en is "
                "afgebroken. Probeer het zo opnieuw; blijft dit gebeuren, meld het dan aan de "
                "beheerder."
            )
        if isinstance(flowable, Kop):
            if flowable.niveau == 0:
                self.sectie = flowable.titel
            self.canv.bookmarkPage(flowable.sleutel)
            self.canv.addOutlineEntry(
                flowable.titel, flowable.sleutel, level=flowable.niveau, closed=True
            )
            if flowable.in_inhoud and self.inhoud is not None:
                self.inhoud.addEntry(*flowable.inhoud_regel(self.page))

    def maak(self, verhaal: list) -> None:
        from reportlab import rl_config

        verhaal = houd_koppen_bij_inhoud(verhaal)
        inhoud = [f for f in verhaal if isinstance(f, Inhoud)]
        self.inhoud = inhoud[0] if inhoud else None
        if self.inhoud is not None:
            self.inhoud.voorzie(koppen(verhaal))
        with SLOT:
            # The clock starts once this build has the slot: waiting for another report to
            # finish does not count against this one.
            limiet = _LIMIET.get()
            self.einde = None if limiet is None else time.monotonic() + limiet
            # Binary image streams: ASCII85 would make the charts 25% larger and, in pure
            # Python, takes longer than everything else together.
            eerder, rl_config.useA85 = rl_config.useA85, 0
            try:
                self.build(verhaal, canvasmaker=_Canvas)
            finally:
                rl_config.useA85 = eerder


_LIMIET: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "zelfscan_rapport_limiet", default=None
)


@contextmanager
def tijdslimiet(seconden: float | None) -> Iterator[None]:
    """Reports built inside this block stop with :class:`RapportTeTraag` when their layout
    takes longer than ``seconden`` (None: no limit, as for the CLI). Per thread or task."""
    teken = _LIMIET.set(seconden)
    try:
        yield
    finally:
        _LIMIET.reset(teken)


def bouw(verhaal: list, **opties) -> bytes:
    buffer = io.BytesIO()
    Rapport(buffer, **opties).maak(verhaal)
    return buffer.getvalue()
