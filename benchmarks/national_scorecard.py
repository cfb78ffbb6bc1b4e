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

``--fill-sql`` (PostgreSQL only) fills the database in SQL instead, then derives the episode
facts with ``episode_facts_rebuild`` (decision 0024) — 3,000,000 episodes over
4.75 years (about 630,000 in one reporting year), 200,000 children, a third looked after, 94%
of returned episodes with an interview — for when the loader cannot get through 3,000,000
rows on a busy machine (it is the loader's own benchmark, ``load_exchange.py``, that times it).

Timed, each ``--repeat`` times (the best and the median are printed): the one-year scorecard
(every §6 measure, reporting year 2022/23, as at 1 June 2024), the RHI status counts alone, the
headline measures, and the same scorecard for looked-after children. First, after dropping the
month counts (decision 0026), the scorecard once as it takes them, for all and for looked-after
children, and the scorecard counted live without them; the timed scorecards then sum them.
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


FILL_SQL = [
    "INSERT INTO accounts_partnership (name) VALUES ('Benchmark Partnership')",
    """INSERT INTO accounts_organisation (partnership_id, name, kind, ons_code)
       SELECT id, 'Testshire Council', 'local_authority', 'E06009999' FROM accounts_partnership""",
    """INSERT INTO children_child (organisation_id, local_id, first_name, last_name, date_of_birth,
         sex, gender, ethnicity, upn, responsible_authority, home_postcode, send, vulnerabilities,
         known_associates, photo, version, created_at, updated_at)
       SELECT (SELECT min(id) FROM accounts_organisation), 'C' || g, 'Test', 'Child',
         date '2006-01-01' + (g % 2500), '1',
         (array['male', 'female', 'transgender', ''])[1 + g % 4], 'WBRI', '',
         (array['Testshire Council', 'E06009999', 'Otherton'])[1 + g % 3], 'ZZ99 1ZZ', false,
         '', '', '', 1, now(), now()
       FROM generate_series(1, %(children)s) g""",
    """INSERT INTO children_careperiod (child_id, start_date, end_date, rne, legal_status, cin,
         placement_type, provider, placement_postcode, in_area, unregulated, reason_ceased,
         reason_place_change, placement_name, urn)
       SELECT id, date '2018-01-01', NULL, 'S', 'C2', 'N1',
         (array['U4', 'K2', 'H5', 'P1', 'Z1'])[1 + id % 5], 'PR1', '', id % 2 = 0, id % 17 = 0,
         '', '', '', ''
       FROM children_child WHERE id % 3 = 0""",
    """INSERT INTO episodes_episode (organisation_id, external_id, child_id, category,
         went_missing_at, went_missing_on, reported_at, reported_by, police_reference,
         risk_level, last_seen_details, may_be_with, returned_at, how_ended, where_found,
         exploitation_concerns, recorded_in_error, version, created_at, updated_at)
       SELECT o.id, 'E' || g, c.first_child + (g::bigint * 7919) % %(children)s,
         (array['missing', 'away', 'absent'])[1 + g % 3],
         timestamptz '2019-04-01' + g * interval '%(spacing)s seconds',
         ((timestamptz '2019-04-01' + g * interval '%(spacing)s seconds')
           AT TIME ZONE 'Europe/London')::date,
         NULL, '', '', (array['very_low', 'low', 'medium', 'high', ''])[1 + g % 5], '', '',
         CASE WHEN g % 100 = 0 THEN NULL
              ELSE timestamptz '2019-04-01' + g * interval '%(spacing)s seconds'
                   + (g % 97) * interval '1 hour' END,
         '', '', '[]', g % 100 = 1, 1, now(), now()
       FROM generate_series(1, %(episodes)s) g,
            (SELECT min(id) AS id FROM accounts_organisation) o,
            (SELECT min(id) AS first_child FROM children_child) c""",
    """UPDATE episodes_episode e SET care_period_id = cp.id
       FROM children_careperiod cp WHERE cp.child_id = e.child_id""",
    """INSERT INTO interviews_returninterview (episode_id, offered_at, offered_by, accepted,
         declined_reason, completed_at, interviewer_name, interviewer_role, push_factors,
         pull_factors, factors_details, where_stayed, travel, harm_suffered, cre_indicators,
         childs_words, analysis, actions, voided_reason, version, created_at, updated_at)
       SELECT id, returned_at + interval '1 hour', '', id % 7 <> 0, '',
         CASE WHEN id % 7 <> 0 THEN returned_at + (id % 120) * interval '1 hour' END, '',
         'independent', '[]', '[]', '', '', '', '', '[]', '', '', '',
         CASE WHEN id % 50 = 0 THEN 'Moved out of area' ELSE '' END, 1, now(), now()
       FROM episodes_episode WHERE returned_at IS NOT NULL AND id % 20 <> 0""",
]


def fill_sql(args) -> None:
    """Migrate and fill the database in SQL (PostgreSQL): see the module docstring."""
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        raise SystemExit("--fill-sql is for PostgreSQL; SQLite is filled through the loader.")
    timed("migrate", lambda: call_command("migrate", verbosity=0))
    # The episodes spread evenly over 1 April 2019 – 1 January 2024 (150,000,000 seconds).
    numbers = {
        "children": args.children,
        "episodes": args.episodes,
        "spacing": 150_000_000 // args.episodes,
    }
    with connection.cursor() as cursor:
        for statement in FILL_SQL:
            sql = statement
            for name, value in numbers.items():
                sql = sql.replace(f"%({name})s", str(int(value)))
            timed(" ".join(statement.split()[:3]), lambda sql=sql: cursor.execute(sql))
    # SQL wrote the records behind the write paths' backs: derive their facts (decision 0024).
    from homeward.reporting.facts import episode_facts_rebuild

    timed("episode facts (rebuild)", episode_facts_rebuild)


def _analyse() -> None:
    from django.db import connection

    with connection.cursor() as cursor:  # VACUUM too: index-only scans need the visibility map
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


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
    from homeward.reporting import counting, month_counts, rhi
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
        f"median {card.duration_median_hours or 0:.1f} h",
        flush=True,
    )
    selected = counting.episodes_in_period(
        episodes=episodes, period=year, cohort=Cohort(), as_at=AS_AT
    )
    # Decision 0026: the first scorecard of a period and cohort takes its month counts (none
    # are stored after dropping them here); every later one sums them.
    month_counts.month_counts_clear("default")
    for cohort in (Cohort(), Cohort(looked_after=True)):
        measure(
            f"scorecard, taking month counts, {cohort.describe()}",
            lambda cohort=cohort: counting.scorecard(
                episodes=episodes, period=year, cohort=cohort, as_at=AS_AT
            ),
            1,
        )
    live = counting.month_counts.month_counts_sum
    counting.month_counts.month_counts_sum = lambda *args, **kwargs: None
    measure(
        "scorecard, one year, all, counted live",
        lambda: counting.scorecard(episodes=episodes, period=year, cohort=Cohort(), as_at=AS_AT),
        repeat,
    )
    counting.month_counts.month_counts_sum = live
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
    parser.add_argument("--fill-sql", action="store_true", help="PostgreSQL: fill in SQL")
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
        fill_sql(args) if args.fill_sql else build(args)
        timed("analyse", _analyse)
    time_counting(args.repeat)


if __name__ == "__main__":
    main()
