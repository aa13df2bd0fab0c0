"""What the room's votes add to the reports (issue 19), gathered (pure, no layout): per
gemeente the vragen where those present were divided and how many answers were settled from the
votes; for the overview, where the subregio disagreed most. The layout is
:mod:`.stemmingdeel`; a meting without votes gets no section at all, so its reports stay exactly
as they were.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..scores import stemmen

# The report names the widest disagreements, not every one: a list to discuss, not a table.
HOOGSTENS = 5


@dataclass(frozen=True)
class VerdeeldeVraag:
    tekst: str
    stemmen: int
    verdeling: str  # "3× Nee, 1× Grotendeels, 2× Ja, geborgd"
    vastgesteld: str  # the answer settled, or ""


@dataclass(frozen=True)
class Stemming:
    """One gemeente's part of the vote."""

    vragen_met_stemmen: int
    verdeeld: tuple[VerdeeldeVraag, ...]  # widest disagreement first, at most HOOGSTENS
    aantal_verdeeld: int
    uit_stemmen: int  # answers settled from the votes
    beantwoord: int  # answers given in this meting

    @property
    def aandeel(self) -> float:
        return self.uit_stemmen / self.beantwoord if self.beantwoord else 0.0


def _per_cel(meting, alle_stemmen: Iterable) -> dict[str, dict[str, stemmen.Spreiding]]:
    """cbs → vraag_id → spread."""
    waarden: dict[tuple[str, str], list] = defaultdict(list)
    for s in alle_stemmen:
        waarden[(s.cbs, s.vraag_id)].append(s.waarde)
    niveaus = [n.waarde for n in meting.vragenlijst.schaal.niveaus]
    uit: dict[str, dict[str, stemmen.Spreiding]] = defaultdict(dict)
    for (cbs, vraag_id), w in waarden.items():
        uit[cbs][vraag_id] = stemmen.spreiding(w, niveaus)
    return uit


def _verdeling(schaal, s: stemmen.Spreiding) -> str:
    delen = [f"{n}× {schaal.label(w)}" for w, n in s.per_niveau if n]
    if s.weet_niet:
        delen.append(f"{s.weet_niet}× {schaal.weet_niet.label}")
    if s.nvt:
        delen.append(f"{s.nvt}× {schaal.niet_van_toepassing.label}")
    return ", ".join(delen)


def verzamel(
    meting, cbs: str, alle_stemmen: Iterable, besluiten: Mapping, antwoorden: Mapping
) -> Stemming | None:
    """The gemeente's part of the vote; None when nobody voted for it."""
    spreidingen = _per_cel(meting, alle_stemmen).get(cbs, {})
    if not spreidingen:
        return None
    lijst = meting.vragenlijst
    volgorde = [v.id for v in lijst.vragen]
    verdeeld = stemmen.meest_verdeeld(spreidingen, volgorde)
    # A settlement stands while the answer is still what was settled: the facilitator may have
    # changed or cleared it afterwards, and then the answer is no longer the room's.
    geldig = {
        v: b
        for (c, v), b in besluiten.items()
        if c == cbs and (a := antwoorden.get((c, v))) is not None and a.waarde == b.waarde
    }
    regels = []
    for vraag_id in verdeeld[:HOOGSTENS]:
        besluit = geldig.get(vraag_id)
        regels.append(
            VerdeeldeVraag(
                lijst.vraag(vraag_id).tekst,
                spreidingen[vraag_id].aantal,
                _verdeling(lijst.schaal, spreidingen[vraag_id]),
                lijst.schaal.label(besluit.waarde) if besluit else "",
            )
        )
    return Stemming(
        vragen_met_stemmen=len(spreidingen),
        verdeeld=tuple(regels),
        aantal_verdeeld=len(verdeeld),
        uit_stemmen=len(geldig),
        beantwoord=sum(1 for (c, _), a in antwoorden.items() if c == cbs and a.waarde is not None),
    )


@dataclass(frozen=True)
class SubregioVerdeeld:
    tekst: str
    gemeenten: tuple[str, ...]  # names


def verzamel_subregio(meting, alle_stemmen: Iterable) -> tuple[SubregioVerdeeld, ...]:
    """Where the subregio disagreed most: the vragen divided in the most gemeenten."""
    per_gemeente = _per_cel(meting, alle_stemmen)
    if not per_gemeente:
        return ()
    namen = {g.cbs: g.naam for g in meting.gemeenten}
    lijst = meting.vragenlijst
    return tuple(
        SubregioVerdeeld(lijst.vraag(d.vraag_id).tekst, tuple(namen[c] for c in d.gemeenten))
        for d in stemmen.verdeeldheid_subregio(
            per_gemeente, [v.id for v in lijst.vragen], HOOGSTENS
        )
    )
