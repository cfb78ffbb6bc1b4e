"""Time the SPEC.md §6 scorecard on a national-size database (3,000,000 episodes).

    nice -n 10 .venv/bin/python benchmarks/national_scorecard.py            # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hw_bench \\
        nice -n 10 .venv/bin/python benchmarks/national_scorecard.py        # PostgreSQL

The first run builds the database: it generates a synthetic exchange folder with the loader
benchmark's generator (``benchmarks/load_exchange.py``: fixed seed, invented people, ZZ99
postcodes), migrates a database of its own (``hw_bench`` on PostgreSQL, created if missing;
``var/bench/national.sqlite3`` for SQLite) and loads the folder through
``homeward.exchange.loader.exchange_load``. Later runs find the data there and only time the
counting, so an index can be tried without loading again (``--rebuild`` starts afresh).

Timed, each ``--repeat`` times (the best and the median are printed): the one-year scorecard
(every §6 measure, reporting year 2022/23, as at 1 June 2024), the RHI status counts alone, the
headline measures, and the same scorecard for looked-after children.
"""

import argparse
import importlib.util
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeward.settings")
SQLITE_FILE = ROOT / "var" / "bench" / "national.sqlite3"
AS_AT = datetime(2024, 6, 1, tzinfo=UTC)


def _load_generator():
    spec = importlib.util.spec_from_file_location(
        "load_exchange", ROOT / "benchmarks" / "load_exchange.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def timed(label: str, action):
    began = time.perf_counter()
    result = action()
    print(f"{label:<40} {time.perf_counter() - began:8.1f} s", flush=True)
    return result


def _ensure_postgres_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def _drop_postgres_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def build(args) -> None:
    """Migrate, generate and load the national folder (once)."""
    from django.core.management import call_command

    from homeward.accounts.models import Organisation, Partnership
    from homeward.exchange import files
    from homeward.exchange.loader import exchange_load

    timed("migrate", lambda: call_command("migrate", verbosity=0))
    generator = _load_generator()
    generator.COLUMNS = files.COLUMNS
    folder = Path(tempfile.mkdtemp(prefix="homeward-national-")) / "exchange"
    folder.mkdir()
    counts = timed(
        "generate folder",
        lambda: generator.generate(
            folder, children=args.children, episodes=args.episodes, seed=args.seed
        ),
    )
    print("rows:", ", ".join(f"{name} {n:,}" for name, n in counts.items()), flush=True)
    partnership, _ = Partnership.objects.get_or_create(name="Benchmark Partnership")
    org, _ = Organisation.objects.get_or_create(
        partnership=partnership,
        name="Testshire Council",
        defaults={"kind": "local_authority", "ons_code": "E06009999"},
    )
    result = timed(
        "load (exchange_load)",
        lambda: exchange_load(folder=folder, organisation=org, progress=args.progress),
    )
    print(result, flush=True)
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()


def _analyse() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(label: str, action, repeat: int) -> None:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    print(
        f"{label:<40} best {min(times):6.2f} s   median {statistics.median(times):6.2f} s",
        flush=True,
    )


def time_counting(repeat: int) -> None:
    from django.db import connection

    from homeward.episodes.models import Episode
    from homeward.reporting import counting, rhi
    from homeward.reporting.counting import Cohort
    from homeward.reporting.periods import reporting_year

    year = reporting_year(2022)
    episodes = Episode.objects.all()
    print(f"database: {connection.vendor}; episodes {Episode.objects.count():,}")
    in_year = counting.episodes_in_period(
        episodes=episodes, period=year, cohort=Cohort(), as_at=AS_AT
    ).count()
    print(f"episodes in {year.label}: {in_year:,}", flush=True)
    card = counting.scorecard(episodes=episodes, period=year, cohort=Cohort(), as_at=AS_AT)
    print(
        f"scorecard {year.label}: episodes {card.episodes:,}, children {card.children:,}, "
        f"LAC episodes {card.lac_episodes:,}, offered {card.rhi_offered}, "
        f"in time {card.rhi_in_time}, persistent {card.persistent_children:,} children, "
        f"median {card.duration_median_hours:.1f} h",
        flush=True,
    )
    selected = counting.episodes_in_period(
        episodes=episodes, period=year, cohort=Cohort(), as_at=AS_AT
    )
    measure(
        "scorecard, one year, all episodes",
        lambda: counting.scorecard(episodes=episodes, period=year, cohort=Cohort(), as_at=AS_AT),
        repeat,
    )
    measure(
        "scorecard, one year, looked after",
        lambda: counting.scorecard(
            episodes=episodes, period=year, cohort=Cohort(looked_after=True), as_at=AS_AT
        ),
        repeat,
    )
    measure(
        "headline measures",
        lambda: counting.headline(episodes=episodes, period=year, cohort=Cohort(), as_at=AS_AT),
        repeat,
    )
    measure("RHI status counts", lambda: rhi.rhi_status_counts(selected, as_at=AS_AT), repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=500_000)
    parser.add_argument("--episodes", type=int, default=3_000_000)
    parser.add_argument("--seed", type=int, default=903)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true", help="drop and load the data again")
    parser.add_argument("--progress", action="store_true", help="show the loader's progress")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL")
    if url is None:
        SQLITE_FILE.parent.mkdir(parents=True, exist_ok=True)
        if args.rebuild and SQLITE_FILE.exists():
            SQLITE_FILE.unlink()
        os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_FILE}"
    elif url.startswith("postgres"):
        if args.rebuild:
            _drop_postgres_database(url)
        _ensure_postgres_database(url)
    import django

    django.setup()
    from django.db.utils import OperationalError, ProgrammingError

    from homeward.episodes.models import Episode

    try:
        loaded = Episode.objects.exists()
    except (OperationalError, ProgrammingError):
        loaded = False
    if not loaded:
        build(args)
        timed("analyse", _analyse)
    time_counting(args.repeat)


if __name__ == "__main__":
    main()
