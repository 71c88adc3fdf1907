"""One factory per model; units and people go through the services so that their derived
fields (path, level, search and sort keys) are those the application writes."""

import factory

from thidua.accounts.services import create_account
from thidua.core.enums import Role
from thidua.organizations import services
from thidua.organizations.enums import Position, UnitKind
from thidua.organizations.models import Block, Person, Unit

PASSWORD = "mat-khau-thu-nghiem-2025"


def make_unit(*, name: str = "", kind: str = UnitKind.COMMUNE, parent: Unit | None = None, **kw):
    make_unit.counter += 1
    number = make_unit.counter
    if parent is None and kind not in (UnitKind.PROVINCE,):
        parent = make_unit(name=f"Tỉnh Thử {number}", kind=UnitKind.PROVINCE)
    return services.create_unit(
        actor=None,
        code=kw.pop("code", f"U{number:05d}"),
        name=name or f"Đơn vị {number}",
        kind=kind,
        parent=parent,
        **kw,
    )


make_unit.counter = 0


def make_person(*, unit: Unit, full_name: str = "", position: str = Position.CIVIL_SERVANT, **kw):
    make_person.counter += 1
    number = make_person.counter
    return services.create_person(
        actor=None,
        code=kw.pop("code", f"P{number:06d}"),
        full_name=full_name or f"Nguyễn Văn Thử {number}",
        unit=unit,
        position=position,
        **kw,
    )


make_person.counter = 0


def make_user(*, unit: Unit | None = None, role: str = Role.FOCAL_OFFICER, roles=None, **kw):
    make_user.counter += 1
    return create_account(
        actor=None,
        username=kw.pop("username", f"user{make_user.counter}"),
        password=kw.pop("password", PASSWORD),
        full_name=kw.pop("full_name", f"Người dùng {make_user.counter}"),
        unit=unit,
        roles=list(roles or [role]),
        **kw,
    )


make_user.counter = 0


class BlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Block

    owner = factory.LazyFunction(lambda: make_unit(kind=UnitKind.DISTRICT))
    code = factory.Sequence(lambda n: f"K{n}")
    name = factory.Sequence(lambda n: f"Khối thi đua {n}")


__all__ = ["PASSWORD", "BlockFactory", "Person", "make_person", "make_unit", "make_user"]
