"""click's own texts in Dutch: "Gebruik:", "Opties", "Toon deze hulp en stop.", its errors.

click marks its texts for gettext (``from gettext import gettext as _`` in each module) but ships
no translations, and a gettext catalogue would need compiled .mo files and the process-wide
locale. Instead :func:`installeer` points the ``_`` and ``ngettext`` of click's modules at the
table below; a text not in the table stays as click wrote it. It must run before any command is
declared, because click translates some texts (the names of path types) at declaration time.

The table follows click 8.1–8.3's texts; a text click renames simply stays English, and
``tests/cli/test_cli_nederlands.py`` notices.
"""

from __future__ import annotations

from click import Command, Group, core, decorators, exceptions, formatting, parser, termui, types

VERTALINGEN = {
    # help pages
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Commands": "Opdrachten",
    "Positional arguments": "Argumenten",
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Show the version and exit.": "Toon de versie en stop.",
    "%(prog)s, version %(version)s": "%(prog)s, versie %(version)s",
    "default: {default}": "standaard: {default}",
    "env var: {var}": "omgevingsvariabele: {var}",
    "required": "verplicht",
    "(dynamic)": "(wisselend)",
    "deprecated": "verouderd",
    # errors
    "Error: {message}": "Fout: {message}",
    "Try '{command} {option}' for help.": "Zie '{command} {option}' voor hulp.",
    "Aborted!": "Afgebroken.",
    "Missing command.": "Geef een opdracht; zie de lijst hieronder.",
    "No such command {name!r}.": "Onbekende opdracht {name!r}.",
    "No such option {name!r}.": "Onbekende optie {name!r}.",
    "No such option: {name}": "Onbekende optie: {name}",
    "Missing argument": "Ontbrekend argument",
    "Missing option": "Ontbrekende optie",
    "Missing parameter": "Ontbrekende waarde",
    "Missing {param_type}": "Ontbrekend: {param_type}",
    "Missing parameter: {param_name}": "Ontbrekende waarde: {param_name}",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Option {name!r} does not take a value.": "Optie {name!r} neemt geen waarde.",
    "Argument {name!r} takes {nargs} values.": "Argument {name!r} neemt {nargs} waarden.",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen geldig {number_type}.",
    "{value} is not in the range {range}.": "{value} ligt niet in het bereik {range}.",
    "{value!r} is not one of {choices}.": "{value!r} is niet een van {choices}.",
    "{value!r} is not {choice}.": "{value!r} is niet {choice}.",
    "Choose from:\n\t{choices}": "Kies uit:\n\t{choices}",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} is geen geldige ja/nee-waarde. Mogelijk: {states}"
    ),
    "{name} {filename!r} does not exist.": "{name} {filename!r} bestaat niet.",
    "{name} {filename!r} is a file.": "{name} {filename!r} is een bestand.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} is een map.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} is niet leesbaar.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} is niet schrijfbaar.",
    "Could not open file {filename!r}: {message}": "Kan bestand {filename!r} niet openen: {message}",
    "unknown error": "onbekende fout",
    "file": "bestand",
    "directory": "map",
    "path": "pad",
    # prompts
    "Repeat for confirmation": "Herhaal ter bevestiging",
    "Error: The two entered values do not match.": "Fout: de twee invoeren zijn niet gelijk.",
    "Error: invalid input": "Fout: ongeldige invoer",
    "Do you want to continue?": "Wilt u doorgaan?",
    "Press any key to continue...": "Druk op een toets om verder te gaan…",
}

MEERVOUDEN = {
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): (
        "Bedoelt u {possibility}?",
        "(Bedoelt u een van: {possibilities}?)",
    ),
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): (
        "Onverwacht extra argument ({args})",
        "Onverwachte extra argumenten ({args})",
    ),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): (
        "Optie {name!r} heeft een waarde nodig.",
        "Optie {name!r} heeft {nargs} waarden nodig.",
    ),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."): (
        "Neemt {nargs} waarden, maar kreeg er 1.",
        "Neemt {nargs} waarden, maar kreeg er {len}.",
    ),
}

# The names of click's basic types, shown as placeholders in the help (TEKST, GETAL) and in errors.
TYPENAMEN = {
    types.StringParamType: "tekst",
    types.IntParamType: "getal",
    types.FloatParamType: "kommagetal",
    types.BoolParamType: "ja/nee",
}

_MODULES = (core, decorators, exceptions, formatting, parser, termui, types)


def vertaal(tekst: str) -> str:
    return VERTALINGEN.get(tekst, tekst)


def vertaal_meervoud(enkel: str, meer: str, aantal: int) -> str:
    nl_enkel, nl_meer = MEERVOUDEN.get((enkel, meer), (enkel, meer))
    return nl_enkel if aantal == 1 else nl_meer


def installeer() -> None:
    """Make click speak Dutch in this process (idempotent)."""
    for module in _MODULES:
        if hasattr(module, "_"):
            module._ = vertaal
        if hasattr(module, "ngettext"):
            module.ngettext = vertaal_meervoud
    # A class attribute: click.INT, click.STRING and every later instance read it from there.
    for soort, naam in TYPENAMEN.items():
        soort.name = naam


def vernederlands(opdracht: Command) -> None:
    """The placeholders in the usage line, which click sets per command rather than through
    gettext: [OPTIES] for [OPTIONS], OPDRACHT [ARGUMENTEN]... for COMMAND [ARGS]...; for the
    command and all its subcommands, so call it once every command is added."""
    if opdracht.options_metavar == "[OPTIONS]":
        opdracht.options_metavar = "[OPTIES]"
    if isinstance(opdracht, Group):
        if opdracht.subcommand_metavar in (
            "COMMAND [ARGS]...",
            "COMMAND1 [ARGS]... [COMMAND2 [ARGS]...]...",
        ):
            opdracht.subcommand_metavar = "OPDRACHT [ARGUMENTEN]..."
        for sub in opdracht.commands.values():
            vernederlands(sub)
