"""Progress of a session (zelfscan.scores.voortgang): answers copied from last year count as answered,
but a thema is only klaar once the room confirmed or changed them."""

from __future__ import annotations

from tests.store_fixtures import mini
from zelfscan import opslag
from zelfscan.scores.voortgang import bereken_voortgang


def antwoord(cbs, vraag, waarde, overgenomen=False):
    return opslag.Antwoord(cbs, vraag, waarde, "", False, overgenomen, 1, "", "")


def test_unconfirmed_answers_are_answered_but_not_klaar():
    lijst = mini().vragenlijst("mini-scan")
    antwoorden = {
        ("GM9001", "visie-1"): antwoord("GM9001", "visie-1", 2, overgenomen=True),
        ("GM9001", "visie-2"): antwoord("GM9001", "visie-2", 1),
        ("GM9001", "sturing-1"): antwoord("GM9001", "sturing-1", None, overgenomen=True),
    }
    v = bereken_voortgang(lijst, ["GM9001"], antwoorden)
    visie = v.thema("visie")
    assert (visie.beantwoord, visie.totaal, visie.onbevestigd) == (2, 2, 1)
    assert visie.onbevestigd_per_gemeente == {"GM9001": ("visie-1",)}
    assert not visie.klaar
    assert v.thema("sturing").onbevestigd == 0  # a cleared copy is simply open
    assert (v.beantwoord, v.onbevestigd, v.themas_klaar) == (2, 1, 0)
    assert v.eerste_open_thema == "visie"
    # Per gemeente only what the room settled: a copy waiting for confirmation is not progress.
    assert v.per_gemeente == {"GM9001": 1 / len(lijst.vragen)}

    antwoorden[("GM9001", "visie-1")] = antwoord("GM9001", "visie-1", 2)
    assert bereken_voortgang(lijst, ["GM9001"], antwoorden).thema("visie").klaar
