"""The README's two commands work as written on Linux, macOS and Windows PowerShell 5.1, and CI
runs the same test command."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def blokken(taal: str) -> list[list[str]]:
    tekst = (ROOT / "README.md").read_text(encoding="utf-8")
    return [
        [r for r in blok.strip().splitlines() if r.strip()]
        for blok in re.findall(rf"```{taal}\n(.*?)```", tekst, re.DOTALL)
    ]


def test_one_step_per_line_through_the_venvs_python():
    sh, powershell = blokken("sh"), blokken("powershell")
    assert len(sh) == len(powershell) == 2  # demo and tests, for both shells
    for regels in sh + powershell:
        for regel in regels:
            # PowerShell 5.1 has no && or ||; a shell without the venv on PATH has no `zelfscan`.
            assert "&&" not in regel and "||" not in regel and ";" not in regel, regel
            assert not regel.startswith("zelfscan"), regel
    for regels in sh:
        assert regels[0] == "python3 -m venv .venv"
        assert all(r.startswith(".venv/bin/python -m ") for r in regels[1:]), regels
    for regels in powershell:
        assert regels[0] == "py -m venv .venv"
        assert all(r.startswith(".venv\\Scripts\\python -m ") for r in regels[1:]), regels
    demo, tests = sh
    assert demo[-1] == ".venv/bin/python -m zelfscan serve --demo"
    assert tests[-1] == ".venv/bin/python -m pytest"
    # The same steps on both systems.
    for linux, windows in zip(sh, powershell, strict=True):
        assert [r.split(" -m ", 1)[1] for r in linux] == [r.split(" -m ", 1)[1] for r in windows]


def test_readme_names_what_the_first_install_needs():
    tekst = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "Python 3.11 of nieuwer" in tekst
    assert "pakketbron" in tekst
    assert "docs/hosting.md" in tekst


def test_ci_runs_the_readmes_test_command():
    ci = [r.strip() for r in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    _demo, tests = blokken("sh")
    posities = [ci.index(regel) for regel in tests]
    assert posities == sorted(posities), "CI runs the README's steps in another order"
