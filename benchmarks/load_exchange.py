"""Time the exchange loader (SPEC.md §9) on a synthetic folder, into a fresh database.

    .venv/bin/python benchmarks/load_exchange.py                       # SQLite, 100,000 episodes
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hw_bench \\
        .venv/bin/python benchmarks/load_exchange.py                   # PostgreSQL
    .venv/bin/python benchmarks/load_exchange.py --episodes 1000000 --children 170000

The folder is generated from a fixed seed (invented people, ZZ99 postcodes), so every run loads
the same data. The database is a fresh one made the way the test runner makes one (``test_<name>``
beside the configured database, a temporary file for SQLite) and dropped afterwards; the
configured database is never touched. Prints the time of the first load, of a second identical
load (everything unchanged), of an export, and the peak memory of the process.
"""

import argparse
import csv
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeward.settings")

COLUMNS = None  # filled from homeward.exchange.files once Django is set up

PLACES = [f"Test Place {n}" for n in range(1, 61)]
PLACE_CODES = ["U1", "U4", "U6", "K2", "K2", "R1", "H5", "P2", "P1", "Z1"]
ETHNIC = ["WBRI", "WBRI", "WBRI", "WOTH", "MWBC", "AIND", "BAFR", "OOTH", "NOBT"]
CATEGORIES = ["missing", "missing", "missing", "away", "absent"]
RISKS = ["very_low", "low", "low", "medium", "medium", "high"]
START = datetime(2019, 4, 1, tzinfo=UTC)
END = datetime(2024, 1, 1, tzinfo=UTC)  # children are born 2006 or later: all under 18


