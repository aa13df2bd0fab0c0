"""Every benchmark of issue 9, one table: ``python bench/run.py [--snel] [--wacht] [--json F]``.

1 session latency (bench/sessie.py), 2 reports (bench/rapporten.py), 3 start-up and memory
(bench/opstart.py), 4 scale (bench/schaal.py), 5 bounded work (bench/grenzen.py, issue 18),
6 everyone votes: 30 phones, the facilitator and the projector (bench/deelname.py, issue 19).
Generated databases are cached outside the repository (bench/data.py; ``ZELFSCAN_BENCH_CACHE``
to choose where); the first run builds
them (about a minute). A full run takes about 1–2 minutes on 2 cores, ``--snel`` under 1.

``--wacht`` first waits (at most 20 minutes) until the machine is quiet: the 1-minute load
average below 0.5 for a minute. The table's header gives the load average at the start and
at the end either way, so figures taken on a busy machine can be recognised as such.

To measure a patched copy of the code: ``PYTHONPATH=/tmp/zs-copy python bench/run.py``; the
header's "code:" line says which copy ran.
"""

from __future__ import annotations

import sys
import time
import traceback

from common import Rij, argumenten, load, machine, schrijf_json, tabel, wacht_op_rust

DELEN = {
    "sessie": "1 session latency",
    "rapporten": "2 reports",
    "opstart": "3 start-up and memory",
    "schaal": "4 scale",
    "grenzen": "5 bounded work",
    "deelname": "6 everyone votes (30 phones)",
}


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
                "--wacht",
                action="store_true",
                help="first wait (≤ 20 min) for a quiet machine (load average < 0.5)",
            ),
        ),
    )
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
    for naam in args.alleen.split(","):
        print(f"== {DELEN[naam]} …", file=sys.stderr, flush=True)
        try:
            module = __import__(naam)
            rijen += module.meet(args.snel)
        except Exception:  # one broken part must not hide the others' figures
            traceback.print_exc()
            rijen.append(Rij(naam, f"{DELEN[naam]}: FAILED to run", "", None, "", False))
    info["load"] += f" → at end {load()}"
    info["duur"] = f"{time.perf_counter() - begin:.0f} s"
    print(tabel(rijen, info))
    print(f"\n{'quick smoke run (--snel)' if args.snel else 'full run'}, {info['duur']}")
    if args.json:
        schrijf_json(args.json, rijen, info)
    return 0


if __name__ == "__main__":
    sys.exit(main())
