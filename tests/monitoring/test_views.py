import pytest
from django.urls import reverse

from tests.factories import make_unit
from tests.monitoring.conftest import set_deadline
from thidua.campaigns.models import Participant
from thidua.monitoring import services
from thidua.monitoring.models import Registration

pytestmark = pytest.mark.django_db


def _form_url(round_, unit=None) -> str:
    url = reverse("registration_form", args=[round_.pk])
    return f"{url}?don-vi={unit.pk}" if unit is not None else url


def test_the_campaign_page_links_to_registration_for_a_unit_below(client, trio, round_):
    client.force_login(trio["focal_a"])
    response = client.get(reverse("campaign_detail", args=[round_.campaign.pk]))
    assert response.context["can_register"] is True
    assert _form_url(round_).encode() in response.content
    assert reverse("registration_status", args=[round_.pk]).encode() not in response.content


def test_the_campaign_page_links_the_office_to_the_round_status(client, trio, round_):
    client.force_login(trio["standing"])
    response = client.get(reverse("campaign_detail", args=[round_.campaign.pk]))
    assert response.context["can_register"] is False
    assert reverse("registration_status", args=[round_.pk]).encode() in response.content


def test_the_form_is_prefilled_with_the_plan_values_and_the_unit_people(client, trio, round_):
    client.force_login(trio["focal_a"])
    response = client.get(_form_url(round_))
    form = response.context["form"]
    assert (form.initial["target_T1"], form.initial["target_T2"]) == (99, "yes")
    assert list(form.fields["people"].queryset) == [trio["person_a"]]
    assert response.context["unit"] == trio["a"]


