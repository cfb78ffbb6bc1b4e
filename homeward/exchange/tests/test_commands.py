import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from homeward.accounts.tests.factories import OrganisationFactory
from homeward.children.models import Child
from homeward.exchange.tests.exchange_data import CHILD, full_folder, row, write_folder


def test_load_prints_counts_per_file(local_authority, tmp_path, capsys):
    call_command("load", str(full_folder(tmp_path)))

    assert "episodes.csv: 1 created, 0 updated, 0 unchanged" in capsys.readouterr().out


def test_load_exits_non_zero_and_prints_every_error(local_authority, tmp_path, capsys):
    bad = row("children.csv", date_of_birth="2009-02-30")
    folder = write_folder(tmp_path, children=[bad])

    with pytest.raises(CommandError, match="1 error"):
        call_command("load", str(folder))

    assert "children.csv:2: date_of_birth: '2009-02-30' is not a date that exists" in (
        capsys.readouterr().err
    )
    assert not Child.objects.exists()


def test_load_needs_the_organisation_when_there_are_several(local_authority, tmp_path):
    OrganisationFactory(name="Otherton Council")

    with pytest.raises(CommandError, match="--organisation"):
        call_command("load", str(write_folder(tmp_path, children=[CHILD])))


def test_load_into_the_organisation_named(local_authority, tmp_path):
    other = OrganisationFactory(name="Otherton Council")

    call_command(
        "load", str(write_folder(tmp_path, children=[CHILD])), organisation="Otherton Council"
    )

    assert Child.objects.get().organisation == other


def test_export_writes_the_files(local_authority, tmp_path):
    call_command("load", str(full_folder(tmp_path / "in")))

    call_command("export", str(tmp_path / "out"))

    assert (tmp_path / "out" / "episodes.csv").read_text().count("\n") == 2
