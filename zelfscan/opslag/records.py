"""What the store returns: plain, immutable records of metingen and all recorded in them."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from ..inlezen.model import Gemeente, Vragenlijst

SOORTEN = ("0-meting", "vervolgmeting")


CONCEPT = "concept"


AFGEROND = "afgerond"


class Unchanged(enum.Enum):
    UNCHANGED = "UNCHANGED"

    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED = Unchanged.UNCHANGED
"""Default for fields a save does not touch: they keep their stored value (that is how saves
of different fields merge)."""


@dataclass(frozen=True)
class Meting:
    id: int
    uuid: str
    titel: str
    regio_id: str
    regio_naam: str
    subregio_id: str
    subregio_naam: str
    jaar: int
    periode: str | None
    soort: str
    datum: date
    vragenlijst_id: str
    vragenlijst_versie: str
    vragenlijst_hash: str
    status: str
    vorige_meting_uuid: str | None
    # The previous meting's local id, or None when it is not in this database.
    vorige_meting_id: int | None
    huidig_thema: str | None
    demo: bool
    aangemaakt_op: str
    aangemaakt_door: str
    afgerond_op: str | None
    gemeenten: tuple[Gemeente, ...]
    # The snapshot this meting was made with, never the current data file.
    vragenlijst: Vragenlijst = field(compare=False, repr=False)

    @property
    def afgerond(self) -> bool:
        return self.status == AFGEROND

    def gemeente(self, cbs: str) -> Gemeente:
        for gemeente in self.gemeenten:
            if gemeente.cbs == cbs:
                return gemeente
        raise KeyError(cbs)


@dataclass(frozen=True)
class Antwoord:
    cbs: str
    vraag_id: str
    # A level (int), WEET_NIET, NIET_VAN_TOEPASSING, or None: not answered / cleared.
    waarde: int | str | None
    toelichting: str
    bespreekpunt: bool
    # Copied from the previous meting and not yet confirmed in this session.
    overgenomen: bool
    # The row version; pass it back as ``verwachte_versie``. 0 = no answer stored yet.
    versie: int
    gewijzigd_op: str
    gewijzigd_door: str

    @property
    def beantwoord(self) -> bool:
        return self.waarde is not None


@dataclass(frozen=True)
class Notitie:
    thema_id: str
    tekst: str
    versie: int
    gewijzigd_op: str
    gewijzigd_door: str
    # None: for every gemeente of the meting; a CBS code: for that gemeente only, so only its
    # report and link page carry it.
    cbs: str | None = None

    @property
    def voor_alle(self) -> bool:
        return self.cbs is None


@dataclass(frozen=True)
class Deelnemer:
    id: int
    organisatie: str
    rol: str
    naam: str | None
    cbs: str | None


@dataclass(frozen=True)
class Ambitie:
    cbs: str
    thema_id: str
    niveau: int
    tekst: str
    versie: int
    gewijzigd_op: str
    gewijzigd_door: str
    wie: str | None = None  # who carries it: a role or team (not the person who saved it)
    wanneer: str | None = None  # by when: '2027-06-30' or '2027-Q2' (regels.wanneer)


@dataclass(frozen=True)
class LogRegel:
    tijd: str
    wie: str
    actie: str
    details: str


class MetingKop(NamedTuple):
    """What a list needs to choose among many metingen, without their gemeenten and
    vragenlijst (see :func:`meting_koppen`)."""

    id: int
    uuid: str
    titel: str
    regio_id: str
    regio_naam: str
    subregio_id: str
    subregio_naam: str
    jaar: int
    datum: date
    status: str
    aangemaakt_op: str


@dataclass(frozen=True)
class Tellingen:
    """How far a meting's answers are, as counted by SQLite (see :func:`antwoord_tellingen`)."""

    beantwoord: int  # answers with a waarde (weet niet and n.v.t. included)
    onbevestigd: int  # of those, copied from last year and not confirmed yet
    # vraag_id -> (answered, of which unconfirmed); None when every answer is given and
    # confirmed, or none is: then the totals say it all.
    per_vraag: Mapping[str, tuple[int, int]] | None
