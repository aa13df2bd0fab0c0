"""sqlite-utils, imported without the work it does at import for things zelfscan never uses.

sqlite-utils is the store's library; importing it cost a fifth of a server's start, most of it
for three things the store does not use. The package's ``__init__`` imports this module first,
so whichever store module imports ``sqlite_utils`` afterwards finds it already loaded. All three
measures apply only while sqlite-utils itself is imported, which happens once, when the store is
first imported — before a server starts its threads. A process that imported sqlite-utils
before zelfscan gets it as it comes, with the same behaviour.

- **numpy and pandas.** sqlite-utils imports them when they are installed, only to map their
  scalar types to column types. numpy is installed here because matplotlib needs it, so every
  process that touched the store paid ~0.1 s and ~10 MB; zelfscan stores Python values only.
  Both names are hidden during the import. A process that already imported numpy (charts drawn
  first) gets sqlite-utils as it comes.
- **One regular expression.** ``sqlite_utils.db`` compiles, at import, the case-insensitive
  pattern that recognises ``CREATE VIRTUAL TABLE … USING …`` (full-text search), whose names
  may hold any character from U+0080 to U+FFFF: Python's ``re`` builds the case-folded set of
  those 65 000 characters in Python code, ~130 M instructions, a tenth of a server's start.
  zelfscan makes no virtual tables; the pattern is compiled when sqlite-utils first uses it
  (``Table.virtual_table_using``, for full-text search and table counts). Only that pattern,
  recognised by its text; ``tests/opslag/test_sqlitebasis.py`` uses it through sqlite-utils.
- **dateutil's parser.** ``sqlite_utils.recipes`` imports ``dateutil.parser`` (with
  ``dateutil.tz``, ``zoneinfo``, ``ctypes``) for its date recipes, which the store never calls.
  It is loaded on first use instead, by the standard library's ``importlib.util.LazyLoader``.
  On Python 3.11 two threads that use the module for the very first time at the same moment can
  see it half-loaded (fixed in 3.12); in this process only matplotlib's category axes use it,
  and charts are drawn one at a time (``grafieken.charts``).
"""

from __future__ import annotations

import importlib.util
import re
import sys

_VERBORGEN = ("numpy", "pandas")
_LUI_PATROON = r"\s*CREATE\s+VIRTUAL\s+TABLE\s+"
_LUI_MODULE = "dateutil.parser"


class LuiPatroon:
    """A regular expression compiled when first used; every attribute is the compiled one's."""

    def __init__(self, patroon: str, vlaggen: int) -> None:
        self.bron = (patroon, vlaggen)
        self.echt: re.Pattern | None = None

    def __getattr__(self, naam: str):
        # Only for what the instance does not have itself: match, split, pattern, flags, …
        # Two threads that compile it at once get equal patterns.
        if self.echt is None:
            self.echt = re.compile(*self.bron)
        return getattr(self.echt, naam)


def _lui_laden(naam: str) -> None:
    # The LazyLoader recipe of the importlib documentation, and the parent package's attribute,
    # as an ordinary import sets it.
    if naam in sys.modules:
        return
    try:
        spec = importlib.util.find_spec(naam)
    except ImportError:
        return  # then sqlite-utils's own import says what is missing
    if spec is None or spec.loader is None:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[naam] = module
    spec.loader.exec_module(module)
    ouder, _, kind = naam.rpartition(".")
    setattr(sys.modules[ouder], kind, module)


def _importeer():
    if "sqlite_utils" in sys.modules:
        return sys.modules["sqlite_utils"]
    verborgen = [naam for naam in _VERBORGEN if naam not in sys.modules]
    for naam in verborgen:
        sys.modules[naam] = None  # type: ignore[assignment] - import raises ImportError
    _lui_laden(_LUI_MODULE)
    compileer = re.compile

    def lui_compileren(patroon, vlaggen=0):
        if isinstance(patroon, str) and _LUI_PATROON in patroon:
            return LuiPatroon(patroon, vlaggen)
        return compileer(patroon, vlaggen)

    re.compile = lui_compileren
    try:
        import sqlite_utils
    finally:
        re.compile = compileer
        for naam in verborgen:
            if sys.modules.get(naam, ...) is None:
                del sys.modules[naam]
    return sqlite_utils


sqlite_utils = _importeer()
