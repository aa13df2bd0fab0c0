"""What the room's votes say: the spread per level, the room's answer, and how divided it was.

Pure functions over plain values (a level of the scale, ``weet_niet`` or ``nvt``): the store
keeps the votes (``opslag.stemtabel``), the web shows them, the report ranks them; all three
read the same rules from here.

The rules, and why:

- **Regiobreed counts once per gemeente.** A participant who works for the whole subregio (a
  Veilig Thuis colleague) gives one answer per vraag; it is one vote in the spread of every
  gemeente, never more than one in any of them (stored so by ``opslag.stemtabel.sla_stem``,
  one row per gemeente not yet settled).
- **The room's answer is the lower median** of the votes on a level. With an even number of
  votes the two middle votes can differ; then the lower of the two is taken, because a
  zelfscan should not round the room up: a level is only claimed when at least half the room
  says it is at least that. The median, not the mean: it is always a level someone chose and
  one outlier does not move it.
- **Weet niet and n.v.t. are not levels.** They do not take part in the median; they become the
  room's answer only when more than half of all votes chose them (no sight on it is itself a
  finding, see ``Schaal.weet_niet``). When nobody chose a level and neither has a majority,
  weet niet: it says the room cannot judge, where n.v.t. would take the vraag out of the score.
- **Grote spreiding** (a vraag for discussion, *verdeeld*): at least a quarter of the votes on a
  level lie two or more levels from the room's answer. Neighbouring levels ("grotendeels" and
  "ja, geborgd") are a normal difference of view; two levels apart means people see a
  different reality, which is worth talking about before settling.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..inlezen.model import NIET_VAN_TOEPASSING, WEET_NIET

# Two levels or more from the room's answer counts as "far"; a quarter of the votes that far
# makes the vraag a bespreekpunt. See the module's docstring for why.
GROTE_AFSTAND = 2
AANDEEL_VER_WEG = 0.25

EENSGEZIND = "eensgezind"
DICHTBIJ = "dicht bij elkaar"
# Some chose a level, others weet niet or n.v.t.: not "eensgezind", whatever the levels say —
# one colleague's "ja, geborgd" beside another's "weet niet" is not a room that agrees.
GEMENGD = "niet iedereen kiest een niveau"
VERDEELD = "verdeeld"
GEEN_STEMMEN = "nog geen stemmen"


@dataclass(frozen=True)
class Spreiding:
    """The votes of the room on one vraag for one gemeente."""

    # (level, number of votes) for every level of the scale, lowest first, zeros included.
    per_niveau: tuple[tuple[int, int], ...]
    weet_niet: int
    nvt: int
    # The lower median of the votes on a level; None when nobody chose a level.
    mediaan: int | None
    # What the room answers (see the module): a level, WEET_NIET, NIET_VAN_TOEPASSING or None.
    voorstel: int | str | None
    # Votes on a level at GROTE_AFSTAND or more from the median.
    ver_weg: int
    # Mean distance in levels from the median (0.0 without votes on a level).
    afstand: float

    @property
    def op_niveau(self) -> int:
        return sum(n for _, n in self.per_niveau)

    @property
    def aantal(self) -> int:
        """How many voted, weet niet and n.v.t. included."""
        return self.op_niveau + self.weet_niet + self.nvt

    @property
    def bereik(self) -> int | None:
        """Highest minus lowest level chosen; None without votes on a level."""
        gekozen = [w for w, n in self.per_niveau if n]
        return gekozen[-1] - gekozen[0] if gekozen else None

    @property
    def eensgezindheid(self) -> float | None:
        """The share of all votes that chose the most chosen answer (a level, weet niet or
        n.v.t. each counting as an answer); None without votes."""
        if not self.aantal:
            return None
        return max(self.weet_niet, self.nvt, *(n for _, n in self.per_niveau)) / self.aantal

    @property
    def verdeeld(self) -> bool:
        """Grote spreiding: the vraag is a bespreekpunt (see the module)."""
        return self.op_niveau > 1 and self.ver_weg >= AANDEEL_VER_WEG * self.op_niveau

    @property
    def overeenstemming(self) -> str:
        """In words, for the facilitator and the report."""
        if not self.aantal:
            return GEEN_STEMMEN
        if self.verdeeld:
            return VERDEELD
        if self.eensgezindheid == 1:
            return EENSGEZIND
        if self.weet_niet or self.nvt:
            return GEMENGD
        return DICHTBIJ


def spreiding(waarden: Iterable[int | str], niveaus: Sequence[int]) -> Spreiding:
    """The spread of ``waarden`` (votes) on a scale with ``niveaus`` (its levels).

    A value that is neither a level nor weet niet / n.v.t. is refused with ValueError: the store
    only keeps votes on the scale, so this is a programming error, not a person's.
    """
    schaal = sorted(niveaus)
    telling = Counter(waarden)
    vreemd = set(telling) - set(schaal) - {WEET_NIET, NIET_VAN_TOEPASSING}
    if vreemd:
        raise ValueError(f"geen stem op deze schaal: {sorted(map(str, vreemd))}")
    niveaustemmen = sorted(
        w for w in telling.elements() if w not in (WEET_NIET, NIET_VAN_TOEPASSING)
    )
    weet_niet, nvt = telling[WEET_NIET], telling[NIET_VAN_TOEPASSING]
    mediaan = niveaustemmen[(len(niveaustemmen) - 1) // 2] if niveaustemmen else None
    totaal = len(niveaustemmen) + weet_niet + nvt
    if not totaal:
        voorstel: int | str | None = None
    elif 2 * weet_niet > totaal:
        voorstel = WEET_NIET
    elif 2 * nvt > totaal:
        voorstel = NIET_VAN_TOEPASSING
    else:
        voorstel = mediaan if mediaan is not None else WEET_NIET
    afstanden = [abs(w - mediaan) for w in niveaustemmen] if mediaan is not None else []
    return Spreiding(
        per_niveau=tuple((w, telling[w]) for w in schaal),
        weet_niet=weet_niet,
        nvt=nvt,
        mediaan=mediaan,
        voorstel=voorstel,
        ver_weg=sum(1 for a in afstanden if a >= GROTE_AFSTAND),
        afstand=sum(afstanden) / len(afstanden) if afstanden else 0.0,
    )


@dataclass(frozen=True)
class Verdeeldheid:
    """One vraag where the subregio disagreed: in how many gemeenten, and how far apart."""

    vraag_id: str
    gemeenten: tuple[str, ...]  # where the room was verdeeld, in the order given
    afstand: float  # mean distance from the median over those gemeenten


def meest_verdeeld(
    spreidingen: Mapping[str, Spreiding], volgorde: Sequence[str], hoeveel: int | None = None
) -> list[str]:
    """The vragen (ids) where the room was verdeeld, widest disagreement first.

    Wider = a larger mean distance from the room's answer, then more votes far away; equal
    vragen keep the order of the vragenlijst (``volgorde``), so the list is stable.
    """
    plaats = {v: i for i, v in enumerate(volgorde)}
    gekozen = [v for v, s in spreidingen.items() if s.verdeeld and v in plaats]
    gekozen.sort(
        key=lambda v: (
            -spreidingen[v].afstand,
            -spreidingen[v].ver_weg / spreidingen[v].op_niveau,
            plaats[v],
        )
    )
    return gekozen if hoeveel is None else gekozen[:hoeveel]


def verdeeldheid_subregio(
    per_gemeente: Mapping[str, Mapping[str, Spreiding]],
    volgorde: Sequence[str],
    hoeveel: int | None = None,
) -> list[Verdeeldheid]:
    """Where the subregio disagreed most: vragen verdeeld in the most gemeenten first, then
    by mean distance, then in the order of the vragenlijst."""
    plaats = {v: i for i, v in enumerate(volgorde)}
    uit = []
    for vraag_id in volgorde:
        waar = [
            (cbs, s[vraag_id])
            for cbs, s in per_gemeente.items()
            if vraag_id in s and s[vraag_id].verdeeld
        ]
        if waar:
            uit.append(
                Verdeeldheid(
                    vraag_id,
                    tuple(cbs for cbs, _ in waar),
                    sum(s.afstand for _, s in waar) / len(waar),
                )
            )
    uit.sort(key=lambda d: (-len(d.gemeenten), -d.afstand, plaats[d.vraag_id]))
    return uit if hoeveel is None else uit[:hoeveel]
