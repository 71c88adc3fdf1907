import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.factories import make_person, make_unit
from thidua.core.models import AuditEvent
from thidua.organizations import services
from thidua.organizations.enums import Level, UnitEventKind, UnitKind
from thidua.organizations.models import Person, PersonRating, Unit, UnitEvent

pytestmark = pytest.mark.django_db


def test_create_unit_sets_path_depth_level_and_search_fields(trio):
    office = services.create_unit(
        actor=trio["standing"],
        code="TB-NV",
        name="Phòng  Nội vụ",
        kind=UnitKind.OFFICE,
        parent=trio["district"],
    )
    assert office.path == f"{trio['district'].path}{office.pk}/"
    assert office.depth == 2
    assert office.level == Level.DISTRICT
    assert office.name == "Phòng Nội vụ"
    assert office.search_name == "phong noi vu"
    assert AuditEvent.objects.filter(action="unit.create", object_id=str(office.pk)).count() == 1


@pytest.mark.parametrize(
    ("kind", "parent", "message"),
    [
        (UnitKind.PROVINCE, "district", "không trực thuộc đơn vị nào"),
        (UnitKind.DISTRICT, "a", "phải trực thuộc một tỉnh"),
        (UnitKind.COMMUNE, "a", "cấp huyện hoặc cấp tỉnh"),
    ],
)
def test_create_unit_refuses_a_wrong_placement(trio, kind, parent, message):
    with pytest.raises(ValidationError, match=message):
        services.create_unit(
            actor=None, code="NEW", name="Đơn vị mới", kind=kind, parent=trio[parent]
        )
    assert not Unit.objects.filter(code="NEW").exists()


def test_create_unit_refuses_a_duplicate_code(trio):
    with pytest.raises(ValidationError, match="Mã đơn vị 'TB-BA' đã tồn tại"):
        services.create_unit(
            actor=None, code="TB-BA", name="Trùng", kind=UnitKind.COMMUNE, parent=trio["district"]
        )


@pytest.mark.parametrize("code", ["", "có dấu", "a b", "x" * 41, "-dau"])
def test_create_unit_refuses_a_bad_code(trio, code):
    with pytest.raises(ValidationError, match="không hợp lệ"):
        services.create_unit(
            actor=None, code=code, name="Xã", kind=UnitKind.COMMUNE, parent=trio["district"]
        )


def test_focal_officer_cannot_create_a_unit(trio):
    with pytest.raises(PermissionDenied):
        services.create_unit(
            actor=trio["focal_a"],
            code="TB-BA-AP1",
            name="Ấp 1",
            kind=UnitKind.HAMLET,
            parent=trio["a"],
        )


def test_move_unit_rewrites_the_paths_of_the_whole_subtree(trio):
    hamlet = make_unit(name="Ấp Một", kind=UnitKind.HAMLET, parent=trio["a"])
    other = make_unit(name="UBND huyện Khác", kind=UnitKind.DISTRICT, parent=trio["province"])
    services.move_unit(actor=None, unit=trio["a"], new_parent=other, on=dt.date(2025, 7, 1))
    hamlet.refresh_from_db()
    assert hamlet.path == f"{other.path}{trio['a'].pk}/{hamlet.pk}/"
    assert hamlet.depth == 3
    assert Unit.objects.filter(path__startswith=trio["district"].path).count() == 2


def test_move_unit_under_its_own_descendant_is_refused(trio):
    with pytest.raises(ValidationError, match="chính nó hoặc đơn vị cấp dưới"):
        services.move_unit(
            actor=None, unit=trio["district"], new_parent=trio["a"], on=dt.date(2025, 1, 1)
        )


def test_rename_keeps_the_old_name_in_history_at_the_effective_date(trio):
    commune = make_unit(
        name="UBND xã Bình Sa", parent=trio["district"], valid_from=dt.date(2008, 1, 1)
    )
    services.rename_unit(
        actor=None, unit=commune, name="UBND phường Bình Sa", on=dt.date(2025, 7, 1)
    )
    moment = dt.datetime(2025, 6, 30, 12, tzinfo=dt.UTC)
    assert Unit.history.as_of(moment).get(id=commune.pk).name == "UBND xã Bình Sa"
    assert Unit.objects.get(pk=commune.pk).name == "UBND phường Bình Sa"
    assert UnitEvent.objects.get(unit=commune).kind == UnitEventKind.RENAMED


def test_merge_units_ends_the_old_ones_and_passes_people_and_bodies_on(trio):
    hamlet = make_unit(name="Ấp Hai", kind=UnitKind.HAMLET, parent=trio["b"])
    merged = services.merge_units(
        actor=None,
        units=[trio["a"], trio["b"]],
        code="QNA-BAC",
        name="UBND xã Bình An Chánh",
        kind=UnitKind.COMMUNE,
        parent=trio["province"],
        on=dt.date(2025, 7, 1),
        basis="Nghị quyết thử",
    )
    trio["a"].refresh_from_db()
    hamlet.refresh_from_db()
    assert trio["a"].valid_to == dt.date(2025, 6, 30)
    assert merged.valid_from == dt.date(2025, 7, 1)
    assert hamlet.parent == merged
    assert sorted(Person.objects.filter(unit=merged).values_list("full_name", flat=True)) == [
        "Nguyễn Thị Hoa",
        "Trần Văn Bình",
    ]
    assert Person.history.filter(id=trio["person_a"].pk, unit=trio["a"]).exists()
    assert list(UnitEvent.objects.filter(successor=merged).values_list("kind", flat=True)) == [
        "merged",
        "merged",
    ]


