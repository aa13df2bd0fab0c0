"""PDF reports: generated for the DEMO data and read back with pypdf."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from tests.store_fixtures import DATA, maak
from zelfscan import opslag, rapport
from zelfscan.cli import main
from zelfscan.errors import NietGevonden
from zelfscan.inlezen.loader import laad_catalogus
from zelfscan.inlezen.model import Gemeente
from zelfscan.opslag.verbinding import open_db
from zelfscan.rapport import gegevens, overzichtgegevens
from zelfscan.scores import resultaten, scoring, weergave

BEVERWIJK = "GM0375"


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    """The small test vragenlijst and region only (other test data may lie beside them)."""
    map_ = tmp_path_factory.mktemp("mini")
    shutil.copy(DATA / "mini-vragenlijst.yaml", map_)
    (map_ / "regios").mkdir()
    shutil.copy(DATA / "regios" / "testregio.yaml", map_ / "regios")
    return laad_catalogus(map_)


@pytest.fixture(scope="module")
def pdfs(demo):
    return {
        "2021": rapport.gemeente_rapport(demo.db, demo.ijmond.id, BEVERWIJK),
        "2022": rapport.gemeente_rapport(demo.db, demo.vervolg.id, BEVERWIJK),
        "overzicht": rapport.overzicht_rapport(demo.db, demo.vervolg.id),
    }


def lees(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def tekst(pdf: bytes) -> str:
    """All text with whitespace normalised, so a title wrapped over two lines still matches."""
    return " ".join(" ".join(p.extract_text().split()) for p in lees(pdf).pages)


def plat(waarde: str) -> str:
    return " ".join(waarde.split())


def test_the_gemeente_report_names_the_gemeente_every_thema_and_the_verbeterpunten(demo, pdfs):
    inhoud = tekst(pdfs["2021"])
    vragenlijst = demo.ijmond.vragenlijst
    assert "Beverwijk" in inhoud
    assert "DEMO – 0-meting 2021 IJmond" in inhoud
    ontbreekt = [t.titel for t in vragenlijst.themas if plat(t.titel) not in inhoud]
    assert ontbreekt == []
    for onderdeel in vragenlijst.onderdelen:
        assert plat(onderdeel.titel) in inhoud
    assert "Verbeterpunten" in inhoud
    data = gegevens.verzamel_gemeente(demo.db, demo.ijmond.id, BEVERWIJK)
    assert data.verbeterpunten
    for vp in data.verbeterpunten:
        assert plat(vp.suggestie) in inhoud
    # The samenvatting is generated text, with typographic quotes and Dutch spelling.
    assert "Beverwijk scoort gemiddeld" in inhoud
    assert re.search(r"Het sterkst (is|zijn) ‘", inhoud)
    assert "thema’s" in inhoud
    assert "‘weet niet’" in inhoud


def test_the_appendix_lists_every_question_with_its_answer(demo, pdfs):
    paginas = [plat(p.extract_text()) for p in lees(pdfs["2021"]).pages]
    begin = next(i for i, p in enumerate(paginas) if i > 0 and "Bijlage: alle vragen" in p)
    bijlage = " ".join(paginas[begin:])
    vragen = demo.ijmond.vragenlijst.vragen
    ontbreekt = [v.id for v in vragen if plat(v.tekst) not in bijlage]
    assert ontbreekt == []
    antwoorden = opslag.antwoorden(demo.db, demo.ijmond.id)
    schaal = demo.ijmond.vragenlijst.schaal
    eerste = antwoorden[(BEVERWIJK, vragen[0].id)]
    assert f"{plat(vragen[0].tekst)} {schaal.label(eerste.waarde)}" in bijlage
    met_toelichting = [a for (c, _), a in antwoorden.items() if c == BEVERWIJK and a.toelichting]
    assert met_toelichting and all(plat(a.toelichting) in bijlage for a in met_toelichting)


def test_a_vervolgmeting_shows_the_development_and_the_ambities_and_a_0_meting_does_not(demo, pdfs):
    assert "Ontwikkeling sinds de vorige meting" not in tekst(pdfs["2021"])
    inhoud = tekst(pdfs["2022"])
    assert "Ontwikkeling sinds de vorige meting" in inhoud
    assert "DEMO – 0-meting 2021 IJmond" in inhoud
    assert "▲" in inhoud
    assert "De ambities van de vorige meting" in inhoud
    data = gegevens.verzamel_gemeente(demo.db, demo.vervolg.id, BEVERWIJK)
    o = data.ontwikkeling
    ambities = opslag.ambities(demo.db, demo.ijmond.id)
    assert {r.thema_id for r in o.ambities} == {t for c, t in ambities if c == BEVERWIJK}
    for regel in o.regels:
        if regel.ambitie is None:
            assert regel.status == gegevens.GEEN_AMBITIE
            continue
        nu = next(t.score.score for t in data.themas if t.thema.id == regel.thema_id)
        verwacht = gegevens.GEHAALD if nu >= regel.ambitie_score else gegevens.NIET_GEHAALD
        assert regel.status == verwacht
        # The verdict with its reason: the level now and the ambitie's, each with its score.
        assert regel.reden.startswith("gehaald: " if nu >= regel.ambitie_score else "niet ")
        assert f"ambitie ‘{regel.ambitie.niveau_label}’" in regel.reden
        assert f"{plat(regel.titel)} – {regel.reden}." in inhoud
        assert regel.status in inhoud
    # Same vragenlijst both years: everything could be compared, and the report says so.
    assert "Alle thema’s en vragen kwamen in beide metingen voor" in inhoud


def test_an_ambitie_is_reached_at_exactly_its_level(mini):
    lijst = mini.vragenlijst("mini-scan")
    antwoord = SimpleNamespace

    gemeente = Gemeente("GM1", "Eentje")

    def meting(jaar):
        return SimpleNamespace(
            vragenlijst=lijst,
            titel=f"meting {jaar}",
            datum=None,
            jaar=jaar,
            gemeenten=(gemeente,),
            gemeente=lambda cbs: gemeente,
        )

    # visie: two questions; answered 1 and 3, mean level 2 = the ambitie exactly.
    nu = {("GM1", "visie-1"): antwoord(waarde=1), ("GM1", "visie-2"): antwoord(waarde=3)}
    vorig = {("GM1", "visie-1"): antwoord(waarde=0), ("GM1", "visie-2"): antwoord(waarde=1)}
    scores = scoring.bereken_scores(lijst, resultaten.antwoorden_van(nu, "GM1"))
    ambities = {
        ("GM1", "visie"): opslag.Ambitie(
            "GM1", "visie", 2, "Vastleggen", 1, "t", "w", wie="team Jeugd", wanneer="2022-Q3"
        ),
        ("GM1", "sturing"): opslag.Ambitie("GM1", "sturing", 1, "", 1, "t", "w"),
    }
    o = gegevens.gemeente_ontwikkeling(
        meting(2021), vorig, meting(2022), nu, scores, "GM1", ambities
    )
    visie = next(r for r in o.regels if r.thema_id == "visie")
    assert (visie.vorige, visie.huidige, visie.pijl) == (pytest.approx(100 / 6), 200 / 3, "▲")
    assert visie.status == gegevens.GEHAALD
    # The verdict with its reason, and who and by when in the reader's form.
    assert visie.reden == "gehaald: nu ‘Grotendeels’ (67), ambitie ‘Grotendeels’ (67)"
    assert (visie.ambitie.wie, visie.ambitie.wanneer) == ("team Jeugd", "Q3 2022")
    sturing = next(r for r in o.regels if r.thema_id == "sturing")
    assert sturing.status == gegevens.NIET_TE_BEOORDELEN  # no answers now: no score
    assert sturing.reden == "niet te meten: het thema heeft nu geen score (niet beantwoord)"
    assert (sturing.ambitie.wie, sturing.ambitie.wanneer) == ("", "")
    meldcode = next(r for r in o.regels if r.thema_id == "meldcode")
    assert meldcode.status == gegevens.GEEN_AMBITIE


def test_metadata_language_and_page_numbers(pdfs):
    lezer = lees(pdfs["2021"])
    assert lezer.metadata.title == (
        "Zelfscan Werken aan Veiligheid – Beverwijk – DEMO – 0-meting 2021 IJmond"
    )
    assert lezer.metadata.author == "Zelfscan"
    assert "Beverwijk" in lezer.metadata.subject
    assert str(lezer.trailer["/Root"]["/Lang"]).startswith("nl")
    totaal = len(lezer.pages)
    assert totaal > 8
    for nummer, pagina in enumerate(lezer.pages, start=1):
        assert f"Pagina {nummer} van {totaal}" in pagina.extract_text()
    # A table of contents with the sections (page 2: page 1 is "In één oogopslag"), and the
    # same sections as PDF bookmarks.
    inhoud = plat(inhoudspagina(lezer).extract_text())
    for kop in (
        "Samenvatting",
        "Verbeterpunten",
        "Actielijst",
        "Bijlage: alle vragen en antwoorden",
    ):
        assert kop in inhoud
    assert [b["/Title"] for b in lezer.outline if isinstance(b, dict)][:3] == [
        "In één oogopslag",
        "Samenvatting",
        "Het totaalbeeld",
    ]
    # Every font is embedded (DejaVu Sans): ‘ ’, ë and ▲ ▼ need it.
    fonts = set()
    for pagina in lezer.pages:
        for font in pagina["/Resources"].get("/Font", {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("DejaVuSans" in f for f in fonts)


def inhoudspagina(lezer):
    """The page with the table of contents: 2 in a gemeente report, 1 in an overview."""
    return next(p for p in lezer.pages[:3] if "\nInhoud\n" in f"\n{p.extract_text()}\n")


def inhoud_regels(pagina) -> list[tuple[str, int]]:
    """(title, page) per line of the table of contents: text on one baseline that ends in dots
    and a number."""
    regels: dict[int, list[tuple[float, str]]] = {}

    def bezoek(stuk, cm, tm, font, grootte):
        if stuk.strip():
            regels.setdefault(round(cm[5] + tm[5] * cm[3]), []).append((cm[4] + tm[4], stuk))

    pagina.extract_text(visitor_text=bezoek)
    uit = []
    for y in sorted(regels, reverse=True):
        regel = " ".join(t.strip() for _, t in sorted(regels[y]))
        if gevonden := re.fullmatch(r"(.+?)[ .]+ (\d+)", regel):
            uit.append((gevonden[1], int(gevonden[2])))
    return uit


@pytest.mark.parametrize("welke", ["2021", "2022", "overzicht"])
def test_contents_and_bookmarks_give_the_page_of_each_heading(pdfs, welke):
    lezer = lees(pdfs[welke])
    paginas = [p.extract_text().split("\n") for p in lezer.pages]

    def begint_op(titel: str, nummer: int) -> bool:
        # Below the running header: the heading is one of the first lines of its page.
        return any(plat(r) == plat(titel) for r in paginas[nummer - 1][:12])

    inhoud = inhoud_regels(inhoudspagina(lezer))
    assert len(inhoud) >= 8
    for titel, nummer in inhoud:
        assert 1 <= nummer <= len(paginas)
        assert begint_op(titel, nummer) or titel in " ".join(paginas[nummer - 1]), titel
    for bladwijzer in lezer.outline:
        if isinstance(bladwijzer, dict):
            nummer = lezer.get_destination_page_number(bladwijzer) + 1
            assert plat(bladwijzer["/Title"]) in plat(" ".join(paginas[nummer - 1]))
    # The contents list the same sections as the bookmarks, in the same order.
    hoofdstukken = [b["/Title"] for b in lezer.outline if isinstance(b, dict)]
    assert [t for t, _ in inhoud if t in hoofdstukken] == hoofdstukken


def test_the_radars_are_vector_graphics_with_their_labels_and_legend_as_text(demo, pdfs):
    lezer = lees(pdfs["2022"])
    for kop, legenda in (
        ("Het totaalbeeld", ["Beverwijk", "Gemiddelde subregio"]),
        ("Ontwikkeling sinds de vorige meting", ["Beverwijk nu (2022)", "Vorige meting (2021)"]),
    ):
        # The page that starts with the heading (below the running header).
        pagina = next(p for p in lezer.pages[1:] if p.extract_text().split("\n")[2] == kop)
        assert len(pagina.images) == 0
        inhoud = plat(pagina.extract_text())
        woorden = {w for t in demo.vervolg.vragenlijst.themas for w in t.label.split()}
        assert [w for w in woorden if w not in inhoud] == []
        assert all(naam in inhoud for naam in legenda)


def test_a_gemeente_report_does_not_import_matplotlib(demo):
    code = (
        "import sys; from zelfscan import rapport; from zelfscan.opslag.verbinding import open_db; "
        f"rapport.gemeente_rapport(open_db({str(demo.pad)!r}), {demo.vervolg.id}, 'GM0375'); "
        "assert 'matplotlib' not in sys.modules, 'matplotlib'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_same_data_gives_the_same_pdf_also_when_built_at_the_same_time(demo, pdfs):
    assert rapport.gemeente_rapport(demo.db, demo.vervolg.id, BEVERWIJK) == pdfs["2022"]

    def overzicht(_):
        # As the web app would: its own connection per thread.
        db = open_db(demo.pad)
        try:
            return rapport.overzicht_rapport(db, demo.vervolg.id)
        finally:
            db.conn.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        assert list(pool.map(overzicht, range(2))) == [pdfs["overzicht"]] * 2


def test_the_overview_has_the_heatmap_every_gemeente_and_the_weak_themas(demo, pdfs):
    lezer = lees(pdfs["overzicht"])
    inhoud = tekst(pdfs["overzicht"])
    assert lezer.metadata.title.startswith("Zelfscan Werken aan Veiligheid – overzicht IJmond")
    for gemeente in demo.vervolg.gemeenten:
        assert gemeente.naam in inhoud
    heatmap = next(p for p in lezer.pages[1:] if "Scores per thema en gemeente" in p.extract_text())
    assert len(heatmap.images) == 0  # vector graphics: rapport.heatmap
    data = overzichtgegevens.verzamel_overzicht(demo.db, demo.vervolg.id)
    assert "Zwak in de hele subregio" in inhoud
    # The legend's band: a thema is listed only when every gemeente with a score is "zwak".
    for thema in data.zwak:
        assert plat(thema.titel) in inhoud
        scores = [g.thema_score(thema.id) for g in data.gemeenten]
        assert all(s < 40 for s in scores if s is not None)
    if not data.zwak:
        assert "Er is geen thema dat bij alle gemeenten onder 40 scoort" in inhoud
    assert "Ontwikkeling sinds de vorige meting" in inhoud
    for thema in demo.vervolg.vragenlijst.themas:
        assert plat(thema.titel) in inhoud or plat(thema.label) in inhoud


def test_the_overview_shows_the_subregios_movement_per_thema_as_the_web_does(demo, pdfs, tmp_path):
    """The last column of 'Ontwikkeling sinds de vorige meting' is the subregio's mean
    difference per thema, by the same rule as the web results (ontwikkeling.beweging)."""
    from zelfscan.scores import ontwikkeling

    m = demo.vervolg
    vorige = opslag.meting(demo.db, m.vorige_meting_id)
    per_gemeente = [
        ontwikkeling.ontwikkeling(
            vorige,
            opslag.antwoorden(demo.db, vorige.id),
            m,
            opslag.antwoorden(demo.db, m.id),
            opslag.ambities(demo.db, vorige.id),
            g.cbs,
        )
        for g in m.gemeenten
    ]
    beweging = ontwikkeling.beweging(per_gemeente)
    nr = next(
        i
        for i, p in enumerate(lees(pdfs["overzicht"]).pages)
        if i and "Ontwikkeling sinds de vorige meting" in p.extract_text()
    )
    # pdftotext keeps a table row on one line, as it is read on paper.
    pdf = tmp_path / "overzicht.pdf"
    pdf.write_bytes(pdfs["overzicht"])
    pagina = subprocess.run(
        ["pdftotext", "-layout", "-f", str(nr + 1), "-l", str(nr + 1), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Subregio" in pagina
    gecontroleerd = 0
    for thema in m.vragenlijst.themas:
        b = beweging[thema.id]
        verwacht = f"{b.pijl} {weergave.verschil_tekst(b.gemiddeld_verschil)}".strip()
        regel = next((r for r in pagina.splitlines() if r.strip().startswith(thema.titel)), None)
        if regel is None:  # a title that wrapped onto two lines
            continue
        # pdftotext sometimes drops the space in "= 0"
        assert regel.replace(" ", "").endswith(verwacht.replace(" ", "")), (thema.titel, regel)
        gecontroleerd += 1
    assert gecontroleerd >= 20


def test_file_names_say_year_meting_subregio_and_gemeente_in_plain_ascii(demo):
    assert (
        rapport.bestandsnaam(demo.ijmond, BEVERWIJK)
        == "zelfscan-2021-0-meting-ijmond-beverwijk.pdf"
    )
    assert rapport.bestandsnaam(demo.ijmond, None) == "zelfscan-2021-0-meting-ijmond-overzicht.pdf"
    assert (
        rapport.bestandsnaam(demo.vervolg, "GM0453")
        == "zelfscan-2022-vervolgmeting-ijmond-velsen.pdf"
    )
    friesland = SimpleNamespace(
        jaar=2023,
        soort="0-meting",
        subregio_naam="Noordwest Fryslân",
        gemeente=lambda cbs: SimpleNamespace(naam="Súdwest-Fryslân"),
    )
    naam = rapport.bestandsnaam(friesland, "GM1900")
    assert naam == "zelfscan-2023-0-meting-noordwest-fryslan-sudwest-fryslan.pdf"
    assert naam.isascii() and naam == naam.lower() and " " not in naam


def test_the_cli_writes_every_report_of_a_meting(demo, tmp_path):
    uit = tmp_path / "rapporten"
    resultaat = CliRunner().invoke(
        main, ["report", "--db", str(demo.pad), "--meting", str(demo.ijmond.id), "--out", str(uit)]
    )
    assert resultaat.exit_code == 0, resultaat.output
    verwacht = {
        "zelfscan-2021-0-meting-ijmond-beverwijk.pdf",
        "zelfscan-2021-0-meting-ijmond-heemskerk.pdf",
        "zelfscan-2021-0-meting-ijmond-velsen.pdf",
        "zelfscan-2021-0-meting-ijmond-overzicht.pdf",
    }
    assert {p.name for p in uit.iterdir()} == verwacht
    assert "4 rapporten geschreven" in resultaat.output
    for pad in uit.iterdir():
        assert pad.read_bytes().startswith(b"%PDF-")
    assert "Heemskerk" in tekst((uit / "zelfscan-2021-0-meting-ijmond-heemskerk.pdf").read_bytes())

    een = CliRunner().invoke(
        main,
        [
            "report",
            "--db",
            str(demo.pad),
            "--meting",
            demo.vervolg.uuid,
            "--gemeente",
            "velsen",
            "--out",
            str(tmp_path / "een"),
        ],
    )
    assert een.exit_code == 0, een.output
    assert [p.name for p in (tmp_path / "een").iterdir()] == [
        "zelfscan-2022-vervolgmeting-ijmond-velsen.pdf"
    ]


@pytest.mark.parametrize(
    ("argumenten", "melding"),
    [
        (["--meting", "999"], "Meting 999 bestaat niet"),
        (["--meting", "{ijmond}", "--gemeente", "Haarlem"], "Gemeente 'Haarlem' doet niet mee"),
        # A code that was typed comes back with its name (issue 20: people know names).
        (["--meting", "{ijmond}", "--gemeente", "gm0513"], "Gemeente Gouda (GM0513) doet niet mee"),
    ],
)
def test_the_cli_refuses_an_unknown_meting_or_gemeente_in_dutch(
    demo, tmp_path, argumenten, melding
):
    argumenten = [a.format(ijmond=demo.ijmond.id) for a in argumenten]
    resultaat = CliRunner().invoke(
        main, ["report", "--db", str(demo.pad), *argumenten, "--out", str(tmp_path)]
    )
    assert resultaat.exit_code == 1
    assert melding in resultaat.output
    assert "Traceback" not in resultaat.output
    assert list(tmp_path.iterdir()) == []
    if "Haarlem" in melding:
        assert (
            "Kies uit: Beverwijk (GM0375), Heemskerk (GM0396), Velsen (GM0453)" in resultaat.output
        )


def test_a_report_for_one_gemeente_needs_no_data_folder(demo, tmp_path, monkeypatch):
    """The catalogue is read only to name a gemeente that did not take part: a meting carries
    its own vragenlijst, so a data folder with a fault never stands in the way of a report."""
    monkeypatch.setenv("ZELFSCAN_VRAGENLIJSTEN", str(tmp_path / "leeg"))
    (tmp_path / "leeg").mkdir()
    basis = ["report", "--db", str(demo.pad), "--meting", str(demo.ijmond.id), "--gemeente"]
    goed = CliRunner().invoke(main, [*basis, "velsen", "--out", str(tmp_path / "uit")])
    assert goed.exit_code == 0, goed.output
    assert len(list((tmp_path / "uit").iterdir())) == 1
    fout = CliRunner().invoke(main, [*basis, "gm0513", "--out", str(tmp_path / "uit")])
    assert fout.exit_code == 1
    assert "Gemeente 'gm0513' doet niet mee" in fout.output  # plainer, not a data error
    assert "Traceback" not in fout.output


def test_a_gemeente_is_found_by_name_or_cbs_code(demo):
    assert rapport.zoek_gemeente(demo.ijmond, "GM0396") == "GM0396"
    assert rapport.zoek_gemeente(demo.ijmond, "gm0396") == "GM0396"
    assert rapport.zoek_gemeente(demo.ijmond, " heemskerk ") == "GM0396"
    with pytest.raises(NietGevonden, match="doet niet mee"):
        rapport.zoek_gemeente(demo.ijmond, "Haarlem")
    with pytest.raises(NietGevonden, match="doet niet mee"):
        rapport.gemeente_rapport(demo.db, demo.ijmond.id, "GM0392")


def test_user_text_is_printed_literally_and_long_text_does_not_break_the_report(tmp_path, mini):
    db = open_db(tmp_path / "zelfscan.db")
    meting = maak(db, mini)  # a concept meting: the report says so
    cbs = meting.gemeenten[0].cbs
    for i, vraag in enumerate(meting.vragenlijst.vragen):
        opslag.sla_antwoord(db, meting.id, cbs, vraag.id, i % 4, wie="fien")
    lastig = "<b>&amp; ‘quotes’ ë"
    opslag.sla_antwoord(db, meting.id, cbs, "visie-1", 2, toelichting=lastig, wie="fien")
    lang = "Een heel lange toelichting over hoe het in de praktijk gaat. " * 150
    opslag.sla_antwoord(db, meting.id, cbs, "sturing-1", 1, toelichting=lang, wie="fien")
    opslag.sla_notitie(db, meting.id, "visie", "<script>alert(1)</script> & co\x07", wie="fien")

    pdf = rapport.gemeente_rapport(db, meting.id, cbs)
    inhoud = tekst(pdf)
    assert lastig in inhoud
    assert "<script>alert(1)</script> & co" in inhoud
    # A long text: its start in the notes and in the appendix, and where the rest is (a report
    # printing every 10,000-character text whole ran to hundreds of pages, issue 18).
    assert inhoud.count("hoe het in de praktijk gaat.") >= 10
    assert "ingekort: de hele tekst van 9.149 tekens staat in zelfscan en in de export" in inhoud
    assert "CONCEPT" in inhoud
    # The other gemeente answered nothing: a report all the same, without scores.
    leeg = tekst(rapport.gemeente_rapport(db, meting.id, meting.gemeenten[1].cbs))
    assert "te weinig beantwoord om een totaalscore te geven" in leeg
    assert "niet beantwoord" in leeg
    assert tekst(rapport.overzicht_rapport(db, meting.id))
    db.conn.close()


def test_the_overview_of_a_subregio_with_many_gemeenten_fits_the_page(app, db):
    """Holland Rijnland has 13 gemeenten: its score tables were wider than the page, and the
    overview answered 500 (reportlab refuses a negative column width)."""
    catalogus = app.extensions["zelfscan.catalogus"]
    lijst = catalogus.vragenlijst("werken-aan-veiligheid")
    m = opslag.maak_meting(
        db,
        vragenlijst=lijst,
        regio=catalogus.regio("hollands-midden"),
        subregio_id="holland-rijnland",
        jaar=2021,
        soort="0-meting",
        datum=date(2021, 10, 12),
        wie="fien",
    )
    assert len(m.gemeenten) >= 12
    for g in m.gemeenten:
        for vraag in lijst.vragen[:12]:
            opslag.sla_antwoord(db, m.id, g.cbs, vraag.id, 2, wie="fien")
    pdf = rapport.overzicht_rapport(db, m.id)
    inhoud = tekst(pdf)
    for g in m.gemeenten:
        assert plat(g.naam)[:6] in plat(inhoud)
