"""The screens of nominations: a unit's proposals for a round, a nomination's dossier, the
office's list and appraisal; who may see them (focal B gets a 404 on every URL of A's
nominations and nothing changes; focal A gets a 403 on the office's screens)."""

import pytest
from django.apps import apps
from django.urls import reverse

from tests.awards.live_helpers import texts
from tests.awards.nomination_helpers import PDF_BYTES, make_live, stored_files, upload, use_media
from thidua.accounts.models import Notification
from thidua.awards.models import DossierFile, Nomination
from thidua.awards.services import nominations as services
from thidua.organizations.models import Person, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(trio):
    return make_live(trio)


@pytest.fixture
def media(settings, tmp_path):
    return use_media(settings, tmp_path)


def _snapshot() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"awards", "campaigns", "core", "accounts"}
    }


def _propose(live, line="g_xp", **candidate):
    candidate = candidate or {"unit": live["a"]}
    return services.create_nomination(
        actor=live["focal_a"], round=live["round"], line=live[line], **candidate
    )


def _submit(live, nomination):
    for item in services.dossier_items(nomination):
        services.add_dossier_file(
            actor=live["focal_a"],
            nomination=nomination,
            component=item.component,
            file=upload("ho-so.pdf"),
        )
    return services.submit_nomination(actor=live["focal_a"], nomination=nomination)


# --- The unit's page --------------------------------------------------------------------------


def test_the_unit_page_lists_candidates_with_the_engines_reasons(client, live):
    client.force_login(live["focal_a"])
    response = client.get(reverse("unit_nominations", args=[live["round"].pk]))
    assert response.status_code == 200
    rows = [
        (row.code, row.eligible, row.reasons, [line.line_id for line, _n in row.lines])
        for row in response.context["candidates"]
    ]
    assert rows == [
        ("TB-BA", True, [], ["G-XP"]),
        (live["person_a"].code, False, ["chưa có kết quả của đợt"], ["CN"]),
        ("P-HOA", True, [], ["CN"]),
    ]
    assert texts(response, "reasons") == ["chưa có kết quả của đợt"]


def test_proposing_from_the_unit_page_opens_the_new_nomination(client, live):
    client.force_login(live["focal_a"])
    response = client.post(
        reverse("unit_nominations", args=[live["round"].pk]),
        {"line": live["cn"].pk, "person": live["hoa"].pk},
    )
    nomination = Nomination.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("nomination_detail", args=[nomination.pk])
    assert (nomination.person, nomination.line, nomination.state) == (
        live["hoa"],
        live["cn"],
        "draft",
    )


def test_proposing_an_ineligible_person_without_justification_says_why(client, live):
    client.force_login(live["focal_a"])
    response = client.post(
        reverse("unit_nominations", args=[live["round"].pk]),
        {"line": live["cn"].pk, "person": live["person_a"].pk, "justification": ""},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Nguyễn Thị Hoa chưa đủ điều kiện theo kế hoạch (chưa có kết quả của đợt): hãy giải "
        "trình lý do đề nghị, ít nhất 20 ký tự."
    ]
    assert Nomination.objects.count() == 0


def test_the_campaign_page_links_units_and_office_to_nominations(client, live):
    url = reverse("campaign_detail", args=[live["campaign"].pk])
    client.force_login(live["focal_a"])
    content = client.get(url).content.decode()
    assert reverse("unit_nominations", args=[live["round"].pk]) in content
    assert reverse("round_nominations", args=[live["round"].pk]) not in content
    client.force_login(live["standing"])
    content = client.get(url).content.decode()
    assert reverse("round_nominations", args=[live["round"].pk]) in content


# --- The nomination's page --------------------------------------------------------------------


def test_uploading_and_submitting_from_the_nomination_page(client, live, media):
    nomination = _propose(live)
    client.force_login(live["focal_a"])
    for component in ["Tờ trình", "Báo cáo thành tích", "Biên bản họp HĐTĐKT"]:
        response = client.post(
            reverse("nomination_upload", args=[nomination.pk]),
            {"component": component, "file": upload("ho-so.pdf")},
        )
        assert response.status_code == 302
    response = client.post(reverse("nomination_submit", args=[nomination.pk]), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Đã tải lên tệp hồ sơ.",
        "Đã tải lên tệp hồ sơ.",
        "Đã tải lên tệp hồ sơ.",
        "Đã gửi hồ sơ đề nghị khen thưởng.",
    ]
    nomination.refresh_from_db()
    assert (nomination.state, DossierFile.objects.count(), len(stored_files(media))) == (
        "submitted",
        3,
        3,
    )
    assert texts(response, "state") == ["Đã gửi"]


