"""Building the demo partnership in a database: ``homeward demo`` (issue 2 item 6).

The generated exchange files go through :func:`homeward.exchange.loader.exchange_load`, the
entry path real partners use, so the demo data passes the same rules. Then demo users, one per
role, and the casework the files cannot carry. Re-running finds the partnership already there,
adds nothing, and only gives the demo users a fresh password.
"""

import random
import secrets
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.db import transaction

from homeward.accounts.audit import audit_record
from homeward.accounts.models import AuditEvent, Organisation, Partnership, Role, User
from homeward.children.models import CarePeriod, Placement
from homeward.demo import casework, catalogue, enrich
from homeward.demo.generator import demo_files_write, demo_generate
from homeward.episodes.models import Episode
from homeward.exchange.loader import LoadResult, exchange_load
from homeward.reporting.facts import episode_facts_refresh

ACTOR = enrich.ACTOR
SIGN_IN_URL = "http://127.0.0.1:8000/"


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    police: bool
    first_name: str
    last_name: str
    placement: str = ""


DEMO_USERS = (
    DemoUser("coordinator", Role.COORDINATOR, False, "Dana", "Whitlock"),
    DemoUser("socialworker", Role.SOCIAL_WORKER, False, "Priya", "Lomas"),
    DemoUser("carer", Role.CARER, False, "Kerry", "Asquith", catalogue.DEMO_HOME),
    DemoUser("fostercarer", Role.CARER, False, "Mel", "Ackroyd", catalogue.DEMO_FOSTER_HOME),
    DemoUser("police", Role.POLICE, True, "Lee", "Harrop"),
    DemoUser("analyst", Role.ANALYST, False, "Ravi", "Kendal"),
    DemoUser("manager", Role.MANAGER, False, "Helen", "Moorcroft"),
    DemoUser("administrator", Role.ADMINISTRATOR, False, "Chris", "Tolley"),
)


class DemoError(Exception):
    """The demo cannot be built here (e.g. a demo username belongs to a real user)."""


@dataclass(frozen=True)
class DemoOutcome:
    created: bool
    council: Organisation
    users: list[User]
    password: str
    loaded: LoadResult | None


def demo_council() -> Organisation | None:
    """The demo's local authority, if the demo partnership is in this database."""
    return Organisation.objects.filter(
        partnership__name=catalogue.PARTNERSHIP_NAME,
        name=catalogue.COUNCIL_NAME,
        kind=Organisation.Kind.LOCAL_AUTHORITY,
    ).first()


def demo_organisations() -> tuple[Organisation, Organisation]:
    partnership, _ = Partnership.objects.get_or_create(name=catalogue.PARTNERSHIP_NAME)
    council, _ = Organisation.objects.get_or_create(
        partnership=partnership,
        name=catalogue.COUNCIL_NAME,
        defaults={"kind": Organisation.Kind.LOCAL_AUTHORITY, "ons_code": catalogue.COUNCIL_CODE},
    )
    police, _ = Organisation.objects.get_or_create(
        partnership=partnership,
        name=catalogue.POLICE_NAME,
        defaults={"kind": Organisation.Kind.POLICE, "ons_code": ""},
    )
    return council, police


def _placement(council: Organisation, name: str) -> Placement:
    """The loader makes a Placement per placement name; make it if this loader did not."""
    placement = Placement.objects.filter(organisation=council, name=name).first()
    if placement is None:
        site = next(s for s in catalogue.PLACEMENT_SITES if s.name == name)
        placement = Placement.objects.create(
            organisation=council, name=name, postcode=site.postcode
        )
    CarePeriod.objects.filter(
        child__organisation=council, placement_name=name, placement__isnull=True
    ).update(placement=placement)
    return placement


