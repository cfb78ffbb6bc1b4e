import datetime

import factory

from homeward.children.tests.factories import ChildFactory
from homeward.education.models import CMEReferral


class CMEReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CMEReferral

    child = factory.SubFactory(ChildFactory)
    organisation = factory.LazyAttribute(lambda r: r.child.organisation)
    external_id = factory.Sequence(lambda n: f"CME{n:06d}")
    school = "Testshire Academy"
    referred_on = datetime.date(2023, 5, 1)
