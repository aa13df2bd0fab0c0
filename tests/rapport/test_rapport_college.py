"""The report a college can act on (issue 16): page 1 "In één oogopslag", actions with who acts
and the ambitie, a one-page actielijst, the comparison with last year per vraag, and the PDF's
CreationDate. Demo reports read back with pypdf, checked against the data they come from."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from zelfscan import opslag, rapport
from zelfscan.rapport import gegevens
from zelfscan.scores.weergave import getal

BEVERWIJK = "GM0375"


@pytest.fixture(scope="module")
def verslag(demo):
    """The vervolgmeting report of Beverwijk, its data, and the text of each page."""
    pdf = rapport.gemeente_rapport(demo.db, demo.vervolg.id, BEVERWIJK)
    lezer = PdfReader(io.BytesIO(pdf))
    paginas = [" ".join(p.extract_text().split()) for p in lezer.pages]
    data = gegevens.verzamel_gemeente(demo.db, demo.vervolg.id, BEVERWIJK)
    return pdf, lezer, paginas, data


def pagina_met(paginas: list[str], begin: str, *, bovenaan: bool = True) -> tuple[int, str]:
    """The first page after the contents with ``begin`` at its top (below the running header),
    or anywhere on it; the text from there on."""
    for nummer, tekst in enumerate(paginas[2:], start=3):
        plek = tekst.find(begin)
        if plek >= 0 and (plek < 250 or not bovenaan):
            return nummer, tekst[plek:]
    raise AssertionError(f"geen pagina met '{begin}'")


def test_page_one_reads_alone(verslag):
    _pdf, _lezer, paginas, r = verslag
    eerste = paginas[0]
    assert "In één oogopslag" in eerste and "Beverwijk" in eerste
    # The totaal with the previous one and the subregio's, as the data says.
    assert f"{getal(r.totaal)} Totaalscore (0–100)" in eerste
    vorig = r.ontwikkeling.vorige_totaal
    assert f"Vorige meting ({r.ontwikkeling.vorige_jaar}): {getal(vorig)}" in eerste
    assert f"Gemiddelde subregio IJmond: {getal(r.gemiddelde_totaal)}" in eerste
    # The top verbeterpunten with their first step, in rank order.
    assert "Eerst aanpakken" in eerste
    eerste_punt = r.verbeterpunten[0]
    stap = (eerste_punt.adviezen[0].tekst if eerste_punt.adviezen else eerste_punt.suggestie)[:60]
    assert f"1. {eerste_punt.thema.titel}" in eerste and " ".join(stap.split()) in eerste
    # What the room could not judge.
    assert "Wat de groep niet kon beoordelen" in eerste
    assert f"{r.aantal_weet_niet} keer ‘Weet niet’" in eerste
    # Page 2: the report's data and the contents, which start with page 1.
    assert "Over dit rapport" in paginas[1] and "Inhoud" in paginas[1]


def test_each_verbeterpunt_says_who_acts_and_flags_a_missing_ambitie(verslag):
    _pdf, _lezer, paginas, r = verslag
    _nr, sectie = pagina_met(paginas, "Verbeterpunten")
    alles = " ".join(paginas)
    for vp in r.verbeterpunten:
        assert vp.thema.titel in alles
    assert "Wie: de gemeente, met het lokale team." in sectie
    # This meting set no ambities for next year: every verbeterpunt is flagged.
    assert not r.nieuwe_ambities
    assert sectie.count("nog geen ambitie vastgelegd") >= 1


def test_the_actielijst_fits_one_page_and_names_what_the_college_decides(verslag):
    _pdf, _lezer, paginas, r = verslag
    nummer, pagina = pagina_met(paginas, "Actielijst")
    for vp in r.verbeterpunten:
        assert vp.thema.titel in pagina, vp.thema.titel
    assert pagina.count("geen ambitie") >= len(r.verbeterpunten)
    assert "Wat het college kan besluiten" in pagina
    # One page: the next page is another section.
    assert "Actielijst" not in paginas[nummer][:250]


def test_the_appendix_puts_last_years_answer_beside_this_years_and_lists_the_changes(demo, verslag):
    _pdf, _lezer, paginas, r = verslag
    vorige = opslag.antwoorden(demo.db, demo.vervolg.vorige_meting_id)
    nu = opslag.antwoorden(demo.db, demo.vervolg.id)
    # Counted from the store: confirmed answers that differ from last year's.
    veranderd = [
        vraag_id
        for (cbs, vraag_id), a in nu.items()
        if cbs == BEVERWIJK
        and not a.overgenomen
        and a.waarde != (vorige[(cbs, vraag_id)].waarde if (cbs, vraag_id) in vorige else None)
    ]
    assert len(r.veranderde_antwoorden) == len(veranderd) > 0
    _nr, lijst = pagina_met(paginas, "Vragen met een ander antwoord", bovenaan=False)
    assert f"{len(veranderd)} vragen hebben nu een ander antwoord dan in 2021" in lijst
    bijlage = " ".join(paginas[pagina_met(paginas, "Bijlage: alle vragen")[0] - 1 :])
    assert "Ernaast het antwoord van 2021" in bijlage
    # Every vraag of the appendix shows both answers: last year's label, then this year's.
    _t, a = r.veranderde_antwoorden[0]
    assert a.vorig and a.vorig != a.antwoord
    assert f"{' '.join(a.tekst.split()[-3:])} {a.vorig} {a.antwoord}" in bijlage


def test_the_creation_date_is_the_closing_of_the_meting(demo, verslag):
    _pdf, lezer, _paginas, _r = verslag
    gesloten = datetime.fromisoformat(demo.vervolg.afgerond_op)
    gesloten = gesloten if gesloten.tzinfo else gesloten.replace(tzinfo=UTC)
    assert lezer.metadata["/CreationDate"] == f"D:{gesloten.astimezone(UTC):%Y%m%d%H%M%S}+00'00'"
    # Still reproducible: the same data gives the same bytes.
    assert rapport.gemeente_rapport(demo.db, demo.vervolg.id, BEVERWIJK) == verslag[0]


def test_a_heading_never_stays_behind_at_the_foot_of_a_page():
    """A heading before a table kept together goes to the next page with it (reportlab keeps
    a heading with the next flowable, but not with a KeepTogether). Tried at every height."""
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Spacer

    from zelfscan.rapport import document
    from zelfscan.rapport.opmaak import HOOGTE, pt, tabel

    gezien = set()
    for hoogte in range(0, int(HOOGTE), 12):
        rijen = [[pt("Vraag"), pt("Antwoord")]] + [[pt(f"Rij {i}"), pt("Nee")] for i in range(6)]
        verhaal = [
            pt("Begin"),
            Spacer(1, hoogte),
            document.Kop("Kop boven de tabel", 0, sleutel="kop"),
            KeepTogether([tabel(rijen, [80 * mm, 40 * mm])]),
        ]
        pdf = document.bouw(verhaal, titel="t", onderwerp="o", kop_links="l", kop_rechts="r")
        paginas = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
        kop = next(i for i, t in enumerate(paginas) if "Kop boven de tabel" in t)
        assert "Rij 0" in paginas[kop], f"heading alone at the foot of page {kop + 1}"
        gezien.add(kop)
    assert {0, 1} <= gezien, "some heights should push heading and table to the next page"


def test_the_appendix_starts_on_the_last_page_when_half_of_it_is_free(demo):
    # Zuid-Kennemerland 2026: "Over deze zelfscan" runs a third onto its second page; the
    # appendix used to start on a new page and left that one two-thirds empty.
    pdf = rapport.gemeente_rapport(demo.db, demo.nieuw.id, "GM0392")
    paginas = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]
    bijlage = next(
        i for i, t in enumerate(paginas) if i > 1 and "Bijlage: alle vragen en antwoorden" in t
    )
    assert "Hoe de scores tot stand komen" in paginas[bijlage]
