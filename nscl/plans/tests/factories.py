"""A plan of a province with its two phases (2021–2025, 2026–2030)."""

import factory

from nscl.organisation.tests.factories import UnitFactory
from nscl.plans.models import Phase, Plan


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan
        skip_postgeneration_save = True

    province = factory.SubFactory(UnitFactory)
    number = factory.Sequence(lambda n: str(100 + n))
    issuing_body = factory.LazyAttribute(lambda p: f"UBND {p.province.name}")
    title = "Thực hiện Chương trình quốc gia hỗ trợ doanh nghiệp nâng cao năng suất chất lượng"
    start_year, end_year = 2021, 2030

    @factory.post_generation
    def phases(plan, create, extracted, **kwargs):
        for first, last in extracted or ((2021, 2025), (2026, 2030)):
            Phase.objects.create(plan=plan, name=f"Giai đoạn {first} – {last}",
                                 start_year=first, end_year=last)
