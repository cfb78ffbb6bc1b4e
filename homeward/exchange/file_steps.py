"""The five exchange files (SPEC.md §9), each a :class:`~homeward.exchange.steps.Step`.

The integrity rules come from :mod:`homeward.episodes.rules`, the code lists from
:mod:`homeward.children.codes`, so forms and the loader refuse the same things.
"""

from datetime import UTC, date, datetime
from itertools import groupby
from operator import itemgetter
from pathlib import Path

from django.db import connection

from homeward.children import codes
from homeward.children.models import CarePeriod, Child, Placement
from homeward.education.models import CMEReferral
from homeward.episodes import rules
from homeward.episodes.models import Category, Episode, Location, RiskLevel
from homeward.exchange.bulk import select_in
from homeward.exchange.files import (
    CARE_PERIODS,
    CHILDREN,
    CME_REFERRALS,
    EPISODES,
    INTERVIEWS,
    ExchangeReader,
    Row,
    RowError,
)
from homeward.exchange.steps import (
    LOOKUP_CHUNK,
    ChildLinkedStep,
    Step,
    chunked,
    episode_lookup,
)
from homeward.interviews.models import InterviewerRole, ReturnInterview
from homeward.timeutil import local_date


class ChildrenStep(Step):
    file = CHILDREN
    model = Child
    key_column = "child_id"
    fields = (
        "first_name",
        "last_name",
        "date_of_birth",
        "sex",
        "gender",
        "ethnicity",
        "upn",
        "responsible_authority",
        "home_postcode",
    )

    given = ("organisation_id", "local_id", *fields, "version")

    def parse(self, row: Row) -> dict | None:
        f = self.model_field
        local_id = row.text("child_id", field=f("local_id"), required=True)
        if local_id:
            self.first_time(row, local_id, f"child '{local_id}'")
        child = dict(
            organisation_id=self.org.pk,
            local_id=local_id,
            version=1,
            first_name=row.text("first_name", field=f("first_name"), required=True),
            last_name=row.text("last_name", field=f("last_name"), required=True),
            date_of_birth=row.date("date_of_birth", required=True),
            sex=row.code("sex", codes.Sex),
            gender=row.code("gender", codes.Gender),
            ethnicity=row.code("ethnicity", codes.Ethnicity),
            upn=row.text("upn", field=f("upn")),
            responsible_authority=row.text(
                "responsible_authority", field=f("responsible_authority")
            ),
            home_postcode=row.text("home_postcode", field=f("home_postcode")),
        )
        self.reject(row, local_id)
        return child if row.ok else None

    def write(self, rows: list[dict]) -> None:
        existing = self.stored(
            "local_id", (r["local_id"] for r in rows), itemgetter("local_id"), in_organisation=True
        )
        new, changed = self.classify(rows, existing, itemgetter("local_id"))
        self.writer.insert(new)
        self.writer.insert(changed, conflict=("organisation_id", "local_id"))
        self.ctx.changed_children.update(r["pk"] for r in changed)


