"""A database that cannot be written (issue 18, item 5): pages that only show still work, login
still works (and stays throttled), a save answers a Dutch 503 naming the files, and the CLI
prints one Dutch line instead of a traceback.

Read-only is made two ways, because the tests run as root, for whom ``chmod`` stops nothing:

- ``schakelaar``: the app's own read-only mode (``ZELFSCAN_ALLEEN_LEZEN=1``, a real feature for
  serving a copy), which opens the file with SQLite's ``mode=ro``: SQLite itself refuses each
  write, as for a file the process may not write. Runs everywhere.
- ``chattr``: the folder, the database and its ``-wal``/``-shm`` files made immutable, which
  stops root too, as a locked USB stick would. Skipped where the file system has no ``chattr +i``.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import WACHTWOORD, csrf_token, log_in
from zelfscan import opslag
from zelfscan.errors import NietSchrijfbaar
from zelfscan.opslag import gebruikers, gemeentelinks
from zelfscan.opslag.verbinding import open_db

WORTEL = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["schakelaar", "chattr"])
def alleen_lezen(request, app, db, ijmond):
    """The app with a filled database (an answer, a link), then made read-only."""
    gebruikers.voeg_toe(db, "fien", WACHTWOORD)
    opslag.sla_antwoord(db, ijmond.id, "GM0375", "capaciteit-1", 2, wie="fien")
    token, _ = gemeentelinks.maak_link(db, ijmond.id, "GM0375", wie="fien")
    pad = Path(app.config["DATABASE"])
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    vast: list[Path] = []
    if request.param == "schakelaar":
        app.config["ALLEEN_LEZEN"] = True
    else:
        if shutil.which("chattr") is None:
            pytest.skip("chattr is needed to make a file read-only for root")
        # The db fixture's connection stays open, so the -wal and -shm files exist: without
        # them SQLite cannot even read a WAL database in a folder it may not write.
        vast = [p for p in (pad, Path(f"{pad}-wal"), Path(f"{pad}-shm")) if p.exists()]
        vast.append(pad.parent)
        if subprocess.run(["chattr", "+i", *map(str, vast)], capture_output=True).returncode:
            pytest.skip("this file system does not support chattr +i")
    try:
        yield ijmond, token, pad, request.param
    finally:
        if vast:
            subprocess.run(["chattr", "-i", *map(str, vast)], check=True)


def test_pages_that_only_show_work_on_a_read_only_database(app, alleen_lezen):
    meting, token, _, _ = alleen_lezen
    client = app.test_client()
    assert log_in(client).status_code == 302  # login works, without storing the attempt
    for url in (
        "/metingen/",
        f"/metingen/{meting.id}",
        f"/metingen/{meting.id}/thema/capaciteit",  # records the current thema: best effort
        f"/metingen/{meting.id}/resultaten",
        f"/metingen/{meting.id}/resultaten/GM0375",
        f"/metingen/{meting.id}/rapport/GM0375.pdf",
        f"/metingen/{meting.id}/links/",
        f"/g/{token}/",  # records when the link was last used: best effort
        f"/g/{token}/rapport.pdf",
    ):
        antwoord = client.get(url)
        assert antwoord.status_code == 200, (url, antwoord.get_data(as_text=True)[:500])
    assert client.get(f"/g/{token}/rapport.pdf").data.startswith(b"%PDF")


def test_a_save_on_a_read_only_database_answers_a_dutch_503_naming_the_files(app, alleen_lezen):
    meting, token, pad, _ = alleen_lezen
    gemeente = app.test_client()
    csrf = csrf_token(gemeente, f"/g/{token}/")
    antwoord = gemeente.post(
        f"/g/{token}/ambities",
        data={"csrf_token": csrf, "niveau:capaciteit": "2", "tekst:capaciteit": "Meer"},
    )
    assert antwoord.status_code == 503
    html = antwoord.get_data(as_text=True)
    assert "alleen-lezen: er is niets opgeslagen" in html
    assert str(pad) in html and f"{pad.name}-wal" in html and f"{pad.name}-shm" in html
    assert "Traceback" not in html
    assert opslag.ambities(open_db(pad, alleen_lezen=True), meting.id) == {}


def test_login_on_a_read_only_database_stays_throttled(app, alleen_lezen):
    # Attempts that cannot be stored are counted in the process: five wrong passwords still
    # lock the name from this address. The count lives as long as the process, so each run
    # takes a fresh address, which no other test uses.
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = f"10.18.{secrets.randbelow(250)}.{secrets.randbelow(250)}"
    token = csrf_token(client, "/inloggen")
    for _ in range(gebruikers.MAX_POGINGEN):
        fout = {"naam": "fien", "wachtwoord": "fout-fout-fout", "csrf_token": token}
        assert client.post("/inloggen", data=fout).status_code == 401
    goed = {"naam": "fien", "wachtwoord": WACHTWOORD, "csrf_token": token}
    assert client.post("/inloggen", data=goed).status_code == 429


def test_user_add_on_a_read_only_database_prints_one_dutch_line(alleen_lezen, tmp_path):
    _, _, pad, hoe = alleen_lezen
    omgeving = {**os.environ, "PYTHONPATH": str(WORTEL), "ZELFSCAN_DB": str(pad)}
    if hoe == "schakelaar":
        omgeving["ZELFSCAN_ALLEEN_LEZEN"] = "1"
    opdracht = ["user", "add", "nieuw", "--beheerder", "--wachtwoord", WACHTWOORD]
    uitvoer = subprocess.run(
        [sys.executable, "-m", "zelfscan", *opdracht],
        capture_output=True,
        text=True,
        env=omgeving,
        cwd=tmp_path,
        timeout=60,
    )
    assert uitvoer.returncode == 1, uitvoer
    assert "Traceback" not in uitvoer.stderr + uitvoer.stdout
    regels = [r for r in uitvoer.stderr.splitlines() if r.strip()]
    assert len(regels) == 1, uitvoer.stderr
    assert re.match(r"Fout: De database .* is alleen-lezen", regels[0]), regels[0]


def test_a_shm_file_left_read_only_is_named_in_the_message(db, ijmond):
    # Issue 18: after write permission came back, SQLite's -shm file stayed 0444 and saves kept
    # failing with a message naming only the database and its folder. As root the 0444 itself
    # stops nothing, so the refusal comes from query_only; what is tested is the message.
    pad = Path(db.execute("PRAGMA database_list").fetchone()[2])
    shm = Path(f"{pad}-shm")
    assert shm.exists()
    shm.chmod(0o444)
    db.conn.execute("PRAGMA query_only = ON")
    try:
        with pytest.raises(NietSchrijfbaar) as fout:
            opslag.sla_antwoord(db, ijmond.id, "GM0375", "capaciteit-1", 2, wie="fien")
    finally:
        db.conn.execute("PRAGMA query_only = OFF")
        shm.chmod(0o644)
    assert f"Geen schrijfrecht op: {shm}." in str(fout.value)
    assert "-shm-bestand" in str(fout.value)
