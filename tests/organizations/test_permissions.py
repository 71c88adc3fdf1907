"""Every URL of the registry, tried by the focal officer of commune B on commune A's objects:
always 404 (no leak that the object exists), and the database is unchanged afterwards."""

import pytest
from django.apps import apps
from django.urls import reverse

from thidua.core.services import create_job
from thidua.organizations import services

pytestmark = pytest.mark.django_db

OBJECT_URLS = [
    ("unit_detail", "a"),
    ("unit_children", "a"),
    ("unit_edit", "a"),
    ("unit_add_child", "a"),
    ("unit_rating", "a"),
    ("person_add", "a"),
    ("person_detail", "person_a"),
    ("person_edit", "person_a"),
    ("person_rating", "person_a"),
    ("block_add", "district"),
    ("block_detail", "block"),
    ("block_edit", "block"),
    ("job_status", "job"),
]

POST_DATA = {
    "code": "HACK",
    "name": "Đơn vị giả",
    "kind": "office",
    "full_name": "Kẻ Lạ",
    "unit": "",
    "position": "civil_servant",
    "year": 2024,
    "task_rating": "HTXSNV",
    "members": [],
}


def _snapshot() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"core", "organizations", "accounts"}
    }


@pytest.fixture
def objects(trio):
    block = services.save_block(
        actor=None, owner=trio["district"], code="XP", name="UBND xã", members=[trio["a"]]
    )
    job = create_job(actor=trio["standing"], kind="organizations.import_units")
    return {**trio, "block": block, "job": job}


@pytest.mark.parametrize(("name", "target"), OBJECT_URLS, ids=[u[0] for u in OBJECT_URLS])
@pytest.mark.parametrize("method", ["get", "post"])
def test_focal_officer_of_b_gets_404_on_every_url_of_a(client, objects, name, target, method):
    POST_DATA["unit"] = objects["b"].pk
    url = reverse(name, args=[objects[target].pk])
    before = _snapshot()
    client.force_login(objects["focal_b"])
    response = getattr(client, method)(url, POST_DATA if method == "post" else None)
    assert response.status_code == 404
    assert _snapshot() == before


@pytest.mark.parametrize(("name", "target"), OBJECT_URLS, ids=[u[0] for u in OBJECT_URLS])
def test_standing_officer_above_a_reaches_every_url_of_a(client, objects, name, target):
    client.force_login(objects["standing"])
    response = client.get(reverse(name, args=[objects[target].pk]))
    assert response.status_code == 200


@pytest.mark.parametrize(
    "name", ["unit_edit", "unit_add_child", "unit_rating", "block_add"], ids=str
)
def test_focal_officer_of_a_may_read_but_not_manage_own_unit(client, objects, name):
    before = _snapshot()
    client.force_login(objects["focal_a"])
    target = objects["district"] if name == "block_add" else objects["a"]
    response = client.post(reverse(name, args=[target.pk]), POST_DATA)
    assert response.status_code in (403, 404)
    assert _snapshot() == before


def test_exports_of_focal_officer_b_never_contain_a(client, objects):
    client.force_login(objects["focal_b"])
    units = client.get(reverse("registry_export", args=["units"]))
    people = client.get(reverse("registry_export", args=["people"]))
    assert units.status_code == 200
    assert people.status_code == 200
    import io

    import openpyxl

    unit_codes = [
        row[0]
        for row in openpyxl.load_workbook(io.BytesIO(units.content)).active.iter_rows(
            min_row=2, values_only=True
        )
    ]
    people_names = [
        row[1]
        for row in openpyxl.load_workbook(io.BytesIO(people.content)).active.iter_rows(
            min_row=2, values_only=True
        )
    ]
    assert unit_codes == ["TB-BC"]
    assert people_names == ["Trần Văn Bình"]


def test_the_404_page_is_in_vietnamese_in_the_site_layout(client, objects):
    client.force_login(objects["focal_b"])
    response = client.get(reverse("unit_detail", args=[objects["a"].pk]))
    assert response.status_code == 404
    assert response.templates[0].name == "404.html"
    assert "Không tìm thấy trang" in response.content.decode()
