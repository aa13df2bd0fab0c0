"""Flashed messages come from one template, so every layout filters them the same way."""

from pathlib import Path

SJABLONEN = Path(__file__).resolve().parents[2] / "templates"


def test_elke_opmaak_toont_berichten_uit_een_sjabloon():
    # The projector page faces the room: it shows no messages, they wait for the next page.
    lagen = [
        p
        for p in SJABLONEN.rglob("*.html")
        if "<html" in p.read_text(encoding="utf-8") and p.name != "presentatie.html"
    ]
    assert {p.relative_to(SJABLONEN).as_posix() for p in lagen} == {
        "base.html",
        "deelname/_basis.html",
    }
    for laag in lagen:
        assert '{% include "_berichten.html" %}' in laag.read_text(encoding="utf-8"), laag


def test_alleen_berichten_sjabloon_haalt_alle_berichten():
    # A page may take its own category ('ter-plaatse') beside its button; taking every
    # message elsewhere would show it twice or skip the filter.
    for pad in SJABLONEN.rglob("*.html"):
        tekst = pad.read_text(encoding="utf-8")
        if pad.name != "_berichten.html" and "get_flashed_messages(" in tekst:
            assert "category_filter=" in tekst, pad
