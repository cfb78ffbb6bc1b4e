import factory

from homeward.episodes.tests.factories import EpisodeFactory
from homeward.interviews.models import ReturnInterview
from homeward.reporting.facts import episode_facts_refresh


class ReturnInterviewFactory(factory.django.DjangoModelFactory):
    """A return interview, and its episode's reporting facts rewritten (decision 0024)."""

    class Meta:
        model = ReturnInterview

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        super()._after_postgeneration(instance, create, results)
        if create:
            episode_facts_refresh(episode_ids=[instance.episode_id])

    episode = factory.SubFactory(EpisodeFactory)
