"""Screens of conduct and initiatives: lists with filters and pagination, the office's forms,
the permission matrix, and the office's refresh of a round's results."""

import datetime as dt

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_unit
from thidua.campaigns.models import UnitResult
from thidua.monitoring import services
from thidua.monitoring.models import Initiative, Violation

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 3, 10)


def _violation(trio, unit=None, **kw) -> Violation:
    values = {
        "actor": trio["standing"],
        "unit": unit or trio["a"],
        "kind": "complaint",
        "occurred_on": DAY,
        "description": "Người dân phản ánh chậm trễ cấp giấy chứng nhận",
    }
    return services.record_violation(**{**values, **kw})


def _initiative(trio, unit=None, **kw) -> Initiative:
    values = {
        "actor": trio["standing"],
        "unit": unit or trio["a"],
        "title": "Số hóa hồ sơ một cửa",
        "authors": [],
        "level": "district",
        "recognized_on": DAY,
        "decision_ref": "45/QĐ-UBND",
    }
    return services.record_initiative(**{**values, **kw})


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def _rows(response) -> list:
    return list(response.context["page"].object_list)


# Lists --------------------------------------------------------------------------------------


def test_the_focal_officer_reads_only_its_own_units_violations(client, trio):
    own = _violation(trio)
    _violation(trio, unit=trio["b"])
    client.force_login(trio["focal_a"])
    response = client.get(reverse("violation_list"))
    assert (response.status_code, _rows(response)) == (200, [own])
    assert response.context["can_record"] is False
    assert reverse("violation_edit", args=[own.pk]) not in response.text


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "cham tre giay"}, ["a-2025"]),
        ({"q": "BINH CHANH"}, ["b-2025"]),
        ({"q": "12/qđ"}, ["a-2024"]),
        ({"year": "2024"}, ["a-2024"]),
        ({"kind": "discipline"}, ["a-2024"]),
        ({"unit": "district"}, ["b-2025", "a-2025", "a-2024"]),
        ({"unit": "b"}, ["b-2025"]),
        ({"year": "2025", "kind": "complaint", "q": "phan anh"}, ["b-2025", "a-2025"]),
    ],
    ids=["folded-text", "unit-name", "decision", "year", "kind", "subtree", "unit", "together"],
)
def test_violation_filters(client, trio, params, expected):
    made = {
        "a-2024": _violation(
            trio,
            kind="discipline",
            occurred_on=dt.date(2024, 6, 1),
            description="Vi phạm giờ làm việc",
            decision_ref="12/QĐ-UBND",
        ),
        "a-2025": _violation(trio),
        "b-2025": _violation(
            trio, unit=trio["b"], occurred_on=DAY + dt.timedelta(days=1), description="Phản ánh"
        ),
    }
    if "unit" in params:
        params = {**params, "unit": trio[params["unit"]].pk}
    client.force_login(trio["standing"])
    response = client.get(reverse("violation_list"), params)
    names = {v.pk: k for k, v in made.items()}
    assert [names[v.pk] for v in _rows(response)] == expected


def test_an_unfounded_complaint_shows_why_in_the_list(client, trio):
    complaint = _violation(trio)
    services.mark_complaint_unfounded(
        actor=trio["standing"], violation=complaint, reason="Kết luận số 3/KL: không đúng"
    )
    client.force_login(trio["focal_a"])
    [row] = _rows(client.get(reverse("violation_list")))
    assert (row.counted, row.unfounded_reason) == (False, "Kết luận số 3/KL: không đúng")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "so hoa"}, ["a"]),
        ({"q": "nguyen thi hoa"}, ["a"]),
        ({"level": "province"}, ["b"]),
        ({"year": "2024"}, ["b"]),
        ({"unit": "a"}, ["a"]),
    ],
    ids=["folded-title", "author", "level", "year", "unit"],
)
def test_initiative_filters(client, trio, params, expected):
    made = {
        "a": _initiative(trio, authors=[trio["person_a"]]),
        "b": _initiative(
            trio,
            unit=trio["b"],
            title="Tiếp nhận hồ sơ qua Zalo",
            level="province",
            recognized_on=dt.date(2024, 2, 1),
        ),
    }
    if "unit" in params:
        params = {**params, "unit": trio[params["unit"]].pk}
    client.force_login(trio["standing"])
    response = client.get(reverse("initiative_list"), params)
    names = {v.pk: k for k, v in made.items()}
    assert [names[v.pk] for v in _rows(response)] == expected


