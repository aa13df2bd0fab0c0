"""A report of a meting that is not afgerond says so on every page, the cover included, and in
its title; the final report does not (issue 16, item 8). Small data: the mini vragenlijst."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.store_fixtures import maak, mini
from zelfscan import opslag, rapport
from zelfscan.opslag.verbinding import open_db

REGEL = "CONCEPT – deze meting is nog niet afgerond; de uitkomsten kunnen nog veranderen"
REGIO_REGEL = "CONCEPT – niet alle metingen zijn afgerond; de uitkomsten kunnen nog veranderen"


def paginas(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def titel(pdf: bytes) -> str:
    return PdfReader(io.BytesIO(pdf)).metadata.title


@pytest.fixture
def metingen(tmp_path):
    """Noord (concept, answered for its first gemeente) and Zuid (afgerond), both 2021."""
    db = open_db(tmp_path / "zelfscan.db")
    noord = maak(db, mini())
    zuid = maak(db, mini(), subregio_id="zuid")
    for m in (noord, zuid):
        for i, vraag in enumerate(m.vragenlijst.vragen):
            opslag.sla_antwoord(db, m.id, m.gemeenten[0].cbs, vraag.id, i % 4, wie="fien")
    opslag.rond_af(db, zuid.id, wie="fien")
    yield db, noord, zuid
    db.conn.close()


def test_every_page_of_a_concept_report_says_concept(metingen):
    db, noord, _ = metingen
    cbs = noord.gemeenten[0].cbs
    for pdf in (
        rapport.gemeente_rapport(db, noord.id, cbs),
        rapport.overzicht_rapport(db, noord.id),
    ):
        tekst = paginas(pdf)
        assert len(tekst) >= 5
        for nummer, pagina in enumerate(tekst, 1):
            assert REGEL in pagina, f"pagina {nummer} zegt niet dat het een concept is"
        # The cover's own notice, and the title a PDF viewer shows.
        assert "CONCEPT – deze meting is nog niet afgerond. De uitkomsten" in tekst[0]
        assert titel(pdf).endswith("(concept)")


def test_a_regio_report_with_a_concept_subregio_says_concept_on_every_page(metingen):
    db, noord, _ = metingen
    pdf = rapport.regio_rapport(db, "testregio", 2021)
    for nummer, pagina in enumerate(paginas(pdf), 1):
        assert REGIO_REGEL in pagina, f"pagina {nummer} zegt niet dat het een concept is"
    assert titel(pdf).endswith("(concept)")

    opslag.rond_af(db, noord.id, wie="fien")
    af = rapport.regio_rapport(db, "testregio", 2021)
    assert not any("CONCEPT" in pagina for pagina in paginas(af))
    assert not titel(af).endswith("(concept)")


def test_the_report_of_an_afgeronde_meting_does_not_say_concept(metingen):
    db, _, zuid = metingen
    for pdf in (
        rapport.gemeente_rapport(db, zuid.id, zuid.gemeenten[0].cbs),
        rapport.overzicht_rapport(db, zuid.id),
    ):
        assert not any("CONCEPT" in pagina for pagina in paginas(pdf))
        assert "concept" not in titel(pdf)


def test_page_one_says_why_there_is_no_totaalscore_yet(metingen):
    db, noord, _ = metingen
    # The second gemeente has no answers yet: no totaal, and page 1 says why beside the "–".
    gemeente = noord.gemeenten[1]
    eerste = paginas(rapport.gemeente_rapport(db, noord.id, gemeente.cbs))[0]
    assert (
        f"{gemeente.naam} heeft geen totaalscore: te weinig onderdelen hebben een score" in eerste
    )
    beantwoord = paginas(rapport.gemeente_rapport(db, noord.id, noord.gemeenten[0].cbs))[0]
    assert "geen totaalscore" not in beantwoord
