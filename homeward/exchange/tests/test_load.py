from homeward.accounts.models import AuditEvent
from homeward.children.models import CarePeriod, Child, Placement
from homeward.children.tests.factories import ChildFactory
from homeward.education.models import CMEReferral
from homeward.episodes.models import Episode, Location
from homeward.exchange.loader import exchange_load
from homeward.exchange.tests.exchange_data import CHILD, EPISODE, full_folder, row, write_folder
from homeward.interviews.models import ReturnInterview


def test_a_full_folder_creates_every_record(local_authority, tmp_path):
    result = exchange_load(folder=full_folder(tmp_path), organisation=local_authority)

    assert {name: counts.created for name, counts in result.files.items()} == {
        "children.csv": 1,
        "care_periods.csv": 1,
        "episodes.csv": 1,
        "interviews.csv": 1,
        "cme_referrals.csv": 1,
    }
    assert Child.objects.get().local_id == "C1"
    assert ReturnInterview.objects.get().episode.external_id == "E1"
    assert CMEReferral.objects.get().child.local_id == "C1"


def test_loading_the_same_files_twice_changes_nothing(local_authority, tmp_path):
    folder = full_folder(tmp_path)
    exchange_load(folder=folder, organisation=local_authority)

    second = exchange_load(folder=folder, organisation=local_authority)

    assert not second.changed
    assert all(counts.unchanged == 1 for counts in second.files.values())
    assert Episode.objects.count() == 1 and CarePeriod.objects.count() == 1


def test_a_changed_row_updates_the_stored_record_and_its_version(local_authority, tmp_path):
    exchange_load(folder=full_folder(tmp_path), organisation=local_authority)
    changed = write_folder(tmp_path / "again", episodes=[row("episodes.csv", risk_level="high")])

    result = exchange_load(folder=changed, organisation=local_authority)

    assert result["episodes.csv"].updated == 1
    episode = Episode.objects.get()
    assert (episode.risk_level, episode.version) == ("high", 2)


def test_a_care_period_is_keyed_by_child_and_start_date(local_authority, tmp_path):
    exchange_load(folder=full_folder(tmp_path), organisation=local_authority)
    ended = row("care_periods.csv", end_date="2022-01-01", reason_ceased="E8")

    exchange_load(
        folder=write_folder(tmp_path / "b", care_periods=[ended]), organisation=local_authority
    )

    period = CarePeriod.objects.get()
    assert (period.end_date.isoformat(), period.reason_ceased) == ("2022-01-01", "E8")


def test_files_may_refer_to_children_already_stored(local_authority, tmp_path):
    ChildFactory(organisation=local_authority, local_id="C1")

    result = exchange_load(
        folder=write_folder(tmp_path, episodes=[EPISODE]), organisation=local_authority
    )

    assert result["episodes.csv"].created == 1


def test_places_are_named_locations_shared_between_episodes(local_authority, tmp_path):
    second = row(
        "episodes.csv",
        episode_id="E2",
        went_missing_at="2021-07-01T20:00:00Z",
        reported_at="",
        returned_at="",
        last_seen_place="Test Park",
    )
    folder = write_folder(tmp_path, children=[CHILD], episodes=[EPISODE, second])

    exchange_load(folder=folder, organisation=local_authority)

    assert sorted(Location.objects.values_list("name", flat=True)) == [
        "Test Bus Station",
        "Test Park",
    ]
    assert Episode.objects.filter(last_seen_place__name="Test Park").count() == 2


def test_a_placement_is_found_or_made_from_its_name_and_postcode(local_authority, tmp_path):
    exchange_load(folder=full_folder(tmp_path), organisation=local_authority)

    placement = Placement.objects.get(organisation=local_authority)
    assert (placement.name, placement.postcode) == ("Oak House", "ZZ99 2BB")
    assert CarePeriod.objects.get().placement == placement


def test_loaded_episodes_have_their_london_date_and_care_period(local_authority, tmp_path):
    late_evening = row("episodes.csv", went_missing_at="2021-06-01T23:30:00Z", reported_at="")
    folder = write_folder(
        tmp_path, children=[CHILD], care_periods=[row("care_periods.csv")], episodes=[late_evening]
    )

    exchange_load(folder=folder, organisation=local_authority)

    episode = Episode.objects.get()
    assert episode.went_missing_on.isoformat() == "2021-06-02"  # 00:30 BST
    assert episode.care_period == CarePeriod.objects.get()


def test_an_instant_without_offset_is_london_time(local_authority, tmp_path):
    local = row("episodes.csv", went_missing_at="2021-06-01T21:00:00", reported_at="")
    exchange_load(
        folder=write_folder(tmp_path, children=[CHILD], episodes=[local]),
        organisation=local_authority,
    )

    assert Episode.objects.get().went_missing_at.isoformat() == "2021-06-01T20:00:00+00:00"


def test_a_byte_order_mark_is_accepted(local_authority, tmp_path):
    folder = write_folder(tmp_path, children=[CHILD])
    path = folder / "children.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())

    result = exchange_load(folder=folder, organisation=local_authority)

    assert result["children.csv"].created == 1


def test_a_load_writes_one_audit_event_with_counts_only(local_authority, tmp_path):
    exchange_load(folder=full_folder(tmp_path), organisation=local_authority)

    event = AuditEvent.objects.get(action=AuditEvent.Action.LOADED)
    assert event.actor_label == "homeward load"
    assert event.detail["files"]["children.csv"] == {"created": 1, "updated": 0, "unchanged": 0}
    assert "Testa" not in str(event.detail)


def test_an_episode_recorded_in_error_may_overlap_another(local_authority, tmp_path):
    duplicate = row("episodes.csv", episode_id="E2", recorded_in_error="Y")
    folder = write_folder(tmp_path, children=[CHILD], episodes=[EPISODE, duplicate])

    result = exchange_load(folder=folder, organisation=local_authority)

    assert result["episodes.csv"].created == 2


def test_a_progress_bar_names_each_file_on_stderr(local_authority, tmp_path, capsys):
    exchange_load(folder=full_folder(tmp_path), organisation=local_authority, progress=True)

    err = capsys.readouterr().err
    assert "children.csv" in err and "episodes.csv" in err


def test_a_care_period_ended_by_a_reload_unlinks_the_later_episode(local_authority, tmp_path):
    exchange_load(folder=full_folder(tmp_path), organisation=local_authority)
    ended = row("care_periods.csv", end_date="2021-05-31", reason_ceased="E4A")

    exchange_load(
        folder=write_folder(tmp_path / "b", care_periods=[ended]), organisation=local_authority
    )

    assert Episode.objects.get().care_period is None
