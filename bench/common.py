"""Shared pieces of the benchmarks: the machine, percentiles, result rows, a real server under
waitress on a free loopback port, and a minimal HTTP client with cookies and a CSRF token.

Benchmarks are scripts, not tests: they measure and print, they do not assert. Every network
request goes to 127.0.0.1 only, and every loop is bounded.
"""

from __future__ import annotations

import http.client
import json
import os
import platform
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WACHTWOORD = "bench-wachtwoord-123"
GEBRUIKER = "bench"


def cache_dir() -> Path:
    """Where generated databases are kept between runs (outside the repository)."""
    pad = Path(
        os.environ.get("ZELFSCAN_BENCH_CACHE")
        or Path(os.environ.get("TMPDIR", "/tmp")) / "zelfscan-bench"
    )
    pad.mkdir(parents=True, exist_ok=True)
    return pad


# --- results ----------------------------------------------------------------------------------


@dataclass
class Rij:
    """One row of the table: a figure, its target, what was measured and whether it passes."""

    groep: str  # 1 sessie, 2 rapporten, 3 opstart/geheugen, 4 schaal
    naam: str
    doel: str  # human text, e.g. "≤ 30 ms"
    waarde: float | None
    eenheid: str
    ok: bool | None  # None: informative, no target
    toelichting: str = ""
    detail: str = ""  # shown after the value, e.g. "p50 4.1 · p99 9.8 · n 476"

    def waarde_tekst(self) -> str:
        if self.waarde is None:
            return "–"
        if self.eenheid == "ms":
            return f"{self.waarde:.1f} ms" if self.waarde < 100 else f"{self.waarde:.0f} ms"
        if self.eenheid == "s":
            return f"{self.waarde:.2f} s"
        if self.eenheid == "MB":
            return f"{self.waarde:.0f} MB"
        if self.eenheid:
            return f"{self.waarde:g} {self.eenheid}"
        return f"{self.waarde:g}"


def ms(seconden: float) -> float:
    return seconden * 1000.0


