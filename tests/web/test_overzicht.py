"""Which metingen the overview lists (zelfscan.web.overzichtkeuze): everything when there are few, the
open and newest ones per subregio when there are many, and filters from the query string that
never fail on a value they do not understand."""

from __future__ import annotations

from datetime import date

import pytest

from zelfscan.opslag import MetingKop
from zelfscan.web.overzichtkeuze import DREMPEL, Filter, keuzes, kies, lees_filter


def kop(i: int, regio: str, subregio: str, jaar: int, status: str = "afgerond") -> MetingKop:
    return MetingKop(
        id=i,
        uuid=f"uuid-{i:04d}",
        titel=f"Meting {jaar} {subregio}",
        regio_id=regio.lower(),
        regio_naam=regio,
        subregio_id=subregio.lower(),
        subregio_naam=subregio,
        jaar=jaar,
        datum=date(jaar, 10, 1),
        status=status,
        aangemaakt_op=f"{jaar}-09-01T10:00:00+00:00",
    )


def land(jaren: int = 10) -> list[MetingKop]:
    """Two regio's with two subregio's each, a meting per year; the last year is open, and
    one subregio has a second open meting (a redo) of the year before."""
    uit = []
    for regio, subregios in (("Zuid", ("Delta", "Kust")), ("Noord", ("Wad", "Veen"))):
        for subregio in subregios:
            for jaar in range(2021, 2021 + jaren):
                status = "concept" if jaar == 2020 + jaren else "afgerond"
                uit.append(kop(len(uit) + 1, regio, subregio, jaar, status))
    uit.append(kop(len(uit) + 1, "Noord", "Veen", 2019 + jaren, "concept"))
    return uit


def rijen(overzicht) -> list[tuple[str, str, list[int], int]]:
    return [
        (r.regio_naam, s.subregio_naam, [m.jaar for m in s.metingen], s.ouder)
        for r in overzicht.regios
        for s in r.subregios
    ]


def test_a_few_metingen_are_all_shown_grouped_and_newest_first():
    metingen = land(jaren=3)  # 13 metingen
    assert len(metingen) <= DREMPEL
    overzicht = kies(metingen, Filter())
    assert not overzicht.ingekort and overzicht.gevonden == len(metingen)
    assert rijen(overzicht) == [
        ("Noord", "Veen", [2023, 2022, 2022, 2021], 0),
        ("Noord", "Wad", [2023, 2022, 2021], 0),
        ("Zuid", "Delta", [2023, 2022, 2021], 0),
        ("Zuid", "Kust", [2023, 2022, 2021], 0),
    ]


def test_many_metingen_show_the_open_and_the_newest_per_subregio():
    metingen = land()  # 41 metingen
    overzicht = kies(metingen, Filter())
    assert overzicht.ingekort and overzicht.gevonden == 41
    assert rijen(overzicht) == [
        ("Noord", "Veen", [2030, 2029], 9),  # the newest, and an open one of the year before
        ("Noord", "Wad", [2030], 9),
        ("Zuid", "Delta", [2030], 9),
        ("Zuid", "Kust", [2030], 9),
    ]
    assert len(overzicht.getoond) == 5
    # Asked for: everything.
    alles = kies(metingen, Filter(alle=True))
    assert not alles.ingekort and len(alles.getoond) == 41


def test_filters_narrow_before_choosing():
    metingen = land()
    afgerond = kies(metingen, Filter(status="afgerond"))
    assert afgerond.ingekort  # 36 afgeronde metingen: the newest per subregio
    assert [(s, j) for _, s, j, _ in rijen(afgerond)] == [
        ("Veen", [2029]),
        ("Wad", [2029]),
        ("Delta", [2029]),
        ("Kust", [2029]),
    ]
    assert rijen(kies(metingen, Filter(jaar=2025))) == [
        ("Noord", "Veen", [2025], 0),
        ("Noord", "Wad", [2025], 0),
        ("Zuid", "Delta", [2025], 0),
        ("Zuid", "Kust", [2025], 0),
    ]
    zuid = kies(metingen, Filter(regio="zuid", subregio="kust"))
    assert rijen(zuid) == [("Zuid", "Kust", list(range(2030, 2020, -1)), 0)]
    leeg = kies(metingen, Filter(regio="zuid", jaar=1999))
    assert (leeg.regios, leeg.gevonden) == ((), 0)


def test_the_filter_is_read_from_the_query_string():
    metingen = land()
    assert lees_filter({}, metingen) == (Filter(), [])
    assert lees_filter(
        {"regio": "noord", "subregio": "veen", "jaar": "2024", "status": "concept"}, metingen
    ) == (Filter("noord", "veen", 2024, "concept"), [])
    assert lees_filter({"weergave": "alle", "regio": "", "jaar": " "}, metingen) == (
        Filter(alle=True),
        [],
    )


@pytest.mark.parametrize(
    ("args", "melding"),
    [
        ({"regio": "atlantis"}, "Er zijn geen metingen van regio “atlantis”"),
        ({"regio": "zuid", "subregio": "veen"}, "geen metingen van subregio “veen” in deze regio"),
        ({"jaar": "twintig"}, "“twintig” is geen jaartal"),
        ({"jaar": "99999"}, "“99999” is geen jaartal"),
        ({"status": "klaar"}, "“klaar” is geen status"),
        ({"weergave": "<b>"}, "“<b>” is geen weergave"),
    ],
)
def test_a_value_that_is_not_understood_is_named_and_left_out(args, melding):
    filter_, fouten = lees_filter(args, land())
    assert len(fouten) == 1 and melding in fouten[0]
    assert filter_ == Filter(regio=args.get("regio") if args.get("subregio") else None)


def test_the_query_string_of_a_filter_leaves_out_empty_fields():
    filter_ = Filter(regio="zuid", jaar=2024)
    assert filter_.als_parameters() == {"regio": "zuid", "jaar": "2024"}
    assert filter_.als_parameters(subregio="kust", weergave="alle") == {
        "regio": "zuid",
        "subregio": "kust",
        "jaar": "2024",
        "weergave": "alle",
    }
    assert Filter(subregio="kust", alle=True).als_parameters(subregio=None, weergave=None) == {}
    assert not Filter(alle=True).actief and Filter(status="concept").actief


def test_the_choices_are_the_regios_by_name_and_the_years_newest_first():
    regios, jaren = keuzes(land(jaren=2))
    assert regios == [("noord", "Noord"), ("zuid", "Zuid")]
    assert jaren == [2022, 2021]
