import datetime

import factory

from homeward.children.tests.factories import ChildFactory
from homeward.episodes.models import Category, Episode, Location
from homeward.reporting.facts import episode_facts_refresh


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    organisation = factory.SubFactory("homeward.accounts.tests.factories.OrganisationFactory")
    name = factory.Sequence(lambda n: f"Test Park {n}")


class EpisodeFactory(factory.django.DjangoModelFactory):
    """An episode and its reporting facts, as the services write them (decision 0024); call
    children.services.episode_care_periods_refresh after adding care periods, and
    reporting.facts.episode_facts_refresh after changing an episode by hand."""

    class Meta:
        model = Episode

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        super()._after_postgeneration(instance, create, results)
        if create:
            episode_facts_refresh(episode_ids=[instance.pk])

    child = factory.SubFactory(ChildFactory)
    organisation = factory.LazyAttribute(lambda e: e.child.organisation)
    external_id = factory.Sequence(lambda n: f"E{n:07d}")
    category = Category.MISSING
    went_missing_at = datetime.datetime(2021, 6, 1, 20, 0, tzinfo=datetime.UTC)
    risk_level = "medium"
