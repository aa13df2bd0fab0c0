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
    assert int(uit.stdout) >= 1


def test_reports_use_reportlabs_c_helpers():
    """pyproject asks for reportlab[accel]: without rl_accel reportlab silently falls back to
    pure Python (fp_str, string widths) and every report is ~10% slower (docs/performance.md)."""
    from reportlab.lib import rl_accel

    assert rl_accel.fp_str.__module__ == "_rl_accel"
    assert rl_accel.instanceStringWidthTTF.__module__ == "_rl_accel"