@pytest.mark.parametrize("count", [1, 10])
def test_violation_list_query_count_does_not_grow_with_rows(
    client, trio, django_assert_num_queries, count
):
    for i in range(count):
        unit = make_unit(name=f"UBND xã Thử {i}", parent=trio["district"])
        _violation(trio, unit=unit)
    client.force_login(trio["standing"])
    # session, user, role grants, the user's unit, the inbox bell, the units of the filter,
    # whether the user records, the count, the page; with a text search one more read
    with django_assert_num_queries(9):
        response = client.get(reverse("violation_list"))
    assert len(_rows(response)) == count
    with django_assert_num_queries(10):
        response = client.get(reverse("violation_list"), {"q": "phan anh"})
    assert len(_rows(response)) == count


@pytest.mark.parametrize("count", [1, 10])
def test_initiative_list_query_count_does_not_grow_with_rows(
    client, trio, django_assert_num_queries, count
):
    for i in range(count):
        unit = make_unit(name=f"UBND xã Thử {i}", parent=trio["district"])
        _initiative(trio, unit=unit)
    client.force_login(trio["standing"])
    # as for violations, and the authors of the page
    with django_assert_num_queries(10):
        response = client.get(reverse("initiative_list"))
    assert len(_rows(response)) == count


def test_the_lists_are_paginated(client, trio, settings):
    settings.PAGE_SIZE = 2
    for i in range(3):
        _violation(trio, occurred_on=DAY - dt.timedelta(days=i))
    client.force_login(trio["standing"])
    response = client.get(reverse("violation_list"), {"kind": "complaint", "trang": 2})
    assert [v.occurred_on for v in _rows(response)] == [DAY - dt.timedelta(days=2)]
    assert response.context["query_string"] == "kind=complaint"


def test_the_entry_page_counts_the_years_records(client, trio):
    today = timezone.localdate()
    _violation(trio, occurred_on=today)
    _violation(trio, occurred_on=DAY)
    _initiative(trio, recognized_on=today)
    client.force_login(trio["focal_a"])
    response = client.get(reverse("conduct_index"))
    assert (response.context["violations"], response.context["initiatives"]) == (1, 1)
    assert response.context["can_record"] is False
    client.force_login(trio["standing"])
    assert client.get(reverse("conduct_index")).context["can_record"] is True


# Forms --------------------------------------------------------------------------------------


def test_the_office_first_picks_the_unit_among_those_under_it(client, trio):
    client.force_login(trio["standing"])
    response = client.get(reverse("violation_create"))
    assert list(response.context["form"].fields["unit"].queryset) == [trio["a"], trio["b"]]


def test_a_focal_officer_has_no_form_to_record(client, trio):
    client.force_login(trio["focal_a"])
    assert client.get(reverse("violation_create")).status_code == 403
    assert client.get(f"{reverse('initiative_create')}?don-vi={trio['a'].pk}").status_code == 403


def test_the_office_records_a_violation_through_the_form(client, trio):
    client.force_login(trio["standing"])
    url = f"{reverse('violation_create')}?don-vi={trio['a'].pk}"
    form = client.get(url).context["form"]
    assert list(form.fields["person"].queryset) == [trio["person_a"]]
    response = client.post(
        url,
        {
            "kind": "discipline",
            "person": trio["person_a"].pk,
            "occurred_on": "10/03/2025",
            "description": "Chậm trễ giải quyết hồ sơ",
            "decision_ref": "12/QĐ-UBND",
            "decision_date": "15/03/2025",
        },
        follow=True,
    )
    violation = Violation.objects.get()
    assert (violation.person, violation.decision_date) == (trio["person_a"], dt.date(2025, 3, 15))
    assert _messages(response) == ["Đã ghi nhận vi phạm, khiếu nại của UBND xã Bình An."]


