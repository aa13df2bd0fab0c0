"""Plain, immutable objects for question sets (vragenlijsten) and regions.

No Flask, no database: these are built by :mod:`zelfscan.inlezen.loader` and read by everything else.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

# The two special answers are not levels of the scale: they never count in a score.
WEET_NIET = "weet_niet"
NIET_VAN_TOEPASSING = "nvt"
BIJZONDERE_ANTWOORDEN = (WEET_NIET, NIET_VAN_TOEPASSING)


@dataclass(frozen=True)
class Niveau:
    waarde: int
    label: str
    beschrijving: str


@dataclass(frozen=True)
class BijzonderAntwoord:
    label: str
    beschrijving: str = ""


@dataclass(frozen=True)
class Schaal:
    niveaus: tuple[Niveau, ...]
    weet_niet: BijzonderAntwoord
    niet_van_toepassing: BijzonderAntwoord

    @property
    def laagste(self) -> int:
        return self.niveaus[0].waarde

    @property
    def hoogste(self) -> int:
        return self.niveaus[-1].waarde

    def niveau(self, waarde: int) -> Niveau:
        for niveau in self.niveaus:
            if niveau.waarde == waarde:
                return niveau
        raise KeyError(waarde)

    def label(self, antwoord: int | str) -> str:
        """The label a person sees for any answer: a level or one of the special answers."""
        if antwoord == WEET_NIET:
            return self.weet_niet.label
        if antwoord == NIET_VAN_TOEPASSING:
            return self.niet_van_toepassing.label
        return self.niveau(int(antwoord)).label


@dataclass(frozen=True)
class Regels:
    """When a thema counts as a verbeterpunt, and when a score means anything at all."""

    verbeterpunt_onder: float = 60.0
    verbeterpunt_laagste: int = 0
    minimale_dekking: float = 0.5
    zicht_ontbreekt_vanaf: float = 0.34
    # How many verbeterpunten a gemeente gets at most; the rest is named with a reason.
    verbeterpunten_max: int = 5
    # "overal": n.v.t. may be chosen on every vraag (the 2021 set); "per_vraag": only where the
    # vraag says ``nvt: true``.
    nvt: str = "overal"
    # What the totaalscore averages: "onderdelen" (each with its gewicht) or "themas".
    totaal: str = "onderdelen"


@dataclass(frozen=True)
class Verbeterpunt:
    niveaus: tuple[int, ...]
    tekst: str


@dataclass(frozen=True)
class Duur:
    """Estimated minutes for a thema: the thema itself plus each gemeente that answers."""

    basis: int
    per_gemeente: int

    def minuten(self, aantal_gemeenten: int) -> int:
        return self.basis + self.per_gemeente * aantal_gemeenten


GEMEENTE = "gemeente"
REGIO = "regio"
VEILIGHEID = "veiligheid"


@dataclass(frozen=True)
class Vraag:
    id: str
    tekst: str
    uitleg: str = ""
    gewicht: float = 1.0
    vervangt: tuple[str, ...] = ()
    # The next step that moves this vraag up, per band of levels below the top (a single text
    # in the file is one band covering every level below the top). Empty: no step written.
    volgende_stap: tuple[Verbeterpunt, ...] = ()
    wie: str | None = None  # overrides the thema's wie
    nvt: bool | None = None  # may n.v.t. be chosen here (only with regels.nvt "per_vraag")

    def stap(self, niveau: int) -> str | None:
        """The next step for a vraag answered at ``niveau``; None at the top or when unwritten."""
        for band in self.volgende_stap:
            if niveau in band.niveaus:
                return band.tekst
        return None


@dataclass(frozen=True)
class Thema:
    id: str
    titel: str
    vragen: tuple[Vraag, ...]
    verbeterpunten: tuple[Verbeterpunt, ...]
    kort: str = ""
    beschrijving: str = ""
    kader: tuple[str, ...] = ()
    gewicht: float = 1.0
    wie: str = GEMEENTE  # "gemeente" | "regio": who can act on this thema
    prioriteit: str | None = None  # "veiligheid": people directly at risk; ranks first
    bron: str = ""  # the Bijlage-1 item, or "aanvulling: reason"
    duur: Duur | None = None

    @property
    def regionaal(self) -> bool:
        return self.wie == REGIO

    def wie_van(self, vraag: Vraag) -> str:
        """Who acts on ``vraag``: its own ``wie``, else the thema's."""
        return vraag.wie or self.wie

    @property
    def label(self) -> str:
        """The short name for charts, falling back to the title."""
        return self.kort or self.titel

    def suggestie(self, niveau: int) -> str:
        """The verbeterpunt text for a level of the scale."""
        for band in self.verbeterpunten:
            if niveau in band.niveaus:
                return band.tekst
        raise KeyError(niveau)


@dataclass(frozen=True)
class Vervallen:
    """A vraag of the previous version that this version drops on purpose, and why."""

    id: str
    reden: str


@dataclass(frozen=True)
class Onderdeel:
    id: str
    titel: str
    themas: tuple[Thema, ...]
    beschrijving: str = ""
    gewicht: float = 1.0


