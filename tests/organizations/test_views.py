import pytest
from django.urls import reverse

from tests.factories import make_person, make_unit, make_user
from thidua.core.enums import Role
from thidua.organizations.enums import Position, UnitKind
from thidua.organizations.models import Person, PersonRating, Unit, UnitRating

pytestmark = pytest.mark.django_db


def test_unit_tree_shows_a_standing_officer_their_own_unit_at_the_top(client, trio):
    client.force_login(trio["standing"])
    response = client.get(reverse("unit_tree"))
    assert response.status_code == 200
    assert [unit.code for unit in response.context["nodes"]] == ["TB"]
    assert response.context["nodes"][0].child_count == 2


def test_unit_children_are_loaded_for_a_visible_parent(client, trio):
    client.force_login(trio["standing"])
    response = client.get(reverse("unit_children", args=[trio["district"].pk]))
    assert [unit.code for unit in response.context["nodes"]] == ["TB-BA", "TB-BC"]


def test_unit_search_ignores_diacritics(client, trio):
    client.force_login(trio["standing"])
    response = client.get(reverse("unit_tree"), {"q": "binh chanh"})
    assert [unit.code for unit in response.context["results"]] == ["TB-BC"]
    assert [a.code for a in response.context["results"][0].ancestors] == ["TB"]


def test_unit_search_matches_with_diacritics_too(client, trio):
    client.force_login(trio["standing"])
    response = client.get(reverse("unit_tree"), {"q": "Bình An"})
    assert [unit.code for unit in response.context["results"]] == ["TB-BA"]


def test_focal_officer_search_never_finds_another_commune(client, trio):
    client.force_login(trio["focal_a"])
    response = client.get(reverse("unit_tree"), {"q": "binh"})
    assert [unit.code for unit in response.context["results"]] == ["TB-BA"]


@pytest.mark.parametrize("people", [10, 10_000])
def test_unit_tree_query_count_does_not_grow_with_people(
    client, trio, django_assert_num_queries, people
):
    Person.objects.bulk_create(
        [
            Person(
                code=f"BULK{i}",
                full_name=f"Lê Văn {i}",
                unit=trio["a"],
                position=Position.CIVIL_SERVANT,
            )
            for i in range(people)
        ],
        batch_size=2000,
    )
    client.force_login(trio["standing"])
    # session, user, role grants, unit of the user, tree roots with counts, the unread
    # notifications of the navigation bar
    with django_assert_num_queries(6):
        response = client.get(reverse("unit_tree"))
    assert response.status_code == 200


