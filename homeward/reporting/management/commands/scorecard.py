"""``homeward scorecard``: the SPEC.md §6 scorecard for a period, as a table or JSON (§9).

    homeward scorecard --from 2020-04-01 --to 2021-03-31 [--as-at 2021-04-30T09:00]
                       [--lac] [--placement out_of_area] [--responsible-authority NAME]
                       [--organisation NAME|ONS|ID] [--format table|json]
    homeward scorecard --period 2020-21 …     (any period key: 2021-22-Q3, 2021-Q1, 2021-07)

Counts only: no child is named, so nothing personal is printed.
"""

import argparse
import json
from datetime import date, datetime

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from homeward.accounts.models import Organisation
from homeward.children.codes import Gender, PlacementGroup
from homeward.episodes.models import Category, RiskLevel
from homeward.reporting import cohorts, rhi
from homeward.reporting.cohorts import PLACEMENT_COHORTS, Cohort
from homeward.reporting.counting import Count, Scorecard, scorecard
from homeward.reporting.models import EpisodeFacts
from homeward.reporting.periods import PeriodKeyError, period_from_key, recognise
from homeward.timeutil import parse_instant, to_london


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date; write it as YYYY-MM-DD (e.g. 2021-03-31)"
        ) from None


def _instant(value: str) -> datetime:
    try:
        return parse_instant(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not an instant ({error}); write e.g. 2021-04-30T09:00 (London time) "
            "or 2021-04-30T08:00Z"
        ) from None


def organisation_named(value: str) -> Organisation:
    """The organisation with this name or ONS code (any case), or this id."""
    matches = Organisation.objects.filter(Q(name__iexact=value) | Q(ons_code__iexact=value))
    if value.isdigit():
        matches = matches | Organisation.objects.filter(pk=int(value))
    found = list(matches.distinct()[:2])
    if len(found) != 1:
        problem = "No organisation" if not found else "More than one organisation"
        raise CommandError(f"{problem} has the name, ONS code or id {value!r}.")
    return found[0]


class Command(BaseCommand):
    help = "Print the SPEC.md §6 scorecard for a period (table or JSON)."
    # Read-only counting: it needs the database, not the URL or template checks.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", type=_date, help="first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="end", type=_date, help="last day, YYYY-MM-DD")
        parser.add_argument("--period", help="a period key instead of --from/--to (2020-21 …)")
        parser.add_argument(
            "--as-at", dest="as_at", type=_instant, help="report what was known then (default now)"
        )
        parser.add_argument("--lac", action="store_true", help="looked after children only")
        parser.add_argument(
            "--placement",
            choices=sorted(PLACEMENT_COHORTS),
            help="looked after children by where they are placed",
        )
        parser.add_argument("--responsible-authority", help="one responsible authority only")
        parser.add_argument("--organisation", help="count this organisation's episodes only")
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, **options):
        period = self._period(options)
        as_at = options["as_at"] or timezone.now()
        episodes = EpisodeFacts.objects.all()
        cohort_args = {
            "looked_after": options["lac"],
            "placement": options["placement"],
            "responsible_authority": options["responsible_authority"],
        }
        if options["organisation"]:
            organisation = organisation_named(options["organisation"])
            episodes = episodes.filter(organisation=organisation)
            cohort = Cohort.for_organisation(organisation, **cohort_args)
        else:
            cohort = Cohort(**cohort_args)
        card = scorecard(episodes=episodes, period=period, cohort=cohort, as_at=as_at)
        if options["format"] == "json":
            self.stdout.write(json.dumps(card.to_json(), indent=2))
        else:
            self.stdout.write(render_table(card))

    def _period(self, options):
        start, end, key = options["start"], options["end"], options["period"]
        if key:
            if start or end:
                raise CommandError("Give either --period or --from and --to, not both.")
            try:
                return period_from_key(key)
            except PeriodKeyError as error:
                raise CommandError(str(error)) from None
        if start is None or end is None:
            raise CommandError("Give the period: --from YYYY-MM-DD --to YYYY-MM-DD.")
        if end < start:
            raise CommandError(f"--to {end} is before --from {start}.")
        return recognise(start, end)


