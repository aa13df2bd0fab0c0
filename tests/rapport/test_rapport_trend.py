"""The gemeente report's "Verloop over N metingen": from three metingen on a line chart (reportlab
vector graphics, no matplotlib) and a table with the same numbers as ontwikkeling.trend, which
the results pages use too. Read back from the PDF with pypdf."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader
from reportlab.graphics.shapes import Group, PolyLine

from zelfscan import opslag, rapport
from zelfscan.inlezen.loader import laad_catalogus
from zelfscan.opslag.verbinding import open_db
from zelfscan.rapport import gegevens
from zelfscan.rapport.opmaak import BREEDTE
from zelfscan.rapport.trend import trend as trendgrafiek
from zelfscan.scores import ontwikkeling, weergave

BEVERWIJK = "GM0375"
VERSIES = Path(__file__).parent.parent / "data-versies"
AARDAM, CRUISDORP = "GM9001", "GM9003"


def pdf_tekst(inhoud: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(BytesIO(inhoud)).pages))


def verloop(pdf: bytes) -> str:
    """The text of the section's page (it fits one): the page whose heading, below the running
    header (and a concept meting's line above it), is "Verloop over …"."""
    for pagina in PdfReader(BytesIO(pdf)).pages[1:]:
        regels = [r for r in pagina.extract_text().split("\n") if not r.startswith("CONCEPT")]
        if regels[2].startswith("Verloop over"):
            return re.sub(r"\s+", " ", " ".join(regels[2:]))
    raise AssertionError("geen pagina 'Verloop over …'")


def beantwoord(db, meting, cbs: str, vragen, niveau: int) -> None:
    for vraag in vragen:
        opslag.sla_antwoord(db, meting.id, cbs, vraag.id, niveau, wie="fien")


def ijmond_keten(app, db, nulmeting) -> list[opslag.Meting]:
    """2021, 2022 and 2023 for IJmond, Beverwijk's answers chosen so the onderdeel scores are
    easy to work out by hand (scale 0..3: level × 100/3, an onderdeel the mean of its thema's).

    2021: everything 1 (33). 2022: everything 2 (67), except 'Beschikbaar hulpaanbod' left
    open (no score). 2023: 'De gemeentelijke organisatie' 3 (100), the rest 2 (67)."""
    catalogus = app.extensions["zelfscan.catalogus"]
    lijst = nulmeting.vragenlijst
    for vraag in lijst.vragen:
        opslag.sla_antwoord_voor_alle(db, nulmeting.id, vraag.id, 1, wie="fien")
    opslag.rond_af(db, nulmeting.id, wie="fien")
    keten = [nulmeting]
    for jaar in (2022, 2023):
        vervolg, _ = opslag.maak_vervolgmeting(
            db,
            keten[-1].id,
            # The same version each year, as then: the numbers by hand assume one vragenlijst.
            vragenlijst=catalogus.vragenlijst("werken-aan-veiligheid", lijst.versie),
            regio=catalogus.regio("kennemerland"),
            jaar=jaar,
            datum=date(jaar, 10, 11),
            overnemen=False,
            wie="fien",
        )
        for onderdeel in lijst.onderdelen:
            vragen = [v for t in onderdeel.themas for v in t.vragen]
            if jaar == 2022 and onderdeel.id != "hulpaanbod":
                beantwoord(db, vervolg, BEVERWIJK, vragen, 2)
            if jaar == 2023:
                niveau = 3 if onderdeel.id == "gemeentelijke-organisatie" else 2
                beantwoord(db, vervolg, BEVERWIJK, vragen, niveau)
        if jaar == 2022:
            opslag.rond_af(db, vervolg.id, wie="fien")
        keten.append(vervolg)
    return keten


def test_three_metingen_give_a_chart_and_a_table_with_the_trend_numbers(app, db, ijmond):
    _m21, m22, m23 = ijmond_keten(app, db, ijmond)
    pdf = rapport.gemeente_rapport(db, m23.id, BEVERWIJK)
    inhoud = PdfReader(BytesIO(pdf)).pages[1].extract_text()
    assert "Verloop over 3 metingen" in inhoud  # in the table of contents (page 2)
    deel = verloop(pdf)
    assert deel.startswith("Verloop over 3 metingen")
    for jaar in ("2021", "2022", "2023"):
        assert jaar in deel

    # By hand (see ijmond_keten), as the table prints them.
    assert "De gemeentelijke organisatie 33 67 100" in deel
    assert "Professionals in de lokale (wijk)teams 33 67 67" in deel
    assert "Beschikbaar hulpaanbod 33 – 67" in deel

    # Every row equals ontwikkeling.trend, the results pages' source, rounded as the report does.
    keten = opslag.keten(db, m23.id)
    alle = {m.id: opslag.antwoorden(db, m.id) for m in keten}
    verwacht = ontwikkeling.trend(keten, alle, BEVERWIJK, soort="onderdeel")
    assert verwacht.momenten == ("2021", "2022", "2023")
    assert [r.titel for r in verwacht.reeksen] == [o.titel for o in m23.vragenlijst.onderdelen]
    for reeks in verwacht.reeksen:
        rij = " ".join([reeks.titel, *(weergave.getal(w) for w in reeks.waarden)])
        # Each title is in the legend and in the table, which has the numbers after it.
        assert deel.count(reeks.titel) >= 2
        assert rij in deel, rij
    assert gegevens.verzamel_gemeente(db, m23.id, BEVERWIJK).trend == verwacht

    # The chart is vector graphics on the section's page, not a picture.
    lezer = PdfReader(BytesIO(pdf))
    # (pages[1] is the table of contents, which names the section too)
    [pagina] = [p for p in lezer.pages[2:] if "Verloop over 3 metingen" in p.extract_text()]
    assert len(pagina.images) == 0
    assert "deed niet mee" not in deel and "veranderde" not in deel

    # Two metingen: the comparison says it all, no trend.
    assert gegevens.verzamel_gemeente(db, m22.id, BEVERWIJK).trend is None
    assert "Verloop over" not in pdf_tekst(rapport.gemeente_rapport(db, m22.id, BEVERWIJK))


def test_a_missed_meting_and_a_new_version_are_named(tmp_path):
    """Cruisdorp skipped 2022, and 2023 used a new version of the vragenlijst."""
    catalogus = laad_catalogus(VERSIES)
    oud = catalogus.vragenlijst("versie-scan", "2021.1")
    nieuw = catalogus.vragenlijst("versie-scan", "2023.1")
    regio = catalogus.regio("versieregio")
    db = open_db(tmp_path / "zelfscan.db")
    m21 = opslag.maak_meting(
        db,
        vragenlijst=oud,
        regio=regio,
        subregio_id="noord",
        jaar=2021,
        soort="0-meting",
        datum=date(2021, 10, 12),
        gemeenten=[AARDAM, CRUISDORP],
        wie="fien",
    )
    beantwoord(db, m21, CRUISDORP, oud.vragen, 3)
    beantwoord(db, m21, AARDAM, oud.vragen, 1)
    opslag.rond_af(db, m21.id, wie="fien")  # a vervolgmeting follows an afgeronde meting
    m22, _ = opslag.maak_vervolgmeting(
        db,
        m21.id,
        vragenlijst=oud,
        regio=regio,
        jaar=2022,
        datum=date(2022, 10, 12),
        gemeenten=[AARDAM],
        overnemen=False,
        wie="fien",
    )
    beantwoord(db, m22, AARDAM, oud.vragen, 2)
    opslag.rond_af(db, m22.id, wie="fien")
    m23, _ = opslag.maak_vervolgmeting(
        db,
        m22.id,
        vragenlijst=nieuw,
        regio=regio,
        jaar=2023,
        datum=date(2023, 10, 12),
        gemeenten=[AARDAM, CRUISDORP],
        overnemen=False,
        wie="fien",
    )
    beantwoord(db, m23, CRUISDORP, nieuw.vragen, 0)
    pdf = rapport.gemeente_rapport(db, m23.id, CRUISDORP)
    db.conn.close()
    deel = verloop(pdf)
    assert deel.startswith("Verloop over 3 metingen")
    # 2021 everything 'Ja, geborgd' (100), 2022 not there, 2023 everything 'Nee' (0).
    assert "De gemeentelijke organisatie 100 – 0" in deel
    assert "Cruisdorp deed niet mee in 2022" in deel
    assert deel.count("deed niet mee") == 2  # under the year in the chart, and the note
    assert "De vragenlijst veranderde tussendoor (versie 2021.1 en 2023.1)" in deel
    assert "nieuwe versie" in deel


def test_a_missing_score_breaks_the_line_without_a_bridge():
    reeks = ontwikkeling.TrendReeks("a", "A", (40.0, 50.0, None, 60.0, 70.0))
    los = ontwikkeling.TrendReeks("b", "B", (10.0, None, 20.0, None, 30.0))
    t = ontwikkeling.Trend(
        momenten=("2021", "2022", "2023", "2024", "2025"),
        meting_ids=(1, 2, 3, 4, 5),
        deelname=(True,) * 5,
        versies=("1",) * 5,
        reeksen=(reeks, los),
    )

    def vormen(groep):
        for v in groep.getContents():
            yield from vormen(v) if isinstance(v, Group) else (v,)

    lijnen = [v for v in vormen(trendgrafiek(t, breedte=BREEDTE)) if isinstance(v, PolyLine)]
    # 'A': two pieces of two metingen each; 'B': single points only, no line at all.
    assert [len(lijn.points) // 2 for lijn in lijnen] == [2, 2]


def test_making_the_report_with_a_trend_does_not_import_matplotlib(app, db, ijmond):
    _m21, _m22, m23 = ijmond_keten(app, db, ijmond)
    code = (
        "import sys; from zelfscan import rapport; from zelfscan.opslag.verbinding import open_db; "
        f"db = open_db({app.config['DATABASE']!r}); "
        f"r = rapport.gegevens.verzamel_gemeente(db, {m23.id}, {BEVERWIJK!r}); "
        "assert r.trend is not None; "
        "from zelfscan.rapport import gemeenterapport; gemeenterapport.maak(r); "
        "assert 'matplotlib' not in sys.modules, 'matplotlib'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
