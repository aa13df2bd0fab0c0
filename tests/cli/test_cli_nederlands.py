"""`python -m zelfscan` speaks Dutch, also in click's own texts, and a busy port or a wrong
setting is one Dutch line with exit code 1, never a traceback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


def zelfscan(*argumenten: str, cwd: Path, **omgeving: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), **omgeving}
    env.pop("ZELFSCAN_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "zelfscan", *argumenten],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_help_is_dutch(tmp_path):
    uit = zelfscan("--help", cwd=tmp_path)
    assert uit.returncode == 0, uit.stderr
    assert uit.stdout.startswith("Gebruik: zelfscan [OPTIES] OPDRACHT [ARGUMENTEN]...")
    assert "Opties:" in uit.stdout and "Opdrachten:" in uit.stdout
    assert "Toon deze hulp en stop." in uit.stdout
    for engels in ("Usage:", "Options:", "Commands:", "Show this message", "[OPTIONS]"):
        assert engels not in uit.stdout


def test_serve_help_shows_dutch_placeholders_and_defaults(tmp_path):
    uit = zelfscan("serve", "--help", cwd=tmp_path)
    assert uit.returncode == 0, uit.stderr
    assert "Gebruik: zelfscan serve [OPTIES]" in uit.stdout
    assert "--port GETAL" in uit.stdout and "[standaard: 8080]" in uit.stdout
    assert "default:" not in uit.stdout and "INTEGER" not in uit.stdout


@pytest.mark.parametrize(
    ("argumenten", "verwacht"),
    [
        (["serve", "--bestaat-niet"], "Fout: Onbekende optie '--bestaat-niet'."),
        (["serve", "--port", "abc"], "'abc' is geen geldig getal."),
        (["bestaat-niet"], "Fout: Onbekende opdracht 'bestaat-niet'."),
        (["user", "add"], "Fout: Ontbrekend argument 'NAAM'."),
        (["serve", "--prt", "8000"], "Bedoelt u '--port'?"),
    ],
)
def test_usage_errors_are_dutch(tmp_path, argumenten, verwacht):
    uit = zelfscan(*argumenten, cwd=tmp_path)
    assert uit.returncode == 2
    assert verwacht in uit.stderr, uit.stderr
    assert "voor hulp." in uit.stderr
    assert "Usage:" not in uit.stderr and "Error:" not in uit.stderr
    assert "Traceback" not in uit.stderr


def test_busy_port_is_one_dutch_line(tmp_path):
    with socket.socket() as bezet:
        bezet.bind(("127.0.0.1", 0))
        bezet.listen()
        poort = bezet.getsockname()[1]
        uit = zelfscan("serve", "--port", str(poort), "--db", str(tmp_path / "z.db"), cwd=tmp_path)
    assert uit.returncode == 1
    assert "Traceback" not in uit.stderr
    regels = uit.stderr.strip().splitlines()
    assert len(regels) == 1, uit.stderr
    assert f"poort {poort} is al in gebruik" in regels[0]
    assert "--port" in regels[0]
    assert "draait op http" not in uit.stdout  # no address that does not work


def test_invalid_public_address_stops_the_start(tmp_path):
    uit = zelfscan(
        "serve",
        "--db",
        str(tmp_path / "z.db"),
        cwd=tmp_path,
        ZELFSCAN_PUBLIEKE_URL="zelfscan.regio.example",
    )
    assert uit.returncode == 1
    assert "Traceback" not in uit.stderr
    assert "ZELFSCAN_PUBLIEKE_URL moet een volledig webadres zijn" in uit.stderr


def test_serve_lan_binds_every_interface_and_says_so(tmp_path):
    """`zelfscan serve --lan` (issue 19): phones in the room reach the laptop; it says that it
    listens on every interface and prints the address on the local network."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("ZELFSCAN_DB", None)
    env.pop("ZELFSCAN_PUBLIEKE_URL", None)
    proces = subprocess.Popen(
        [sys.executable, "-m", "zelfscan", "serve", "--lan", "--port", str(poort),
         "--db", str(tmp_path / "z.db")],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        regels = []
        while len(regels) < 5 and (regel := proces.stdout.readline()):
            regels.append(regel)
            if regel.startswith("Deelnemers stemmen mee via"):
                break
    finally:
        proces.terminate()
        proces.wait(30)
    tekst = "".join(regels)
    assert f"http://0.0.0.0:{poort}/" in tekst
    assert "luistert nu op alle netwerkaansluitingen" in tekst
    assert "Adres op het lokale netwerk: http://" in tekst
    assert f":{poort}/d/" in tekst
