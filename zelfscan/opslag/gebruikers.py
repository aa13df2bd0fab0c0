"""Facilitator accounts: hashed passwords, and login throttling against guessing.

No Flask here: the web app and the CLI (`zelfscan user add`) share these functions.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from werkzeug import security

from ..errors import OngeldigeInvoer, ZelfscanError
from . import regels

# OWASP ASVS 2.2.1: throttle guessing. Five failures in a quarter of an hour lock the name (and
# the address) for the rest of that quarter; a facilitator who mistyped waits, a script stalls.
MAX_POGINGEN = 5
VENSTER = timedelta(minutes=15)
MIN_WACHTWOORD = 10

# A password hash (scrypt, werkzeug's default) takes 32 MiB while it runs. Waitress's 8 threads
# could run 8 at once (270 MB peak for a room logging in together); two at a time keep memory
# flat and cost a queued login ~0.1 s.
_HASH_SLOT = threading.BoundedSemaphore(2)


def generate_password_hash(wachtwoord: str) -> str:
    with _HASH_SLOT:
        return security.generate_password_hash(wachtwoord)


def check_password_hash(wachtwoord_hash: str, wachtwoord: str) -> bool:
    with _HASH_SLOT:
        return security.check_password_hash(wachtwoord_hash, wachtwoord)


class GebruikerFout(ZelfscanError):
    pass


class TeVeelPogingen(GebruikerFout):
    def __init__(self, minuten: int):
        self.minuten = minuten
        super().__init__(
            f"Te veel mislukte pogingen om in te loggen. Probeer het over {minuten} "
            f"{'minuut' if minuten == 1 else 'minuten'} opnieuw."
        )


@dataclass(frozen=True)
class Gebruiker:
    id: int
    naam: str


def _nu() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def aantal(db) -> int:
    return db["gebruikers"].count


def voeg_toe(db, naam: str, wachtwoord: str) -> Gebruiker:
    naam = naam.strip()
    if not naam:
        raise GebruikerFout("Vul een gebruikersnaam in.")
    try:
        # The store's limit, so every "wie" it later records from this name fits too.
        regels.veld("gebruiker", naam)
    except OngeldigeInvoer as fout:
        raise GebruikerFout(str(fout)) from None
    if len(wachtwoord) < MIN_WACHTWOORD:
        raise GebruikerFout(f"Kies een wachtwoord van minstens {MIN_WACHTWOORD} tekens.")
    if db.execute("select 1 from gebruikers where lower(naam) = lower(?)", [naam]).fetchone():
        raise GebruikerFout(f"De gebruiker '{naam}' bestaat al. Kies een andere naam.")
    with db.conn:
        tabel = db["gebruikers"].insert(
            {
                "naam": naam,
                "wachtwoord_hash": generate_password_hash(wachtwoord),
                "aangemaakt_op": _nu().isoformat(),
            }
        )
    return Gebruiker(tabel.last_pk, naam)


def zet_wachtwoord(db, naam: str, wachtwoord: str) -> None:
    if len(wachtwoord) < MIN_WACHTWOORD:
        raise GebruikerFout(f"Kies een wachtwoord van minstens {MIN_WACHTWOORD} tekens.")
    rij = db.execute("select id from gebruikers where lower(naam) = lower(?)", [naam]).fetchone()
    if rij is None:
        raise GebruikerFout(f"De gebruiker '{naam}' bestaat niet.")
    with db.conn:
        db["gebruikers"].update(rij[0], {"wachtwoord_hash": generate_password_hash(wachtwoord)})


def gebruiker(db, gebruiker_id: int) -> Gebruiker | None:
    rij = db.execute("select id, naam from gebruikers where id = ?", [gebruiker_id]).fetchone()
    return Gebruiker(*rij) if rij else None


def log_in(db, naam: str, wachtwoord: str, adres: str = "") -> Gebruiker | None:
    """The user when name and password match; None otherwise. Raises TeVeelPogingen when locked."""
    nu = _nu()
    _controleer_slot(db, naam, adres, nu)
    rij = db.execute(
        "select id, naam, wachtwoord_hash from gebruikers where lower(naam) = lower(?)",
        [naam.strip()],
    ).fetchone()
    # Hash even for an unknown name, so timing does not tell which names exist.
    geldig = check_password_hash(rij[2] if rij else _nep_hash(), wachtwoord) and rij is not None
    with db.conn:
        if geldig:
            db.execute("delete from inlogpogingen where lower(naam) = lower(?)", [naam.strip()])
            return Gebruiker(rij[0], rij[1])
        db["inlogpogingen"].insert(
            {"naam": naam.strip().lower(), "adres": adres, "tijd": nu.isoformat()}
        )
    return None


def _controleer_slot(db, naam: str, adres: str, nu: datetime) -> None:
    sinds = (nu - VENSTER).isoformat()
    pogingen = db.execute(
        "select tijd from inlogpogingen where tijd > ? and (naam = ? or (adres = ? and adres != '')) "
        "order by tijd",
        [sinds, naam.strip().lower(), adres],
    ).fetchall()
    if len(pogingen) >= MAX_POGINGEN:
        eerste = datetime.fromisoformat(pogingen[-MAX_POGINGEN][0])
        over = (eerste + VENSTER - nu).total_seconds()
        raise TeVeelPogingen(max(1, round(over / 60 + 0.49)))


@cache
def _nep_hash() -> str:
    return generate_password_hash("niet-bestaande-gebruiker")
