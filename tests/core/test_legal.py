import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from thidua.core.legal import (
    KEYS,
    NotInForce,
    in_force,
    par_rating_for,
    scale_codes,
    validate_value,
)
from thidua.core.models import LegalBasis, LegalValue
from thidua.core.services import set_legal_value

pytestmark = pytest.mark.django_db


def test_every_seeded_value_is_valid_for_its_key():
    rows = list(LegalValue.objects.all())
    assert {row.key for row in rows} == set(KEYS)
    for row in rows:
        validate_value(row.key, row.value)


@pytest.mark.parametrize("key", sorted(KEYS))
def test_every_key_holds_today(key):
    assert in_force(key, on=dt.date(2026, 11, 26)) is not None


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (dt.date(2018, 6, 30), 1_300_000),
        (dt.date(2018, 7, 1), 1_390_000),
        (dt.date(2023, 6, 30), 1_490_000),
        (dt.date(2024, 6, 30), 1_800_000),
        (dt.date(2024, 7, 1), 2_340_000),
    ],
)
def test_base_salary_in_force_on_a_date(on, expected):
    assert in_force("base_salary", on=on) == expected


def test_district_giay_khen_exists_before_the_reform_and_not_after():
    before = {form["code"] for form in in_force("award_forms", on=dt.date(2025, 6, 30))}
    after = {form["code"] for form in in_force("award_forms", on=dt.date(2025, 7, 1))}
    assert "giay_khen_huyen" in before
    assert "giay_khen_huyen" not in after
    assert "giay_khen_xa" in after


@pytest.mark.parametrize(
    ("score", "rating"),
    [
        (95, "Xuất sắc"),
        (90, "Xuất sắc"),
        (89.9, "Tốt"),
        (70, "Khá"),
        (50, "Trung bình"),
        (3, "Yếu"),
    ],
)
def test_par_rating_bands(score, rating):
    assert par_rating_for(score, on=dt.date(2023, 12, 31)) == rating


def test_scale_codes_are_worst_to_best():
    assert scale_codes("task_rating", on=dt.date(2024, 12, 31)) == [
        "KHTNV",
        "HTNV",
        "HTTNV",
        "HTXSNV",
    ]


def test_nothing_in_force_before_the_first_value():
    with pytest.raises(NotInForce):
        in_force("base_salary", on=dt.date(2000, 1, 1))


def test_a_province_value_wins_inside_its_scope_only():
    basis = LegalBasis.objects.create(code="QD-QNA-1", title="Quyết định của UBND tỉnh")
    bands = [{"min": 85, "rating": "Xuất sắc"}, {"min": 0, "rating": "Khá"}]
    set_legal_value(
        actor=None,
        key="par_score_bands",
        value=bands,
        valid_from=dt.date(2022, 1, 1),
        basis=basis,
        scope="QNA",
    )
    assert par_rating_for(86, on=dt.date(2023, 1, 1), scope="QNA") == "Xuất sắc"
    assert par_rating_for(86, on=dt.date(2023, 1, 1)) == "Tốt"


def test_set_legal_value_closes_the_open_period_before_it():
    basis = LegalBasis.objects.create(code="ND-MOI", title="Nghị định mới")
    set_legal_value(
        actor=None, key="base_salary", value=2_530_000, valid_from=dt.date(2026, 7, 1), basis=basis
    )
    assert in_force("base_salary", on=dt.date(2026, 6, 30)) == 2_340_000
    assert in_force("base_salary", on=dt.date(2026, 7, 1)) == 2_530_000
    closed = LegalValue.objects.get(key="base_salary", valid_from=dt.date(2024, 7, 1))
    assert closed.valid_to == dt.date(2026, 6, 30)


def test_set_legal_value_refuses_an_overlap_and_changes_nothing():
    basis = LegalBasis.objects.create(code="ND-SAI", title="Văn bản thử")
    before = list(LegalValue.objects.filter(key="base_salary").values_list("valid_to", flat=True))
    with pytest.raises(ValidationError, match="trùng"):
        set_legal_value(
            actor=None,
            key="base_salary",
            value=9,
            valid_from=dt.date(2019, 1, 1),
            valid_to=dt.date(2019, 12, 31),
            basis=basis,
        )
    after = list(LegalValue.objects.filter(key="base_salary").values_list("valid_to", flat=True))
    assert after == before


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("base_salary", -5, r"phải là số tiền \(đồng\) dương"),
        ("par_score_bands", [{"min": 50, "rating": "A"}, {"min": 60, "rating": "B"}], "giảm dần"),
        ("scale.task_rating", [{"code": "A", "label": "a"}], "ít nhất 2 mức"),
        ("tie_priorities", ["age"], "chỉ gồm các trường"),
        (
            "council_passing_rule",
            {"default": {"share": 2, "of": "present", "strict": True}},
            "share",
        ),
        ("unknown.key", 1, "Khóa quy định không hợp lệ"),
    ],
)
def test_invalid_values_are_refused_with_a_vietnamese_message(key, value, message):
    with pytest.raises(ValidationError, match=message):
        validate_value(key, value)


@pytest.mark.django_db
def test_remembered_asks_the_database_once_per_question(django_assert_num_queries):
    from thidua.core.legal import remembered

    day = dt.date(2026, 1, 1)
    with remembered():
        with django_assert_num_queries(2):
            for _ in range(5):
                first = in_force("base_salary", on=day)
                in_force("base_salary", on=dt.date(2020, 1, 1))
        assert in_force("base_salary", on=day) == first
        with django_assert_num_queries(1):
            for _ in range(3):
                with pytest.raises(NotInForce):
                    in_force("base_salary", on=dt.date(1990, 1, 1))
    # Outside the block every call reads again.
    with django_assert_num_queries(2):
        in_force("base_salary", on=day)
        in_force("base_salary", on=day)
