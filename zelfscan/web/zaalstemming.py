"""What the session's includes show of the room's votes for one thema: per vraag and gemeente
the spread of the votes and what was settled (the answer itself the page already has); how
many voted; the address and code to join. Read once per request and kept on ``g``, because the thema page and the
presentation view include it several times.

The views (``stemleiding``) stay thin; the templates reach this through the global
``stemming_van``, registered by the app factory.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flask import g

from ..opslag import deelnametabel, stemtabel
from . import adressen
from .deelname import codeweergave
from .verzoekdb import get_db

if TYPE_CHECKING:
    from ..scores import stemmen

# The spread of the votes (scores.stemmen) loads with the first session page that shows it,
# not when the server starts (issue 13): the functions import it.


@dataclass(frozen=True)
class Rij:
    """One gemeente under one vraag: the spread of its votes and what was settled."""

    gemeente: object
    spreiding: stemmen.Spreiding
    besluit: stemtabel.Besluit | None


@dataclass(frozen=True)
class Stemming:
    deelname: deelnametabel.Deelname | None
    rijen: dict[str, list[Rij]]  # vraag_id → a row per gemeente
    gestemd: int  # participants who voted on this thema
    deelnemers: int  # participants of the open participation
    adres: str  # the short address to type
    link: str  # the address with the code (the QR code's)

    @property
    def alleen_hier(self) -> bool:
        """The address only this laptop can open (127.0.0.1: plain ``serve``): phones cannot
        join, and the facilitator must hear it before the room tries."""
        return bool(self.adres) and adressen.is_loopback(self.adres)

    @property
    def code(self) -> str:
        return codeweergave(self.deelname.code) if self.deelname else ""


def stemming_van(meting, thema) -> Stemming:
    """Everything the includes show for one thema, read once per request."""
    from ..scores import stemmen

    sleutel = f"stemming:{meting.id}:{thema.id}"
    if sleutel in g:
        return g.get(sleutel)
    db = get_db()
    open_ = deelnametabel.deelname(db, meting.id)
    vraag_ids = [v.id for v in thema.vragen]
    per_cel: dict[tuple[str, str], list] = defaultdict(list)
    for s in stemtabel.stemmen(db, meting.id, vraag_ids):
        per_cel[(s.cbs, s.vraag_id)].append(s.waarde)
    besluiten = stemtabel.besluiten(db, meting.id)
    niveaus = [n.waarde for n in meting.vragenlijst.schaal.niveaus]
    rijen = {
        v: [
            Rij(
                gm,
                stemmen.spreiding(per_cel.get((gm.cbs, v), []), niveaus),
                besluiten.get((gm.cbs, v)),
            )
            for gm in meting.gemeenten
        ]
        for v in vraag_ids
    }
    uit = Stemming(
        open_,
        rijen,
        stemtabel.stemmers_gestemd(db, meting.id, vraag_ids) if open_ else 0,
        deelnametabel.aantal_stemmers(db, open_.id) if open_ else 0,
        adressen.publieke_url("deelname.code") if open_ else "",
        adressen.publieke_url("deelname.pagina", code=open_.code) if open_ else "",
    )
    setattr(g, sleutel, uit)
    return uit
