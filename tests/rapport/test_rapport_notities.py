"""Notes stay with their gemeente, and ambities say who, by when, and why they were (not)
reached (issue 16, items 3 and 5), in the PDF reports, read back with pypdf.

One small subregio (Aardam and Bëekhuizen, the test vragenlijst), built once for the module:
a 0-meting with a note for all, a note for each gemeente and a toelichting for each, ambities
with who and by when, and the vervolgmeting a year later that judges them.
"""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from tests.store_fixtures import maak, mini
from zelfscan import opslag, rapport
from zelfscan.inlezen.model import WEET_NIET
from zelfscan.opslag.verbinding import open_db

AARDAM, BEEKHUIZEN = "GM9001", "GM9002"
VOOR_ALLE = "Afgesproken: de regio deelt een model-visie."
VOOR_AARDAM = "Aardam legt de visie in maart aan het college voor."
VOOR_BEEKHUIZEN = "Bëekhuizen heeft nog geen wethouder voor dit onderwerp."
TOELICHTING_AARDAM = "Visie van 2019, verouderd."
TOELICHTING_BEEKHUIZEN = "Vastgesteld door de raad van Bëekhuizen."


def vul(db) -> tuple[opslag.Meting, opslag.Meting]:
    """The 0-meting 2021 and the vervolgmeting 2022 of Noord, as described above."""
    cat = mini()
    nul = maak(db, cat)
    s = opslag.sla_antwoord
    s(db, nul.id, AARDAM, "visie-1", 1, toelichting=TOELICHTING_AARDAM, wie="fien")
    s(db, nul.id, AARDAM, "visie-2", 1, wie="fien")
    s(db, nul.id, BEEKHUIZEN, "visie-1", 3, toelichting=TOELICHTING_BEEKHUIZEN, wie="fien")
    s(db, nul.id, BEEKHUIZEN, "visie-2", 3, wie="fien")
    opslag.sla_notitie(db, nul.id, "visie", VOOR_ALLE, wie="fien")
    opslag.sla_notitie(db, nul.id, "visie", VOOR_AARDAM, cbs=AARDAM, wie="fien")
    opslag.sla_notitie(db, nul.id, "meldcode", VOOR_BEEKHUIZEN, cbs=BEEKHUIZEN, wie="fien")
    opslag.rond_af(db, nul.id, wie="fien")
    a = opslag.sla_ambitie
    a(db, nul.id, AARDAM, "visie", 2, "Visie vernieuwen.", door="team Veiligheid",
      wanneer="Q2 2022", wie="aardam")  # fmt: skip
    a(db, nul.id, AARDAM, "sturing", 1, door="beleidsadviseur", wie="aardam")
    a(db, nul.id, AARDAM, "meldcode", 1, wanneer="30-6-2022", wie="aardam")
    vervolg = maak(
        db,
        cat,
        soort="vervolgmeting",
        jaar=2022,
        datum=date(2022, 10, 11),
        vorige_meting_id=nul.id,
    )
    # visie stays 'In ontwikkeling' (33 < 67), sturing gets no score, meldcode rises to 67.
    s(db, vervolg.id, AARDAM, "visie-1", 1, wie="fien")
    s(db, vervolg.id, AARDAM, "visie-2", 1, wie="fien")
    s(db, vervolg.id, AARDAM, "sturing-1", WEET_NIET, wie="fien")
    s(db, vervolg.id, AARDAM, "meldcode-1", 2, wie="fien")
    s(db, vervolg.id, AARDAM, "meldcode-2", 2, wie="fien")
    return nul, vervolg


@pytest.fixture(scope="module")
def metingen(tmp_path_factory):
    db = open_db(tmp_path_factory.mktemp("notities") / "zelfscan.db")
    nul, vervolg = vul(db)
    yield db, nul, vervolg
    db.conn.close()


def tekst(pdf: bytes) -> str:
    """All text with whitespace normalised, so a wrapped line still matches."""
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def plat(waarde: str) -> str:
    return " ".join(waarde.split())


def test_a_gemeente_report_carries_the_note_for_all_and_its_own_only(metingen):
    db, nul, _ = metingen
    aardam = tekst(rapport.gemeente_rapport(db, nul.id, AARDAM))
    assert VOOR_ALLE in aardam
    assert f"Notitie voor Aardam: {VOOR_AARDAM}" in aardam
    assert TOELICHTING_AARDAM in aardam
    # Nothing said about or for Bëekhuizen: not its note, not its toelichting.
    assert VOOR_BEEKHUIZEN not in aardam and TOELICHTING_BEEKHUIZEN not in aardam

    beekhuizen = tekst(rapport.gemeente_rapport(db, nul.id, BEEKHUIZEN))
    assert VOOR_ALLE in beekhuizen
    assert f"Notitie voor Bëekhuizen: {VOOR_BEEKHUIZEN}" in beekhuizen
    assert TOELICHTING_BEEKHUIZEN in beekhuizen
    assert VOOR_AARDAM not in beekhuizen and TOELICHTING_AARDAM not in beekhuizen


def test_the_subregio_overview_shows_every_note_labelled(metingen):
    db, nul, _ = metingen
    overzicht = rapport.verzamel_overzicht(db, nul.id)
    assert overzicht.notities["visie"] == ((None, VOOR_ALLE), ("Aardam", VOOR_AARDAM))
    assert overzicht.notities["meldcode"] == (("Bëekhuizen", VOOR_BEEKHUIZEN),)


def test_the_ambities_table_says_who_and_by_when(metingen):
    db, nul, _ = metingen
    aardam = tekst(rapport.gemeente_rapport(db, nul.id, AARDAM))
    deel = aardam[aardam.rindex("Ambities voor de volgende meting") :]  # not the contents
    assert "Wie Wanneer" in deel
    for stuk in ("team Veiligheid", "Q2 2022", "beleidsadviseur", "30 juni 2022"):
        assert stuk in deel


def test_next_years_report_gives_each_ambitie_its_verdict_and_the_reason(metingen):
    db, _, vervolg = metingen
    aardam = plat(tekst(rapport.gemeente_rapport(db, vervolg.id, AARDAM)))
    deel = aardam[aardam.rindex("De ambities van de vorige meting") :]  # not the contents
    assert (
        "niet gehaald: nu ‘In ontwikkeling’ (33), ambitie ‘Grotendeels’ (67). "
        "Wie: team Veiligheid; Wanneer: Q2 2022"
    ) in deel
    assert "niet te meten: het thema heeft nu geen score (onvoldoende beantwoord)" in deel
    assert "gehaald: nu ‘Grotendeels’ (67), ambitie ‘In ontwikkeling’ (33)" in deel
    assert "Wanneer: 30 juni 2022" in deel
