from homeward.accounts.models import AuditEvent
from homeward.exchange.exporter import exchange_export
from homeward.exchange.files import COLUMNS
from homeward.exchange.loader import exchange_load
from homeward.exchange.tests.exchange_data import (
    CHILD,
    EPISODE,
    full_folder,
    row,
    write_folder,
)


def read(folder, name):
    return (folder / name).read_text(encoding="utf-8")


def test_load_then_export_gives_back_equal_files(local_authority, tmp_path):
    source = full_folder(tmp_path / "in")
    exchange_load(folder=source, organisation=local_authority)

    exchange_export(folder=tmp_path / "out", organisation=local_authority)

    for name in COLUMNS:
        assert read(tmp_path / "out", name) == read(source, name), name


def test_export_load_export_is_byte_identical(local_authority, partnership, tmp_path):
    from homeward.accounts.tests.factories import OrganisationFactory

    local_times = row("episodes.csv", went_missing_at="2021-06-01T21:00:00+01:00")
    exchange_load(
        folder=write_folder(tmp_path / "in", children=[CHILD], episodes=[local_times]),
        organisation=local_authority,
    )
    exchange_export(folder=tmp_path / "first", organisation=local_authority)
    elsewhere = OrganisationFactory(partnership=partnership, name="Otherton Council")

    exchange_load(folder=tmp_path / "first", organisation=elsewhere)
    exchange_export(folder=tmp_path / "second", organisation=elsewhere)

    for name in COLUMNS:
        assert (tmp_path / "second" / name).read_bytes() == (tmp_path / "first" / name).read_bytes()


def test_instants_are_exported_in_utc_with_z(local_authority, tmp_path):
    offset = row("episodes.csv", went_missing_at="2021-06-01T21:00:00+01:00")
    exchange_load(
        folder=write_folder(tmp_path / "in", children=[CHILD], episodes=[offset]),
        organisation=local_authority,
    )

    exchange_export(folder=tmp_path / "out", organisation=local_authority)

    assert ",2021-06-01T20:00:00Z," in read(tmp_path / "out", "episodes.csv")


def test_export_writes_only_the_organisations_records(local_authority, partnership, tmp_path):
    from homeward.accounts.tests.factories import OrganisationFactory

    exchange_load(
        folder=write_folder(tmp_path / "in", children=[CHILD]), organisation=local_authority
    )
    other = OrganisationFactory(partnership=partnership, name="Otherton Council")

    exchange_export(folder=tmp_path / "out", organisation=other)

    assert read(tmp_path / "out", "children.csv") == ",".join(COLUMNS["children.csv"]) + "\n"


def test_an_export_writes_one_audit_event(local_authority, tmp_path):
    exchange_load(
        folder=write_folder(tmp_path / "in", children=[CHILD], episodes=[EPISODE]),
        organisation=local_authority,
    )

    exchange_export(folder=tmp_path / "out", organisation=local_authority)

    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORTED)
    assert event.detail["files"]["episodes.csv"] == 1
