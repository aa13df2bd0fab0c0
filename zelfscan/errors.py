"""The small exception hierarchy: every error the engine raises can be explained to a person.

Messages are Dutch and say what to do, because they reach facilitators and content maintainers,
never only developers.
"""

from __future__ import annotations

from dataclasses import dataclass


class ZelfscanError(Exception):
    """Base class: ``str(error)`` is a complete Dutch message fit for a person."""


@dataclass(frozen=True)
class Probleem:
    """One problem in a data file: where it is and what to do about it."""

    bestand: str
    melding: str
    regel: int | None = None
    plaats: str | None = None

    def __str__(self) -> str:
        waar = self.bestand
        if self.regel is not None:
            waar += f", regel {self.regel}"
        if self.plaats:
            waar += f" ({self.plaats})"
        return f"{waar}: {self.melding}"


class DataFout(ZelfscanError):
    """One or more data files are invalid; carries every problem found, not just the first."""

    def __init__(self, problemen: list[Probleem]):
        self.problemen = list(problemen)
        super().__init__(self.tekst())

    def tekst(self) -> str:
        aantal = len(self.problemen)
        kop = "1 probleem gevonden" if aantal == 1 else f"{aantal} problemen gevonden"
        regels = [f"{kop} in de gegevensbestanden:"] + [f"  - {p}" for p in self.problemen]
        return "\n".join(regels)


# --- storage ---------------------------------------------------------------------------------


class StoreFout(ZelfscanError):
    """Something in the database of metingen went wrong; the message says what to do."""


class DatabaseFout(StoreFout):
    """The database file itself: not a database, too new, read-only, full disk, locked."""


class NietSchrijfbaar(DatabaseFout):
    """The database can be read but not written: read-only files or folder, or a full disk.

    Pages that only show catch this around their incidental writes (the current thema, when a
    link was last used) and carry on; a real save shows it as a 503.
    """


class NietGevonden(StoreFout):
    """A meting (or a deelnemer) that does not exist in this database."""


class MetingAfgerond(StoreFout):
    """A write on an afgeronde meting: read-only until someone explicitly reopens it."""

    def __init__(self, melding: str | None = None):
        super().__init__(
            melding
            or "Deze meting is afgerond en kan niet meer worden gewijzigd. Heropen de meting "
            "eerst (dat wordt vastgelegd)."
        )


class OngeldigeInvoer(StoreFout):
    """Input the store refuses: an unknown thema, an empty reden, a soort that does not exist.

    ``veld`` names the input it is about (``"titel"``, ``"gemeenten"``, …) when one does, so a
    form can show the store's own message next to that field.
    """

    def __init__(self, melding: str, veld: str | None = None):
        super().__init__(melding)
        self.veld = veld


class OngeldigAntwoord(OngeldigeInvoer):
    """An answer that does not fit the meting: unknown vraag, gemeente or level of the scale."""


class Verouderd(StoreFout):
    """A save based on a stale value: someone else changed it in the meantime.

    ``huidig`` carries what is stored now, so the screen can show it next to the attempt.
    """

    def __init__(self, melding: str, huidig=None, velden: tuple[str, ...] = ()):
        super().__init__(melding)
        self.huidig = huidig
        self.velden = velden


class VerouderdAntwoord(Verouderd):
    """A stale save of an antwoord (see :class:`Verouderd`)."""


class VerouderdeNotitie(Verouderd):
    """A stale save of the notes on a thema (see :class:`Verouderd`)."""


class VerouderdeAmbitie(Verouderd):
    """A stale save of an ambitie (see :class:`Verouderd`)."""


class ImportFout(StoreFout):
    """An import file that cannot be read back; nothing of it was imported."""


# --- configuration ---------------------------------------------------------------------------


class RapportTeTraag(ZelfscanError):
    """A report that was not finished within its time limit (``rapport.document.tijdslimiet``);
    nothing of it is kept."""


class InstellingFout(ZelfscanError):
    """A setting (an environment variable) the app cannot start with; says how to fix it."""