def percentiel(waarden: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) — the value below which p% of the samples fall."""
    if not waarden:
        return float("nan")
    geordend = sorted(waarden)
    rang = max(1, min(len(geordend), int(-(-p * len(geordend) // 100))))
    return geordend[rang - 1]


def mediaan(waarden: list[float]) -> float:
    return statistics.median(waarden) if waarden else float("nan")


def doel_rij(groep, naam, waarde, eenheid, grens, *, toelichting="", detail="") -> Rij:
    """A row with target ``≤ grens`` (None: informative)."""
    ok = None if grens is None or waarde is None else waarde <= grens
    doel = "–" if grens is None else f"≤ {grens:g} {eenheid}"
    return Rij(groep, naam, doel, waarde, eenheid, ok, toelichting, detail)


# --- the machine --------------------------------------------------------------------------------


def machine() -> dict:
    cpu = "?"
    try:
        for regel in Path("/proc/cpuinfo").read_text().splitlines():
            if regel.startswith("model name"):
                cpu = regel.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for regel in Path("/proc/meminfo").read_text().splitlines():
            if regel.startswith("MemTotal"):
                ram = f"{int(regel.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    try:
        import matplotlib
        import reportlab

        versies = (
            f"reportlab {reportlab.Version}, matplotlib {matplotlib.__version__}, "
            f"waitress {_versie('waitress')}"
        )
    except Exception:  # pragma: no cover - informative only
        versies = "?"
    return {
        "cpu": cpu,
        "kernen": os.cpu_count(),
        "ram": ram,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "os": f"{platform.system()} {platform.release()}",
        "bibliotheken": versies,
        "datum": datetime.now().astimezone().isoformat(timespec="minutes"),
        "load": load(),
        "zelfscan": str(_zelfscan_pad()),
    }


def _versie(pakket: str) -> str:
    from importlib.metadata import version

    try:
        return version(pakket)
    except Exception:
        return "?"


def _zelfscan_pad() -> Path:
    import zelfscan

    return Path(zelfscan.__file__).resolve().parent.parent


def load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def kop(info: dict) -> str:
    return (
        f"Machine: {info['cpu']}, {info['kernen']} cores, {info['ram']} RAM; {info['os']}\n"
        f"Python {info['python']}, SQLite {info['sqlite']}; {info['bibliotheken']}\n"
        f"Date: {info['datum']}; load average at start: {info['load']}; code: {info['zelfscan']}"
        + (f"\nReference: {info['referentie']}" if info.get("referentie") else "")
    )


def tabel(rijen: list[Rij], info: dict | None = None) -> str:
    """The one table: figure, target, measured, pass/fail."""
    koppen = ("#", "figure", "target", "measured", "result")
    data = []
    for r in rijen:
        uitslag = "info" if r.ok is None else ("PASS" if r.ok else "FAIL")
        gemeten = r.waarde_tekst() + (f" ({r.detail})" if r.detail else "")
        data.append((r.groep, r.naam, r.doel, gemeten, uitslag))
    breedtes = [
        max(len(k), *(len(rij[i]) for rij in data)) if data else len(k)
        for i, k in enumerate(koppen)
    ]

    def regel(cellen):
        return "| " + " | ".join(c.ljust(b) for c, b in zip(cellen, breedtes, strict=False)) + " |"

    uit = []
    if info:
        uit.append(kop(info))
        uit.append("")
    uit.append(regel(koppen))
    uit.append("|" + "|".join("-" * (b + 2) for b in breedtes) + "|")
    uit.extend(regel(r) for r in data)
    notes = [r for r in rijen if r.toelichting]
    if notes:
        uit.append("")
        for r in notes:
            uit.append(f"- {r.naam}: {r.toelichting}")
    return "\n".join(uit)


def schrijf_json(pad: Path, rijen: list[Rij], info: dict) -> None:
    pad.write_text(
        json.dumps(
            {"machine": info, "rijen": [asdict(r) for r in rijen]}, indent=2, ensure_ascii=False
        )
        + "\n",
        encoding="utf-8",
    )


def wacht_op_rust(drempel: float = 0.5, max_seconden: float = 1200, stil: float = 60) -> str:
    """Wait (bounded) until the 1-minute load average stayed below ``drempel`` for ``stil``
    seconds; returns the load average then (also when it never got quiet)."""
    eind = time.monotonic() + max_seconden
    rustig_sinds = None
    while time.monotonic() < eind:
        eerste = float(load().split()[0])
        nu = time.monotonic()
        if eerste < drempel:
            rustig_sinds = rustig_sinds or nu
            if nu - rustig_sinds >= stil:
                break
        else:
            rustig_sinds = None
        time.sleep(5)
    return load()


# --- the real server --------------------------------------------------------------------------


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def zelfscan_commando() -> list[str]:
    """``zelfscan`` as installed (its console script), else ``python -m zelfscan.cli``.

    With PYTHONPATH set (a patched copy of the repository), the module form is used so the copy
    is the code that runs, whatever the console script's interpreter would pick."""
    if not os.environ.get("PYTHONPATH"):
        pad = shutil.which("zelfscan")
        if pad:
            return [pad]
    return [sys.executable, "-m", "zelfscan"]


def server_omgeving() -> dict[str, str]:
    """The server's environment: as an installed package runs, from compiled bytecode.

    A pip-installed wheel has its .pyc files; a checkout with PYTHONDONTWRITEBYTECODE set (as
    on this workplace's machines) would compile every module from source at every start, which
    measures the compiler, not the start. Bytecode goes to a cache outside the repository.
    """
    omgeving = dict(os.environ)
    omgeving.pop("PYTHONDONTWRITEBYTECODE", None)
    omgeving.setdefault("PYTHONPYCACHEPREFIX", str(cache_dir() / "pycache"))
    return omgeving


