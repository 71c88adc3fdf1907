import pytest
from django.utils import translation

from tests.factories import make_person, make_unit, make_user
from thidua.core.enums import Role
from thidua.organizations.enums import UnitKind


@pytest.fixture(autouse=True)
def default_language():
    """Every test ends in the default language: a request in English leaves English active in
    the thread, and the next test calling a service directly would speak it."""
    yield
    translation.deactivate()


@pytest.fixture
def trio(db):
    """The alice/bob/charlie of healthchecks, in our words: a district with two communes; the
    focal officer of commune A, the standing officer of the district above A, the focal
    officer of commune B."""
    province = make_unit(name="Tỉnh Quảng Nam", kind=UnitKind.PROVINCE, code="QNA")
    district = make_unit(
        name="UBND huyện Thăng Bình", kind=UnitKind.DISTRICT, parent=province, code="TB"
    )
    commune_a = make_unit(name="UBND xã Bình An", parent=district, code="TB-BA")
    commune_b = make_unit(name="UBND xã Bình Chánh", parent=district, code="TB-BC")
    person_a = make_person(unit=commune_a, full_name="Nguyễn Thị Hoa")
    person_b = make_person(unit=commune_b, full_name="Trần Văn Bình")
    return {
        "province": province,
        "district": district,
        "a": commune_a,
        "b": commune_b,
        "person_a": person_a,
        "person_b": person_b,
        "focal_a": make_user(unit=commune_a, role=Role.FOCAL_OFFICER, username="focal_a"),
        "standing": make_user(unit=district, role=Role.STANDING_OFFICER, username="standing"),
        "focal_b": make_user(unit=commune_b, role=Role.FOCAL_OFFICER, username="focal_b"),
    }
