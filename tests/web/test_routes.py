"""The app's URL rules write their URL-building code when first used (web.app.LuieRegel): every
route builds exactly the URL Werkzeug's own rules build, with and without extra arguments, and
also when many threads build the first URL of a rule at once."""

from __future__ import annotations

import re
import threading

from flask import url_for
from werkzeug.routing import Map, Rule

from zelfscan.web.app import LuieRegel


def voorbeeld(regel) -> dict:
    """Values for every variable part of a rule: a number for <int:…>, else text to quote."""
    return {
        naam: 7 if soort == "int" else "a b/é"
        for soort, naam in re.findall(r"<(?:(\w+):)?(\w+)>", regel.rule)
    }


def test_every_rule_is_lazy_and_builds_what_werkzeug_builds(app):
    regels = list(app.url_map.iter_rules())
    assert len(regels) > 30
    assert all(isinstance(r, LuieRegel) for r in regels)
    gewoon = Map(
        [Rule(r.rule, endpoint=r.endpoint, defaults=r.defaults) for r in regels],
        converters=app.url_map.converters,
    ).bind("localhost")
    with app.test_request_context():
        for regel in regels:
            waarden = voorbeeld(regel)
            for extra in ({}, {"volgende": "/metingen/?a=1&b=2", "n": 3}):
                verwacht = gewoon.build(regel.endpoint, {**waarden, **extra})
                assert url_for(regel.endpoint, **waarden, **extra) == verwacht, regel.rule


def test_threads_building_a_first_url_at_once_agree(app):
    uit: list[str] = []
    klaar = threading.Barrier(8)

    def bouw():
        klaar.wait()
        with app.test_request_context():
            uit.append(url_for("metingen.meting", meting_id=12, tab="x"))

    draden = [threading.Thread(target=bouw) for _ in range(8)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(10)
    assert uit == ["/metingen/12?tab=x"] * 8