def test_a_refused_violation_says_why_and_saves_nothing(client, trio):
    client.force_login(trio["standing"])
    url = f"{reverse('violation_create')}?don-vi={trio['a'].pk}"
    response = client.post(
        url,
        {
            "kind": "discipline",
            "occurred_on": "10/03/2025",
            "description": "Chậm trễ",
            "decision_date": "01/03/2025",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Ngày quyết định (01/03/2025) không được trước ngày xảy ra (10/03/2025)."
    ]
    assert Violation.objects.count() == 0


def test_the_office_edits_marks_unfounded_and_deletes_a_complaint(client, trio):
    complaint = _violation(trio)
    client.force_login(trio["standing"])
    edit = reverse("violation_edit", args=[complaint.pk])
    assert client.get(edit).context["form"].initial["description"] == complaint.description
    client.post(
        edit,
        {"kind": "complaint", "occurred_on": "10/03/2025", "description": "Phản ánh thái độ"},
    )
    complaint.refresh_from_db()
    assert complaint.description == "Phản ánh thái độ"
    response = client.post(
        reverse("violation_unfounded", args=[complaint.pk]),
        {"reason": "Kết luận số 3/KL: không đúng"},
        follow=True,
    )
    assert _messages(response) == [
        "Đã lưu vi phạm, khiếu nại.",
        "Đã xác định khiếu nại không có cơ sở; không tính vào kết quả.",
    ]
    complaint.refresh_from_db()
    assert complaint.counted is False
    delete = reverse("violation_delete", args=[complaint.pk])
    assert client.get(delete).status_code == 200
    assert Violation.objects.count() == 1
    response = client.post(delete, follow=True)
    assert (Violation.objects.count(), _messages(response)) == (0, ["Đã xóa vi phạm, khiếu nại."])


def test_a_short_reason_is_refused_with_a_message(client, trio):
    complaint = _violation(trio)
    client.force_login(trio["standing"])
    response = client.post(
        reverse("violation_unfounded", args=[complaint.pk]), {"reason": "sai"}, follow=True
    )
    assert _messages(response) == [
        "Hãy ghi rõ lý do (ít nhất 10 ký tự), kèm số văn bản kết luận nếu có."
    ]
    complaint.refresh_from_db()
    assert complaint.counted is True


def test_the_office_records_edits_and_deletes_an_initiative(client, trio):
    client.force_login(trio["standing"])
    url = f"{reverse('initiative_create')}?don-vi={trio['a'].pk}"
    client.post(
        url,
        {
            "title": "Số hóa hồ sơ một cửa",
            "level": "district",
            "decision_ref": "45/QĐ-UBND",
            "recognized_on": "10/03/2025",
            "authors": [trio["person_a"].pk],
        },
    )
    initiative = Initiative.objects.get()
    assert list(initiative.authors.all()) == [trio["person_a"]]
    edit = reverse("initiative_edit", args=[initiative.pk])
    assert client.get(edit).context["form"].initial["authors"] == [trio["person_a"].pk]
    client.post(
        edit,
        {
            "title": "Số hóa hồ sơ",
            "level": "province",
            "decision_ref": "45/QĐ-UBND",
            "recognized_on": "10/03/2025",
        },
    )
    initiative.refresh_from_db()
    assert (initiative.title, initiative.level, list(initiative.authors.all())) == (
        "Số hóa hồ sơ",
        "province",
        [],
    )
    response = client.post(reverse("initiative_delete", args=[initiative.pk]), follow=True)
    assert (Initiative.objects.count(), _messages(response)) == (
        0,
        ["Đã lưu sáng kiến.", "Đã xóa sáng kiến."],
    )


def test_the_focal_officer_of_the_unit_gets_403_on_changing_its_records(client, trio):
    violation, initiative = _violation(trio), _initiative(trio)
    client.force_login(trio["focal_a"])
    for name, pk in [
        ("violation_edit", violation.pk),
        ("violation_delete", violation.pk),
        ("initiative_edit", initiative.pk),
        ("initiative_delete", initiative.pk),
    ]:
        assert client.get(reverse(name, args=[pk])).status_code == 403
        assert client.post(reverse(name, args=[pk])).status_code == 403
    assert (Violation.objects.count(), Initiative.objects.count()) == (1, 1)


# The permission matrix ---------------------------------------------------------------------

VIOLATION_URLS = [
    ("violation_edit", ["get", "post"]),
    ("violation_delete", ["get", "post"]),
    ("violation_unfounded", ["post"]),
    ("violation_founded", ["post"]),
]
INITIATIVE_URLS = [("initiative_edit", ["get", "post"]), ("initiative_delete", ["get", "post"])]
CASES = [
    (name, method, kind)
    for urls, kind in [(VIOLATION_URLS, "violation"), (INITIATIVE_URLS, "initiative")]
    for name, methods in urls
    for method in methods
]
CASES += [("violation_create", m, "unit") for m in ("get", "post")]
CASES += [("initiative_create", m, "unit") for m in ("get", "post")]
POST = {
    "kind": "discipline",
    "occurred_on": "10/03/2025",
    "description": "Sửa nội dung",
    "title": "Tên mới",
    "level": "unit",
    "decision_ref": "1/QĐ",
    "recognized_on": "10/03/2025",
    "reason": "Lý do đủ dài để được chấp nhận",
}


def _snapshot() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"monitoring", "campaigns", "core", "organizations"}
    }


