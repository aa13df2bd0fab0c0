"""Import in bounded memory (issue 18): whatever the file holds, ``zelfscan import`` refuses it
with one Dutch message and a non-zero exit code, without a traceback, in well under 200 MB.

Before: a 60 kB file of empty objects took 1.8 GB, a 15 MB one was killed at 24 GB, deep
nesting and integers above 2^63 gave tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from zelfscan.errors import ImportFout
from zelfscan.opslag import uitwisseling
from zelfscan.opslag.verbinding import open_db

REPO = Path(__file__).resolve().parent.parent.parent
KOP = '{"formaat": "zelfscan-export", "formaatversie": 1, "metingen": ['

# Runs the import as a child of a small wrapper and prints the child's peak resident set: the
# wrapper's RUSAGE_CHILDREN counts only that one child, not other tests' subprocesses.
METER = """
import resource, subprocess, sys
uit = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(uit.returncode)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.stderr.write(uit.stdout + uit.stderr)
"""


def _importeer(tmp_path: Path, inhoud: str) -> tuple[int, float, str]:
    """(exit code, peak RSS in MB, everything printed)."""
    bestand = tmp_path / "import.json"
    bestand.write_text(inhoud, encoding="utf-8")
    uit = subprocess.run(
        [
            sys.executable,
            "-c",
            METER,
            sys.executable,
            "-m",
            "zelfscan",
            "import",
            "--db",
            str(tmp_path / "zelfscan.db"),
            str(bestand),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        cwd=tmp_path,
        timeout=120,
    )
    code, piek_kb = uit.stdout.split()
    return int(code), int(piek_kb) / 1024, uit.stderr


GARBAGE = {
    "60 kB of empty objects": "[" + ", ".join(["{}"] * 15_000) + "]",
    "60 kB of empty metingen": KOP + ", ".join(["{}"] * 15_000) + "]}",
    "15 MB of empty metingen": KOP + ", ".join(["{}"] * (15 * 1024 * 1024 // 4)) + "]}",
    "100k-deep nesting": "[" * 100_000 + "]" * 100_000,
    "an integer above 2^63": KOP + '], "jaar": 99999999999999999999}',
    "a 5,000-digit integer": KOP + '], "jaar": ' + "9" * 5000 + "}",
}


@pytest.mark.parametrize("soort", list(GARBAGE))
def test_garbage_is_refused_in_bounded_memory(tmp_path, soort):
    code, piek_mb, uitvoer = _importeer(tmp_path, GARBAGE[soort])
    assert code != 0
    assert piek_mb < 200, f"{soort}: peak {piek_mb:.0f} MB"
    assert "Traceback" not in uitvoer
    assert "Niets geïmporteerd" in uitvoer or "niets geïmporteerd" in uitvoer, uitvoer


def test_a_file_over_the_maximum_is_refused_before_it_is_read(tmp_path):
    groot = tmp_path / "groot.json"
    with groot.open("wb") as f:  # sparse: no 50 MB written to disk
        f.truncate(uitwisseling.MAX_IMPORT_BYTES + 1)
    db = open_db(tmp_path / "zelfscan.db")
    with pytest.raises(ImportFout, match="groter dan 50 MB"):
        uitwisseling.importeer_json(db, groot, regios=[])
    db.conn.close()


def test_schema_errors_are_capped_and_name_each_missing_field(tmp_path):
    db = open_db(tmp_path / "zelfscan.db")
    data = json.loads(KOP + ", ".join(['{"titel": "x"}'] * 50) + "]}")
    with pytest.raises(ImportFout) as fout:
        uitwisseling.importeer_json(db, json.dumps(data).encode(), regios=[])
    melding = str(fout.value)
    regels = melding.splitlines()
    assert len(regels) == 1 + uitwisseling.TOON_FOUTEN + 1
    # Each object's missing fields, every one of them by name, on one line.
    assert "de velden 'uuid', 'regio_id'" in regels[1] and "'logboek' ontbreken" in regels[1]
    assert "'titel'" not in regels[1]
    assert regels[-1].startswith("  - … en nog ") and regels[-1].endswith(" fouten.")
    db.conn.close()
