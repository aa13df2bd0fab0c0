"""The installed package finds templates/, static/ and vragenlijsten/ (top-level in the repo)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    doel = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(doel),
            str(ROOT),
        ],
        check=True,
    )
    return next(doel.glob("zelfscan-*.whl"))


def test_wheel_carries_the_top_level_folders(wheel):
    namen = set(zipfile.ZipFile(wheel).namelist())
    for nodig in (
        "zelfscan/templates/base.html",
        "zelfscan/static/zelfscan.css",
        "zelfscan/vragenlijsten/werken-aan-veiligheid-2021.yaml",
        "zelfscan/vragenlijsten/werken-aan-veiligheid-2026.yaml",
        "zelfscan/vragenlijsten/regios/kennemerland.yaml",
        "zelfscan/vragenlijsten/schema/vragenlijst.schema.json",
        "zelfscan/vragenlijsten/schema/regio.schema.json",
    ):
        assert nodig in namen, nodig


def test_installed_package_loads_its_own_data(wheel, tmp_path):
    uitgepakt = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(uitgepakt)
    # Run far from the checkout, with the unpacked wheel first on the path, as an install would be.
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import zelfscan, zelfscan.paths as p;"
        "assert zelfscan.__file__.startswith(sys.argv[1]), zelfscan.__file__;"
        "assert (p.templates_dir() / 'base.html').is_file();"
        "assert (p.static_dir() / 'zelfscan.css').is_file();"
        "from zelfscan.inlezen.loader import laad_catalogus;"
        "print(len(laad_catalogus().vragenlijsten))"
    )
    uit = subprocess.run(
        [sys.executable, "-c", code, str(uitgepakt)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert uit.returncode == 0, uit.stderr
    # Every vragenlijst version of the checkout, e.g. 2021.1 and 2026.1.
    assert int(uit.stdout) == len(list((ROOT / "vragenlijsten").glob("*.yaml")))


def test_reports_use_reportlabs_c_helpers():
    """pyproject asks for reportlab[accel]: without rl_accel reportlab silently falls back to
    pure Python (fp_str, string widths) and every report is ~10% slower (docs/performance.md)."""
    from reportlab.lib import rl_accel

    assert rl_accel.fp_str.__module__ == "_rl_accel"
    assert rl_accel.instanceStringWidthTTF.__module__ == "_rl_accel"


def _vrije_poort() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_installed_wheel_serves_and_is_healthy(wheel, tmp_path):
    """`python -m zelfscan serve` from an install of the wheel alone (its dependencies from this
    environment), far from the checkout: the container's command, answering /gezond."""
    import json
    import os
    import time
    import urllib.error
    import urllib.request

    doel = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(doel),
            str(wheel),
        ],
        check=True,
    )
    werkmap = tmp_path / "werk"
    werkmap.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZELFSCAN_")}
    env.update(PYTHONPATH=str(doel), ZELFSCAN_DB=str(werkmap / "data" / "zelfscan.db"))
    waar = subprocess.run(
        [sys.executable, "-c", "import zelfscan; print(zelfscan.__file__)"],
        cwd=werkmap,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert waar.stdout.startswith(str(doel)), waar.stdout

    poort = _vrije_poort()
    server = subprocess.Popen(
        [sys.executable, "-m", "zelfscan", "serve", "--port", str(poort)],
        cwd=werkmap,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        antwoord = None
        einde = time.monotonic() + 60
        while time.monotonic() < einde and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{poort}/gezond", timeout=5) as r:
                    antwoord = (r.status, json.loads(r.read()))
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        assert antwoord == (200, {"status": "ok"}), server.poll()
    finally:
        server.terminate()
        uit, fout = server.communicate(timeout=30)
    assert f"Zelfscan draait op http://127.0.0.1:{poort}/" in uit
    assert "Traceback" not in fout
    # The secret key and the database live where ZELFSCAN_DB points, as in the container's /data.
    assert (werkmap / "data" / "zelfscan.db").is_file()
    assert (werkmap / "data" / "secret_key").is_file()