AREA_LABELS = {
    cohorts.IN_AREA: "Placed in our area",
    cohorts.OUT_OF_AREA: "Placed out of area",
    cohorts.PLACED_HERE: "Placed here by another authority",
    cohorts.AREA_NOT_RECORDED: "Looked after, area not recorded",
    cohorts.NOT_LOOKED_AFTER: "Not looked after",
}
NOT_RECORDED_LABEL = "Not recorded"


def _labels(choices) -> dict[str, str]:
    return {**dict(choices), cohorts.NOT_RECORDED: NOT_RECORDED_LABEL}


def _counts(count: Count) -> str:
    return f"{count.children} children, {count.episodes} episodes"


def _hours(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _headline_rows(card: Scorecard) -> list[tuple[str, str]]:
    return [
        ("Number of missing episodes (total)", str(card.episodes)),
        ("Number of individual children (total)", str(card.children)),
        ("Missing episodes of looked after children", str(card.lac_episodes)),
        ("Looked after children who went missing", str(card.lac_children)),
        ("Offered RHI (% of all episodes)", str(card.rhi_offered)),
        ("Accepted RHI (% of all episodes)", str(card.rhi_accepted)),
        ("Completed RHI (% of those accepted)", str(card.rhi_completed)),
        ("Completed in timescales (% of those completed)", str(card.rhi_in_time)),
        ("Persistently missing children (3 or more episodes)", str(card.persistent_children)),
        ("Episodes of persistently missing children", str(card.persistent_episodes)),
        ("Median hours missing (returned episodes)", _hours(card.duration_median_hours)),
        ("90th percentile hours missing", _hours(card.duration_p90_hours)),
        ("Returned within 24 hours (% of those returned)", str(card.returned_within_24h)),
        ("Still missing at the end of the period", str(card.still_missing)),
    ]


def _sections(card: Scorecard) -> list[tuple[str, list[tuple[str, str]]]]:
    def breakdown(counts: dict[str, Count], labels: dict[str, str]) -> list[tuple[str, str]]:
        return [(labels.get(key, key), _counts(count)) for key, count in counts.items()]

    status = [(rhi.STATUS_LABELS[key], str(n)) for key, n in card.rhi_status.items()]
    return [
        ("Return home interviews, status as at the report time", status),
        ("By category", breakdown(card.by_category, _labels(Category.choices))),
        ("By gender identity", breakdown(card.by_gender, _labels(Gender.choices))),
        ("By age band (age on the episode date)", breakdown(card.by_age_band, {})),
        ("By placement group", breakdown(card.by_placement_group, _labels(PlacementGroup.choices))),
        ("By placement area", breakdown(card.by_placement_area, AREA_LABELS)),
        (
            "By risk level (highest recorded)",
            breakdown(card.by_risk_level, _labels(RiskLevel.choices)),
        ),
        (
            "By responsible authority",
            breakdown(card.by_responsible_authority, {cohorts.NOT_RECORDED: NOT_RECORDED_LABEL}),
        ),
    ]


def render_table(card: Scorecard) -> str:
    """Durham's two-column table (measure | value): counts beside percentages, each share
    stated as numerator (per cent) of denominator; then the status table and breakdowns."""
    as_at = to_london(card.as_at)
    lines = [
        f"Homeward scorecard: {card.period.label}"
        + (
            f" ({card.period.start:%-d %B %Y} to {card.period.end:%-d %B %Y})"
            if card.period.kind != "range"
            else ""
        ),
        f"As at {as_at:%-d %B %Y %H:%M} (London); cohort: {card.cohort.describe()}",
        "",
    ]
    sections = [("Measure", _headline_rows(card)), *_sections(card)]
    width = max(len(label) for _, rows in sections for label, _ in rows) + 2
    width = max(width, *(len(title) + 2 for title, _ in sections))
    for title, rows in sections:
        lines.append(f"{title:<{width}}Value")
        lines.append(f"{'-' * (width - 2):<{width}}{'-' * 24}")
        lines.extend(f"{label:<{width}}{value}" for label, value in rows)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
