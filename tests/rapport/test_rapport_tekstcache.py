"""Texts parsed and broken once per process (rapport.opmaak.ontleed, Alinea): a report laid out
from the caches is the report reportlab makes without them, byte for byte, also where a
paragraph of markup is split over two pages or two frames of a table row."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
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


def _regels() -> list:
    """One-line paragraphs of every kind the shortcut takes, in frames and in table cells, and
    a few it leaves to reportlab."""
    namen = ["Tekst", "Klein", "Cel", "CelK", "CelKVet", "CelKRechts", "CelRechts", "Kerncijfer"]
    uit: list = []
    for naam in namen:
        uit.append(pt(f"Eén regel in {naam}: 1,5 — €12 · ‘citaat’", naam))
        uit.append(p(f"<b>Vet</b> en gewoon in {naam}", naam))  # two fonts: reportlab
    uit.append(pt("", "Cel"))  # empty: nothing drawn
    # A line a hair too long for its cell: reportlab narrows its spaces (not the shortcut).
    tekst_ = "Aanbod om risicofactoren weg te nemen"
    stijl = opmaak.stijlen()["CelK"]
    breedte = stringWidth(tekst_, stijl.fontName, stijl.fontSize) - 0.3 + 8  # padding 4 + 4
    uit.append(tabel([[pt("Kop")], [pt(tekst_, "CelK")]], [breedte]))
    uit += opsomming(["Met een opsommingsteken"], "OpsommingKlein")
    uit.append(
        tabel(
            [[pt(n, n) for n in namen[:4]], [pt("42", "CelKRechts"), pt(""), pt("x"), pt("–")]],
            [40 * mm] * 4,
        )
    )
    return uit * 6


def test_one_line_paragraphs_drawn_as_one_string_look_as_reportlab_draws_them(
    monkeypatch, tmp_path
):
    import subprocess

    from PIL import Image, ImageChops

    def maak(naam: str) -> tuple[str, Image.Image]:
        pdf = tmp_path / f"{naam}.pdf"
        pdf.write_bytes(
            document.bouw(_regels(), titel="t", onderwerp="o", kop_links="l", kop_rechts="r")
        )
        subprocess.run(
            ["pdftoppm", "-r", "100", "-f", "1", "-l", "1", "-png", pdf, tmp_path / naam],
            check=True,
        )
        tekst = subprocess.run(
            ["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True
        ).stdout
        return tekst, Image.open(next(tmp_path.glob(f"{naam}-*1.png"))).convert("L")

    kort_tekst, kort_beeld = maak("kort")
    monkeypatch.setattr(opmaak.Alinea, "drawOn", Paragraph.drawOn)
    lang_tekst, lang_beeld = maak("reportlab")
    assert kort_tekst == lang_tekst
    assert "Eén regel in CelKRechts: 1,5 — €12 · ‘citaat’" in kort_tekst
    # The same glyphs on the same spot, to the pixel.
    assert ImageChops.difference(kort_beeld, lang_beeld).getbbox() is None
