"""Every benchmark, one table: ``python bench/run.py [--snel] [--wacht] [--referentie] [--json F]``.

1 session latency (bench/sessie.py), 2 reports (bench/rapporten.py), 3 start-up and memory
(bench/opstart.py), 4 scale (bench/schaal.py), 5 bounded work (bench/grenzen.py, issue 18),
6 everyone votes: 30 phones, the facilitator and the projector (bench/deelname.py, issue 19).
Generated databases are cached outside the repository (bench/data.py; ``ZELFSCAN_BENCH_CACHE``
to choose where); the first run builds
them (about a minute). A full run takes about 1–2 minutes on 2 cores, ``--snel`` under 1.

``--wacht`` first waits (at most 20 minutes) until the machine is quiet: the 1-minute load
average below 0.5 for a minute. The table's header gives the load average at the start and
at the end either way, so figures taken on a busy machine can be recognised as such.

``--referentie`` also runs the code that set the targets of parts 1, 2 and 4 (``ae86cf0``, on
a machine of 2026-11-23), part by part just before ours, and scales those targets by how fast
that code is here: see ``referentie.py``. A run with it takes about twice as long.
``--rondes N`` measures each part N times (the reference and ours taking turns) and takes
each figure's median.

To measure a patched copy of the code: ``PYTHONPATH=/tmp/zs-copy python bench/run.py``; the
header's "code:" line says which copy ran.
"""

from __future__ import annotations

import subprocess
import sys
import time
import traceback
from dataclasses import replace

from common import Rij, argumenten, load, machine, mediaan, schrijf_json, tabel, wacht_op_rust

DELEN = {
    "sessie": "1 session latency",
    "rapporten": "2 reports",
    "opstart": "3 start-up and memory",
    "schaal": "4 scale",
    "grenzen": "5 bounded work",
    "deelname": "6 everyone votes (30 phones)",
}


def mediaan_rijen(rondes: list[list[Rij]]) -> list[Rij]:
    """Per figure, the row of the round with the median value (the lower middle for an even
    number): one slow or fast round does not decide a verdict, and the row keeps its own
    detail (p50, p99, n) as measured in that round."""
    if len(rondes) == 1:
        return rondes[0]
    uit = []
    for rij in rondes[0]:
        alle = [r for ronde in rondes for r in ronde if r.naam == rij.naam]
        met_waarde = sorted((r for r in alle if r.waarde is not None), key=lambda r: r.waarde)
        gekozen = met_waarde[(len(met_waarde) - 1) // 2] if met_waarde else rij
        waarden = ", ".join(r.waarde_tekst() for r in met_waarde)
        uit.append(replace(gekozen, detail=f"{gekozen.detail}; rounds: {waarden}".lstrip("; ")))
    return uit


def main() -> int:
    args = argumenten(
        "All benchmarks of issue 9 in one table.",
        lambda p: (
            p.add_argument(
                "--alleen",
                default=",".join(DELEN),
                help="comma-separated subset of: " + ", ".join(DELEN),
            ),
            p.add_argument(
                "--referentie",
                action="store_true",
                help="also run the code that set the targets (referentie.py) and scale the "
                "targets of parts 1, 2 and 4 by how fast it is on this machine",
            ),
            p.add_argument(
                "--rondes",
                type=int,
                default=1,
                help="measure each part N times (with --referentie: the reference and ours "
                "taking turns) and take the median of each figure",
            ),
            p.add_argument(
                "--wacht",
                action="store_true",
                help="first wait (≤ 20 min) for a quiet machine (load average < 0.5)",
            ),
        ),
    )
    if args.rondes < 1:
        print("--rondes: at least 1", file=sys.stderr)
        return 2
    if args.wacht:
        print(f"waiting for a quiet machine (load now {load()}) …", file=sys.stderr, flush=True)
        print(f"load now {wacht_op_rust()}", file=sys.stderr, flush=True)
    info = machine()
    begin = time.perf_counter()
    rijen: list[Rij] = []
    import data

    data.kennemerland_db()
    data.nationaal_db(1, melden=lambda t: print(t, file=sys.stderr))
    if "schaal" in args.alleen:
        data.nationaal_db(10, melden=lambda t: print(t, file=sys.stderr))
    referentie = None
    if args.referentie:
        import referentie as referentiecode

        try:
            referentie = referentiecode.Referentie(args.snel)
        except (OSError, subprocess.SubprocessError) as fout:
            print(f"no reference code ({fout}): absolute targets", file=sys.stderr)
    gemeten: dict[str, list[float]] = {}  # the reference's figures, per row, per round
    for naam in args.alleen.split(","):
        rondes: list[list[Rij]] = []
        for ronde in range(1, args.rondes + 1):
            keer = f" (round {ronde} of {args.rondes})" if args.rondes > 1 else ""
            if referentie and naam in referentiecode.DELEN:
                print(f"== {DELEN[naam]}, reference code{keer} …", file=sys.stderr, flush=True)
                try:
                    for sleutel, waarde in referentie.meet(naam).items():
                        gemeten.setdefault(sleutel, []).append(waarde)
                except (OSError, subprocess.SubprocessError, ValueError, KeyError):
                    traceback.print_exc()  # that part keeps its absolute targets
            print(f"== {DELEN[naam]}{keer} …", file=sys.stderr, flush=True)
            try:
                module = __import__(naam)
                rondes.append(module.meet(args.snel))
            except Exception:  # one broken part must not hide the others' figures
                traceback.print_exc()
        if not rondes:
            rijen.append(Rij(naam, f"{DELEN[naam]}: FAILED to run", "", None, "", False))
        elif len(rondes) < args.rondes:  # the others' figures stand, the failure is shown
            mislukt = f"FAILED in {args.rondes - len(rondes)} of {args.rondes} rounds"
            rijen += [replace(r, detail=f"{r.detail}; {mislukt}") for r in mediaan_rijen(rondes)]
        else:
            rijen += mediaan_rijen(rondes)
    toen_nu = {sleutel: mediaan(waarden) for sleutel, waarden in gemeten.items()}
    if referentie:
        referentie.sluit()
        rijen = [referentiecode.geschaald(r, toen_nu) for r in rijen]
        info["referentie"] = f"targets of parts 1, 2, 4 scaled by {referentiecode.COMMIT} run here"
    info["load"] += f" → at end {load()}"
    info["duur"] = f"{time.perf_counter() - begin:.0f} s"
    print(tabel(rijen, info))
    print(f"\n{'quick smoke run (--snel)' if args.snel else 'full run'}, {info['duur']}")
    if args.json:
        schrijf_json(args.json, rijen, info)
    return 0


if __name__ == "__main__":
    sys.exit(main())
