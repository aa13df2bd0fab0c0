"""Dates in Dutch on the pages ("1 december 2026") and times in Europe/Amsterdam, never ISO or
raw UTC."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from tests.conftest import csrf_token
from zelfscan.opslag import gemeentelinks
from zelfscan.web.filters import datum_filter, tijdstip_filter


@pytest.mark.parametrize(
    ("waarde", "tekst"),
    [
        (date(2026, 12, 1), "1 december 2026"),
        ("2026-12-01", "1 december 2026"),
        ("2026-12-01T13:05:00+00:00", "1 december 2026"),
        ("2026-12-31T23:30:00+00:00", "1 januari 2027"),  # already the next day in Amsterdam
        (None, ""),
    ],
)
def test_datum_filter(waarde, tekst):
    assert datum_filter(waarde) == tekst


@pytest.mark.parametrize(
    ("waarde", "tekst"),
    [
        ("2026-12-01T13:05:00+00:00", "1 december 2026, 14:05"),  # winter: UTC+1
        ("2026-07-01T13:05:00+00:00", "1 juli 2026, 15:05"),  # summer: UTC+2
        ("2026-07-01T13:05:00", "1 juli 2026, 15:05"),  # stored without offset: UTC
        (datetime.fromisoformat("2026-03-29T00:59:00+00:00"), "29 maart 2026, 01:59"),
        (datetime.fromisoformat("2026-03-29T01:00:00+00:00"), "29 maart 2026, 03:00"),
        ("", ""),
    ],
)
def test_tijdstip_filter(waarde, tekst):
    assert tijdstip_filter(waarde) == tekst


ISO = re.compile(r"\b20\d\d-\d\d-\d\d\b")


def test_meting_page_shows_the_session_date_in_dutch(facilitator, ijmond):
    html = facilitator.get(f"/metingen/{ijmond.id}").get_data(as_text=True)
    assert "sessie 12 oktober 2021" in html
    assert not ISO.search(html)


def test_links_page_shows_dutch_dates_and_amsterdam_times(facilitator, db, ijmond):
    gemeentelinks.maak_link(db, ijmond.id, "GM0375", wie="fien", geldig_dagen=30)
    db.execute(
        "UPDATE gemeente_links SET aangemaakt_op = '2026-12-01T13:05:00+00:00', "
        "verloopt_op = '2026-12-31T13:05:00+00:00'"
    )
    html = facilitator.get(f"/metingen/{ijmond.id}/links/").get_data(as_text=True)
    assert "1 december 2026 (fien)" in html
    assert "31 december 2026, 14:05" in html
    assert "nog niet" in html
    assert not ISO.search(html)


def test_logboek_on_the_closing_page_is_in_amsterdam_time(facilitator, ijmond):
    token = csrf_token(facilitator, f"/metingen/{ijmond.id}/afronden")
    facilitator.post(f"/metingen/{ijmond.id}/afronden", data={"csrf_token": token})
    html = facilitator.get(f"/metingen/{ijmond.id}/afronden").get_data(as_text=True)
    logboek = html[html.index('class="logboek"') :]
    assert not ISO.search(logboek), logboek[:400]
    assert re.search(r"\d{1,2} [a-z]+ 20\d\d, \d\d:\d\d", logboek), logboek[:400]
