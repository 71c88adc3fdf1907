"""The web flow: upload or paste → review (each field beside its marked source sentence, the
fields not found, the full text anchored) → save as a draft campaign of the officer's unit."""

import io
import json
import re

import docx
import pytest
from django.urls import reverse

from tests.planimport.seeds import SEEDS_DIR
from thidua.campaigns.models import AwardLine, Campaign, Round
from thidua.planimport.extract import normalise
from thidua.planimport.package import package_of
from thidua.planimport.reader import read_plan

pytestmark = pytest.mark.django_db

SEEDS = sorted(SEEDS_DIR.glob("00*.txt"))
PLAN = """ỦY BAN NHÂN DÂN HUYỆN BÌNH SƠN
Số: 12/KH-UBND
Bình Sơn, ngày 05 tháng 3 năm 2024
KẾ HOẠCH
Phát động phong trào thi đua “Cải cách hành chính” năm 2024
I. MỤC ĐÍCH
1. Nâng cao chất lượng giải quyết thủ tục hành chính.
II. KHEN THƯỞNG
Chủ tịch UBND huyện tặng Giấy khen cho 03 tập thể và 05 cá nhân.
"""


def upload(name: str, data: bytes):
    file = io.BytesIO(data)
    file.name = name
    return file


def counts():
    return (Campaign.objects.count(), Round.objects.count(), AwardLine.objects.count())


def completed(package: dict) -> dict:
    """What the officer fills in where the plan says nothing (a draft needs these three)."""
    campaign = package["campaign"]
    campaign["issuer"] = campaign["issuer"] or "UBND huyện Thăng Bình"
    campaign["title"] = campaign["title"] or "Kế hoạch thi đua"
    campaign["kind"] = campaign["kind"] or "thematic"
    return package


def test_list_shows_the_link_to_officers_who_may_create(client, trio):
    client.force_login(trio["standing"])
    assert reverse("plan_read") in client.get(reverse("campaign_list")).content.decode()
    client.force_login(trio["focal_a"])
    assert reverse("plan_read") not in client.get(reverse("campaign_list")).content.decode()


def test_focal_officer_of_a_commune_cannot_read_or_save(client, trio):
    client.force_login(trio["focal_a"])
    assert client.get(reverse("plan_read")).status_code == 403
    assert client.post(reverse("plan_read"), {"text": PLAN}).status_code == 403
    package = completed(package_of(read_plan(normalise(PLAN))))
    before = counts()
    response = client.post(reverse("plan_save"), {"text": PLAN, "package": json.dumps(package)})
    assert response.status_code == 403
    assert counts() == before


def test_anonymous_is_sent_to_login(client, trio):
    response = client.get(reverse("plan_read"))
    assert response.status_code == 302 and "next=" in response["Location"]


def test_upload_page_has_labelled_inputs(client, trio):
    client.force_login(trio["standing"])
    html = client.get(reverse("plan_read")).content.decode()
    for name in ("file", "text"):
        assert f'<label class="form-label" for="id_{name}">' in html


def assert_every_source_shown(review, draft) -> None:
    """Each value read is on the screen: its own row, or (an attribute read from the same
    sentence as its line, target or round) the row of its item."""
    rows = {row.path for row in review.rows if row.sentence is not None}
    assert rows <= set(draft.sources)
    for path, source in draft.sources.items():
        parent = path.rpartition(".")[0]
        assert path in rows or (
            parent in rows and draft.sources[parent].sentence == source.sentence
        ), path
    # An attribute read from its own sentence keeps its row.
    for path in rows:
        parent = path.rpartition(".")[0]
        assert parent not in draft.sources or (
            draft.sources[parent].sentence != draft.sources[path].sentence
        )


def test_pasted_text_gives_the_review_with_sources_marked(client, trio):
    client.force_login(trio["standing"])
    response = client.post(reverse("plan_read"), {"text": PLAN})
    assert response.status_code == 200
    assert next(t.name for t in response.templates) == "planimport/plan_review.html"
    draft = read_plan(normalise(PLAN))
    review = response.context["review"]
    html = response.content.decode()
    # Every source of the draft is a row, with its sentence and the anchor of its place.
    sourced = [row for row in review.rows if row.sentence is not None]
    assert_every_source_shown(review, draft)
    for row in sourced:
        assert f'id="{row.anchor}"' in html
        assert f'href="#{row.anchor}"' in html
    # The missing fields are listed as not found.
    assert [path for path, _ in review.missing] == draft.missing
    assert html.count("không tìm thấy") >= len(draft.missing)
    # The form carries the text and the package the reader made.
    form = response.context["form"]
    assert form.initial["text"] == normalise(PLAN)
    assert json.loads(form.initial["package"]) == package_of(draft)
    assert "Lưu thành dự thảo" in html


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_each_seed_reviews_and_marks_its_number_or_title(client, trio, seed):
    client.force_login(trio["standing"])
    text = seed.read_text(encoding="utf-8")
    response = client.post(reverse("plan_read"), {"file": upload(seed.name, text.encode())})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="plan-source"') >= 1
    draft = read_plan(normalise(text))
    review = response.context["review"]
    assert_every_source_shown(review, draft)
    assert [path for path, _ in review.missing] == draft.missing
    assert response.context["form"].initial["text"] == normalise(text)


