"""Dump every counting answer the performance page uses, for comparing before and after a change.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hw_bench \\
        .venv/bin/python benchmarks/counting_answers.py > answers.json

Reporting year 2022/23 as at 1 June 2024 (the national benchmark's instant): the scorecard, the
headline of this and the year before, the quarterly trend, the RHI status counts and the top
children for several cohorts, and every table of the performance report. Two runs that print the
same JSON gave the same answers.
"""

import dataclasses
import json
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeward.settings")
# Another year and instant for another database: ANSWERS_YEAR=2024 ANSWERS_AS_AT=2026-01-01
AS_AT = datetime.fromisoformat(os.environ.get("ANSWERS_AS_AT", "2024-06-01")).replace(tzinfo=UTC)
YEAR = int(os.environ.get("ANSWERS_YEAR", "2022"))


def main() -> None:
    import django

    django.setup()
    from homeward.accounts.models import Organisation, Role, User
    from homeward.episodes.models import Episode
    from homeward.reporting import counting, rhi
    from homeward.reporting.counting import Cohort
    from homeward.reporting.performance import performance_report, report_cohort
    from homeward.reporting.periods import reporting_year

    year = reporting_year(YEAR)
    episodes = Episode.objects.all()
    organisation = Organisation.objects.filter(kind="local_authority").order_by("pk").first()
    cohorts = {
        "all": Cohort(),
        "looked_after": Cohort(looked_after=True),
        "out_of_area": Cohort(placement="out_of_area"),
        "ours_placed_here": Cohort.for_organisation(organisation, placement="placed_here"),
    }
    out: dict = {}
    for name, cohort in cohorts.items():
        args = {"episodes": episodes, "cohort": cohort, "as_at": AS_AT}
        began = time.perf_counter()
        selected = counting.episodes_in_period(period=year, **args)
        out[name] = {
            "scorecard": counting.scorecard(period=year, **args).to_json(),
            "headline": dataclasses.asdict(counting.headline(period=year, **args)),
            "headline_year_before": dataclasses.asdict(
                counting.headline(period=year.year_earlier(), **args)
            ),
            "trend": [dataclasses.asdict(p) for p in counting.trend(period=year, **args)],
            "rhi_status_counts": rhi.rhi_status_counts(selected, as_at=AS_AT),
            "top_children": [
                dataclasses.asdict(t) for t in counting.top_children(period=year, **args)
            ],
        }
        print(f"{name}: {time.perf_counter() - began:.1f} s", file=sys.stderr, flush=True)
    user = User(username="answers", role=Role.ANALYST, organisation=organisation)
    for name, placement in (("", None), ("_out_of_area", "out_of_area"), ("_ours", "ours")):
        began = time.perf_counter()
        cohort = report_cohort(organisation, placement=placement)
        report = performance_report(user=user, period=year, cohort=cohort, as_at=AS_AT)
        out[f"performance_tables{name}"] = [
            {"key": t.key, "table": json.loads(json.dumps(dataclasses.asdict(t), default=str))}
            for t in report.tables()
        ]
        seconds = time.perf_counter() - began
        print(f"performance report{name}: {seconds:.1f} s", file=sys.stderr, flush=True)
    print(json.dumps(out, indent=1, sort_keys=True, default=str))


if __name__ == "__main__":
    main()
