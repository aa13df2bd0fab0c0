"""Texts parsed and broken once per process (rapport.opmaak.ontleed, Alinea): a report laid out
from the caches is the report reportlab makes without them, byte for byte, also where a
paragraph of markup is split over two pages or two frames of a table row."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from zelfscan.rapport import document, opmaak
from zelfscan.rapport.opmaak import alineas, kader, opsomming, p, pt, tabel

# Under 600 characters, so kept; with markup and line breaks, so broken as reportlab's general
# case (lines of fragments), which a split changes.
OPMAAK = (
    "<b>Vet begin</b> en dan gewone tekst met <i>schuin</i> en <font color='#555555'>grijs"
    "</font> woorden, " * 4
) + "<br/>nieuwe regel " * 3
PLAT = "Gewone platte tekst zonder opmaak, lang genoeg om over regels te breken. " * 6


def _verhaal() -> list:
    uit: list = []
    for i in range(60):
        # Shifted a little each time, so page ends fall in every line of the paragraphs.
        uit.append(Spacer(1, 2.5 * mm * (i % 11)))
        uit.append(p(OPMAAK, "Kader" if i % 2 else "Tekst"))
        uit.append(pt(PLAT, "Klein"))
        uit += opsomming([OPMAAK, "kort, <b>vet</b>"], "OpsommingKlein")
        if i % 5 == 0:
            uit.append(
                tabel(
                    [
                        [pt("Kop"), pt("Kop")],
                        [p(OPMAAK, "Cel"), [pt(PLAT, "Cel"), p(OPMAAK, "CelK")]],
                    ],
                    [60 * mm, 80 * mm],
                )
            )
        if i % 7 == 0:
            uit.append(kader(alineas(PLAT * 2, "KaderTekst")))
    return uit


def _pdf() -> bytes:
    return document.bouw(_verhaal(), titel="t", onderwerp="o", kop_links="l", kop_rechts="r")


def test_a_report_from_the_text_cache_is_the_report_without_it(monkeypatch):
    opmaak.ontleed.cache_clear()
    eerst = _pdf()  # fills the cache
    uit_cache = _pdf()  # every text from the cache
    gesplitst = []
    splits = Paragraph.split

    def split(self, *args):
        delen = splits(self, *args)
        if len(delen) == 2 and self._bron is not None:
            gesplitst.append(self.blPara.kind)
        return delen

    monkeypatch.setattr(Paragraph, "split", split)
    _pdf()
    monkeypatch.undo()
    assert 1 in gesplitst and 0 in gesplitst, "the story should split paragraphs of both kinds"

    monkeypatch.setattr(opmaak.Alinea, "_setup", Paragraph._setup)
    monkeypatch.setattr(opmaak.Alinea, "breakLines", Paragraph.breakLines)
    zonder = _pdf()
    assert eerst == uit_cache == zonder
