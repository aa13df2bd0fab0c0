"""Where the top-level folders (templates/, static/, vragenlijsten/) are found.

In a source checkout they sit beside the package; in an installed wheel they travel inside it
(see the force-include table in pyproject.toml). Looking in the package first makes both work.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _top_level(name: str) -> Path:
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / name


def templates_dir() -> Path:
    return _top_level("templates")


def static_dir() -> Path:
    return _top_level("static")


def vragenlijsten_dir() -> Path:
    """The data folder; ``ZELFSCAN_VRAGENLIJSTEN`` points elsewhere (e.g. a region's own set)."""
    override = os.environ.get("ZELFSCAN_VRAGENLIJSTEN")
    return Path(override) if override else _top_level("vragenlijsten")


def schema_path(soort: str) -> Path:
    """The JSON Schema for ``soort`` ('vragenlijst' or 'regio'), shipped beside the data."""
    return _top_level("vragenlijsten") / "schema" / f"{soort}.schema.json"