def test_docx_upload_is_read(client, trio):
    document = docx.Document()
    for line in PLAN.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    client.force_login(trio["standing"])
    response = client.post(reverse("plan_read"), {"file": upload("kh.docx", buffer.getvalue())})
    assert response.status_code == 200
    assert response.context["form"].initial["text"] == normalise(PLAN)


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("kh.pdf", b"%PDF-1.4 rubbish", "PDF"),
        ("kh.docx", b"this is not word", "Nội dung tệp không khớp"),
        ("kh.xlsx", b"PK\x03\x04", "Chỉ đọc được tệp .docx, .pdf hoặc .txt."),
        ("trong.txt", b" \n ", "Tệp không có nội dung chữ."),
    ],
)
def test_bad_file_gives_a_clear_message_and_saves_nothing(client, trio, name, data, error):
    client.force_login(trio["standing"])
    before = counts()
    response = client.post(reverse("plan_read"), {"file": upload(name, data)})
    assert response.status_code == 200
    assert next(t.name for t in response.templates) == "planimport/plan_upload.html"
    assert error in response.content.decode()
    assert counts() == before


def test_nothing_given_asks_for_a_file_or_text(client, trio):
    client.force_login(trio["standing"])
    response = client.post(reverse("plan_read"), {"text": "   "})
    assert response.context["form"].non_field_errors() == [
        "Hãy chọn tệp kế hoạch hoặc dán nội dung kế hoạch."
    ]


def test_too_large_text_is_refused(client, trio, settings):
    settings.THIDUA_IMPORT_MAX_MB = 1
    client.force_login(trio["standing"])
    response = client.post(reverse("plan_read"), {"text": "ạ" * 600_000})
    assert "Nội dung quá lớn (tối đa 1 MB)." in response.content.decode()


def test_save_creates_a_draft_of_the_officers_unit_and_lands_on_it(client, trio):
    client.force_login(trio["standing"])
    text = normalise(PLAN)
    package = completed(package_of(read_plan(text)))
    package["campaign"]["number"] = "12/KH-UBND"  # the officer corrects a field
    response = client.post(
        reverse("plan_save"), {"text": text, "package": json.dumps(package, ensure_ascii=False)}
    )
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("campaign_detail", args=[campaign.pk])
    assert (campaign.owner, campaign.state, campaign.number) == (
        trio["district"],
        "draft",
        "12/KH-UBND",
    )


def test_save_of_an_invalid_package_names_the_place_and_saves_nothing(client, trio):
    client.force_login(trio["standing"])
    text = normalise(PLAN)
    package = completed(package_of(read_plan(text)))
    package["campaign"]["kind"] = "sometimes"
    before = counts()
    response = client.post(reverse("plan_save"), {"text": text, "package": json.dumps(package)})
    assert response.status_code == 200
    errors = response.context["form"].errors["package"]
    assert len(errors) == 1 and errors[0].startswith("$.campaign.kind: ")
    assert counts() == before
    # The review is shown again with the officer's package as they wrote it.
    assert json.loads(response.context["form"]["package"].value()) == package
    assert response.context["review"].text


def test_save_of_broken_json_keeps_the_review(client, trio):
    client.force_login(trio["standing"])
    response = client.post(reverse("plan_save"), {"text": PLAN, "package": '{"format": '})
    assert response.status_code == 200
    assert re.match(r"dòng 1, cột \d+", response.context["form"].errors["package"][0]) or (
        "JSON" in response.context["form"].errors["package"][0]
    )
    assert Campaign.objects.count() == 0


def test_save_without_the_text_sends_back_to_the_upload(client, trio):
    client.force_login(trio["standing"])
    response = client.post(reverse("plan_save"), {"package": "{}"})
    assert response.status_code == 302 and response["Location"] == reverse("plan_read")
    assert Campaign.objects.count() == 0


def test_get_on_save_is_not_allowed(client, trio):
    client.force_login(trio["standing"])
    assert client.get(reverse("plan_save")).status_code == 405


def test_review_escapes_the_text(client, trio):
    client.force_login(trio["standing"])
    response = client.post(reverse("plan_read"), {"text": PLAN + "<script>alert(1)</script>\n"})
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_seed_read_and_saved_unchanged_becomes_the_same_draft(client, trio):
    """Upload → review → "Lưu thành dự thảo" with the package as read: the draft campaign
    exports the campaign, blocks and scheme the reader gave."""
    from thidua.campaigns.services import export_package

    seed = next(path for path in SEEDS if path.name.startswith("004"))
    client.force_login(trio["standing"])
    review = client.post(reverse("plan_read"), {"file": upload(seed.name, seed.read_bytes())})
    form = review.context["form"]
    response = client.post(
        reverse("plan_save"), {"text": form.initial["text"], "package": form.initial["package"]}
    )
    assert response.status_code == 302, response.context["form"].errors
    campaign = Campaign.objects.get()
    assert (campaign.owner, campaign.state) == (trio["district"], "draft")
    exported = export_package(campaign)
    read = json.loads(form.initial["package"])
    assert exported["campaign"] == read["campaign"]
    assert exported["scheme"] == read["scheme"]
    assert exported["blocks"] == read["blocks"]
