"""The metingen overview through the real app: a region's few metingen all on one page, many
metingen grouped with the older ones one link away, filters as a plain GET form, and a clear
answer (never a server error) for a filter value it does not know."""

from __future__ import annotations

import re
from datetime import date

import pytest

from zelfscan import opslag

SUBREGIOS = ("ijmond", "zuid-kennemerland", "haarlemmermeer")


def maak(app, db, subregio: str, jaar: int, afgerond: bool = True) -> opslag.Meting:
    catalogus = app.extensions["zelfscan.catalogus"]
    m = opslag.maak_meting(
        db,
        vragenlijst=catalogus.vragenlijst("werken-aan-veiligheid"),
        regio=catalogus.regio("kennemerland"),
        subregio_id=subregio,
        jaar=jaar,
        soort="0-meting",
        datum=date(jaar, 10, 1),
        titel=f"Meting {jaar} {subregio}",
        wie="fien",
    )
    return opslag.rond_af(db, m.id, wie="fien") if afgerond else m


def titels(html: str) -> list[str]:
    return re.findall(r'<a href="/metingen/\d+">([^<]+)</a>', html)


@pytest.fixture
def veel(app, db):
    """12 years of metingen for each of the 3 subregio's (36, more than the overview shows at
    once); the newest year is still open and IJmond's has answers."""
    for subregio in SUBREGIOS:
        for jaar in range(2014, 2026):
            m = maak(app, db, subregio, jaar, afgerond=jaar < 2025)
    open_ = next(m for m in opslag.metingen(db) if m.titel == "Meting 2025 ijmond")
    vraag = open_.vragenlijst.vragen[0].id
    opslag.sla_antwoord_voor_alle(db, open_.id, vraag, 2, wie="fien")
    return m


def test_a_regions_few_metingen_are_all_listed_without_a_filter(facilitator, app, db):
    maak(app, db, "ijmond", 2021)
    maak(app, db, "ijmond", 2022, afgerond=False)
    maak(app, db, "haarlemmermeer", 2021)
    html = facilitator.get("/metingen/").get_data(as_text=True)
    assert titels(html) == [
        "Meting 2021 haarlemmermeer",
        "Meting 2022 ijmond",
        "Meting 2021 ijmond",
    ]
    assert '<h2 id="regio-kennemerland">Kennemerland</h2>' in html
    assert '<th scope="rowgroup" colspan="4">IJmond</th>' in html
    assert 'role="search"' not in html and "oudere meting" not in html
    # Each title links to its meting's page.
    for m in opslag.metingen(db):
        assert f'<a href="/metingen/{m.id}">{m.titel}</a>' in html
        assert m.titel in facilitator.get(f"/metingen/{m.id}").get_data(as_text=True)


def test_no_metingen_yet_points_to_a_new_one(facilitator):
    html = facilitator.get("/metingen/").get_data(as_text=True)
    assert "Er zijn nog geen metingen" in html and "<table" not in html


def test_many_metingen_show_the_open_and_newest_per_subregio(facilitator, db, veel):
    antwoord = facilitator.get("/metingen/")
    assert antwoord.status_code == 200
    html = antwoord.get_data(as_text=True)
    assert titels(html) == [
        "Meting 2025 haarlemmermeer",
        "Meting 2025 ijmond",
        "Meting 2025 zuid-kennemerland",
    ]
    assert "3 van de 36 metingen" in html
    assert '<a href="/metingen/?weergave=alle">Toon alle 36 metingen</a>' in html
    assert (
        '<a href="/metingen/?regio=kennemerland&amp;subregio=ijmond&amp;weergave=alle">'
        "11 oudere metingen van IJmond</a>"
    ) in html
    # Progress is counted for the metingen shown: IJmond's open meting has one vraag answered
    # for its three gemeenten, out of every vraag of its vragenlijst for each of them.
    open_ = next(m for m in opslag.metingen(db) if m.titel == "Meting 2025 ijmond")
    cellen = len(open_.vragenlijst.vragen) * len(open_.gemeenten)
    assert f'<progress max="{cellen}" value="3" aria-label="Voortgang Meting 2025 ijmond">' in html
    assert 'role="search"' in html and '<label for="filter-regio">Regio</label>' in html


def test_the_older_metingen_of_a_subregio_and_all_metingen_are_one_link_away(facilitator, veel):
    html = facilitator.get("/metingen/?regio=kennemerland&subregio=ijmond&weergave=alle").get_data(
        as_text=True
    )
    assert titels(html) == [f"Meting {jaar} ijmond" for jaar in range(2025, 2013, -1)]
    assert "12 metingen met dit filter." in html
    assert '<input type="hidden" name="subregio" value="ijmond">' in html
    assert '<a href="/metingen/?regio=kennemerland">Alle subregio\'s</a>' in html
    assert len(titels(facilitator.get("/metingen/?weergave=alle").get_data(as_text=True))) == 36


def test_the_filter_form_narrows_by_year_and_status(facilitator, veel):
    html = facilitator.get("/metingen/?regio=&jaar=2019&status=").get_data(as_text=True)
    assert sorted(titels(html)) == [f"Meting 2019 {s}" for s in sorted(SUBREGIOS)]
    assert '<option value="2019" selected>2019</option>' in html
    assert '<a href="/metingen/">Filter wissen</a>' in html
    html = facilitator.get("/metingen/?status=afgerond").get_data(as_text=True)
    assert titels(html) == [
        "Meting 2024 haarlemmermeer",
        "Meting 2024 ijmond",
        "Meting 2024 zuid-kennemerland",
    ]
    assert "3 van de 33 metingen" in html
    html = facilitator.get("/metingen/?jaar=1999").get_data(as_text=True)
    assert "Geen metingen gevonden met dit filter." in html and "<table" not in html


@pytest.mark.parametrize(
    ("zoek", "melding"),
    [
        ("regio=atlantis", "Er zijn geen metingen van regio “atlantis”"),
        ("jaar=2021%27%3B--", "“2021&#39;;--” is geen jaartal"),
        ("status=%3Cscript%3E", "“&lt;script&gt;” is geen status"),
        ("weergave=alles", "“alles” is geen weergave"),
    ],
)
def test_a_filter_value_it_does_not_know_gets_a_clear_answer(facilitator, veel, zoek, melding):
    antwoord = facilitator.get(f"/metingen/?{zoek}")
    assert antwoord.status_code == 400
    html = antwoord.get_data(as_text=True)
    assert '<div class="melding melding-fout" role="alert">' in html and melding in html
    assert len(titels(html)) == 3  # and the overview without that filter