class CarePeriodsStep(ChildLinkedStep):
    """Care periods have no id in the file: a child's period is known by its start date."""

    file = CARE_PERIODS
    model = CarePeriod
    key_column = "start_date"
    fields = (
        "end_date",
        "rne",
        "legal_status",
        "cin",
        "placement_type",
        "provider",
        "placement_postcode",
        "in_area",
        "unregulated",
        "reason_ceased",
        "placement_name",
        "placement_id",
    )

    given = ("child_id", "start_date", *fields)
    extra_keys = ("start_date",)

    def __init__(self, ctx):
        super().__init__(ctx)
        self.placements: dict[tuple[str, str], int] = {}

    def parse(self, row: Row) -> dict | None:
        f = self.model_field
        child = self.child(row)
        start = row.date("start_date", required=True)
        end = row.date("end_date")
        if start is not None and (reason := rules.ends_after_start(start, end)):
            row.error("end_date", reason)
        if child is not None and start is not None:
            self.first_time(row, (child[0], start), f"the care period starting {start}")
        period = dict(
            child_id=child[0] if child else None,
            start_date=start,
            end_date=end,
            rne=row.code("rne", codes.ReasonNewEpisode),
            legal_status=row.code("legal_status", codes.LegalStatus),
            cin=row.code("cin", codes.CategoryOfNeed),
            placement_type=row.code("placement_type", codes.PlacementType, required=True),
            provider=row.code("provider", codes.PlacementProvider),
            placement_postcode=row.text("placement_postcode", field=f("placement_postcode")),
            in_area=row.flag("in_area"),
            unregulated=bool(row.flag("unregulated")),
            reason_ceased=row.code("reason_ceased", codes.ReasonEpisodeCeased),
            placement_name=row.text("placement_name", field=f("placement_name")),
        )
        return period if row.ok else None

    def write(self, rows: list[dict]) -> None:
        self._link_placements(rows)
        child_ids = {r["child_id"] for r in rows}
        self.ctx.touched_children.update(child_ids)
        self.children_in_file.update(child_ids)
        key = itemgetter("child_id", "start_date")
        existing = self.stored("child_id", child_ids, key, in_organisation=False)
        new, changed = self.classify(rows, existing, key)
        self.writer.insert(new)
        self.writer.update(changed)
        self.ctx.changed_children.update(r["child_id"] for r in new + changed)

    def run(self, path: Path) -> None:
        self.path = path
        self.children_in_file: set[int] = set()
        super().run(path)

    def finish(self) -> None:
        """Refuse care periods of one child that overlap, in the file or against stored ones."""
        clashes = []
        for chunk in chunked(sorted(self.children_in_file), LOOKUP_CHUNK):
            rows = select_in(CarePeriod, ("child_id", "start_date", "end_date"), "child_id", chunk)
            rows.sort(key=itemgetter(0, 1))
            for child_id, group in groupby(rows, key=itemgetter(0)):
                periods = [(start, end) for _, start, end in group]
                for later, earlier in rules.care_period_clashes(periods):
                    clashes.append((child_id, periods[later][0], periods[earlier][0]))
        if clashes:
            self._report_clashes(clashes)

    def _report_clashes(self, clashes: list[tuple[int, date, date]]) -> None:
        local_ids = dict(
            select_in(Child, ("id", "local_id"), "id", sorted({c[0] for c in clashes}))
        )
        lines = {}
        for row in ExchangeReader(self.path, []).rows():
            lines.setdefault((row.values["child_id"], row.values["start_date"]), row.line)
        for child_id, start, other in clashes:
            local_id = local_ids[child_id]
            mine = lines.get((local_id, start.isoformat()))
            theirs = lines.get((local_id, other.isoformat()))
            if mine is not None:
                reason = f"overlaps the care period starting {other}"
            elif theirs is not None:
                mine, reason = theirs, f"overlaps the care period starting {start}"
            else:
                continue  # both stored before this load
            self.ctx.errors.append(RowError(self.file, mine, "start_date", reason))

    def _link_placements(self, rows: list[dict]) -> None:
        """Get or create the named placement of each period (by name and postcode)."""
        wanted = {
            (r["placement_name"], r["placement_postcode"]) for r in rows if r["placement_name"]
        }
        missing = wanted - self.placements.keys()
        if missing:
            self._fetch_placements(missing)
            absent = missing - self.placements.keys()
            Placement.objects.bulk_create(
                [Placement(organisation=self.org, name=n, postcode=p) for n, p in absent],
                ignore_conflicts=True,
            )
            self._fetch_placements(absent)
        for row in rows:
            key = (row["placement_name"], row["placement_postcode"])
            row["placement_id"] = self.placements[key] if row["placement_name"] else None

    def _fetch_placements(self, keys: set[tuple[str, str]]) -> None:
        for chunk in chunked(sorted({name for name, _ in keys}), LOOKUP_CHUNK):
            rows = Placement.objects.filter(organisation=self.org, name__in=chunk)
            for pk, name, postcode in rows.values_list("pk", "name", "postcode"):
                self.placements[(name, postcode)] = pk


