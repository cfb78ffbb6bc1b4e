"""Time the episodes list (issue 4 item 7) at national size: 3,000,000 episodes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hw_journeys \\
        nice -n 10 .venv/bin/python benchmarks/episode_list.py [--episodes 3000000]

The first run migrates the database named by DATABASE_URL (created if missing) and fills it in
SQL with synthetic data (invented names, ZZ99 postcodes): one partnership, 200,000 children,
the episodes spread over ten years, about 5% open, some with interviews. Later runs only time.

Timed through the real view (Django test client, a co-ordinator signed in), each page rendered:
the first page, a page 1,000 pages deep (following keyset cursors is what users do; a deep
cursor is taken straight from the data), each filter alone, and filters combined.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeward.settings")

CHILDREN = 200_000


def _ensure_database() -> None:
    import psycopg

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return
    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def _fill(episodes: int) -> None:
    from django.db import connection

    from homeward.accounts.models import Organisation, Partnership, Role, User

    partnership, _ = Partnership.objects.get_or_create(name="Benchmarkshire Partnership")
    org, _ = Organisation.objects.get_or_create(
        partnership=partnership,
        name="Benchmarkshire Council",
        defaults={"kind": Organisation.Kind.LOCAL_AUTHORITY, "ons_code": "E06009990"},
    )
    User.objects.get_or_create(
        username="bench.coordinator", defaults={"organisation": org, "role": Role.COORDINATOR}
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM episodes_episode")
        if cursor.fetchone()[0] < episodes:
            _fill_children_and_episodes(cursor, org, episodes)
        cursor.execute("SELECT count(*) FROM interviews_returninterview")
        if cursor.fetchone()[0] == 0:
            _fill_interviews(cursor)
            cursor.execute("ANALYZE")


def _fill_children_and_episodes(cursor, org, episodes: int) -> None:
    print("filling: children", flush=True)
    cursor.execute(
        """
        INSERT INTO children_child (organisation_id, local_id, first_name, last_name,
            date_of_birth, sex, gender, ethnicity, upn, responsible_authority, home_postcode,
            send, vulnerabilities, known_associates, photo, version, created_at, updated_at)
        SELECT %s, 'B' || g, 'Benchchild' || g, 'Example', DATE '2004-01-01' + (g %% 4000),
            '1', 'male', 'WBRI', '', 'Benchmarkshire Council', 'ZZ99 9ZZ', false, '', '', '',
            1, now(), now()
        FROM generate_series(1, %s) AS g
        """,
        [org.pk, CHILDREN],
    )
    print("filling: episodes", flush=True)
    cursor.execute("SELECT min(id) FROM children_child WHERE organisation_id = %s", [org.pk])
    first_child = cursor.fetchone()[0]
    # Episodes spread evenly over ten years (~820 a day), episode g belonging to child
    # g % CHILDREN: one child's episodes are CHILDREN / 820 days apart, never overlapping.
    cursor.execute(
        """
        INSERT INTO episodes_episode (organisation_id, external_id, child_id, category,
            went_missing_at, went_missing_on, reported_at, reported_by, police_reference,
            risk_level, last_seen_details, may_be_with, returned_at, how_ended, where_found,
            harm_disclosed, exploitation_concerns, recorded_in_error, version, created_at,
            updated_at)
        SELECT %(org)s, 'BE' || g, %(first)s + (g %% %(children)s),
            (ARRAY['missing','missing','missing','away','absent'])[1 + g %% 5],
            w, (w AT TIME ZONE 'Europe/London')::date, w + interval '1 hour', '', '',
            (ARRAY['very_low','low','medium','medium','high'])[1 + g %% 5], '', '',
            CASE WHEN g %% 20 = 0 THEN NULL ELSE w + ((g %% 72) || ' hours')::interval END,
            '', '', NULL, '[]', false, 1, now(), now()
        FROM (
            SELECT g, TIMESTAMPTZ '2015-01-01 00:00Z'
                + ((g::bigint * %(seconds)s / %(n)s) || ' seconds')::interval AS w
            FROM generate_series(0, %(n)s - 1) AS g
        ) AS s
        """,
        {
            "org": org.pk,
            "first": first_child,
            "children": CHILDREN,
            "seconds": 3650 * 86400,
            "n": episodes,
        },
    )


def _fill_interviews(cursor) -> None:
    print("filling: interviews", flush=True)
    cursor.execute(
        """
        INSERT INTO interviews_returninterview (episode_id, offered_at, offered_by, accepted,
            declined_reason, completed_at, interviewer_name, interviewer_role, push_factors,
            pull_factors, factors_details, where_stayed, travel, harm_suffered,
            cre_indicators, childs_words, analysis, actions, voided_reason, version,
            created_at, updated_at)
        SELECT id, returned_at + interval '2 hours', 'Bench', true, '',
            CASE WHEN id % 3 = 0 THEN NULL ELSE returned_at + interval '50 hours' END,
            '', 'independent', '[]', '[]', '', '', '', '', '[]', '', '', '', '', 1, now(),
            now()
        FROM episodes_episode WHERE returned_at IS NOT NULL AND id % 4 <> 0
        """
    )


def _time(client, label: str, query: str, repeat: int) -> None:
    timings = []
    for _ in range(repeat):
        began = time.perf_counter()
        response = client.get(f"/episodes/?{query}")
        timings.append(time.perf_counter() - began)
        assert response.status_code == 200, response.status_code
    rows = response.content.decode().count('<tr class="govuk-table__row">') - 1
    best, median = min(timings) * 1000, statistics.median(timings) * 1000
    print(f"{label:<46} best {best:7.0f} ms  median {median:7.0f} ms  ({rows} rows)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--episodes", type=int, default=3_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    _ensure_database()

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from homeward.accounts.models import User
    from homeward.episodes.filters import Cursor
    from homeward.episodes.models import Episode

    call_command("migrate", verbosity=0)
    _fill(args.episodes)
    print(f"episodes: {Episode.objects.count():,}", flush=True)
    deep = Episode.objects.order_by("-went_missing_at", "-pk").values_list("went_missing_at", "pk")[
        50 * 1000
    ]
    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(username="bench.coordinator"))
    cases = [
        ("first page", ""),
        ("1,000 pages deep", f"after={Cursor(*deep).encode()}"),
        ("still missing", "state=open"),
        ("high risk", "risk_level=high"),
        ("looked after = no", "looked_after=no"),
        ("category away", "category=away"),
        ("one month", "went_missing_from=2020-03-01&went_missing_to=2020-03-31"),
        ("RHI overdue (derived status)", "rhi_status=overdue"),
        (
            "RHI overdue, high risk, one year",
            "rhi_status=overdue&risk_level=high"
            "&went_missing_from=2019-04-01&went_missing_to=2020-03-31",
        ),
    ]
    for label, query in cases:
        _time(client, label, query, args.repeat)


if __name__ == "__main__":
    main()
