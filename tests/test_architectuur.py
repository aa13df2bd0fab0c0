"""The house rules of the package, checked by reading its source with ``ast``.

- every import, at module level or inside a function, points to the same layer or a lower one
  (docs/architectuur.md has the order);
- no import cycle between modules, function-level imports included;
- module names are unique across the package, so no module is imported under an alias;
- no module grows past ~700 lines without a stated reason.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

PAKKET = Path(__file__).resolve().parent.parent / "zelfscan"

# Lowest first. A module may import its own layer and every layer before it.
LAGEN = ["inlezen", "opslag", "scores", "grafieken", "rapport", "web", "cli"]
# Below every layer: the exception hierarchy and where the data folders are.
BASIS = {"zelfscan", "zelfscan.errors", "zelfscan.paths"}
# Above every layer: `python -m zelfscan` starts the CLI.
TOP = {"zelfscan.__main__"}

# Modules allowed to be longer than MAX_REGELS, and why.
MAX_REGELS = 700
LANG_MET_REDEN = {
    # One job, many checks: the import format's every field and rule, each with its own Dutch
    # message; splitting it would scatter the one place that decides what an import may hold.
    "zelfscan.opslag.uitwisseling": "export/import: one format, checked field by field",
    # Three matplotlib charts (radar, heatmap, trend) share one drawing machinery (the figure,
    # the lock around matplotlib's global settings, the sizes); what needs no matplotlib is
    # already in grafiekstijl.
    "zelfscan.grafieken.charts": "the three web charts on one matplotlib machinery",
}


def modules() -> dict[str, Path]:
    uit = {}
    for pad in sorted(PAKKET.rglob("*.py")):
        delen = list(pad.relative_to(PAKKET.parent).with_suffix("").parts)
        if delen[-1] == "__init__":
            delen.pop()
        uit[".".join(delen)] = pad
    return uit


def is_pakket(naam: str, alle: dict[str, Path]) -> bool:
    return alle[naam].name == "__init__.py"


def imports(naam: str, alle: dict[str, Path]) -> set[str]:
    """Every zelfscan module this module imports, anywhere in its source."""
    boom = ast.parse(alle[naam].read_text(encoding="utf-8"))
    uit: set[str] = set()
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.Import):
            uit |= {a.name for a in knoop.names if a.name.startswith("zelfscan")}
        elif isinstance(knoop, ast.ImportFrom):
            uit |= imports_van(naam, knoop, alle)
    uit.discard(naam)
    return uit


def imports_van(naam: str, knoop: ast.ImportFrom, alle: dict[str, Path]) -> set[str]:
    """The zelfscan modules one ``from … import …`` statement in module ``naam`` names."""
    basis = naam.split(".") if is_pakket(naam, alle) else naam.split(".")[:-1]
    if knoop.level:
        bron = ".".join([*basis[: len(basis) - knoop.level + 1], knoop.module or ""]).rstrip(".")
    else:
        bron = knoop.module or ""
    if not bron.startswith("zelfscan"):
        return set()
    if not knoop.names:
        return {bron}
    return {f"{bron}.{a.name}" if f"{bron}.{a.name}" in alle else bron for a in knoop.names}


def laag(naam: str) -> int:
    if naam in BASIS:
        return -1
    if naam in TOP:
        return len(LAGEN)
    return LAGEN.index(naam.split(".")[1])


def test_every_module_belongs_to_a_layer():
    for naam in modules():
        assert naam in BASIS | TOP or naam.split(".")[1] in LAGEN, (
            f"{naam} hoort bij geen laag; zet hem in een van {LAGEN} (of noem hem in LAGEN)"
        )


def test_layers_import_only_downward():
    alle = modules()
    fout = [
        f"{naam} (laag {laag(naam)}) importeert {doel} (laag {laag(doel)})"
        for naam in alle
        for doel in sorted(imports(naam, alle))
        if laag(doel) > laag(naam)
    ]
    assert fout == []


def test_no_import_cycle():
    alle = modules()
    graaf = {naam: imports(naam, alle) for naam in alle}
    kringen = []
    # Depth-first search with colours: grey = on the current path; an edge to grey is a cycle.
    kleur: dict[str, int] = {}

    def bezoek(naam: str, pad: list[str]) -> None:
        kleur[naam] = 1
        for doel in sorted(graaf.get(naam, ())):
            if kleur.get(doel) == 1:
                kringen.append(" → ".join([*pad[pad.index(doel) :], doel]))
            elif doel not in kleur:
                bezoek(doel, [*pad, doel])
        kleur[naam] = 2

    for naam in sorted(graaf):
        if naam not in kleur:
            bezoek(naam, [naam])
    assert kringen == []


def test_the_cycle_check_finds_a_cycle(tmp_path, monkeypatch):
    # The check above must be able to fail: two modules that import each other.
    (tmp_path / "zelfscan" / "opslag").mkdir(parents=True)
    (tmp_path / "zelfscan" / "__init__.py").write_text("")
    (tmp_path / "zelfscan" / "opslag" / "__init__.py").write_text("")
    (tmp_path / "zelfscan" / "opslag" / "a.py").write_text("def f():\n    from . import b\n")
    (tmp_path / "zelfscan" / "opslag" / "b.py").write_text("from .a import f\n")
    monkeypatch.setattr(f"{__name__}.PAKKET", tmp_path / "zelfscan")
    alle = modules()
    assert imports("zelfscan.opslag.a", alle) == {"zelfscan.opslag.b"}
    assert imports("zelfscan.opslag.b", alle) == {"zelfscan.opslag.a"}
    try:
        test_no_import_cycle()
    except AssertionError as fout:
        assert "zelfscan.opslag.a → zelfscan.opslag.b → zelfscan.opslag.a" in str(fout)
    else:
        raise AssertionError("the cycle was not found")


def test_module_names_are_unique():
    namen = Counter(n.rsplit(".", 1)[-1] for n, p in modules().items() if p.name != "__init__.py")
    assert [n for n, aantal in namen.items() if aantal > 1] == []


def test_no_module_import_needs_an_alias():
    # Unique module names mean a module is always imported under its own name.
    alle = modules()
    fout = []
    for naam in alle:
        boom = ast.parse(alle[naam].read_text(encoding="utf-8"))
        for knoop in ast.walk(boom):
            if isinstance(knoop, ast.ImportFrom):
                for alias in knoop.names:
                    enkel = ast.ImportFrom(module=knoop.module, names=[alias], level=knoop.level)
                    # A module is imported when the name resolves to something other than the
                    # statement's own source module.
                    bron = imports_van(naam, ast.ImportFrom(knoop.module, [], knoop.level), alle)
                    doel = imports_van(naam, enkel, alle)
                    if alias.asname and doel and doel != bron:
                        fout.append(f"{naam}: {alias.name} as {alias.asname}")
    assert fout == []


def test_no_module_is_too_long_without_a_reason():
    te_lang = {
        naam: n
        for naam, pad in modules().items()
        if (n := len(pad.read_text(encoding="utf-8").splitlines())) > MAX_REGELS
        and naam not in LANG_MET_REDEN
    }
    assert te_lang == {}


def test_no_test_uses_a_private_name_of_the_package():
    # Tests use what the package offers, so a refactoring inside a module cannot break them.
    fout = []
    for pad in sorted((PAKKET.parent / "tests").rglob("*.py")):
        boom = ast.parse(pad.read_text(encoding="utf-8"))
        modules_hier: set[str] = set()
        for knoop in ast.walk(boom):
            if isinstance(knoop, ast.ImportFrom) and (knoop.module or "").startswith("zelfscan"):
                for alias in knoop.names:
                    if alias.name.startswith("_"):
                        fout.append(f"{pad.name}:{knoop.lineno} importeert {alias.name}")
                    modules_hier.add(alias.asname or alias.name)
        for knoop in ast.walk(boom):
            if (
                isinstance(knoop, ast.Attribute)
                and knoop.attr.startswith("_")
                and not knoop.attr.startswith("__")
                and isinstance(knoop.value, ast.Name)
                and knoop.value.id in modules_hier
            ):
                fout.append(f"{pad.name}:{knoop.lineno} gebruikt {knoop.value.id}.{knoop.attr}")
    assert fout == []