def test_dissolve_requires_a_receiver_for_live_children(trio):
    with pytest.raises(ValidationError, match="còn 2 đơn vị hành chính trực thuộc"):
        services.dissolve_unit(
            actor=None, unit=trio["district"], on=dt.date(2025, 7, 1), children_to=None
        )


def test_dissolve_moves_communes_up_and_keeps_the_district_record(trio):
    services.dissolve_unit(
        actor=None, unit=trio["district"], on=dt.date(2025, 7, 1), children_to=trio["province"]
    )
    trio["a"].refresh_from_db()
    trio["district"].refresh_from_db()
    assert trio["district"].valid_to == dt.date(2025, 6, 30)
    assert trio["a"].parent == trio["province"]
    assert trio["a"].level == Level.COMMUNE


def test_create_person_fills_sort_and_search_keys(trio):
    person = make_person(unit=trio["a"], full_name=" Đặng  Thị Ánh ")
    assert person.full_name == "Đặng Thị Ánh"
    assert person.search_name == "dang thi anh"
    assert person.sort_key.isdigit()


def test_update_person_by_focal_officer_of_another_unit_is_refused(trio):
    with pytest.raises(PermissionDenied):
        services.update_person(actor=trio["focal_b"], person=trio["person_a"], job_title="x")


def test_update_person_keeps_history_of_the_unit(trio):
    services.update_person(actor=trio["standing"], person=trio["person_a"], unit=trio["b"])
    units = list(
        Person.history.filter(id=trio["person_a"].pk)
        .order_by("history_date")
        .values_list("unit__code", flat=True)
    )
    assert units == ["TB-BA", "TB-BC"]


def test_person_rating_outside_the_scale_is_refused(trio):
    with pytest.raises(ValidationError, match="xếp loại 'GIOI' không có trong thang năm 2023"):
        services.set_person_rating(
            actor=None, person=trio["person_a"], year=2023, task_rating="GIOI"
        )


def test_person_rating_for_a_future_year_is_refused(trio):
    with pytest.raises(ValidationError, match="không hợp lệ"):
        services.set_person_rating(
            actor=None, person=trio["person_a"], year=2999, task_rating="HTNV"
        )


def test_unit_rating_is_updated_not_duplicated(trio):
    services.set_unit_rating(actor=None, unit=trio["a"], year=2024, task_rating="HTTNV")
    services.set_unit_rating(
        actor=None, unit=trio["a"], year=2024, task_rating="HTXSNV", party_rating="HTXSNV"
    )
    assert list(trio["a"].ratings.values_list("year", "task_rating", "party_rating")) == [
        (2024, "HTXSNV", "HTXSNV")
    ]


def test_block_members_must_be_inside_the_owner(trio):
    other = make_unit(name="UBND xã Ngoài", parent=trio["province"])
    with pytest.raises(ValidationError, match="Thành viên khối phải thuộc đơn vị tổ chức"):
        services.save_block(
            actor=None, owner=trio["district"], code="XP", name="Khối xã", members=[other]
        )


def test_dissolve_ends_the_offices_inside_and_their_staff_leave_on_that_date(trio):
    office = make_unit(name="Phòng Nội vụ", kind=UnitKind.OFFICE, parent=trio["district"])
    clerk = make_person(unit=office, full_name="Hồ Thị Lan")
    services.dissolve_unit(
        actor=None, unit=trio["district"], on=dt.date(2025, 7, 1), children_to=trio["province"]
    )
    office.refresh_from_db()
    clerk.refresh_from_db()
    assert office.valid_to == dt.date(2025, 6, 30)
    assert clerk.active is False
    left = Person.history.get(id=clerk.pk, active=False)
    assert timezone.localtime(left.history_date) == timezone.make_aware(dt.datetime(2025, 7, 1))


def test_set_person_ratings_writes_new_and_changed_rows_in_bulk(
    trio, django_assert_max_num_queries
):
    services.set_person_rating(actor=None, person=trio["person_a"], year=2023, task_rating="HTNV")
    ratings = [
        (trio["person_a"], 2023, "HTXSNV"),
        (trio["person_a"], 2024, "HTTNV"),
        (trio["person_b"], 2024, "HTNV"),
    ]
    with django_assert_max_num_queries(12):
        result = services.set_person_ratings(actor=trio["standing"], ratings=ratings)
    assert result == {"created": 2, "updated": 1}
    assert sorted(PersonRating.objects.values_list("person__full_name", "year", "task_rating")) == [
        ("Nguyễn Thị Hoa", 2023, "HTXSNV"),
        ("Nguyễn Thị Hoa", 2024, "HTTNV"),
        ("Trần Văn Bình", 2024, "HTNV"),
    ]


def test_set_person_ratings_with_one_bad_value_writes_nothing(trio):
    with pytest.raises(ValidationError, match="Trần Văn Bình: xếp loại 'X'"):
        services.set_person_ratings(
            actor=None,
            ratings=[(trio["person_a"], 2024, "HTTNV"), (trio["person_b"], 2024, "X")],
        )
    assert PersonRating.objects.count() == 0


def test_set_person_ratings_refuses_a_focal_officer_of_another_unit(trio):
    with pytest.raises(PermissionDenied):
        services.set_person_ratings(
            actor=trio["focal_b"], ratings=[(trio["person_a"], 2024, "HTTNV")]
        )
