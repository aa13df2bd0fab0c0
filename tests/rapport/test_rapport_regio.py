"""The regio overview PDF: generated for the DEMO data and read back with pypdf."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from zelfscan import rapport
from zelfscan.cli import main
from zelfscan.errors import NietGevonden
from zelfscan.rapport import regiorapport


@pytest.fixture(scope="module")
def pdf(demo):
    return rapport.regio_rapport(demo.db, "kennemerland", 2021)


def _plat(tekst: str) -> str:
    return re.sub(r"\s+", " ", tekst).strip()


@pytest.fixture(scope="module")
def tekst(pdf):
    lezer = PdfReader(io.BytesIO(pdf))
    return _plat(" ".join(pagina.extract_text() for pagina in lezer.pages))


def test_bevat_alle_gemeenten_themas_en_subregios(demo, tekst):
    assert len(demo.nul) == 3
    for m in demo.nul:
        assert m.subregio_naam in tekst
        for g in m.gemeenten:
            assert g.naam in tekst, g.naam
    vragenlijst = demo.nul[0].vragenlijst
    for thema in vragenlijst.themas:
        assert _plat(thema.titel) in tekst, thema.titel
    assert "Regio Kennemerland" in tekst
    assert "Zwak in de hele regio" in tekst


def test_metadata_en_paginas(pdf):
    lezer = PdfReader(io.BytesIO(pdf))
    assert lezer.trailer["/Root"]["/Lang"] == "nl-NL"
    assert "Kennemerland" in lezer.metadata.title
    assert "2021" in lezer.metadata.title
    assert len(lezer.pages) >= 5
    assert f"Pagina 1 van {len(lezer.pages)}" in lezer.pages[0].extract_text()


def test_deterministisch(demo, pdf):
    assert rapport.regio_rapport(demo.db, "kennemerland", 2021) == pdf


def test_gegevens(demo):
    r = regiorapport.verzamel_regio(demo.db, "Kennemerland", 2021)
    assert [d.naam for d in r.delen] == sorted(
        (m.subregio_naam for m in demo.nul), key=str.casefold
    )
    alle = [g for _, g in r.gemeenten]
    assert len(alle) == sum(len(m.gemeenten) for m in demo.nul)
    drempel = (len(alle) + 1) // 2
    for z in r.zwak:
        assert z.aantal >= drempel
        assert z.aantal == sum(n for _, n, _ in z.per_subregio)
    for thema in r.sterk:
        assert all(
            s >= 70 for g in alle if (s := regiorapport.thema_score(g, thema.id)) is not None
        )
    assert r.samenvatting[0].startswith("In regio Kennemerland deden in 2021 ")


def test_kiest_afgeronde_nieuwste_meting(demo):
    [m] = [m for m in demo.nul if m.subregio_id == "ijmond"]
    ouder = replace(m, id=90, datum=m.datum.replace(month=1))
    nieuwer_concept = replace(m, id=91, status="open", datum=m.datum.replace(month=12))
    gekozen = dict(
        (k.subregio_id, (k.id, [x.id for x in rest]))
        for k, rest in regiorapport.kies_metingen(
            [*demo.nul, ouder, nieuwer_concept], "kennemerland", 2021
        )
    )
    assert gekozen["ijmond"][0] == m.id
    assert sorted(gekozen["ijmond"][1]) == [90, 91]


def test_onbekend(demo):
    with pytest.raises(NietGevonden, match="geen metingen van regio 'nergens'"):
        rapport.regio_rapport(demo.db, "nergens", 2021)
    with pytest.raises(NietGevonden, match="in 1999"):
        rapport.regio_rapport(demo.db, "kennemerland", 1999)


def test_bestandsnaam():
    assert rapport.bestandsnaam_regio("kennemerland", 2021) == (
        "zelfscan-2021-regio-kennemerland.pdf"
    )
    assert rapport.bestandsnaam_regio("Zuid Hollând", 2022) == (
        "zelfscan-2022-regio-zuid-holland.pdf"
    )


def test_cli_schrijft_regio_rapport(demo, pdf, tmp_path):
    uit = tmp_path / "uit"
    resultaat = CliRunner().invoke(
        main,
        [
            "report",
            "--db",
            str(demo.pad),
            "--regio",
            "kennemerland",
            "--jaar",
            "2021",
            "--out",
            str(uit),
        ],
    )
    assert resultaat.exit_code == 0, resultaat.output
    pad = uit / "zelfscan-2021-regio-kennemerland.pdf"
    assert pad.read_bytes() == pdf
    assert str(pad) in resultaat.output


@pytest.mark.parametrize(
    ("args", "melding"),
    [
        (["--regio", "nergens", "--jaar", "2021"], "geen metingen van regio"),
        (["--regio", "kennemerland", "--jaar", "1999"], "in 1999"),
        (["--regio", "kennemerland", "--jaar", "2021", "--meting", "1"], "niet allebei"),
        ([], "Geef aan welk rapport"),
        (["--regio", "kennemerland"], "ook het jaar"),
    ],
)
def test_cli_fouten(demo, tmp_path, args, melding):
    resultaat = CliRunner().invoke(
        main, ["report", "--db", str(demo.pad), "--out", str(tmp_path), *args]
    )
    assert resultaat.exit_code == 1
    assert melding in resultaat.output
    assert "Traceback" not in resultaat.output
    assert not list(tmp_path.glob("*.pdf"))
