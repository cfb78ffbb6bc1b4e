import datetime

import factory

from homeward.accounts.tests.factories import OrganisationFactory
from homeward.children.models import CarePeriod, Child, Placement


class ChildFactory(factory.django.DjangoModelFactory):
    """Synthetic children only: invented names, no real person's data."""

    class Meta:
        model = Child

    organisation = factory.SubFactory(OrganisationFactory)
    local_id = factory.Sequence(lambda n: f"C{n:06d}")
    first_name = factory.Sequence(lambda n: f"Testchild{n}")
    last_name = "Example"
    date_of_birth = datetime.date(2008, 5, 17)
    sex = "1"
    gender = "male"
    ethnicity = "WBRI"
    responsible_authority = factory.LazyAttribute(lambda c: c.organisation.name)


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Test House {n}")
    postcode = "ZZ99 1ZZ"


class CarePeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CarePeriod

    child = factory.SubFactory(ChildFactory)
    start_date = datetime.date(2020, 1, 1)
    end_date = None
    rne = "S"
    legal_status = "C2"
    cin = "N1"
    placement_type = "K2"
    provider = "PR1"
    in_area = True