@pytest.mark.parametrize(("name", "method", "kind"), CASES, ids=[f"{n}-{m}" for n, m, _ in CASES])
def test_focal_officer_of_b_gets_404_on_every_url_of_a(client, trio, round_, name, method, kind):
    violation, initiative = _violation(trio), _initiative(trio)
    before = (_snapshot(), violation.history.count(), initiative.history.count())
    client.force_login(trio["focal_b"])
    if kind == "unit":
        url = f"{reverse(name)}?don-vi={trio['a'].pk}"
    else:
        url = reverse(name, args=[violation.pk if kind == "violation" else initiative.pk])
    response = getattr(client, method)(url, POST if method == "post" else None)
    assert response.status_code == 404
    assert (_snapshot(), violation.history.count(), initiative.history.count()) == before


# The office's refresh of a round ------------------------------------------------------------


def test_the_office_refreshes_a_rounds_results_from_the_campaign_page(client, trio, round_):
    _violation(trio)
    UnitResult.objects.all().delete()
    client.force_login(trio["standing"])
    page = client.get(reverse("campaign_detail", args=[round_.campaign_id]))
    url = reverse("results_refresh", args=[round_.pk])
    assert f'action="{url}"' in page.text
    response = client.post(url, follow=True)
    assert response.redirect_chain == [(reverse("campaign_detail", args=[round_.campaign_id]), 302)]
    assert _messages(response) == [
        "Đã cập nhật kết quả theo dõi đợt hằng năm 2025: 1 kết quả thay đổi."
    ]
    assert UnitResult.objects.get().metrics == {"violations": 1, "initiatives": 0}


@pytest.mark.parametrize("who", ["focal_a", "focal_b"])
def test_a_focal_officer_cannot_refresh_results(client, trio, round_, who):
    client.force_login(trio[who])
    page = client.get(reverse("campaign_detail", args=[round_.campaign_id]))
    url = reverse("results_refresh", args=[round_.pk])
    assert url not in page.text
    assert client.post(url).status_code == 403
    assert UnitResult.objects.count() == 0


def test_refresh_is_a_post(client, trio, round_):
    client.force_login(trio["standing"])
    assert client.get(reverse("results_refresh", args=[round_.pk])).status_code == 405
