"""Units and users built for a rule test: a province of its own, its communes, people in roles."""

import factory

from nscl.organisation.choices import Role, UnitKind
from nscl.organisation.models import Unit, User
from nscl.organisation.services import ministry, unit_upsert


class UnitFactory(factory.django.DjangoModelFactory):
    """A unit placed in the tree by the service that keeps paths (a province by default)."""

    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"T{n:03d}")
    name = factory.Sequence(lambda n: f"Tỉnh Thử Nghiệm {n}")
    kind = UnitKind.PROVINCE
    parent = factory.LazyFunction(ministry)

    @classmethod
    def _create(cls, model_class, *, code, name, kind, parent, **extra):
        return unit_upsert(code=code, name=name, kind=kind, parent=parent, **extra)


class CommuneFactory(UnitFactory):
    code = factory.Sequence(lambda n: f"X{n:04d}")
    name = factory.Sequence(lambda n: f"Xã Thử Nghiệm {n}")
    kind = UnitKind.COMMUNE
    parent = factory.SubFactory(UnitFactory)


class DepartmentFactory(UnitFactory):
    code = factory.Sequence(lambda n: f"S{n:04d}")
    name = factory.Sequence(lambda n: f"Sở Thử Nghiệm {n}")
    kind = UnitKind.DEPARTMENT
    parent = factory.SubFactory(UnitFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    full_name = factory.Sequence(lambda n: f"Người Dùng {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@thu.nscl.vn")
    role = Role.VIEWER
    unit = factory.SubFactory(UnitFactory)