def instant(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value else ""


def generate(folder: Path, *, children: int, episodes: int, seed: int) -> dict[str, int]:
    """Write the five exchange files; returns rows per file."""
    rng = random.Random(seed)
    files = {name: (folder / name).open("w", newline="", encoding="utf-8") for name in COLUMNS}
    writers = {name: csv.writer(handle, lineterminator="\n") for name, handle in files.items()}
    for name, writer in writers.items():
        writer.writerow(COLUMNS[name])
    counts = dict.fromkeys(COLUMNS, 0)
    # Episodes per child: a few children go missing very often (the seeds' top-12 tables).
    weights = [rng.paretovariate(1.2) for _ in range(children)]
    scale = episodes / sum(weights)
    per_child = [int(w * scale) for w in weights]
    for i in rng.sample(range(children), episodes - sum(per_child)):
        per_child[i] += 1
    episode_no = 0
    for n in range(children):
        child_id = f"C{n + 1:07d}"
        _child(writers, counts, rng, child_id)
        for went, returned in _episode_times(rng, per_child[n]):
            episode_no += 1
            _episode(writers, counts, rng, f"E{episode_no:08d}", child_id, went, returned)
    for handle in files.values():
        handle.close()
    return counts


def _child(writers, counts, rng, child_id: str) -> None:
    dob = date(2006, 1, 1) + timedelta(days=rng.randrange(365 * 7))
    sex = rng.choice("12")
    writers["children.csv"].writerow(
        [
            child_id,
            "Test",
            f"Child{child_id[1:]}",
            dob.isoformat(),
            sex,
            {"1": "male", "2": "female"}[sex]
            if rng.random() > 0.05
            else rng.choice(["transgender", "non_binary", ""]),
            rng.choice(ETHNIC),
            "",
            rng.choice(["Testshire Council", "E06009999", "Otherton"]),
            "ZZ99 1ZZ",
        ]
    )
    counts["children.csv"] += 1
    if rng.random() < 0.6:  # looked after: one to three consecutive care periods
        start = date(2018, 1, 1) + timedelta(days=rng.randrange(900))
        for k in range(rng.randint(1, 3)):
            end = start + timedelta(days=rng.randrange(100, 700))
            last = end >= date(2024, 1, 1)
            place = rng.choice(PLACE_CODES)
            writers["care_periods.csv"].writerow(
                [
                    child_id,
                    start.isoformat(),
                    "" if last else end.isoformat(),
                    "S" if k == 0 else "P",
                    "C2",
                    "N1",
                    place,
                    "PR1",
                    "ZZ99 3ZZ",
                    rng.choice("YN"),
                    "N",
                    "" if last else "X1",
                    f"Test Home {rng.randrange(200)}",
                ]
            )
            counts["care_periods.csv"] += 1
            if last:
                break
            start = end
    if rng.random() < 0.08:
        referred = date(2020, 1, 1) + timedelta(days=rng.randrange(1200))
        writers["cme_referrals.csv"].writerow(
            [
                f"R{child_id[1:]}",
                child_id,
                "Test Academy",
                referred.isoformat(),
                (referred + timedelta(days=9)).isoformat(),
                "Registered at a school",
                "",
            ]
        )
        counts["cme_referrals.csv"] += 1


def _episode_times(rng, count: int):
    """Non-overlapping (went missing, returned) spans, in order, inside START–END."""
    if count == 0:
        return []
    span = (END - START).total_seconds() / count
    times = []
    for k in range(count):
        went = START + timedelta(seconds=k * span + rng.random() * span * 0.5)
        # Starts in the first half of its slot, lasts at most 40% of it (and 72 hours).
        length = timedelta(seconds=rng.uniform(0.05, 0.4) * min(span, 180 * 3600))
        times.append((went, went + length))
    if rng.random() < 0.01:  # the last episode still open
        times[-1] = (times[-1][0], None)
    return times


def _episode(writers, counts, rng, episode_id, child_id, went, returned) -> None:
    writers["episodes.csv"].writerow(
        [
            episode_id,
            child_id,
            rng.choice(CATEGORIES),
            instant(went),
            instant(went + timedelta(hours=2)),
            instant(returned),
            rng.choice(RISKS),
            f"TP-{episode_id[1:]}",
            rng.choice(PLACES),
            rng.choice(["", *PLACES[:10]]),
            rng.choice(["", *PLACES[10:20]]),
            "Y" if rng.random() < 0.01 else "N",
        ]
    )
    counts["episodes.csv"] += 1
    if returned is not None and rng.random() < 0.85:
        completed = returned + timedelta(hours=rng.randrange(2, 120))
        writers["interviews.csv"].writerow(
            [
                episode_id,
                instant(returned + timedelta(hours=1)),
                "Y",
                "",
                instant(completed),
                "independent",
                "",
                "",
            ]
        )
        counts["interviews.csv"] += 1


def timed(label: str, action):
    """Run and print wall time and this process's CPU time (the machine may be shared)."""
    began, cpu = time.perf_counter(), time.process_time()
    result = action()
    wall, cpu = time.perf_counter() - began, time.process_time() - cpu
    print(f"{label:<28} {wall:8.1f} s wall {cpu:8.1f} s CPU (this process)", flush=True)
    return result


def main() -> None:
    global COLUMNS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=25_000)
    parser.add_argument("--episodes", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=903)
    parser.add_argument("--progress", action="store_true", help="show the loader's progress bars")
    parser.add_argument("--keep", action="store_true", help="keep the generated folder")
    parser.add_argument("--first-load-only", action="store_true", help="skip the reload and export")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="homeward-bench-"))
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'unused.sqlite3'}"
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from homeward.accounts.models import Organisation, Partnership
    from homeward.exchange import files
    from homeward.exchange.exporter import exchange_export
    from homeward.exchange.loader import exchange_load

    COLUMNS = files.COLUMNS
    folder = workdir / "exchange"
    folder.mkdir()
    counts = timed(
        "generate folder",
        lambda: generate(folder, children=args.children, episodes=args.episodes, seed=args.seed),
    )
    print("rows:", ", ".join(f"{name} {n:,}" for name, n in counts.items()))

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        db["TEST"]["NAME"] = str(workdir / "bench.sqlite3")
    print("database:", connection.vendor)
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        partnership = Partnership.objects.create(name="Benchmark Partnership")
        org = Organisation.objects.create(
            partnership=partnership, name="Testshire Council", kind="local_authority"
        )
        load = lambda: exchange_load(folder=folder, organisation=org, progress=args.progress)  # noqa: E731
        first = timed("first load", load)
        print(first)
        if not args.first_load_only:
            second = timed("second load (idempotent)", load)
            assert not second.changed, second
            timed("export", lambda: exchange_export(folder=workdir / "out", organisation=org))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory (max RSS)        {peak:8.0f} MB")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        if args.keep:
            print("folder kept:", folder)
        else:
            shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
