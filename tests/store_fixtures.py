"""Helpers for the storage tests: a real SQLite file per test and a small, fixed vragenlijst.

test_db, test_store, test_uitwisseling and test_demo each declare their fixtures (``db``,
``mini_catalogus``, ``meting``) with these helpers. Their ``db`` deliberately shadows the one in
conftest.py, which goes through the app: the storage tests run without the web app and do not
change when the real content is edited.
"""

from __future__ import annotations

import functools
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import sqlite_utils
import yaml

from zelfscan import opslag
from zelfscan.inlezen.loader import laad_catalogus
from zelfscan.inlezen.model import Catalogus
from zelfscan.opslag.verbinding import open_db

DATA = Path(__file__).parent / "data"
VRAGENLIJST = "mini-scan"
REGIO = "testregio"
# Noord on a date after the herindeling: GM9003 Oud-Cruisdorp has merged into GM9001.
NOORD = ("GM9001", "GM9002")


@functools.cache
def mini() -> Catalogus:
    """The test vragenlijst and the test region (loaded once; the model is immutable)."""
    return laad_catalogus(DATA)


def mini_met_nvt_per_vraag(map_: Path) -> Path:
    """A data folder in ``map_`` with the mini vragenlijst where n.v.t. is allowed per vraag,
    and only visie-2 allows it (``regels.nvt: per_vraag``)."""
    shutil.copytree(DATA / "regios", map_ / "regios")
    lijst = yaml.safe_load((DATA / "mini-vragenlijst.yaml").read_text(encoding="utf-8"))
    lijst.setdefault("regels", {})["nvt"] = "per_vraag"
    lijst["onderdelen"][0]["themas"][0]["vragen"][1]["nvt"] = True
    (map_ / "mini-vragenlijst.yaml").write_text(yaml.safe_dump(lijst, allow_unicode=True))
    return map_


def tijdelijke_db(tmp_path: Path) -> Iterator[sqlite_utils.Database]:
    verbinding = open_db(tmp_path / "zelfscan.db")
    yield verbinding
    verbinding.conn.close()


def maak(db, catalogus: Catalogus, **anders) -> opslag.Meting:
    """A concept 0-meting 2021 for subregio Noord, unless told otherwise."""
    velden = dict(
        vragenlijst=catalogus.vragenlijst(VRAGENLIJST),
        regio=catalogus.regio(REGIO),
        subregio_id="noord",
        jaar=2021,
        soort="0-meting",
        datum=date(2021, 10, 12),
        wie="fien",
    )
    velden.update(anders)
    return opslag.maak_meting(db, **velden)