def test_a_focal_officer_registers_the_unit_from_the_form(client, trio, round_):
    client.force_login(trio["focal_a"])
    response = client.post(
        _form_url(round_),
        {
            "target_T1": "99,5".replace(",", "."),
            "target_T1_note": "Cố gắng vượt",
            "target_T2": "yes",
            "people": [trio["person_a"].pk],
            "note": "Đăng ký",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == _form_url(round_, trio["a"])
    registration = Registration.objects.get()
    assert (registration.unit, registration.state) == (trio["a"], "accepted")
    assert {(c.target.code, c.value, c.note) for c in registration.commitments.all()} == {
        ("T1", 99.5, "Cố gắng vượt"),
        ("T2", True, ""),
    }
    page = client.get(response["Location"])
    assert page.context["form"].initial["target_T1"] == 99.5
    assert page.context["form"].initial["people"] == [trio["person_a"].pk]


def test_a_late_form_shows_the_deadline_and_the_post_changes_nothing(client, trio, round_):
    day = set_deadline(round_, -1)
    client.force_login(trio["focal_a"])
    response = client.get(_form_url(round_))
    assert response.context["open"] is False
    assert f"Đã hết hạn đăng ký thi đua (ngày {day})".encode() in response.content
    response = client.post(_form_url(round_), {"target_T1": "99", "target_T2": "yes"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        f"Đã hết hạn đăng ký thi đua (ngày {day}). Đề nghị cơ quan thường trực mở lại hạn "
        "nếu có lý do chính đáng."
    ]
    assert Registration.objects.count() == 0


def test_the_status_page_counts_units_and_lists_whom_to_remind(client, trio, round_):
    set_deadline(round_, 3)
    commune_c = make_unit(name="UBND xã Bình Đào", parent=trio["district"], code="TB-BD")
    Participant.objects.create(campaign=round_.campaign, unit=commune_c)
    # A package lists its issuer as the root of its units: the issuer does not compete.
    Participant.objects.create(campaign=round_.campaign, unit=trio["district"])
    services.register_unit(
        actor=trio["focal_a"], round=round_, unit=trio["a"], commitments={}, people=[]
    )
    volunteer = services.register_unit(
        actor=trio["focal_b"], round=round_, unit=trio["b"], commitments={}, people=[]
    )
    client.force_login(trio["standing"])
    response = client.get(reverse("registration_status", args=[round_.pk]))
    status = response.context["status"]
    assert [(row.unit.code, row.state) for row in status.rows] == [
        ("TB-BA", "registered"),
        ("TB-BD", "missing"),
        ("TB-BC", "waiting"),
    ]
    assert (status.listed, status.registered, status.waiting, status.percent) == (2, 1, 1, 50)
    assert [row.unit.code for row in status.missing] == ["TB-BD"]
    assert "- UBND xã Bình Đào" in response.context["reminder"]
    assert reverse("registration_accept", args=[volunteer.pk]).encode() in response.content
    reopen = reverse("campaign_reopen", args=[round_.campaign.pk])
    reopen = f"{reopen}?dot={round_.pk}&amp;don-vi={commune_c.pk}"
    assert reopen.encode() not in response.content
    set_deadline(round_, -1)
    response = client.get(reverse("registration_status", args=[round_.pk]))
    assert reopen.encode() in response.content


def test_the_office_accepts_and_refuses_volunteers_from_the_status_page(client, trio, round_):
    volunteer = services.register_unit(
        actor=trio["focal_b"], round=round_, unit=trio["b"], commitments={}, people=[]
    )
    client.force_login(trio["standing"])
    response = client.post(reverse("registration_refuse", args=[volunteer.pk]), {"note": "ngắn"})
    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.state == "submitted"
    client.post(reverse("registration_accept", args=[volunteer.pk]))
    volunteer.refresh_from_db()
    assert volunteer.state == "accepted"


def test_the_office_refuses_a_volunteer_with_a_reason(client, trio, round_):
    volunteer = services.register_unit(
        actor=trio["focal_b"], round=round_, unit=trio["b"], commitments={}, people=[]
    )
    client.force_login(trio["standing"])
    client.post(
        reverse("registration_refuse", args=[volunteer.pk]),
        {"note": "Không thuộc đối tượng của kế hoạch"},
    )
    volunteer.refresh_from_db()
    assert (volunteer.state, volunteer.decision_note) == (
        "refused",
        "Không thuộc đối tượng của kế hoạch",
    )


def test_a_focal_officer_withdraws_the_registration(client, trio, round_):
    registration = services.register_unit(
        actor=trio["focal_a"], round=round_, unit=trio["a"], commitments={}, people=[]
    )
    client.force_login(trio["focal_a"])
    response = client.post(reverse("registration_withdraw", args=[registration.pk]))
    assert response["Location"] == _form_url(round_, trio["a"])
    registration.refresh_from_db()
    assert registration.state == "withdrawn"


def test_the_reopen_form_is_prefilled_from_the_status_page_link(client, trio, round_):
    client.force_login(trio["standing"])
    url = reverse("campaign_reopen", args=[round_.campaign.pk])
    response = client.get(url, {"dot": round_.pk, "don-vi": trio["b"].pk})
    form = response.context["form"]
    assert (form["round"].value(), form["unit"].value()) == (str(round_.pk), str(trio["b"].pk))


@pytest.mark.parametrize("units", [3, 30])
def test_status_page_query_count_does_not_grow_with_units(
    client, trio, round_, django_assert_num_queries, units
):
    for i in range(units):
        unit = make_unit(name=f"UBND xã Thử {i}", parent=trio["district"])
        Participant.objects.create(campaign=round_.campaign, unit=unit)
        if i % 2:
            Registration.objects.create(round=round_, unit=unit, state="accepted")
    client.force_login(trio["standing"])
    # session, user, role grants, unit of the user, the round with its campaign, the listed
    # units, the registrations, the unread notifications of the navigation bar
    with django_assert_num_queries(8):
        response = client.get(reverse("registration_status", args=[round_.pk]))
    assert len(response.context["status"].rows) == units + 1


def test_a_unit_the_plan_does_not_list_is_told_it_asks_to_join(client, trio, round_):
    client.force_login(trio["focal_b"])
    response = client.get(_form_url(round_))
    assert response.context["listed"] is False
    response = client.post(_form_url(round_), {"target_T1": "99", "target_T2": "yes"})
    registration = Registration.objects.get()
    assert (registration.unit, registration.state) == (trio["b"], "submitted")
    page = client.get(response["Location"])
    assert [str(m) for m in page.context["messages"]] == [
        "Đã gửi đề nghị tham gia thi đua; chờ cơ quan thường trực chấp thuận."
    ]


def test_an_if_applicable_target_may_be_left_empty_on_the_form(client, trio, round_):
    round_.campaign.targets.filter(code="T1").update(if_applicable=True)
    client.force_login(trio["focal_a"])
    client.post(_form_url(round_), {"target_T1": "", "target_T2": "no"})
    registration = Registration.objects.get()
    assert {c.target.code: c.value for c in registration.commitments.all()} == {"T2": False}
