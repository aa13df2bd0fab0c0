"""How far a session is: pure, from a vragenlijst, the gemeenten and the stored answers."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..inlezen.model import Vragenlijst


class _Telt:
    """What follows from ``beantwoord``, ``totaal`` and ``onbevestigd``, however they were
    counted (answer by answer here, or by the store's SQL): one rule for a thema and a meting."""

    @property
    def gegeven(self) -> int:
        """Answers the room gave or confirmed: last year's unconfirmed ones are not counted."""
        return self.beantwoord - self.onbevestigd

    @property
    def aandeel(self) -> float:
        """The share given or confirmed: a vervolgmeting does not start at 100%."""
        return self.gegeven / self.totaal if self.totaal else 1.0

    @property
    def klaar(self) -> bool:
        """Every answer given, and none still waiting for the room to confirm it."""
        return self.beantwoord == self.totaal and not self.onbevestigd


@dataclass(frozen=True)
class ThemaVoortgang(_Telt):
    thema_id: str
    beantwoord: int
    totaal: int
    open_per_gemeente: Mapping[str, tuple[str, ...]]  # cbs -> vraag ids still open
    # cbs -> vraag ids copied from last year and not yet confirmed (answered, but not settled)
    onbevestigd_per_gemeente: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def onbevestigd(self) -> int:
        return sum(len(v) for v in self.onbevestigd_per_gemeente.values())


@dataclass(frozen=True)
class Voortgang(_Telt):
    themas: tuple[ThemaVoortgang, ...]
    # cbs -> share of questions settled (0..1): answered in this session or confirmed. An answer
    # copied from last year is not counted until the room confirms it, or a vervolgmeting
    # would read "Haarlem 100%" before a word was said.
    per_gemeente: Mapping[str, float]

    @property
    def beantwoord(self) -> int:
        return sum(t.beantwoord for t in self.themas)

    @property
    def totaal(self) -> int:
        return sum(t.totaal for t in self.themas)

    @property
    def onbevestigd(self) -> int:
        return sum(t.onbevestigd for t in self.themas)

    @property
    def themas_klaar(self) -> int:
        return sum(t.klaar for t in self.themas)

    def thema(self, thema_id: str) -> ThemaVoortgang:
        return next(t for t in self.themas if t.thema_id == thema_id)

    @property
    def eerste_open_thema(self) -> str | None:
        return next((t.thema_id for t in self.themas if not t.klaar), None)


def bereken_voortgang(
    vragenlijst: Vragenlijst, gemeenten: Sequence[str], antwoorden: Mapping
) -> Voortgang:
    """``antwoorden`` maps (cbs, vraag_id) to anything with a ``waarde`` (None = open).

    Weet niet and n.v.t. count as answered: the room did settle them. An answer copied from
    last year counts as answered too, and is listed apart as *onbevestigd*: a thema is only
    ``klaar`` once the room confirmed or changed each of them, and ``per_gemeente`` counts it
    only then.
    """
    themas = []
    per_gemeente = dict.fromkeys(gemeenten, 0)
    for thema in vragenlijst.themas:
        open_: dict[str, tuple[str, ...]] = {}
        onbevestigd: dict[str, tuple[str, ...]] = {}
        beantwoord = 0
        for cbs in gemeenten:
            ontbrekend = []
            over = []
            for vraag in thema.vragen:
                antwoord = antwoorden.get((cbs, vraag.id))
                if antwoord is not None and antwoord.waarde is not None:
                    beantwoord += 1
                    if getattr(antwoord, "overgenomen", False):
                        over.append(vraag.id)
                    else:
                        per_gemeente[cbs] += 1
                else:
                    ontbrekend.append(vraag.id)
            if ontbrekend:
                open_[cbs] = tuple(ontbrekend)
            if over:
                onbevestigd[cbs] = tuple(over)
        themas.append(
            ThemaVoortgang(
                thema.id, beantwoord, len(thema.vragen) * len(gemeenten), open_, onbevestigd
            )
        )
    aantal = len(vragenlijst.vragen) or 1
    return Voortgang(tuple(themas), {cbs: n / aantal for cbs, n in per_gemeente.items()})


@dataclass(frozen=True)
class ThemaTelling(_Telt):
    """A thema's progress as counted by the store (no per-gemeente detail)."""

    thema_id: str
    beantwoord: int
    totaal: int
    onbevestigd: int


@dataclass(frozen=True)
class VoortgangKort(_Telt):
    """What a list of metingen shows of each one's progress: the totals and the thema's that
    are done, from :func:`zelfscan.opslag.antwoord_tellingen` (same rules as
    :func:`bereken_voortgang`). The sums are plain fields: a list of hundreds of metingen reads
    them for every row."""

    themas: tuple[ThemaTelling, ...]
    beantwoord: int
    totaal: int
    onbevestigd: int
    themas_klaar: int


def _kort(themas: tuple[ThemaTelling, ...]) -> VoortgangKort:
    return VoortgangKort(
        themas,
        sum(t.beantwoord for t in themas),
        sum(t.totaal for t in themas),
        sum(t.onbevestigd for t in themas),
        sum(t.klaar for t in themas),
    )


# Immutable, and the same for every meting of one vragenlijst and size that is complete (or
# empty). Keyed on the snapshot object (the store shares one per content hash), which the
# entry keeps alive so its id is not reused.
_HEEL_OF_LEEG: dict[tuple[int, int, bool], tuple[Vragenlijst, VoortgangKort]] = {}


def _heel_of_leeg(vragenlijst: Vragenlijst, aantal_gemeenten: int, heel: bool) -> VoortgangKort:
    sleutel = (id(vragenlijst), aantal_gemeenten, heel)
    gevonden = _HEEL_OF_LEEG.get(sleutel)
    if gevonden is not None and gevonden[0] is vragenlijst:
        return gevonden[1]
    if len(_HEEL_OF_LEEG) > 256:
        _HEEL_OF_LEEG.clear()
    kort = _kort(
        tuple(
            ThemaTelling(t.id, n if heel else 0, n, 0)
            for t in vragenlijst.themas
            for n in [len(t.vragen) * aantal_gemeenten]
        )
    )
    _HEEL_OF_LEEG[sleutel] = (vragenlijst, kort)
    return kort


def voortgang_uit_tellingen(
    vragenlijst: Vragenlijst,
    aantal_gemeenten: int,
    beantwoord: int,
    onbevestigd: int,
    per_vraag: Mapping[str, tuple[int, int]] | None,
) -> VoortgangKort:
    """Progress from counts (:class:`zelfscan.opslag.Tellingen`), by the rules of
    :func:`bereken_voortgang`. ``per_vraag`` None: every answer is given and confirmed
    (``beantwoord`` is the total), or none is."""
    if per_vraag is None:
        return _heel_of_leeg(vragenlijst, aantal_gemeenten, beantwoord > 0)
    themas = []
    for thema in vragenlijst.themas:
        n = o = 0
        for vraag in thema.vragen:
            vn, vo = per_vraag.get(vraag.id, (0, 0))
            n += vn
            o += vo
        themas.append(ThemaTelling(thema.id, n, len(thema.vragen) * aantal_gemeenten, o))
    return _kort(tuple(themas))


# --- before closing: a note for all that names a gemeente ---------------------------------------


@dataclass(frozen=True)
class GenoemdeGemeente:
    """A note for all gemeenten that names a gemeente of the meting: every gemeente's report
    carries that note, so the others' reports (and what the Woo may make public) name it too."""

    thema_id: str
    notitie: str
    namen: tuple[str, ...]  # the gemeenten it names, in the meting's order


def _plat(tekst: str) -> str:
    # Case and accents ignored: 'Bëekhuizen', 'beekhuizen' and 'BEEKHUIZEN' are one name.
    tekst = unicodedata.normalize("NFKD", tekst)
    return "".join(c for c in tekst if not unicodedata.combining(c)).casefold()


def genoemde_gemeenten(
    vragenlijst: Vragenlijst, gemeenten: Sequence, notities: Mapping
) -> tuple[GenoemdeGemeente, ...]:
    """The notes for all (``notities``: opslag.notities, by (thema_id, cbs)) that name a
    gemeente of ``gemeenten`` as a whole word, in vragenlijst order. None with one gemeente:
    a note for all is then its own."""
    if len(gemeenten) < 2:
        return ()
    patronen = [
        (g.naam, re.compile(rf"(?<!\w){re.escape(_plat(g.naam))}(?!\w)")) for g in gemeenten
    ]
    uit = []
    for thema in vragenlijst.themas:
        notitie = notities.get((thema.id, None))
        tekst = (notitie.tekst or "").strip() if notitie is not None else ""
        if not tekst:
            continue
        plat = _plat(tekst)
        namen = tuple(naam for naam, patroon in patronen if patroon.search(plat))
        if namen:
            uit.append(GenoemdeGemeente(thema.id, tekst, namen))
    return tuple(uit)