class EpisodesStep(ChildLinkedStep):
    file = EPISODES
    model = Episode
    key_column = "episode_id"
    fields = (
        "child_id",
        "category",
        "went_missing_at",
        "went_missing_on",
        "reported_at",
        "returned_at",
        "risk_level",
        "police_reference",
        "last_seen_place_id",
        "stayed_place_id",
        "found_place_id",
        "recorded_in_error",
    )
    given = ("organisation_id", "external_id", *fields, "version")
    places = ("last_seen_place", "stayed_place", "found_place")

    def __init__(self, ctx):
        super().__init__(ctx)
        self.locations: dict[str, int] = {}
        self.path: Path | None = None
        self.place_name = Location._meta.get_field("name")

    def run(self, path: Path) -> None:
        self.path = path
        super().run(path)

    def parse(self, row: Row) -> dict | None:
        f = self.model_field
        external_id = row.text("episode_id", field=f("external_id"), required=True)
        if external_id:
            self.first_time(row, external_id, f"episode '{external_id}'")
        child = self.child(row)
        went_missing_at = row.instant("went_missing_at", required=True)
        returned_at = row.instant("returned_at")
        episode = dict(
            organisation_id=self.org.pk,
            external_id=external_id,
            version=1,
            child_id=child[0] if child else None,
            category=row.code("category", Category, required=True),
            went_missing_at=went_missing_at,
            reported_at=row.instant("reported_at"),
            returned_at=returned_at,
            risk_level=row.code("risk_level", RiskLevel),
            police_reference=row.text("police_reference", field=f("police_reference")),
            recorded_in_error=bool(row.flag("recorded_in_error")),
        )
        # Place names are kept aside until the batch's Locations are found or made.
        episode["places"] = [row.text(p, field=self.place_name) for p in self.places]
        if went_missing_at is not None:
            # bulk inserts bypass Episode.save(), which derives this (decision 0002)
            episode["went_missing_on"] = local_date(went_missing_at)
            self._check_dates(row, child, episode)
        self.reject(row, external_id)
        return episode if row.ok else None

    def _check_dates(self, row: Row, child: tuple | None, episode: dict) -> None:
        went_missing_at = episode["went_missing_at"]
        if reason := rules.return_after_going_missing(went_missing_at, episode["returned_at"]):
            row.error("returned_at", reason)
        if reason := rules.reported_after_going_missing(went_missing_at, episode["reported_at"]):
            row.error("reported_at", reason)
        if child is None:
            return
        for rule in (rules.not_before_birth, rules.before_eighteenth_birthday):
            if reason := rule(child[1], went_missing_at):
                row.error("went_missing_at", reason)

    def write(self, rows: list[dict]) -> None:
        self._link_locations(rows)
        self.ctx.touched_children.update(r["child_id"] for r in rows)
        key = itemgetter("external_id")
        existing = self.stored("external_id", map(key, rows), key, in_organisation=True)
        new, changed = self.classify(rows, existing, itemgetter("external_id"))
        self.writer.insert(new)
        self.writer.insert(changed, conflict=("organisation_id", "external_id"))
        self.ctx.changed_children.update(r["child_id"] for r in new + changed)

    def _link_locations(self, rows: list[dict]) -> None:
        wanted = {name for r in rows for name in r["places"] if name}
        missing = wanted - self.locations.keys()
        if missing:
            self._fetch_locations(missing)
            absent = missing - self.locations.keys()
            Location.objects.bulk_create(
                [Location(organisation=self.org, name=name) for name in sorted(absent)],
                ignore_conflicts=True,
            )
            self._fetch_locations(absent)
        for row in rows:
            for place, name in zip(self.places, row["places"], strict=True):
                row[f"{place}_id"] = self.locations[name] if name else None

    def _fetch_locations(self, names: set[str]) -> None:
        for chunk in chunked(sorted(names), LOOKUP_CHUNK):
            rows = Location.objects.filter(organisation=self.org, name__in=chunk)
            self.locations.update({name: pk for name, pk in rows.values_list("name", "pk")})

    def finish(self) -> None:
        """Refuse overlapping episodes of one child: in the file, and against stored ones."""
        pairs = []
        for chunk in chunked(sorted(self.ctx.touched_children), LOOKUP_CHUNK):
            for _, group in groupby(_spans(chunk), key=itemgetter(0)):
                intervals = [rules.Interval(key, start, end) for _, key, start, end in group]
                pairs.extend(rules.overlapping_pairs(intervals))
        if pairs and self.path is not None:
            self._report_overlaps(pairs)

    def _report_overlaps(self, pairs: list[tuple[rules.Interval, rules.Interval]]) -> None:
        wanted = {interval.key for pair in pairs for interval in pair}
        lines: dict[str, int] = {}
        for row in ExchangeReader(self.path, []).rows():
            key = row.values["episode_id"]
            if key in wanted and key not in lines:
                lines[key] = row.line
        for later, earlier in pairs:
            # Blame the file's row: the later one if the file has it, else the earlier one.
            for mine, other in ((later, earlier), (earlier, later)):
                if mine.key in lines:
                    message = rules.overlap_message(_as_instants(other))
                    self.ctx.errors.append(
                        RowError(self.file, lines[mine.key], "went_missing_at", message)
                    )
                    break