def test_a_lying_upload_is_refused_on_the_page_and_nothing_is_stored(client, live, media):
    nomination = _propose(live)
    client.force_login(live["focal_a"])
    response = client.post(
        reverse("nomination_upload", args=[nomination.pk]),
        {"component": "Tờ trình", "file": upload("to-trinh.pdf", b"MZ\x90\x00")},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == ["Tệp 'to-trinh.pdf' không phải PDF."]
    assert (DossierFile.objects.count(), stored_files(media)) == (0, [])


# --- The office -------------------------------------------------------------------------------


def test_the_office_list_counts_per_state_and_filters(client, live, media):
    submitted = _submit(live, _propose(live))
    _propose(live, "cn", person=live["hoa"])
    client.force_login(live["standing"])
    url = reverse("round_nominations", args=[live["round"].pk])
    response = client.get(url)
    assert texts(response, "counts") == ["Tổng số: 2 Chờ gửi: 1 Đã gửi: 1"]
    assert [n.pk for n in response.context["nominations"]] == [
        submitted.pk,
        Nomination.objects.get(person=live["hoa"]).pk,
    ]
    response = client.get(url, {"trang_thai": "submitted"})
    assert [(n.pk, n.file_count) for n in response.context["nominations"]] == [(submitted.pk, 3)]
    response = client.get(url, {"dong": live["cn"].pk})
    assert [n.person for n in response.context["nominations"]] == [live["hoa"]]


def test_the_office_list_takes_a_fixed_number_of_queries(
    client, live, media, django_assert_num_queries
):
    client.force_login(live["standing"])
    url = reverse("round_nominations", args=[live["round"].pk])
    _propose(live)
    client.get(url)
    with django_assert_num_queries(QUERIES):
        client.get(url)
    _propose(live, "cn", person=live["hoa"])
    for code in ("TB-BC", "TB-BD"):
        unit = Unit.objects.get(code=code)
        services.create_nomination(
            actor=live["standing"], round=live["round"], line=live["g_xp"], unit=unit
        )
    services.create_nomination(
        actor=live["standing"],
        round=live["round"],
        line=live["cn"],
        person=Person.objects.get(code="P-BINH"),
    )
    with django_assert_num_queries(QUERIES):
        response = client.get(url)
    assert len(response.context["nominations"]) == 5


QUERIES = 9


def test_the_office_returns_a_dossier_from_the_appraisal_form(client, live, media):
    nomination = _submit(live, _propose(live))
    client.force_login(live["standing"])
    url = reverse("nomination_appraisal", args=[nomination.pk])
    response = client.get(url)
    assert texts(response, "check-item") == [
        f"{item} Ghi chú: {item}"
        for item in [
            "Tờ trình",
            "Báo cáo thành tích",
            "Biên bản họp HĐTĐKT",
            "Đủ tiêu chuẩn theo kế hoạch",
        ]
    ]
    response = client.post(
        url, {"action": "return", "reasons": "Bổ sung biên bản họp có chữ ký.", "ok_0": "on"}
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    review = nomination.reviews.get()
    assert (nomination.state, review.reasons, [row["ok"] for row in review.checklist]) == (
        "returned",
        "Bổ sung biên bản họp có chữ ký.",
        [True, False, False, False],
    )
    assert list(Notification.objects.values_list("user__username", flat=True)) == ["focal_a"]


def test_eligible_with_an_unticked_item_is_refused_on_the_form(client, live, media):
    nomination = _submit(live, _propose(live))
    client.force_login(live["standing"])
    url = reverse("nomination_appraisal", args=[nomination.pk])
    response = client.post(url, {"action": "eligible", "ok_0": "on", "ok_1": "on", "ok_2": "on"})
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "Chưa đạt: “Đủ tiêu chuẩn theo kế hoạch”; hồ sơ chỉ đủ điều kiện khi đạt mọi mục."
    ]
    nomination.refresh_from_db()
    assert nomination.state == "submitted"
    response = client.post(
        url, {"action": "eligible", "ok_0": "on", "ok_1": "on", "ok_2": "on", "ok_3": "on"}
    )
    nomination.refresh_from_db()
    assert (response.status_code, nomination.state) == (302, "eligible")


# --- Permissions ------------------------------------------------------------------------------


def _urls_of_a(nomination, dossier):
    pk = nomination.pk
    return [
        ("get", reverse("nomination_detail", args=[pk]), {}),
        ("get", reverse("nomination_file", args=[pk, dossier.pk]), {}),
        ("get", reverse("nomination_appraisal", args=[pk]), {}),
        ("post", reverse("nomination_update", args=[pk]), {"achievements": "x"}),
        ("post", reverse("nomination_upload", args=[pk]), {"component": "Tờ trình"}),
        ("post", reverse("nomination_submit", args=[pk]), {}),
        ("post", reverse("nomination_withdraw", args=[pk]), {}),
        ("post", reverse("nomination_appraisal", args=[pk]), {"action": "receive"}),
    ]


def test_focal_b_gets_404_on_every_url_of_as_nominations_and_nothing_changes(client, live, media):
    nomination = _propose(live)
    dossier = services.add_dossier_file(
        actor=live["focal_a"], nomination=nomination, component="Tờ trình", file=upload("a.pdf")
    )
    before = _snapshot()
    client.force_login(live["focal_b"])
    for method, url, data in _urls_of_a(nomination, dossier):
        assert getattr(client, method)(url, data).status_code == 404, url
    response = client.get(
        reverse("unit_nominations", args=[live["round"].pk]), {"don_vi": live["a"].pk}
    )
    assert response.status_code == 404
    response = client.post(
        reverse("unit_nominations", args=[live["round"].pk]) + f"?don_vi={live['a'].pk}",
        {"line": live["g_xp"].pk},
    )
    assert response.status_code == 404
    assert _snapshot() == before
    nomination.refresh_from_db()
    assert (nomination.state, nomination.achievements) == ("draft", "")


def test_focal_a_gets_403_on_the_offices_screens(client, live, media):
    nomination = _propose(live)
    client.force_login(live["focal_a"])
    before = _snapshot()
    assert client.get(reverse("round_nominations", args=[live["round"].pk])).status_code == 403
    url = reverse("nomination_appraisal", args=[nomination.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "receive"}).status_code == 403
    assert _snapshot() == before


def test_focal_a_downloads_its_own_dossier_file(client, live, media):
    nomination = _propose(live)
    dossier = services.add_dossier_file(
        actor=live["focal_a"], nomination=nomination, component="Tờ trình", file=upload("a.pdf")
    )
    client.force_login(live["focal_a"])
    response = client.get(reverse("nomination_file", args=[nomination.pk, dossier.pk]))
    assert (response.status_code, b"".join(response.streaming_content)) == (200, PDF_BYTES)
    assert response["Content-Disposition"] == 'attachment; filename="a.pdf"'


def test_the_nomination_page_shows_each_component_with_its_files(client, live, media):
    nomination = _propose(live)
    for name in ("cu.pdf", "moi.pdf"):
        services.add_dossier_file(
            actor=live["focal_a"], nomination=nomination, component="Tờ trình", file=upload(name)
        )
    client.force_login(live["focal_a"])
    response = client.get(reverse("nomination_detail", args=[nomination.pk]))
    assert response.status_code == 200
    assert [
        (component, [(f.original_name, f.replaced) for f in files])
        for component, _item, files in response.context["components"]
    ] == [
        ("Tờ trình", [("moi.pdf", False), ("cu.pdf", True)]),
        ("Báo cáo thành tích", []),
        ("Biên bản họp HĐTĐKT", []),
        ("Tài liệu khác", []),
    ]
    assert reverse("nomination_report_docx", args=[nomination.pk]) in response.content.decode()


def test_the_unit_page_takes_a_fixed_number_of_queries(client, live, django_assert_num_queries):
    client.force_login(live["focal_a"])
    url = reverse("unit_nominations", args=[live["round"].pk])
    _propose(live)
    client.get(url)
    with django_assert_num_queries(UNIT_PAGE_QUERIES):
        client.get(url)
    _propose(live, "cn", person=live["hoa"])
    Person.objects.create(
        code="P-MOI", full_name="Phạm Văn Mới", unit=live["a"], position="civil_servant"
    )
    with django_assert_num_queries(UNIT_PAGE_QUERIES):
        response = client.get(url)
    assert len(response.context["candidates"]) == 4


UNIT_PAGE_QUERIES = 26


def test_the_nomination_and_appraisal_pages_say_the_engines_reasons_in_words(client, live):
    unit = Unit.objects.get(code="TB-BE")
    nomination = services.create_nomination(
        actor=live["standing"],
        round=live["round"],
        line=live["g_xp"],
        unit=unit,
        justification="Xã có mô hình số hóa hồ sơ được tỉnh biểu dương.",
    )
    assert nomination.reasons == ["par_rating: Khá < Tốt"]
    client.force_login(live["standing"])
    detail = client.get(reverse("nomination_detail", args=[nomination.pk]))
    appraisal = client.get(reverse("nomination_appraisal", args=[nomination.pk]))
    assert detail.context["reasons"] == ["Xếp loại Chỉ số CCHC: Khá < Tốt"]
    assert appraisal.context["engine_reasons"] == ["Xếp loại Chỉ số CCHC: Khá < Tốt"]
