"""The room's votes in the reports (issue 19): per gemeente where those present were divided and
how many answers came from a vote; in the overview where the subregio disagreed most."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from pypdf import PdfReader

from tests.store_fixtures import maak, mini, tijdelijke_db
from zelfscan import opslag, rapport
from zelfscan.opslag import deelnametabel, stemtabel
from zelfscan.rapport import gegevens, overzichtgegevens, stemmingdeel


@pytest.fixture(scope="module")
def gestemd(tmp_path_factory):
    """A meting of Noord where Aardam was divided on visie-1 and agreed on visie-2."""
    db = next(tijdelijke_db(tmp_path_factory.mktemp("stemming")))
    m = maak(db, mini())
    opslag.zet_huidig_thema(db, m.id, "visie")
    d = deelnametabel.open_deelname(db, m.id, wie="fien")
    for w1, w2 in [(0, 2), (0, 2), (3, 2), (3, 3)]:
        p = deelnametabel.meld_aan(db, d.id, "GM9001")
        stemtabel.sla_stem(db, m.id, p.id, "visie-1", w1)
        stemtabel.sla_stem(db, m.id, p.id, "visie-2", w2)
    vt = deelnametabel.meld_aan(db, d.id, None)
    stemtabel.sla_stem(db, m.id, vt.id, "visie-1", 0)
    stemtabel.stel_vast(db, m.id, "GM9001", "visie-1", 0, voorstel=0, aantal_stemmen=5, wie="f")
    stemtabel.stel_vast(db, m.id, "GM9001", "visie-2", 2, voorstel=2, aantal_stemmen=4, wie="f")
    opslag.sla_antwoord(db, m.id, "GM9001", "sturing-1", 1, wie="fien")
    yield db, m
    db.conn.close()


def _tekst(pdf: bytes) -> str:
    return " ".join(pagina.extract_text() for pagina in PdfReader(io.BytesIO(pdf)).pages)


def test_the_gemeente_report_names_the_divided_vragen_and_the_share_from_votes(gestemd):
    db, m = gestemd
    r = gegevens.verzamel_gemeente(db, m.id, "GM9001")
    s = r.stemming
    assert (s.vragen_met_stemmen, s.uit_stemmen, s.beantwoord) == (2, 2, 3)
    [verdeeld] = s.verdeeld
    assert verdeeld.tekst == m.vragenlijst.vraag("visie-1").tekst
    assert verdeeld.verdeling == "3× Nee, 2× Ja, geborgd" and verdeeld.vastgesteld == "Nee"
    tekst = " ".join(_tekst(rapport.gemeente_pdf(r)).split())
    assert "Wat de aanwezigen stemden" in tekst
    assert "De aanwezigen waren verdeeld" in tekst
    assert "Van de 3 gegeven antwoorden zijn er 2 vastgesteld na een stemming (67%)" in tekst
    # One answer reads right too (found in review: "Van de 1 gegeven antwoorden is er 1").
    een = stemmingdeel.aandeel_zin(replace(s, beantwoord=1, uit_stemmen=1))
    assert een == "Het enige gegeven antwoord is vastgesteld na een stemming (100%)."


def test_a_gemeente_nobody_voted_for_gets_no_section(gestemd):
    db, m = gestemd
    # Bëekhuizen only had the regiobreed vote on visie-1: a spread of one, never divided.
    r = gegevens.verzamel_gemeente(db, m.id, "GM9002")
    assert r.stemming.verdeeld == () and r.stemming.vragen_met_stemmen == 1
    leeg = maak(db, mini(), titel="Zonder stemmen")
    assert gegevens.verzamel_gemeente(db, leeg.id, "GM9001").stemming is None


def test_the_overview_shows_where_the_subregio_disagreed_most(gestemd):
    db, m = gestemd
    r = overzichtgegevens.verzamel_overzicht(db, m.id)
    assert [(v.tekst, v.gemeenten) for v in r.verdeeld] == [
        (m.vragenlijst.vraag("visie-1").tekst, ("Aardam",))
    ]
    tekst = " ".join(_tekst(rapport.overzicht_pdf(r)).split())
    assert "Waar de aanwezigen het meest verdeeld waren" in tekst


def test_a_settlement_counts_only_while_the_answer_is_still_the_settled_one(tmp_path):
    db = next(tijdelijke_db(tmp_path))
    m = maak(db, mini())
    opslag.zet_huidig_thema(db, m.id, "visie")
    d = deelnametabel.open_deelname(db, m.id, wie="fien")
    for w in (0, 0, 3, 3):
        p = deelnametabel.meld_aan(db, d.id, "GM9001")
        stemtabel.sla_stem(db, m.id, p.id, "visie-1", w)
        stemtabel.sla_stem(db, m.id, p.id, "visie-2", 2)
    stemtabel.stel_vast(db, m.id, "GM9001", "visie-1", 0, voorstel=0, aantal_stemmen=4, wie="f")
    stemtabel.stel_vast(db, m.id, "GM9001", "visie-2", 2, voorstel=2, aantal_stemmen=4, wie="f")
    eerst = gegevens.verzamel_gemeente(db, m.id, "GM9001").stemming
    assert (eerst.uit_stemmen, eerst.beantwoord) == (2, 2)
    assert eerst.verdeeld[0].vastgesteld == "Nee"
    # The facilitator later changes visie-1 and clears visie-2: neither is the room's answer.
    opslag.sla_antwoord(db, m.id, "GM9001", "visie-1", 3, wie="fien")
    opslag.sla_antwoord(db, m.id, "GM9001", "visie-2", None, wie="fien")
    later = gegevens.verzamel_gemeente(db, m.id, "GM9001").stemming
    assert (later.uit_stemmen, later.beantwoord) == (0, 1)
    assert later.verdeeld[0].vastgesteld == ""
    db.conn.close()