@dataclass(frozen=True)
class Vragenlijst:
    id: str
    versie: str
    titel: str
    schaal: Schaal
    onderdelen: tuple[Onderdeel, ...]
    regels: Regels = Regels()
    bron: str = ""
    beschrijving: str = ""
    vorige_versie: str | None = None
    # The previous version's vragen this version drops, each with its reason (``vervallen``).
    vervallen: tuple[Vervallen, ...] = ()
    # The canonical JSON text this object was built from: what a meting snapshots, so its
    # report can be rebuilt years later even after the data file changed.
    json: str = field(default="", compare=False, repr=False)

    @property
    def sleutel(self) -> str:
        return f"{self.id}@{self.versie}"

    @cached_property
    def hash(self) -> str:
        # Once per object: the text never changes (frozen), and hashing ~70 kB on every access
        # showed up wherever metingen are compared with their vragenlijst.
        return hashlib.sha256(self.json.encode("utf-8")).hexdigest()

    @cached_property
    def themas(self) -> tuple[Thema, ...]:
        return tuple(t for o in self.onderdelen for t in o.themas)

    @cached_property
    def vragen(self) -> tuple[Vraag, ...]:
        return tuple(v for t in self.themas for v in t.vragen)

    @cached_property
    def _thema_van_vraag(self) -> dict[str, Thema]:
        return {v.id: t for t in self.themas for v in t.vragen}

    def thema(self, thema_id: str) -> Thema:
        for thema in self.themas:
            if thema.id == thema_id:
                return thema
        raise KeyError(thema_id)

    def vraag(self, vraag_id: str) -> Vraag:
        thema = self._thema_van_vraag[vraag_id]
        return next(v for v in thema.vragen if v.id == vraag_id)

    def thema_van(self, vraag_id: str) -> Thema:
        return self._thema_van_vraag[vraag_id]

    def wie(self, vraag_id: str) -> str:
        """The effective ``wie`` of a vraag (its own, else its thema's)."""
        return self.thema_van(vraag_id).wie_van(self.vraag(vraag_id))

    def nvt_toegestaan(self, vraag_id: str) -> bool:
        """Whether *niet van toepassing* may be chosen for this vraag (see ``regels.nvt``)."""
        if self.regels.nvt == "overal":
            return True
        return self.vraag(vraag_id).nvt is True

    def duur(self, aantal_gemeenten: int) -> int | None:
        """Estimated minutes for a session with ``aantal_gemeenten``; None when no thema has
        a ``duur`` (thema's without one add nothing)."""
        delen = [t.duur.minuten(aantal_gemeenten) for t in self.themas if t.duur is not None]
        return sum(delen) if delen else None

    def onderdeel_van(self, thema_id: str) -> Onderdeel:
        for onderdeel in self.onderdelen:
            if any(t.id == thema_id for t in onderdeel.themas):
                return onderdeel
        raise KeyError(thema_id)


@dataclass(frozen=True)
class Gemeente:
    """A gemeente's membership of a subregio; the CBS code is the stable id across years."""

    cbs: str
    naam: str
    vanaf: date | None = None
    tot: date | None = None
    opgegaan_in: str | None = None

    def actief_op(self, dag: date) -> bool:
        return (self.vanaf is None or self.vanaf <= dag) and (self.tot is None or dag <= self.tot)


@dataclass(frozen=True)
class Subregio:
    id: str
    naam: str
    gemeenten: tuple[Gemeente, ...]

    def gemeenten_op(self, dag: date) -> tuple[Gemeente, ...]:
        """The gemeenten that belong to this subregio on ``dag`` (boundaries change)."""
        return tuple(g for g in self.gemeenten if g.actief_op(dag))


@dataclass(frozen=True)
class Regio:
    id: str
    naam: str
    subregios: tuple[Subregio, ...]
    beschrijving: str = ""
    bron: str = ""

    def subregio(self, subregio_id: str) -> Subregio:
        for subregio in self.subregios:
            if subregio.id == subregio_id:
                return subregio
        raise KeyError(subregio_id)


@dataclass(frozen=True)
class Catalogus:
    """Everything in the data folder: every vragenlijst version and every region."""

    vragenlijsten: tuple[Vragenlijst, ...]
    regios: tuple[Regio, ...]

    def vragenlijst(self, vragenlijst_id: str, versie: str | None = None) -> Vragenlijst:
        """One version, or the newest when ``versie`` is None."""
        kandidaten = [v for v in self.vragenlijsten if v.id == vragenlijst_id]
        if versie is not None:
            kandidaten = [v for v in kandidaten if v.versie == versie]
        if not kandidaten:
            raise KeyError(f"{vragenlijst_id}@{versie}" if versie else vragenlijst_id)
        return max(kandidaten, key=lambda v: versie_sleutel(v.versie))

    def regio(self, regio_id: str) -> Regio:
        for regio in self.regios:
            if regio.id == regio_id:
                return regio
        raise KeyError(regio_id)

    def gemeentenamen(self) -> dict[str, str]:
        """cbs → name of every gemeente of every regio: a message names a gemeente by name,
        even one of another regio ("Gouda", never "GM0513" alone)."""
        return {g.cbs: g.naam for r in self.regios for s in r.subregios for g in s.gemeenten}


def versie_sleutel(versie: str) -> tuple[int, int]:
    """'2021.10' sorts after '2021.9': versions compare as numbers, not text."""
    jaar, volgnummer = versie.split(".")
    return int(jaar), int(volgnummer)
