"""Facilitator accounts: roles per regio, hashed passwords, sessions that can be ended, and
login throttling against guessing.

No Flask here: the web app and the CLI (`zelfscan user …`) share these functions, and
:func:`mag_regio` is the one place that decides whether a user may see a regio's metingen.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

from werkzeug import security

from ..errors import NietSchrijfbaar, OngeldigeInvoer, ZelfscanError
from . import regels
from .verbinding import schrijf_als_het_kan, write_transaction

_log = logging.getLogger(__name__)

BEHEERDER = "beheerder"
GESPREKSLEIDER = "gespreksleider"
ROLLEN = (BEHEERDER, GESPREKSLEIDER)

# OWASP ASVS 2.2.1: throttle guessing, without letting a guesser lock a facilitator out.
# Within a quarter of an hour:
# - five failures for one name from one address lock that name from that address;
# - twenty failures from one address (any names) lock that address;
# - fifty failures for one name from anywhere lock that name from every address that failed
#   for it at least once: a guesser with many addresses gets one try per new address, while
#   the facilitator, from an address that has not failed, still logs in.
MAX_POGINGEN = 5
MAX_POGINGEN_ADRES = 20
MAX_POGINGEN_NAAM = 50
VENSTER = timedelta(minutes=15)
MIN_WACHTWOORD = 10

# A password hash (scrypt, werkzeug's default) takes 32 MiB while it runs. Waitress's 8 threads
# could run 8 at once (270 MB peak for a room logging in together); two at a time keep memory
# flat and cost a queued login ~0.1 s.
_HASH_SLOT = threading.BoundedSemaphore(2)

# Login on a database that cannot be written (a read-only copy, a full disk): a facilitator must
# still be able to log in and look at results and reports, but a read-only file must never lift
# the throttle silently. So the attempts that cannot be stored are counted here, in this process,
# against the same limits, together with the stored ones (which are still read). A restart
# forgets them; that is the one weakening, and it is logged as a warning at every such login.
_NIET_OPGESLAGEN: list[tuple[str, str, str]] = []  # (naam, adres, tijd)
_NIET_OPGESLAGEN_SLOT = threading.Lock()


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
    rol: str
    regios: frozenset[str]  # a gespreksleider's regio ids; empty for a beheerder (all)
    actief: bool
    generatie: int  # raised to end every session of this user

    @property
    def is_beheerder(self) -> bool:
        return self.rol == BEHEERDER


def zichtbare_regios(gebruiker: Gebruiker) -> frozenset[str] | None:
    """The regio ids whose metingen this user may see and change; None: every regio."""
    if not gebruiker.actief:
        return frozenset()
    return None if gebruiker.is_beheerder else gebruiker.regios


def mag_regio(gebruiker: Gebruiker | None, regio_id: str | None) -> bool:
    """Whether ``gebruiker`` may see, change, export and report metingen of ``regio_id``.

    The one place that decides scope: the web app asks it for every meting route, the overview
    and the "nieuwe meting" form; nothing else compares regio's.
    """
    if gebruiker is None or regio_id is None:
        return False
    zichtbaar = zichtbare_regios(gebruiker)
    return zichtbaar is None or regio_id in zichtbaar


def mag_meting(db, gebruiker: Gebruiker | None, meting_id: int) -> bool:
    """Whether ``gebruiker`` may open meting ``meting_id`` (False too when it does not exist)."""
    rij = db.execute("SELECT regio_id FROM metingen WHERE id = ?", [meting_id]).fetchone()
    return rij is not None and mag_regio(gebruiker, rij[0])


def _nu() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def aantal(db) -> int:
    return db["gebruikers"].count


def controleer_regios(
    db, rol: str, regios: Iterable[str], bekende: Iterable[str] | None
) -> list[str]:
    """The regio ids to store for an account of ``rol``, or the refusal (GebruikerFout)."""
    if rol not in ROLLEN:
        raise GebruikerFout(f"Onbekende rol '{rol}'. Kies beheerder of gespreksleider.")
    gekozen = sorted({r.strip() for r in regios if r.strip()})
    if rol == BEHEERDER:
        return []  # every regio, now and later
    if not gekozen:
        raise GebruikerFout(
            "Kies minstens één regio voor een gespreksleider (of maak een beheerder)."
        )
    if len(gekozen) > regels.MAX_REGIOS_PER_GEBRUIKER:
        raise GebruikerFout(
            f"Kies hoogstens {regels.MAX_REGIOS_PER_GEBRUIKER} regio's voor één gespreksleider."
        )
    if bekende is not None:
        # The regio's of the data files, and those of metingen already stored (an imported
        # meting of a regio whose file is gone can still be assigned).
        alle = set(bekende) | {
            r for (r,) in db.execute("SELECT DISTINCT regio_id FROM metingen").fetchall()
        }
        onbekend = [r for r in gekozen if r not in alle]
        if onbekend:
            raise GebruikerFout(
                f"Onbekende regio {', '.join(repr(r) for r in onbekend)}. Bekende regio's: "
                f"{', '.join(sorted(alle)) or '(geen)'}."
            )
    return gekozen


def voeg_toe(
    db,
    naam: str,
    wachtwoord: str,
    *,
    rol: str = BEHEERDER,
    regios: Iterable[str] = (),
    bekende_regios: Iterable[str] | None = None,
    alleen_als_eerste: bool = False,
) -> Gebruiker:
    """A new account. The default role is for the first account and the demo's: every other
    caller (``zelfscan user add``, the beheer page) names the role. ``bekende_regios``: refuse
    regio ids outside these (and those of stored metingen). ``alleen_als_eerste``: refuse when
    any account exists, checked in the same transaction (two first-run forms at once)."""
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
    regio_ids = controleer_regios(db, rol, regios, bekende_regios)
    wachtwoord_hash = generate_password_hash(wachtwoord)
    with write_transaction(db):
        if alleen_als_eerste and aantal(db):
            raise GebruikerFout("Er is al een account aangemaakt. Log in.")
        if db.execute("select 1 from gebruikers where lower(naam) = lower(?)", [naam]).fetchone():
            raise GebruikerFout(f"De gebruiker '{naam}' bestaat al. Kies een andere naam.")
        gebruiker_id = db.execute(
            "INSERT INTO gebruikers (naam, wachtwoord_hash, aangemaakt_op, rol) VALUES (?, ?, ?, ?)",
            [naam, wachtwoord_hash, _nu().isoformat(), rol],
        ).lastrowid
        for regio_id in regio_ids:
            db.execute(
                "INSERT INTO gebruiker_regios (gebruiker_id, regio_id) VALUES (?, ?)",
                [gebruiker_id, regio_id],
            )
    return gebruiker(db, gebruiker_id)


def _id_van(db, naam: str) -> int:
    rij = db.execute(
        "select id from gebruikers where lower(naam) = lower(?)", [naam.strip()]
    ).fetchone()
    if rij is None:
        raise GebruikerFout(f"De gebruiker '{naam.strip()}' bestaat niet.")
    return rij[0]


def zet_wachtwoord(db, naam: str, wachtwoord: str) -> None:
    """A new password; every session of the user ends (whoever had the old one is out)."""
    if len(wachtwoord) < MIN_WACHTWOORD:
        raise GebruikerFout(f"Kies een wachtwoord van minstens {MIN_WACHTWOORD} tekens.")
    gebruiker_id = _id_van(db, naam)
    wachtwoord_hash = generate_password_hash(wachtwoord)
    with write_transaction(db):
        db.execute(
            "UPDATE gebruikers SET wachtwoord_hash = ?, sessie_generatie = sessie_generatie + 1 "
            "WHERE id = ?",
            [wachtwoord_hash, gebruiker_id],
        )


def schakel_uit(db, naam: str) -> Gebruiker:
    """Disable an account: it cannot log in, and every session of it ends at once. The last
    active beheerder cannot be disabled, or no one could manage users any more."""
    gebruiker_id = _id_van(db, naam)
    with write_transaction(db):
        rol, actief = db.execute(
            "SELECT rol, actief FROM gebruikers WHERE id = ?", [gebruiker_id]
        ).fetchone()
        if rol == BEHEERDER and actief:
            (anderen,) = db.execute(
                "SELECT count(*) FROM gebruikers WHERE rol = ? AND actief = 1 AND id != ?",
                [BEHEERDER, gebruiker_id],
            ).fetchone()
            if anderen == 0:
                raise GebruikerFout(
                    f"'{naam.strip()}' is de laatste actieve beheerder en kan niet worden "
                    "uitgeschakeld. Maak eerst een andere beheerder aan."
                )
        db.execute(
            "UPDATE gebruikers SET actief = 0, sessie_generatie = sessie_generatie + 1 "
            "WHERE id = ?",
            [gebruiker_id],
        )
    return gebruiker(db, gebruiker_id)


def beeindig_sessies(db, gebruiker_id: int) -> None:
    """End every session of this user (logging out ends them all, on every device)."""
    with write_transaction(db):
        db.execute(
            "UPDATE gebruikers SET sessie_generatie = sessie_generatie + 1 WHERE id = ?",
            [gebruiker_id],
        )


_KOLOMMEN = "id, naam, rol, actief, sessie_generatie"


def _uit_rij(db, rij) -> Gebruiker:
    regios = frozenset(
        r
        for (r,) in db.execute(
            "SELECT regio_id FROM gebruiker_regios WHERE gebruiker_id = ?", [rij[0]]
        ).fetchall()
    )
    return Gebruiker(rij[0], rij[1], rij[2], regios, bool(rij[3]), rij[4])


def gebruiker(db, gebruiker_id: int) -> Gebruiker | None:
    """The account with this id, disabled or not (callers check ``actief``)."""
    rij = db.execute(f"select {_KOLOMMEN} from gebruikers where id = ?", [gebruiker_id]).fetchone()
    return _uit_rij(db, rij) if rij else None


def zoek(db, naam: str) -> Gebruiker | None:
    rij = db.execute(
        f"select {_KOLOMMEN} from gebruikers where lower(naam) = lower(?)", [naam.strip()]
    ).fetchone()
    return _uit_rij(db, rij) if rij else None


def alle(db) -> list[Gebruiker]:
    return [
        _uit_rij(db, rij)
        for rij in db.execute(f"select {_KOLOMMEN} from gebruikers order by lower(naam)")
    ]


def log_in(
    db, naam: str, wachtwoord: str, adres: str = "", nu: datetime | None = None
) -> Gebruiker | None:
    """The user when name and password match and the account is active; None otherwise.
    Raises TeVeelPogingen when this name is locked from this address (see MAX_POGINGEN).

    Counting is atomic: the attempt is checked against the limits and recorded as a failure in
    one write transaction, before the (slow) password check; a correct password removes it
    again. Parallel guesses therefore each take a place in the count, and never pass the limit.
    """
    nu = nu or _nu()
    sleutel = naam.strip().lower()
    in_geheugen = None
    try:
        with write_transaction(db):
            # Forget what no limit looks at any more, so the table stays small.
            db.execute("DELETE FROM inlogpogingen WHERE tijd <= ?", [(nu - VENSTER).isoformat()])
            _controleer_slot(db, sleutel, adres, nu)
            poging = db.execute(
                "INSERT INTO inlogpogingen (naam, adres, tijd) VALUES (?, ?, ?)",
                [sleutel, adres, nu.isoformat()],
            ).lastrowid
    except NietSchrijfbaar as fout:
        _log.warning(
            "Inlogpoging alleen in het geheugen geteld (de database kan niet schrijven): %s", fout
        )
        poging = None
        in_geheugen = (sleutel, adres, nu.isoformat())
        with _NIET_OPGESLAGEN_SLOT:
            sinds = (nu - VENSTER).isoformat()
            _NIET_OPGESLAGEN[:] = [p for p in _NIET_OPGESLAGEN if p[2] > sinds]
            _controleer_slot(db, sleutel, adres, nu)
            _NIET_OPGESLAGEN.append(in_geheugen)
    rij = db.execute(
        "select id, wachtwoord_hash, actief from gebruikers where lower(naam) = ?", [sleutel]
    ).fetchone()
    # Hash even for an unknown name, so timing does not tell which names exist.
    geldig = check_password_hash(rij[1] if rij else _nep_hash(), wachtwoord) and rij is not None
    if not (geldig and rij[2]):
        return None
    # Only this address's failures for the name: a guesser elsewhere stays counted.
    with _NIET_OPGESLAGEN_SLOT:
        _NIET_OPGESLAGEN[:] = [p for p in _NIET_OPGESLAGEN if p[:2] != (sleutel, adres)]
    if in_geheugen is None:
        schrijf_als_het_kan(
            db,
            "Het wissen van mislukte inlogpogingen",
            lambda: db.execute(
                "DELETE FROM inlogpogingen WHERE id = ? OR (naam = ? AND adres = ?)",
                [poging, sleutel, adres],
            ),
        )
    return gebruiker(db, rij[0])


def _controleer_slot(db, sleutel: str, adres: str, nu: datetime) -> None:
    sinds = (nu - VENSTER).isoformat()

    def tijden(waar: str, parameters: list, past) -> list[str]:
        opgeslagen = [
            t
            for (t,) in db.execute(
                f"SELECT tijd FROM inlogpogingen WHERE tijd > ? AND {waar} ORDER BY tijd",
                [sinds, *parameters],
            ).fetchall()
        ]
        # Attempts counted while the database could not be written (see _NIET_OPGESLAGEN).
        geteld = [t for (n, a, t) in list(_NIET_OPGESLAGEN) if t > sinds and past(n, a)]
        return sorted(opgeslagen + geteld)

    paar = tijden(
        "naam = ? AND adres = ?", [sleutel, adres], lambda n, a: (n, a) == (sleutel, adres)
    )
    grenzen = [
        (paar, MAX_POGINGEN),
        (tijden("adres = ?", [adres], lambda n, a: a == adres), MAX_POGINGEN_ADRES),
    ]
    if paar:
        grenzen.append(
            (tijden("naam = ?", [sleutel], lambda n, a: n == sleutel), MAX_POGINGEN_NAAM)
        )
    for pogingen, grens in grenzen:
        if len(pogingen) >= grens:
            eerste = datetime.fromisoformat(pogingen[-grens])
            over = (eerste + VENSTER - nu).total_seconds()
            raise TeVeelPogingen(max(1, round(over / 60 + 0.49)))


@cache
def _nep_hash() -> str:
    return generate_password_hash("niet-bestaande-gebruiker")


# --- the first account ------------------------------------------------------------------------
# On an empty database whoever reaches /inrichten first would become the first beheerder. From
# this machine (the loopback address) that is the person who started the server; from anywhere
# else it takes this one-time code, which `zelfscan serve` prints and the server log shows.

INRICHTCODE = "inrichtcode"


def inrichtcode(map_: Path) -> str:
    """The one-time code for creating the first account, made on first use (in the instance
    folder, readable only by the server's user)."""
    bestand = Path(map_) / INRICHTCODE
    if not bestand.exists():
        bestand.parent.mkdir(parents=True, exist_ok=True)
        letters = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: it is typed over
        code = "-".join("".join(secrets.choice(letters) for _ in range(4)) for _ in range(5))
        bestand.write_text(code, encoding="utf-8")
        bestand.chmod(0o600)
    return bestand.read_text(encoding="utf-8").strip()


def inrichtcode_klopt(map_: Path, code: str) -> bool:
    bestand = Path(map_) / INRICHTCODE
    if not bestand.exists():
        return False
    verwacht = bestand.read_text(encoding="utf-8").strip().upper()
    gegeven = "".join(code.split()).upper()
    return secrets.compare_digest(verwacht.encode(), gegeven.encode())


def vergeet_inrichtcode(map_: Path) -> None:
    """Once the first account exists the code is spent."""
    (Path(map_) / INRICHTCODE).unlink(missing_ok=True)
