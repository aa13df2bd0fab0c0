"""Bad input never breaks the app: random form data on every state-changing route, random JSON
for autosave, a database that cannot be written, and a full disk in the middle of a write."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import WACHTWOORD, csrf_token, log_in
from zelfscan import opslag
from zelfscan.errors import DatabaseFout
from zelfscan.opslag import deelnametabel, gebruikers, gemeentelinks
from zelfscan.opslag.verbinding import open_db

VRAAG = "capaciteit-1"
VELDNAMEN = [
    "actie",
    "anker",
    "notitie",
    "notitie_origineel",
    "cbs",
    "dagen",
    "reden",
    "bevestig",
    "thema",
    "terug",
    "organisatie",
    "rol",
    "naam",
    "wachtwoord",
    "herhaal",
    "subregio",
    "vragenlijst",
    "jaar",
    "soort",
    "datum",
    "titel",
    "gemeenten",
    f"a:GM0375:{VRAAG}",
    f"ao:GM0375:{VRAAG}",
    f"alle:{VRAAG}",
    f"tg:{VRAAG}",
    f"tgo:{VRAAG}",
    f"t:GM0396:{VRAAG}",
    f"to:GM0396:{VRAAG}",
    f"b:{VRAAG}",
    f"bo:{VRAAG}",
    "niveau:capaciteit",
    "tekst:capaciteit",
    "a:GM9999:x",
    "alle:bestaat-niet",
]
WAARDEN = st.one_of(
    st.sampled_from(
        [
            "",
            "0",
            "1",
            "2",
            "3",
            "7",
            "-1",
            "weet_niet",
            "nvt",
            "ja",
            "tonen",
            "volgende",
            "vorige",
            "GM0375",
            "GM0392",
            "kennemerland/ijmond",
            "werken-aan-veiligheid@2021.1",
            "2021-10-12",
            "9" * 40,
            "<script>alert(1)</script>",
            "' OR 1=1; --",
            "\x00",
            "ë" * 5000,
        ]
    ),
    st.text(max_size=300),
)
FORMULIER = st.dictionaries(
    st.one_of(st.sampled_from(VELDNAMEN), st.text(max_size=20)), WAARDEN, max_size=12
)


@pytest.fixture
def omgeving(app, db):
    catalogus = app.extensions["zelfscan.catalogus"]
    gebruikers.voeg_toe(db, "fien", WACHTWOORD)
    meting = opslag.maak_meting(
        db,
        vragenlijst=catalogus.vragenlijst("werken-aan-veiligheid"),
        regio=catalogus.regio("kennemerland"),
        subregio_id="ijmond",
        jaar=2021,
        soort="0-meting",
        datum=date(2021, 10, 12),
        wie="fien",
    )
    token, _ = gemeentelinks.maak_link(db, meting.id, "GM0375", wie="fien")
    # Participation open, so the fuzz reaches the participants' forms, not only their 404.
    opslag.zet_huidig_thema(db, meting.id, "capaciteit")
    deelnametabel.open_deelname(db, meting.id, wie="fien")
    return meting, token


def post_routes(app, meting, token) -> list[str]:
    verbinding = open_db(app.config["DATABASE"])
    code = deelnametabel.deelname(verbinding, meting.id).code  # the open participation's
    verbinding.conn.close()
    waarden = {
        "meting_id": meting.id,
        "thema_id": "capaciteit",
        "link_id": 1,
        "deelnemer_id": 1,
        "gebruiker_id": 1,
        "token": token,
        "code": code,
    }
    routes = []
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods:
            url = rule.rule
            for naam in rule.arguments:
                url = url.replace(f"<int:{naam}>", str(waarden[naam])).replace(
                    f"<{naam}>", str(waarden[naam])
                )
            routes.append(url)
    return sorted(routes)


def test_random_form_data_on_every_route_never_gives_a_server_error(app, omgeving):
    meting, token = omgeving
    routes = post_routes(app, meting, token)
    assert len(routes) >= 12
    client = app.test_client()
    assert log_in(client).status_code == 302
    csrf = csrf_token(client, "/metingen/")
    gezien = {"verzoeken": 0}

    @settings(
        max_examples=500, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
    )
    @given(route=st.sampled_from(routes), formulier=FORMULIER)
    def post(route, formulier):
        if route.endswith("/uitloggen"):
            return  # logging out would end the run, not test anything
        antwoord = client.post(route, data={**formulier, "csrf_token": csrf})
        gezien["verzoeken"] += 1
        assert antwoord.status_code < 500, (route, formulier, antwoord.get_data(as_text=True)[:500])
        assert "Traceback" not in antwoord.get_data(as_text=True)

    post()
    assert gezien["verzoeken"] >= 400


def test_random_json_for_autosave_never_gives_a_server_error(app, omgeving):
    meting, _ = omgeving
    client = app.test_client()
    log_in(client)
    csrf = csrf_token(client, f"/metingen/{meting.id}/thema/capaciteit")
    json_waarden = st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | WAARDEN,
        lambda kind: (
            st.lists(kind, max_size=3) | st.dictionaries(st.text(max_size=8), kind, max_size=3)
        ),
        max_leaves=6,
    )
    velden = st.fixed_dictionaries(
        {},
        optional={
            k: json_waarden
            for k in ("soort", "cbs", "vraag", "veld", "waarde", "origineel", "thema")
        },
    )

    @settings(
        max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
    )
    @given(gegevens=st.one_of(velden, json_waarden))
    def post(gegevens):
        antwoord = client.post(
            f"/metingen/{meting.id}/autosave", json=gegevens, headers={"X-CSRFToken": csrf}
        )
        assert antwoord.status_code < 500, (gegevens, antwoord.get_data(as_text=True)[:300])

    post()


@pytest.mark.skipif(
    shutil.which("chattr") is None, reason="chattr is needed to make a file read-only for root"
)
def test_a_read_only_database_file_gives_a_clear_message_and_stores_nothing(app, omgeving):
    meting, _ = omgeving
    facilitator = app.test_client()
    log_in(facilitator)
    pad = app.config["DATABASE"]
    open_db(pad).conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    csrf = csrf_token(facilitator, f"/metingen/{meting.id}/thema/capaciteit")
    # Read-only as on a locked USB stick: the folder and the database with its WAL files, since
    # in WAL mode a write lands in the -wal file first.
    map_ = Path(pad).parent
    vast = [p for p in (Path(pad), Path(pad + "-wal"), Path(pad + "-shm")) if p.exists()] + [map_]
    if subprocess.run(["chattr", "+i", *map(str, vast)], capture_output=True).returncode != 0:
        pytest.skip("this file system does not support chattr +i")
    try:
        antwoord = facilitator.post(
            f"/metingen/{meting.id}/autosave",
            json={"soort": "alle", "vraag": VRAAG, "waarde": "2"},
            headers={"X-CSRFToken": csrf, "Accept": "application/json"},  # as sessie.js sends
        )
        assert antwoord.status_code == 503
        assert "alleen-lezen: er is niets opgeslagen" in antwoord.json["fout"]
        pagina = facilitator.get(f"/metingen/{meting.id}/thema/capaciteit")
        assert pagina.status_code == 200  # recording the current thema is best effort
        assert "Traceback" not in pagina.get_data(as_text=True)
    finally:
        subprocess.run(["chattr", "-i", *map(str, vast)], check=True)
    assert opslag.antwoorden(open_db(pad), meting.id) == {}


def test_a_full_disk_leaves_no_half_written_meting(app, db):
    catalogus = app.extensions["zelfscan.catalogus"]
    paginas = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {paginas + 1}")  # as if the disk filled up right now
    with pytest.raises(DatabaseFout) as fout:
        opslag.maak_meting(
            db,
            vragenlijst=catalogus.vragenlijst("werken-aan-veiligheid"),
            regio=catalogus.regio("kennemerland"),
            subregio_id="zuid-kennemerland",
            jaar=2022,
            soort="0-meting",
            datum=date(2022, 10, 1),
            wie="fien",
        )
    assert "vol" in str(fout.value)
    assert opslag.metingen(db) == []
    assert db.execute("SELECT count(*) FROM meting_gemeenten").fetchone()[0] == 0


def test_session_cookie_is_secure_over_https(client, db):
    gebruikers.voeg_toe(db, "fien", WACHTWOORD)
    token = csrf_token(client, "/inloggen")
    https = client.post(
        "/inloggen",
        data={"naam": "fien", "wachtwoord": WACHTWOORD, "csrf_token": token},
        base_url="https://localhost",
        headers={"Referer": "https://localhost/inloggen"},  # flask-wtf checks it over HTTPS
    )
    assert https.status_code == 302
    assert "Secure" in https.headers["Set-Cookie"]
    http = log_in(client)
    assert "Secure" not in http.headers["Set-Cookie"]  # plain http on a laptop must still work


# --- every route, hostile path values (issue 18) -------------------------------------------------

VIJANDIGE_WAARDEN = st.one_of(
    st.sampled_from(
        [
            "²",
            "١٢",  # Arabic-Indic digits: str.isdigit() is true, and \d matches them
            "³4",
            str(2**63),
            str(2**64 + 1),
            "9" * 5000,
            "-1",
            "0",
            "\n",
            "a\r\nb",
            "\x00",
            "%00",
            "..",
            "GM0375\n",
        ]
    ),
    st.text(max_size=30),
)


def _vul_in(rule, waarden: dict) -> str:
    url = rule.rule
    for naam in rule.arguments:
        url = url.replace(f"<int:{naam}>", str(waarden[naam])).replace(
            f"<{naam}>", str(waarden[naam])
        )
    return url


def test_hostile_values_in_every_route_never_give_a_server_error(app, omgeving):
    from urllib.parse import quote

    meting, token = omgeving
    client = app.test_client()
    assert log_in(client).status_code == 302
    csrf = csrf_token(client, "/metingen/")
    regels_ = [r for r in app.url_map.iter_rules() if r.arguments and r.endpoint != "static"]
    assert len(regels_) >= 20

    @settings(
        max_examples=400, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
    )
    @given(
        regel=st.sampled_from(regels_),
        vijandig=VIJANDIGE_WAARDEN,
        welke=st.integers(0, 3),
        methode=st.sampled_from(["GET", "POST"]),
        query=VIJANDIGE_WAARDEN,
    )
    def verzoek(regel, vijandig, welke, methode, query):
        if regel.endpoint == "auth.uitloggen":
            return
        waarden = {
            "meting_id": meting.id,
            "thema_id": "capaciteit",
            "link_id": 1,
            "deelnemer_id": 1,
            "token": token,
            "cbs": "GM0375",
            "formaat": "svg",
        }
        namen = sorted(regel.arguments)
        waarden[namen[welke % len(namen)]] = quote(vijandig, safe="")
        url = _vul_in(regel, {k: waarden.get(k, "x") for k in regel.arguments})
        url += "?volgende=" + quote(query, safe="") + "&weergave=" + quote(query, safe="")
        if methode == "POST":
            antwoord = client.post(url, data={"csrf_token": csrf, "niveau": vijandig})
        else:
            antwoord = client.get(url)
        assert antwoord.status_code < 500, (methode, url, antwoord.get_data(as_text=True)[:300])

    verzoek()


def test_ids_beyond_64_bits_are_not_found(app, omgeving):
    client = app.test_client()
    log_in(client)
    for pad in (f"/metingen/{2**63}", f"/metingen/{2**64}/resultaten", "/metingen/" + "9" * 400):
        assert client.get(pad).status_code == 404, pad


def test_json_nested_100k_deep_to_autosave_is_a_dutch_400(app, omgeving):
    meting, _ = omgeving
    client = app.test_client()
    log_in(client)
    csrf = csrf_token(client, f"/metingen/{meting.id}/thema/capaciteit")
    antwoord = client.post(
        f"/metingen/{meting.id}/autosave",
        data="[" * 100_000 + "]" * 100_000,
        headers={"X-CSRFToken": csrf, "Content-Type": "application/json"},
    )
    assert antwoord.status_code == 400
    assert "Onleesbaar verzoek" in antwoord.get_data(as_text=True)


def test_form_messages_of_wtforms_itself_are_dutch(app, omgeving):
    client = app.test_client()
    log_in(client)
    csrf = csrf_token(client, "/metingen/nieuw")
    antwoord = client.post(
        "/metingen/nieuw",
        data={"csrf_token": csrf, "subregio": "bestaat-niet", "jaar": "²", "soort": "x"},
    )
    html = antwoord.get_data(as_text=True)
    assert antwoord.status_code < 500
    assert "Not a valid" not in html
    assert "Ongeldige keuze" in html or "Geen geldige keuze" in html, html[:2000]


# A target with a newline once became a Location header, which Werkzeug refuses (a 500);
# auth.veilig_volgende now refuses every control character.
@pytest.mark.parametrize("doel", ["\n", "/metingen/\n", "/\r\nSet-Cookie: x=1", "/metingen/\x00"])
def test_control_characters_in_the_login_target_never_give_a_server_error(app, omgeving, doel):
    from urllib.parse import quote

    client = app.test_client()
    token = csrf_token(client, "/inloggen")
    antwoord = client.post(
        "/inloggen?volgende=" + quote(doel, safe=""),
        data={"naam": "fien", "wachtwoord": WACHTWOORD, "csrf_token": token},
    )
    assert antwoord.status_code < 500
    assert "\n" not in antwoord.headers.get("Location", "")
