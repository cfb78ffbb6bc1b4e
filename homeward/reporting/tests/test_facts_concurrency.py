"""Two transactions rewriting the same episode's facts at once take turns (decision 0024).

PostgreSQL only: SQLite runs one writing transaction at a time. Without the episode row locks
of ``facts._write``, the second transaction's DELETE waits for the first one's, finds the row it
waited for gone, and its INSERT then meets the row the first one inserted (duplicate key).
"""

import datetime
import threading

import pytest
from django.db import connection, connections, transaction

from homeward.episodes.tests.factories import EpisodeFactory
from homeward.interviews.models import ReturnInterview
from homeward.interviews.tests.factories import ReturnInterviewFactory
from homeward.reporting.facts import episode_facts_refresh, facts_differences
from homeward.reporting.models import EpisodeFacts

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL row locks"),
]

RETURNED = datetime.datetime(2021, 6, 2, 8, 0, tzinfo=datetime.UTC)


def test_a_second_rewrite_waits_for_the_first_and_reads_what_it_committed():
    episode = EpisodeFactory(returned_at=RETURNED)
    ReturnInterviewFactory(episode=episode, offered_at=RETURNED)
    first_has_written = threading.Event()
    failures: list[BaseException] = []

    def first():  # rewrites the child's facts and holds its transaction open a moment
        try:
            with transaction.atomic():
                episode_facts_refresh(child_ids=[episode.child_id])
                first_has_written.set()
                threading.Event().wait(0.5)
        except BaseException as error:  # noqa: BLE001 - reported by the assert below
            failures.append(error)
        finally:
            connections.close_all()

    def second():  # completes the interview meanwhile and rewrites that episode's facts
        first_has_written.wait(5)
        try:
            with transaction.atomic():
                ReturnInterview.objects.filter(episode=episode).update(
                    completed_at=RETURNED + datetime.timedelta(hours=5)
                )
                episode_facts_refresh(episode_ids=[episode.pk])
        except BaseException as error:  # noqa: BLE001 - reported by the assert below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    completed = EpisodeFacts.objects.get(pk=episode.pk).rhi_completed_at
    assert (failures, facts_differences(), completed) == (
        [],
        [],
        RETURNED + datetime.timedelta(hours=5),
    )