class Server:
    """``zelfscan serve`` as a subprocess on a temp database and a free loopback port."""

    def __init__(
        self,
        db_pad: Path,
        *,
        threads: int = 8,
        poort: int | None = None,
        commando: list[str] | None = None,
    ):
        """``commando``: another server to time the same way (the Django peer), started with
        ``--db`` and ``--port`` added."""
        self.db_pad = Path(db_pad)
        self.commando = commando
        self.threads = threads
        self.poort = poort or vrije_poort()
        self.proces: subprocess.Popen | None = None
        self.opstarttijd: float | None = None
        self.log = None

    def start(self, timeout: float = 30.0) -> float:
        """Start and wait for the first successful response; returns the seconds that took."""
        # stderr to a file, never an unread pipe: waitress logs a warning for every queued
        # task under load, and a full pipe would block the server in the middle of a request.
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop()
        begin = time.perf_counter()
        if self.commando:
            commando = [*self.commando, "--db", str(self.db_pad), "--port", str(self.poort)]
        else:
            commando = [
                *zelfscan_commando(),
                "serve",
                "--db",
                str(self.db_pad),
                "--port",
                str(self.poort),
                "--threads",
                str(self.threads),
            ]
        self.proces = subprocess.Popen(
            commando,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
            # instance/ (the secret key) beside the database, not in the repository
            cwd=self.db_pad.parent,
            env=server_omgeving(),
        )
        eind = begin + timeout
        while time.perf_counter() < eind:
            try:
                verbinding = http.client.HTTPConnection("127.0.0.1", self.poort, timeout=2)
                verbinding.request("GET", "/inloggen")
                antwoord = verbinding.getresponse()
                antwoord.read()
                verbinding.close()
                if antwoord.status in (200, 302):
                    self.opstarttijd = time.perf_counter() - begin
                    return self.opstarttijd
            except (ConnectionError, OSError, http.client.HTTPException):
                pass
            if self.proces.poll() is not None:
                raise RuntimeError("zelfscan serve stopte meteen:\n" + self.stderr())
            time.sleep(0.005)
        self.stop()
        raise RuntimeError("zelfscan serve gaf binnen de tijd geen antwoord")

    @property
    def basis(self) -> str:
        return f"http://127.0.0.1:{self.poort}"

    def status(self) -> dict[str, int]:
        """VmRSS / VmHWM (peak RSS) of the server process, in kB."""
        uit = {}
        for regel in Path(f"/proc/{self.proces.pid}/status").read_text().splitlines():
            if regel.startswith(("VmRSS", "VmHWM")):
                naam, waarde = regel.split(":", 1)
                uit[naam] = int(waarde.split()[0])
        return uit

    def stop(self) -> None:
        if self.proces and self.proces.poll() is None:
            self.proces.terminate()
            try:
                self.proces.wait(10)
            except subprocess.TimeoutExpired:
                self.proces.kill()
                self.proces.wait(10)
        if self.log is not None:
            self.log.close()
            self.log = None

    def stderr(self) -> str:
        """What the server wrote to stderr so far."""
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


# --- accounts -----------------------------------------------------------------------------------


def maak_accounts(db_pad: Path, aantal: int, voorvoegsel: str) -> list[str]:
    """``aantal`` new accounts (password ``WACHTWOORD``), one per simulated facilitator; returns
    their names, ``{voorvoegsel}1`` and on.

    Why not everyone as ``bench``: the store counts a login while it runs (recorded before the
    password check, removed once it succeeds) and allows 5 at a time per name from one address
    (``opslag.gebruikers.MAX_POGINGEN``). Twenty browsers logging in at once as one user from
    127.0.0.1 are refused with HTTP 429 -- an artefact of the bench, not of a real session, where
    every facilitator has an account of their own. The per-address limit (20) is not reached:
    waitress's 8 threads run at most 8 logins at once, and a login that succeeds leaves nothing
    behind. The role is the one ``bench`` has (beheerder), so the pages measured are the same.
    """
    from zelfscan.opslag import gebruikers
    from zelfscan.opslag.verbinding import open_db

    namen = [f"{voorvoegsel}{i + 1}" for i in range(aantal)]
    db = open_db(db_pad)
    try:
        for naam in namen:
            gebruikers.voeg_toe(db, naam, WACHTWOORD)
    finally:
        db.conn.close()
    return namen


# --- a minimal browser --------------------------------------------------------------------------

_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
_FOUTMELDING = re.compile(r'id="foutoverzicht".*?<li>(.*?)</li>', re.S)


def csrf_token(html: bytes | str) -> str | None:
    """The CSRF token of the form on a page, if there is one."""
    tekst = html.decode("utf-8", "replace") if isinstance(html, bytes) else html
    gevonden = _TOKEN.search(tekst)
    return gevonden.group(1) if gevonden else None


def inlogfout(naam: str, status: int, html: bytes | str) -> RuntimeError:
    """The error for a login that did not take, with the reason the login page gave (HTTP 429:
    the login limits; 401: name or password; 400: the CSRF token)."""
    import html as html_

    tekst = html.decode("utf-8", "replace") if isinstance(html, bytes) else html
    gevonden = _FOUTMELDING.search(tekst)
    reden = html_.unescape(re.sub(r"<[^>]+>", "", gevonden.group(1))).strip() if gevonden else ""
    return RuntimeError(
        f"inloggen als {naam!r} mislukt (HTTP {status})" + (f": {reden}" if reden else "")
    )


