"""The validated catalogue, remembered between starts of the server.

Reading and validating every data file (YAML parsing, the JSON Schema, the rules of
:mod:`zelfscan.inlezen.validatie`) is most of what a server does before it can answer, and the
files rarely change between two starts. So once they passed, their data is written to a cache
file, keyed by a sha256 over everything that decided "valid":

- every data file's name (relative to the data folder) and its bytes, and the folder itself;
- the two JSON Schemas;
- the source of the modules that read and check the files (loader, validatie, yamlbron), so a
  new release — or a changed rule in a checkout whose version number stays put — checks again;
- the cache format and the Python version.

A start whose key matches builds the model objects from the cached data and reads no YAML and
imports neither PyYAML nor jsonschema. Anything else — another key, a missing, unreadable,
truncated or edited cache file — means: read and validate everything, as without a cache,
and refuse to start on invalid data with the same messages. The cache is never trusted
blindly: its content carries its own sha256, checked before it is used.

It is JSON, not pickle, so a cache file someone else could write can at worst hold data, never
code. ``zelfscan validate`` never uses it; it always checks everything.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from pathlib import Path

from .. import paths
from .loader import catalogus_uit_data, data_bestanden, geldige_data
from .model import Catalogus

FORMAAT = 1

# The modules whose code decides whether a file is valid and what its data is.
_REGELS = ("loader.py", "validatie.py", "yamlbron.py")
_SCHEMAS = ("vragenlijst", "regio")


def laad_catalogus_met_cache(map_: Path | None, cache: Path | None) -> Catalogus:
    """:func:`zelfscan.inlezen.loader.laad_catalogus`, remembered in the file ``cache``.

    Raises :class:`~zelfscan.errors.DataFout` exactly when ``laad_catalogus`` would.
    """
    map_ = Path(map_) if map_ is not None else paths.vragenlijsten_dir()
    # A single file is checked against the files beside it (a previous version); only a whole
    # folder is cached.
    sleutel = sleutel_van(map_) if cache is not None and map_.is_dir() else None
    if sleutel is not None:
        data = lees_cache(cache, sleutel)
        if data is not None:
            try:
                return catalogus_uit_data(data["vragenlijsten"], data["regios"])
            except (KeyError, TypeError, ValueError, AttributeError):
                pass  # the right hash but not a catalogue: check the files instead
    vragenlijsten, regios = geldige_data(map_)
    catalogus = catalogus_uit_data(vragenlijsten, regios)
    # A file that changed while it was being read would store its new data under the old key.
    if sleutel is not None and sleutel_van(map_) == sleutel:
        schrijf_cache(cache, sleutel, vragenlijsten, regios)
    return catalogus


def sleutel_van(map_: Path) -> str | None:
    """The sha256 key of the data in ``map_`` and of the rules; None when a file is unreadable
    or there are no data files (then there is nothing to remember)."""
    bestanden = data_bestanden(map_)
    if not bestanden:
        return None
    hier = Path(__file__).resolve().parent
    delen: list[tuple[str, Path]] = [(f"regels/{naam}", hier / naam) for naam in _REGELS]
    delen += [(f"schema/{soort}", paths.schema_path(soort)) for soort in _SCHEMAS]
    delen += [(f"data/{p.relative_to(map_).as_posix()}", p) for p in bestanden]
    totaal = hashlib.sha256()
    totaal.update(f"zelfscan-catalogus {FORMAAT} {sys.version} {map_.resolve()}\n".encode())
    for naam, pad in delen:
        try:
            inhoud = pad.read_bytes()
        except OSError:
            return None
        totaal.update(f"{naam} {hashlib.sha256(inhoud).hexdigest()}\n".encode())
    return totaal.hexdigest()


def lees_cache(cache: Path, sleutel: str) -> dict | None:
    """The cached data when ``cache`` holds data for ``sleutel`` whose hash checks out."""
    try:
        ruw = cache.read_bytes()
    except OSError:
        return None
    kop_tekst, regeleinde, inhoud = ruw.partition(b"\n")
    if not regeleinde:
        return None
    try:
        kop = json.loads(kop_tekst)
    except ValueError:
        return None
    if not isinstance(kop, dict) or kop.get("formaat") != FORMAAT or kop.get("sleutel") != sleutel:
        return None
    if kop.get("inhoud") != hashlib.sha256(inhoud).hexdigest():
        return None
    try:
        data = json.loads(inhoud)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    if not isinstance(data.get("vragenlijsten"), list) or not isinstance(data.get("regios"), list):
        return None
    return data


def schrijf_cache(cache: Path, sleutel: str, vragenlijsten: list, regios: list) -> None:
    """Write the cache (a header line with key and content hash, then the data), atomically.
    Failing to write it is not an error: the next start checks the files again."""
    data = {"vragenlijsten": vragenlijsten, "regios": regios}
    try:
        inhoud = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        # Only what JSON gives back unchanged (no keys that are not text, for instance).
        if json.loads(inhoud) != data:
            return
    except (TypeError, ValueError, RecursionError):
        return
    kop = {"formaat": FORMAAT, "sleutel": sleutel, "inhoud": hashlib.sha256(inhoud).hexdigest()}
    tijdelijk = cache.with_name(f".{cache.name}.{os.getpid()}.tmp")
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tijdelijk.write_bytes(json.dumps(kop).encode("ascii") + b"\n" + inhoud)
        os.replace(tijdelijk, cache)
    except OSError:
        with contextlib.suppress(OSError):
            tijdelijk.unlink(missing_ok=True)