def _spans(child_ids: list[int]):
    """(child, episode id, went missing at, returned at) of the children's episodes that count.

    Raw SQL, streamed: the ORM's per-value datetime converters would cost more than the check.
    SQLite hands back naive UTC datetimes (or text), which order like the instants they hold.
    """
    table = Episode._meta.db_table
    if connection.vendor == "postgresql":  # one array parameter, not thousands to bind
        among, params = "= ANY(%s)", [list(child_ids)]
    else:
        among, params = f"IN ({', '.join(['%s'] * len(child_ids))})", list(child_ids)
    sql = (
        f"SELECT child_id, external_id, went_missing_at, returned_at FROM {table} "
        f"WHERE child_id {among} AND NOT recorded_in_error "
        "ORDER BY child_id, went_missing_at, external_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(5000):
            yield from rows


def _as_instants(interval: rules.Interval) -> rules.Interval:
    """An interval read by :func:`_spans` with real datetimes, for its message."""
    start, end = (_aware(v) for v in (interval.start, interval.end))
    return rules.Interval(interval.key, start, end)


def _aware(value: datetime | str | None) -> datetime | None:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value


class InterviewsStep(Step):
    """One return home interview per episode: the episode id is the key."""

    file = INTERVIEWS
    model = ReturnInterview
    key_column = "episode_id"
    fields = (
        "offered_at",
        "accepted",
        "declined_reason",
        "completed_at",
        "interviewer_role",
        "voided_reason",
        "shared_with_police_at",
    )

    given = ("episode_id", *fields, "version")

    def prepare(self, batch: list[Row]) -> None:
        self.episodes = episode_lookup(self.org, (row.values["episode_id"] for row in batch))

    def parse(self, row: Row) -> dict | None:
        f = self.model_field
        external_id = row.values["episode_id"]
        episode = self._episode(row, external_id)
        completed_at = row.instant("completed_at")
        interview = dict(
            episode_id=episode[0] if episode else None,
            version=1,
            offered_at=row.instant("offered_at"),
            accepted=row.flag("accepted"),
            declined_reason=row.values["declined_reason"],
            completed_at=completed_at,
            interviewer_role=row.code("interviewer_role", InterviewerRole),
            voided_reason=row.text("voided_reason", field=f("voided_reason")),
            shared_with_police_at=row.instant("shared_with_police_at"),
        )
        if episode is not None and (
            reason := rules.after_return(episode[1], completed_at, "The interview")
        ):
            row.error("completed_at", reason)
        return interview if row.ok else None

    def _episode(self, row: Row, external_id: str) -> tuple | None:
        if not external_id:
            row.error("episode_id", "is required")
            return None
        if not self.first_time(row, external_id, f"an interview for episode '{external_id}'"):
            return None
        episode = self.episodes.get(external_id)
        if episode is None:
            row.error("episode_id", self.ctx.unknown(EPISODES, "episode", external_id))
        return episode

    def write(self, rows: list[dict]) -> None:
        key = itemgetter("episode_id")
        existing = self.stored("episode_id", map(key, rows), key, in_organisation=False)
        new, changed = self.classify(rows, existing, itemgetter("episode_id"))
        self.writer.insert(new)
        self.writer.insert(changed, conflict=("episode_id",))
        self.ctx.interview_episodes.update(map(key, new + changed))


class CMEReferralsStep(ChildLinkedStep):
    file = CME_REFERRALS
    model = CMEReferral
    key_column = "referral_id"
    fields = ("child_id", "school", "referred_on", "located_on", "outcome", "closed_on")
    given = ("organisation_id", "external_id", *fields)

    def parse(self, row: Row) -> dict | None:
        f = self.model_field
        external_id = row.text("referral_id", field=f("external_id"), required=True)
        if external_id:
            self.first_time(row, external_id, f"referral '{external_id}'")
        child = self.child(row)
        referral = dict(
            organisation_id=self.org.pk,
            external_id=external_id,
            child_id=child[0] if child else None,
            school=row.text("school", field=f("school"), required=True),
            referred_on=row.date("referred_on", required=True),
            located_on=row.date("located_on"),
            outcome=row.text("outcome", field=f("outcome")),
            closed_on=row.date("closed_on"),
        )
        if referral["referred_on"] is not None:
            for column in ("located_on", "closed_on"):
                if reason := rules.ends_after_start(referral["referred_on"], referral[column]):
                    row.error(column, reason)
        return referral if row.ok else None

    def write(self, rows: list[dict]) -> None:
        key = itemgetter("external_id")
        existing = self.stored("external_id", map(key, rows), key, in_organisation=True)
        new, changed = self.classify(rows, existing, itemgetter("external_id"))
        self.writer.insert(new)
        self.writer.insert(changed, conflict=("organisation_id", "external_id"))


STEPS: dict[str, type[Step]] = {
    CHILDREN: ChildrenStep,
    CARE_PERIODS: CarePeriodsStep,
    EPISODES: EpisodesStep,
    INTERVIEWS: InterviewsStep,
    CME_REFERRALS: CMEReferralsStep,
}