class Klant:
    """One persistent HTTP/1.1 connection to the server, with its cookies and CSRF token.

    Not thread-safe: one per thread (a facilitator's browser)."""

    def __init__(self, poort: int, timeout: float = 30.0):
        self.poort = poort
        self.timeout = timeout
        self.verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=timeout)
        self.cookies: dict[str, str] = {}
        self.token: str | None = None

    def _koppen(self, extra: dict | None = None) -> dict:
        koppen = {"Host": f"127.0.0.1:{self.poort}", "Connection": "keep-alive"}
        if self.cookies:
            koppen["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        koppen.update(extra or {})
        return koppen

    def verzoek(
        self, methode: str, pad: str, body: bytes | None = None, koppen: dict | None = None
    ):
        """(status, body bytes, seconds) — the time includes reading the whole response."""
        for poging in range(2):
            begin = time.perf_counter()
            try:
                self.verbinding.request(methode, pad, body=body, headers=self._koppen(koppen))
                antwoord = self.verbinding.getresponse()
                inhoud = antwoord.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # The server closed an idle keep-alive connection: reconnect once (not timed).
                self.verbinding.close()
                self.verbinding = http.client.HTTPConnection(
                    "127.0.0.1", self.poort, timeout=self.timeout
                )
                if poging:
                    raise
                continue
            duur = time.perf_counter() - begin
            for naam, waarde in antwoord.getheaders():
                if naam.lower() == "set-cookie":
                    sleutel, _, rest = waarde.partition("=")
                    self.cookies[sleutel.strip()] = rest.split(";", 1)[0]
            if antwoord.getheader("Connection", "").lower() == "close":
                self.verbinding.close()
            return antwoord.status, inhoud, duur
        raise AssertionError("unreachable")

    def get(self, pad: str):
        return self.verzoek("GET", pad)

    def token_van(self, html: bytes) -> str | None:
        self.token = csrf_token(html) or self.token
        return self.token

    def log_in(self, naam: str = GEBRUIKER, wachtwoord: str = WACHTWOORD) -> None:
        from urllib.parse import urlencode

        status, html, _ = self.get("/inloggen")
        token = self.token_van(html)
        if status != 200 or not token:
            raise RuntimeError(f"inlogpagina gaf HTTP {status}, zonder formulier")
        body = urlencode({"naam": naam, "wachtwoord": wachtwoord, "csrf_token": token}).encode()
        status, html, _ = self.verzoek(
            "POST",
            "/inloggen",
            body,
            {"Content-Type": "application/x-www-form-urlencoded"},
        )
        # Logged in: a redirect to the overview. Anything else leaves this client logged out,
        # and every page it asked for would only redirect to /inloggen: stop here, saying why.
        if status != 302:
            raise inlogfout(naam, status, html)

    def autosave(self, meting_id: int, gegevens: dict):
        return self.verzoek(
            "POST",
            f"/metingen/{meting_id}/autosave",
            json.dumps(gegevens).encode(),
            {
                "Content-Type": "application/json",
                "Accept": "application/json",
                "X-CSRFToken": self.token or "",
            },
        )

    def sluit(self) -> None:
        self.verbinding.close()


# --- command line -------------------------------------------------------------------------------


def argumenten(beschrijving: str, extra=None):
    import argparse

    parser = argparse.ArgumentParser(description=beschrijving)
    parser.add_argument("--snel", action="store_true", help="quick smoke run: fewer iterations")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON to this file")
    if extra:
        extra(parser)
    return parser.parse_args()


def toon(rijen: list[Rij], args) -> None:
    info = machine()
    print(tabel(rijen, info))
    if getattr(args, "json", None):
        schrijf_json(args.json, rijen, info)


def nieuwe_metingen(db_pad: Path, titels: list[str]) -> list:
    """Fresh concept 0-metingen of Zuid-Kennemerland (4 gemeenten), one per title, on the
    newest vragenlijst: what a session or a room of voters works on."""
    from datetime import date

    from zelfscan import opslag
    from zelfscan.inlezen.loader import laad_catalogus
    from zelfscan.opslag.verbinding import open_db

    cat = laad_catalogus()
    db = open_db(db_pad)
    try:
        return [
            opslag.maak_meting(
                db,
                vragenlijst=cat.vragenlijst("werken-aan-veiligheid"),
                regio=cat.regio("kennemerland"),
                subregio_id="zuid-kennemerland",
                jaar=2023,
                soort="0-meting",
                datum=date(2023, 10, 3),
                titel=titel,
                wie="bench",
            )
            for titel in titels
        ]
    finally:
        db.conn.close()