@pytest.mark.parametrize("people", [10, 10_000])
def test_person_list_query_count_does_not_grow_with_people(
    client, trio, django_assert_num_queries, people
):
    Person.objects.bulk_create(
        [
            Person(
                code=f"BULK{i}",
                full_name=f"Lê Văn {i}",
                sort_key=f"{i:08d}",
                unit=trio["a"] if i % 2 else trio["b"],
                position=Position.CIVIL_SERVANT,
            )
            for i in range(people)
        ],
        batch_size=2000,
    )
    client.force_login(trio["standing"])
    # session, user, role grants, units for the filter, count, page of people with units, the
    # unread notifications of the navigation bar
    with django_assert_num_queries(8):
        response = client.get(reverse("person_list"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(50, people + 2)


def test_person_list_filters_by_subtree_and_name_without_diacritics(client, trio):
    make_person(unit=trio["a"], full_name="Phạm Thị Hương")
    client.force_login(trio["standing"])
    response = client.get(reverse("person_list"), {"q": "huong", "unit": trio["a"].pk})
    assert [p.full_name for p in response.context["page"]] == ["Phạm Thị Hương"]


def test_person_list_is_sorted_vietnamese_style_by_given_name(client, trio):
    for name in ["Trần Văn Tùng", "Lê Thị Ánh", "Nguyễn Văn Anh", "Đỗ Minh Đức", "Võ Dũng"]:
        make_person(unit=trio["a"], full_name=name)
    client.force_login(trio["focal_a"])
    response = client.get(reverse("person_list"))
    assert [p.full_name for p in response.context["page"]] == [
        "Nguyễn Văn Anh",
        "Lê Thị Ánh",
        "Võ Dũng",
        "Đỗ Minh Đức",
        "Nguyễn Thị Hoa",
        "Trần Văn Tùng",
    ]


def test_person_list_of_focal_officer_shows_only_own_unit(client, trio):
    client.force_login(trio["focal_b"])
    response = client.get(reverse("person_list"))
    assert [p.full_name for p in response.context["page"]] == ["Trần Văn Bình"]


def test_unit_detail_shows_people_events_and_ratings(client, trio):
    client.force_login(trio["standing"])
    response = client.get(reverse("unit_detail", args=[trio["a"].pk]))
    assert response.status_code == 200
    assert [p.full_name for p in response.context["page"]] == ["Nguyễn Thị Hoa"]
    assert [a.code for a in response.context["unit"].ancestors] == ["TB"]


def test_standing_officer_adds_a_child_unit(client, trio):
    client.force_login(trio["standing"])
    response = client.post(
        reverse("unit_add_child", args=[trio["district"].pk]),
        {"code": "TB-NV", "name": "Phòng Nội vụ", "kind": UnitKind.OFFICE},
    )
    unit = Unit.objects.get(code="TB-NV")
    assert response.status_code == 302
    assert unit.parent == trio["district"]
    assert unit.level == "district"


def test_add_child_unit_with_bad_placement_shows_a_message_and_saves_nothing(client, trio):
    client.force_login(trio["standing"])
    response = client.post(
        reverse("unit_add_child", args=[trio["a"].pk]),
        {"code": "X-HUYEN", "name": "Huyện lạ", "kind": UnitKind.DISTRICT},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Đơn vị cấp huyện phải trực thuộc một tỉnh, thành phố."
    ]
    assert not Unit.objects.filter(code="X-HUYEN").exists()


def test_focal_officer_edits_a_person_of_own_unit(client, trio):
    person = trio["person_a"]
    client.force_login(trio["focal_a"])
    response = client.post(
        reverse("person_edit", args=[person.pk]),
        {
            "full_name": "Nguyễn Thị Hoa",
            "unit": trio["a"].pk,
            "position": Position.VICE_CHAIRMAN,
            "job_title": "Phó Chủ tịch UBND xã",
            "female": "on",
            "active": "on",
        },
    )
    person.refresh_from_db()
    assert response.status_code == 302
    assert person.position == Position.VICE_CHAIRMAN
    assert person.female is True


def test_focal_officer_cannot_move_a_person_to_another_commune(client, trio):
    person = trio["person_a"]
    client.force_login(trio["focal_a"])
    response = client.post(
        reverse("person_edit", args=[person.pk]),
        {"full_name": "Nguyễn Thị Hoa", "unit": trio["b"].pk, "position": "civil_servant"},
    )
    person.refresh_from_db()
    assert response.status_code == 200
    assert person.unit == trio["a"]


def test_person_rating_is_saved_from_the_scale_in_force(client, trio):
    client.force_login(trio["focal_a"])
    response = client.post(
        reverse("person_rating", args=[trio["person_a"].pk]),
        {"year": 2024, "task_rating": "HTXSNV"},
    )
    assert response.status_code == 302
    assert PersonRating.objects.get(person=trio["person_a"], year=2024).task_rating == "HTXSNV"


def test_unit_rating_rejects_a_value_outside_the_scale(client, trio):
    client.force_login(trio["standing"])
    response = client.post(
        reverse("unit_rating", args=[trio["a"].pk]),
        {"year": 2024, "task_rating": "TOT"},
    )
    assert response.status_code == 200
    assert UnitRating.objects.count() == 0


def test_block_is_created_with_members_of_the_owner_subtree(client, trio):
    client.force_login(trio["standing"])
    response = client.post(
        reverse("block_add", args=[trio["district"].pk]),
        {"code": "XP", "name": "UBND xã, thị trấn", "members": [trio["a"].pk, trio["b"].pk]},
    )
    assert response.status_code == 302
    block = trio["district"].own_blocks.get()
    assert sorted(block.members.values_list("code", flat=True)) == ["TB-BA", "TB-BC"]


def test_focal_officer_cannot_import(client, trio):
    client.force_login(trio["focal_a"])
    response = client.post(reverse("registry_io"), {"kind": "units"})
    assert response.status_code == 403


def test_anonymous_is_sent_to_login(client, trio):
    response = client.get(reverse("unit_tree"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_account_without_role_sees_nothing(client, trio):
    user = make_user(unit=trio["a"], roles=[Role.COUNCIL_MEMBER])
    user.role_grants.all().delete()
    client.force_login(user)
    assert client.get(reverse("unit_tree")).status_code == 403


def test_tree_as_of_a_past_date_shows_a_dissolved_district_with_its_communes(client, db):
    from datetime import date

    from thidua.organizations import services

    province = make_unit(name="Tỉnh Thử", kind=UnitKind.PROVINCE, code="P1")
    district = make_unit(
        name="UBND huyện Cũ",
        kind=UnitKind.DISTRICT,
        parent=province,
        code="D1",
        valid_from=date(2008, 1, 1),
    )
    make_unit(name="UBND xã Một", parent=district, code="C1", valid_from=date(2008, 1, 1))
    services.dissolve_unit(actor=None, unit=district, on=date(2025, 7, 1), children_to=province)
    admin = make_user(roles=[Role.SYSTEM_ADMIN])
    client.force_login(admin)
    before = client.get(
        reverse("unit_children", args=[province.pk]), {"ngay": "31/12/2024"}
    ).context["nodes"]
    after = client.get(reverse("unit_children", args=[province.pk])).context["nodes"]
    assert [(u.code, u.child_count) for u in before] == [("D1", 1)]
    assert [u.code for u in after] == ["C1"]


def test_focal_officer_tree_offers_no_children_they_cannot_open(client, trio):
    make_unit(name="Ấp Bình An 1", kind=UnitKind.HAMLET, parent=trio["a"])
    client.force_login(trio["focal_a"])
    response = client.get(reverse("unit_tree"))
    assert [(u.code, u.child_count) for u in response.context["nodes"]] == [("TB-BA", 0)]