def demo_users_ensure(*, council: Organisation, police: Organisation) -> list[User]:
    """One user per role (SPEC.md §8); carers attached to the demo home and foster household."""
    users = []
    for spec in DEMO_USERS:
        organisation = police if spec.police else council
        user = User.objects.filter(username=spec.username).first()
        if user is not None and user.organisation_id not in (council.pk, police.pk):
            raise DemoError(
                f"The username '{spec.username}' belongs to a user outside the demo partnership; "
                "run the demo on its own database."
            )
        if user is None:
            user = User.objects.create(
                username=spec.username,
                first_name=spec.first_name,
                last_name=spec.last_name,
                email=f"{spec.username}@northmoor.example",
                organisation=organisation,
                role=spec.role,
                # Django's admin site needs is_staff; only the administrator manages users.
                is_staff=spec.role == Role.ADMINISTRATOR,
            )
            user.set_unusable_password()
            user.save(update_fields=["password"])
            audit_record(action=AuditEvent.Action.CREATED, actor_label=ACTOR, obj=user)
        if spec.placement:
            _placement(council, spec.placement).carers.add(user)
        users.append(user)
    return users


def demo_passwords_reset(*, users: list[User]) -> str:
    """Give every demo user one fresh random password (never stored anywhere but the hash)."""
    password = secrets.token_urlsafe(12)
    # One hash for all: the same password, and Argon2 is deliberately slow (about 1 s a hash).
    hashed = make_password(password)
    for user in users:
        user.password = hashed
        user.save(update_fields=["password"])
        audit_record(
            action=AuditEvent.Action.CHANGED,
            actor_label=ACTOR,
            obj=user,
            detail={"password": "reset by homeward demo"},
        )
    return password


def _load(*, seed: int, today: date, council: Organisation, folder: Path | None, progress: bool):
    data = demo_generate(seed=seed, today=today)
    if folder is not None:
        demo_files_write(data=data, folder=folder)
        return data, exchange_load(
            folder=folder, organisation=council, actor_label=ACTOR, progress=progress
        )
    with tempfile.TemporaryDirectory(prefix="homeward-demo-") as tmp:
        demo_files_write(data=data, folder=Path(tmp))
        loaded = exchange_load(
            folder=Path(tmp), organisation=council, actor_label=ACTOR, progress=progress
        )
    return data, loaded


def _casework(*, seed: int, council: Organisation, users: list[User], now: datetime, today: date):
    rng = random.Random(f"homeward-demo-casework:{seed}")
    by_name = {user.username: user for user in users}
    enrich.episodes_describe(rng=rng, council=council)
    enrich.risk_histories_write(rng=rng, council=council, police=by_name["police"], now=now)
    enrich.involvements_write(rng=rng, council=council, today=today)
    enrich.locations_place(rng=rng, council=council)
    enrich.interviews_complete(rng=rng, council=council, users=by_name, now=now)
    casework.profiles_write(rng=rng, council=council, today=today)
    casework.meetings_and_plans(rng=rng, council=council, users=by_name, today=today)
    casework.audit_rounds(rng=rng, council=council, users=by_name, today=today)
    # The steps above write episodes and interviews directly (the loader's facts are older).
    partners = Organisation.objects.filter(partnership_id=council.partnership_id)
    episode_facts_refresh(organisation_ids=partners.values_list("pk", flat=True))


def demo_partnership_build(
    *, seed: int, today: date, folder: Path | None = None, progress: bool = False
) -> DemoOutcome:
    """Build the demo partnership unless it is already here; reset the demo users' password."""
    council = demo_council()
    if council is not None and Episode.objects.filter(organisation=council).exists():
        police = Organisation.objects.get(
            partnership=council.partnership, name=catalogue.POLICE_NAME
        )
        with transaction.atomic():
            users = demo_users_ensure(council=council, police=police)
            password = demo_passwords_reset(users=users)
        return DemoOutcome(
            created=False, council=council, users=users, password=password, loaded=None
        )
    with transaction.atomic():
        council, police = demo_organisations()
        data, loaded = _load(
            seed=seed, today=today, council=council, folder=folder, progress=progress
        )
        users = demo_users_ensure(council=council, police=police)
        _casework(seed=seed, council=council, users=users, now=data.now, today=today)
        password = demo_passwords_reset(users=users)
    return DemoOutcome(created=True, council=council, users=users, password=password, loaded=loaded)
