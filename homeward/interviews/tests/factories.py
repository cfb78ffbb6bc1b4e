import factory

from homeward.episodes.tests.factories import EpisodeFactory
from homeward.interviews.models import ReturnInterview


class ReturnInterviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReturnInterview

    episode = factory.SubFactory(EpisodeFactory)
