"""Nothing acknowledged is lost: the real server is killed with SIGKILL mid-session, restarted,
and every answer it acknowledged is still there. Repeated with different moments of death."""

from __future__ import annotations

import http.client
import http.cookiejar
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from zelfscan import opslag
from zelfscan.inlezen.loader import laad_catalogus
from zelfscan.opslag import gebruikers
from zelfscan.opslag.verbinding import open_db

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

WACHTWOORD = "een-lang-wachtwoord"
RONDES = 5


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, db_pad: Path, poort: int):
        self.db_pad, self.poort = db_pad, poort
        self.proces: subprocess.Popen | None = None

    def start(self):
        self.proces = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "zelfscan",
                "serve",
                "--db",
                str(self.db_pad),
                "--port",
                str(self.poort),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=self.db_pad.parent,
        )
        eind = time.monotonic() + 20
        while time.monotonic() < eind:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.poort}/inloggen", timeout=1)
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if self.proces.poll() is not None:
                    raise RuntimeError(self.proces.stderr.read().decode()) from None
                time.sleep(0.05)
        raise RuntimeError("server did not start")

    def kill(self):
        os.kill(self.proces.pid, signal.SIGKILL)
        self.proces.wait(10)


class Browser:
    """Just enough of a browser: cookies, and the CSRF token from a page."""

    def __init__(self, basis: str):
        self.basis = basis
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def token(self, pad: str) -> str:
        html = self.opener.open(self.basis + pad, timeout=5).read().decode()
        return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)

    def log_in(self):
        token = self.token("/inloggen")
        data = urllib.parse.urlencode(
            {"naam": "fien", "wachtwoord": WACHTWOORD, "csrf_token": token}
        ).encode()
        self.opener.open(self.basis + "/inloggen", data=data, timeout=5)

    def autosave(self, meting_id: int, token: str, gegevens: dict) -> tuple[int, dict]:
        verzoek = urllib.request.Request(
            f"{self.basis}/metingen/{meting_id}/autosave",
            data=json.dumps(gegevens).encode(),
            headers={
                "Content-Type": "application/json",
                "X-CSRFToken": token,
                "Accept": "application/json",
            },
        )
        try:
            antwoord = self.opener.open(verzoek, timeout=5)
        except urllib.error.HTTPError as fout:
            return fout.code, json.loads(fout.read() or b"{}")
        return antwoord.status, json.loads(antwoord.read())


@pytest.fixture
def opstelling(tmp_path):
    db_pad = tmp_path / "zelfscan.db"
    db = open_db(db_pad)
    catalogus = laad_catalogus()
    gebruikers.voeg_toe(db, "fien", WACHTWOORD)
    meting = opslag.maak_meting(
        db,
        vragenlijst=catalogus.vragenlijst("werken-aan-veiligheid"),
        regio=catalogus.regio("kennemerland"),
        subregio_id="zuid-kennemerland",
        jaar=2021,
        soort="0-meting",
        datum=date(2021, 10, 5),
        wie="test",
    )
    db.conn.close()
    return db_pad, meting


def test_acknowledged_answers_survive_sigkill(opstelling):
    db_pad, meting = opstelling
    cellen = [(g.cbs, v.id) for v in meting.vragenlijst.vragen for g in meting.gemeenten]
    bevestigd: dict[tuple[str, str], str] = {}  # acknowledged by the server: must survive
    bekend: dict[tuple[str, str], str] = {}  # what the page believes is stored
    kans = random.Random(20211005)
    server = Server(db_pad, vrije_poort())
    for ronde in range(RONDES):
        server.start()
        browser = Browser(f"http://127.0.0.1:{server.poort}")
        browser.log_in()
        token = browser.token(f"/metingen/{meting.id}/thema/capaciteit")
        # Death comes at a random moment while answers are flowing in.
        threading.Timer(kans.uniform(0.05, 0.6), server.kill).start()
        onderweg = None  # the request in flight when the server died may or may not have landed
        try:
            while True:
                cel = kans.choice(cellen)
                # N.v.t. only where the vragenlijst allows it (the store refuses it elsewhere).
                nvt = ["nvt"] if meting.vragenlijst.nvt_toegestaan(cel[1]) else []
                waarde = kans.choice(["0", "1", "2", "3", "weet_niet", *nvt])
                onderweg = (cel, waarde)
                status, inhoud = browser.autosave(
                    meting.id,
                    token,
                    {
                        "soort": "cel",
                        "cbs": cel[0],
                        "vraag": cel[1],
                        "veld": "waarde",
                        "waarde": waarde,
                        "origineel": bekend.get(cel, ""),
                    },
                )
                if status == 200:
                    bevestigd[cel] = bekend[cel] = waarde
                elif status == 409:  # the previous round's in-flight save had landed after all
                    bekend[cel] = inhoud["huidig"]
                    bevestigd.pop(cel, None)
                else:
                    raise AssertionError((status, inhoud))
                onderweg = None
        except (urllib.error.URLError, http.client.HTTPException, TimeoutError, OSError):
            pass  # the server died mid-request (or mid-response: IncompleteRead)
        server.proces.wait(10)
        assert server.proces.returncode == -signal.SIGKILL, f"ronde {ronde}"
        db = open_db(db_pad)
        opgeslagen = opslag.antwoorden(db, meting.id)
        db.conn.close()
        for cel, waarde in bevestigd.items():
            nu = str(opgeslagen[cel].waarde)
            if onderweg and onderweg[0] == cel and nu == onderweg[1]:
                continue  # overwritten by the unacknowledged last request: allowed
            assert nu == waarde, (ronde, cel)
        if (
            onderweg
            and str(opgeslagen.get(onderweg[0]) and opgeslagen[onderweg[0]].waarde) == onderweg[1]
        ):
            bevestigd[onderweg[0]] = bekend[onderweg[0]] = onderweg[
                1
            ]  # it landed: now it is the truth
    assert len(bevestigd) > 20, "too few answers were saved to prove anything"
