"""sqlite-utils, imported without numpy and pandas.

sqlite-utils imports numpy (and pandas) when they are installed, only to map their scalar types
to column types. numpy is installed here because matplotlib needs it, so every process that
touched the store paid ~0.1 s and ~10 MB for an import the store never uses: zelfscan stores
Python values only. The package's ``__init__`` imports this module first, so whichever store
module imports ``sqlite_utils`` afterwards finds it already loaded, without numpy.

A process that already imported numpy (charts drawn first) gets sqlite-utils as it comes.
The two names are hidden only while sqlite-utils itself is imported, which happens once, when
the store is first imported — before a server starts its threads.
"""

from __future__ import annotations

import sys

_VERBORGEN = ("numpy", "pandas")


def _importeer():
    if "sqlite_utils" in sys.modules:
        return sys.modules["sqlite_utils"]
    verborgen = [naam for naam in _VERBORGEN if naam not in sys.modules]
    for naam in verborgen:
        sys.modules[naam] = None  # type: ignore[assignment] - import raises ImportError
    try:
        import sqlite_utils
    finally:
        for naam in verborgen:
            if sys.modules.get(naam, ...) is None:
                del sys.modules[naam]
    return sqlite_utils


sqlite_utils = _importeer()
