"""Private links that let one gemeente see its own results of one meting, and nothing else.

The token is 256 random bits, shown once to the facilitator; the database keeps only its
SHA-256, so a copy or backup of the database hands out no working link (OWASP ASVS 3.5).
No Flask here.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from .. import opslag
from ..errors import NietGevonden, OngeldigeInvoer
from . import logboektabel, regels
from .verbinding import schrijf_als_het_kan, utc_now, write_transaction


@dataclass(frozen=True)
class Link:
    id: int
    meting_id: int
    cbs: str
    aangemaakt_op: str
    aangemaakt_door: str
    verloopt_op: str | None
    ingetrokken_op: str | None
    laatst_gebruikt_op: str | None

    def geldig(self, nu: datetime | None = None) -> bool:
        nu = nu or datetime.now(UTC)
        if self.ingetrokken_op:
            return False
        return self.verloopt_op is None or datetime.fromisoformat(self.verloopt_op) > nu

    @property
    def status(self) -> str:
        if self.ingetrokken_op:
            return "ingetrokken"
        return "geldig" if self.geldig() else "verlopen"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _link(rij) -> Link:
    return Link(**{k: rij[k] for k in Link.__dataclass_fields__})


def maak_link(
    db, meting_id: int, cbs: str, *, wie: str, geldig_dagen: int | None = None
) -> tuple[str, Link]:
    """A new link for one gemeente; returns the token (shown once) and the stored link."""
    meting = opslag.meting(db, meting_id)
    try:
        gemeente = meting.gemeente(cbs)
    except KeyError:
        raise OngeldigeInvoer(f"Gemeente {cbs} doet niet mee aan deze meting.") from None
    if geldig_dagen is not None and not 1 <= geldig_dagen <= regels.MAX_GELDIG_DAGEN:
        raise OngeldigeInvoer(
            f"Een link is 1 tot {regels.MAX_GELDIG_DAGEN} dagen geldig; laat het leeg voor "
            "onbeperkt."
        )
    token = secrets.token_urlsafe(32)
    nu = utc_now()
    verloopt = None
    if geldig_dagen is not None:
        verloopt = (datetime.fromisoformat(nu) + timedelta(days=geldig_dagen)).isoformat()
    with write_transaction(db):
        cursor = db.execute(
            "INSERT INTO gemeente_links (meting_id, cbs, token_hash, aangemaakt_op, aangemaakt_door, verloopt_op) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [meting_id, cbs, _hash(token), nu, wie, verloopt],
        )
        link_id = cursor.lastrowid
        logboektabel.log(
            db,
            meting_id,
            wie,
            "link gemaakt",
            f"voor {gemeente.naam}" + (f", geldig tot {verloopt[:10]}" if verloopt else ""),
            nu,
        )
    return token, link(db, link_id)


def _rijen(db, sql: str, params: list) -> list[dict]:
    cursor = db.execute(sql, params)
    kolommen = [c[0] for c in cursor.description]
    return [dict(zip(kolommen, rij, strict=True)) for rij in cursor.fetchall()]


def link(db, link_id: int) -> Link:
    rijen = _rijen(db, "SELECT * FROM gemeente_links WHERE id = ?", [link_id])
    if not rijen:
        raise NietGevonden("Deze link bestaat niet.")
    return _link(rijen[0])


def links(db, meting_id: int) -> list[Link]:
    return [
        _link(r)
        for r in _rijen(
            db, "SELECT * FROM gemeente_links WHERE meting_id = ? ORDER BY id", [meting_id]
        )
    ]


def zoek(db, token: str) -> Link | None:
    """The valid link for ``token``; None for an unknown, revoked or expired one."""
    if not token or len(token) > 100:
        return None
    rijen = _rijen(db, "SELECT * FROM gemeente_links WHERE token_hash = ?", [_hash(token)])
    if not rijen or not (gevonden := _link(rijen[0])).geldig():
        return None
    # Bookkeeping only: on a read-only database or a full disk the gemeente still sees its page.
    schrijf_als_het_kan(
        db,
        "Het laatste gebruik van een gemeentelink",
        lambda: db.execute(
            "UPDATE gemeente_links SET laatst_gebruikt_op = ? WHERE id = ?",
            [utc_now(), gevonden.id],
        ),
    )
    return gevonden


def trek_in(db, meting_id: int, link_id: int, *, wie: str) -> None:
    gevonden = link(db, link_id)
    if gevonden.meting_id != meting_id:
        raise NietGevonden("Deze link hoort niet bij deze meting.")
    nu = utc_now()
    try:
        naam = opslag.meting(db, meting_id).gemeente(gevonden.cbs).naam
    except KeyError:  # a link is only made for a gemeente of the meting; the code if not
        naam = gevonden.cbs
    with write_transaction(db):
        db.execute(
            "UPDATE gemeente_links SET ingetrokken_op = ? WHERE id = ? AND ingetrokken_op IS NULL",
            [nu, link_id],
        )
        logboektabel.log(db, meting_id, wie, "link ingetrokken", f"voor {naam}", nu)
