"""sqlite-utils as the store imports it (opslag.sqlitebasis): without numpy, with its
virtual-table pattern compiled and dateutil's parser loaded on first use — and everything of
sqlite-utils that uses them working as before. Each test runs in a fresh interpreter, where the
store's import is the first import of sqlite-utils, as in a server."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import zelfscan

WORTEL = Path(zelfscan.__file__).resolve().parent.parent


def los(code: str) -> str:
    """Run ``code`` in a new interpreter with this checkout; what it printed."""
    uit = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env={**os.environ, "PYTHONPATH": str(WORTEL)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert uit.returncode == 0, uit.stderr
    return uit.stdout


def test_the_store_imports_neither_numpy_nor_the_date_parser():
    uit = los(
        """
        import re, sys
        compileer = re.compile
        from zelfscan import opslag
        from zelfscan.opslag.verbinding import open_db
        open_db(":memory:").conn.close()
        assert re.compile is compileer  # re as it was, for everyone after
        print(sorted(m for m in ("numpy", "pandas", "dateutil.tz", "zoneinfo") if m in sys.modules))
        print(type(sys.modules["dateutil.parser"]).__name__)
        """
    )
    assert uit.splitlines() == ["[]", "_LazyModule"]


def test_full_text_search_and_virtual_tables_work():
    uit = los(
        """
        from zelfscan.opslag.sqlitebasis import LuiPatroon, sqlite_utils
        import sqlite_utils.db
        assert isinstance(sqlite_utils.db._virtual_table_using_re, LuiPatroon)
        db = sqlite_utils.Database(memory=True)
        db["docs"].insert({"id": 1, "tekst": "weerbaarheid van de gemeente"}, pk="id")
        db["docs"].enable_fts(["tekst"])
        db.execute('CREATE VIRTUAL TABLE "Vrij [naam] é" USING fts4(x)')
        db.execute("create virtual table if not exists `andere` using FTS5(y)")
        print(db["docs_fts"].virtual_table_using, db["docs"].virtual_table_using)
        print(db["Vrij [naam] é"].virtual_table_using, db["andere"].virtual_table_using)
        print([r["tekst"] for r in db["docs"].search("weerbaarheid")])
        db.enable_counts()  # skips the virtual tables
        print(db.cached_counts()["docs"], db["docs"].checks)
        """
    )
    assert uit.splitlines() == [
        "FTS5 None",
        "FTS4 FTS5",
        "['weerbaarheid van de gemeente']",
        "1 []",
    ]


def test_the_date_recipes_load_the_parser_when_used():
    uit = los(
        """
        import sys
        from zelfscan import opslag
        from sqlite_utils import recipes
        print(recipes.parsedate("5 March 2021"))
        print(recipes.parsedatetime("2021-03-05 14:05"))
        print(type(sys.modules["dateutil.parser"]).__name__, "dateutil.tz" in sys.modules)
        """
    )
    assert uit.splitlines() == ["2021-03-05", "2021-03-05T14:05:00", "module True"]
