"""Downloads of certificates and the bulk job of a decision: who may, and what comes out."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader

from tests.awards.certificate_helpers import issued_decision
from tests.awards.live_helpers import texts
from tests.awards.nomination_helpers import use_media
from tests.factories import make_user
from thidua.awards.enums import DecisionState
from thidua.awards.models import Certificate, Decision
from thidua.awards.services import certificates as services
from thidua.core.enums import Role
from thidua.core.jobs import run_job
from thidua.core.models import AuditEvent, Job


def _pages(content: bytes) -> int:
    return int(PdfFileReader(io.BytesIO(content)).root["/Pages"]["/Count"])


def _code(data, code):
    return next(c for c in data["certificates"] if c.code == code)


@pytest.fixture
def data(trio, settings, tmp_path):
    use_media(settings, tmp_path)
    return issued_decision(trio)


def _login(client, user):
    client.force_login(user)
    return client


def _pdf_url(certificate):
    return reverse("certificate_pdf", args=[certificate.pk])


# --- One certificate -----------------------------------------------------------------------


@pytest.mark.django_db
def test_office_of_the_issuer_downloads_any_certificate(client, data):
    response = _login(client, data["standing"]).get(_pdf_url(_code(data, "GK-B-0003")))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="giay-khen-tran-van-binh.pdf"'
    assert _pages(response.content) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["GK-A-0001", "GK-H-0002"])
def test_focal_officer_downloads_the_certificates_of_their_unit(client, data, code):
    response = _login(client, data["focal_a"]).get(_pdf_url(_code(data, code)))
    assert response.status_code == 200
    assert _pages(response.content) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["GK-A-0001", "GK-H-0002"])
def test_focal_officer_of_another_commune_gets_404(client, data, code):
    before = AuditEvent.objects.count()
    response = _login(client, data["focal_b"]).get(_pdf_url(_code(data, code)))
    assert response.status_code == 404
    assert AuditEvent.objects.count() == before


@pytest.mark.django_db
def test_focal_officer_b_gets_only_their_own(client, data):
    assert _login(client, data["focal_b"]).get(_pdf_url(_code(data, "GK-B-0003"))).status_code == (
        200
    )


@pytest.mark.django_db
def test_leader_and_council_of_the_issuer_download(client, data):
    for role in (Role.LEADER, Role.COUNCIL_MEMBER):
        user = make_user(unit=data["district"], role=role)
        response = _login(client, user).get(_pdf_url(_code(data, "GK-A-0001")))
        assert response.status_code == 200


@pytest.mark.django_db
def test_certificate_of_a_draft_decision_is_not_downloadable(client, data):
    Decision.objects.filter(pk=data["decision"].pk).update(state=DecisionState.DRAFT)
    response = _login(client, data["standing"]).get(_pdf_url(_code(data, "GK-A-0001")))
    assert response.status_code == 404


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client, data):
    response = client.get(_pdf_url(_code(data, "GK-A-0001")))
    assert response.status_code == 302
    assert "/dang-nhap/" in response["Location"] or "login" in response["Location"]


# --- The decision's certificates and the bulk job -----------------------------------------

# Session, user, roles, user unit; the decision, its certificates, the latest job.
QUERIES = 7


@pytest.mark.django_db
def test_decision_part_holds_its_query_count_with_more_certificates(
    client, data, django_assert_num_queries
):
    from tests.awards.certificate_helpers import extra_lines, give
    from tests.factories import make_unit

    for i, line in enumerate(extra_lines(data, 12)):
        unit = make_unit(name=f"UBND xã Thêm {i}", parent=data["district"])
        give(data, data["decision"], line=line, unit=unit, code=f"GK-T-{i:04d}")
    _login(client, data["standing"])
    url = reverse("decision_certificates", args=[data["decision"].pk])
    with django_assert_num_queries(QUERIES):
        response = client.get(url, headers={"HX-Request": "true"})
    assert len(texts(response, "certificate-row")) == 15


@pytest.mark.django_db
def test_decision_part_lists_the_certificates(client, data, django_assert_num_queries):
    url = reverse("decision_certificates", args=[data["decision"].pk])
    _login(client, data["standing"])
    client.get(url, headers={"HX-Request": "true"})
    with django_assert_num_queries(QUERIES):
        response = client.get(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert texts(response, "certificate-row") == [
        "1 UBND xã Bình An Giấy khen · Giải Nhất GK-A-0001 PDF UBND xã Bình An",
        "2 Nguyễn Thị Hoa Giấy khen GK-H-0002 PDF Nguyễn Thị Hoa",
        "3 Trần Văn Bình Giấy khen GK-B-0003 PDF Trần Văn Bình",
    ]
    assert "Tạo giấy khen hàng loạt" in response.content.decode()


@pytest.mark.django_db
def test_decision_part_is_404_for_a_focal_officer_and_403_for_a_reader(client, data):
    url = reverse("decision_certificates", args=[data["decision"].pk])
    for user in (data["focal_a"], data["focal_b"]):
        assert _login(client, user).get(url).status_code == 404
        assert _login(client, user).post(url).status_code == 404
    assert Job.objects.count() == 0


@pytest.mark.django_db
def test_bulk_job_makes_one_pdf_of_n_pages_and_a_zip_of_n_files(
    client, data, django_capture_on_commit_callbacks
):
    url = reverse("decision_certificates", args=[data["decision"].pk])
    _login(client, data["standing"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert texts(response, "job-progress")[0].startswith("Đang tạo giấy khen 0 / 3…")
    job = Job.objects.get(kind=services.KIND)
    assert (job.status, job.done, job.total, job.result["count"]) == ("succeeded", 3, 3, 3)
    progress = client.get(reverse("certificate_job", args=[data["decision"].pk, job.pk]))
    assert texts(progress, "job-progress")[0].startswith("Đã tạo 3 giấy khen.")
    assert 'hx-trigger="every 1s"' not in progress.content.decode()
    pdf = client.get(reverse("certificate_job_file", args=[data["decision"].pk, job.pk, "pdf"]))
    assert pdf.status_code == 200
    content = b"".join(pdf.streaming_content)
    assert _pages(content) == 3
    bundle = client.get(reverse("certificate_job_file", args=[data["decision"].pk, job.pk, "zip"]))
    assert bundle.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(b"".join(bundle.streaming_content))).namelist()
    assert names == ["1-ubnd-xa-binh-an.pdf", "2-nguyen-thi-hoa.pdf", "3-tran-van-binh.pdf"]


@pytest.mark.django_db
def test_bulk_files_and_progress_are_404_for_another_commune(
    client, data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _login(client, data["standing"]).post(
            reverse("decision_certificates", args=[data["decision"].pk])
        )
    job = Job.objects.get(kind=services.KIND)
    pk = data["decision"].pk
    _login(client, data["focal_b"])
    for url in (
        reverse("certificate_job", args=[pk, job.pk]),
        reverse("certificate_job_file", args=[pk, job.pk, "pdf"]),
        reverse("certificate_job_file", args=[pk, job.pk, "zip"]),
    ):
        assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_progress_polls_until_done(client, data):
    _login(client, data["standing"])
    job = services.start_decision_certificates(actor=None, decision=data["decision"])
    Job.objects.filter(pk=job.pk).update(status="running", done=1)
    response = client.get(reverse("certificate_job", args=[data["decision"].pk, job.pk]))
    page = response.content.decode()
    assert "Đang tạo giấy khen 1 / 3…" in page
    assert 'hx-trigger="every 1s"' in page


@pytest.mark.django_db
def test_bulk_job_of_a_draft_decision_is_refused(data):
    from django.core.exceptions import ValidationError

    Decision.objects.filter(pk=data["decision"].pk).update(state=DecisionState.DRAFT)
    data["decision"].refresh_from_db()
    with pytest.raises(ValidationError):
        services.start_decision_certificates(actor=data["standing"], decision=data["decision"])
    assert Job.objects.count() == 0


@pytest.mark.django_db
def test_bulk_job_by_a_focal_officer_is_refused(data):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.start_decision_certificates(actor=data["focal_a"], decision=data["decision"])
    assert Job.objects.count() == 0


@pytest.mark.django_db
def test_decision_page_part_loads_itself_when_included_with_the_decision_only(data):
    from django.template.loader import render_to_string

    html = render_to_string("awards/_decision_certificates.html", {"decision": data["decision"]})
    url = reverse("decision_certificates", args=[data["decision"].pk])
    assert f'hx-get="{url}"' in html
    assert "certificate-row" not in html


@pytest.mark.django_db
def test_a_bulk_job_run_again_after_its_worker_died_replaces_its_files(data, settings):
    """The worker dies after storing the files but before marking the job done; the job is
    taken over and run again: still one PDF and one zip, under the same names."""
    settings.THIDUA_JOB_STALE_SECONDS = 60
    job = services.start_decision_certificates(actor=None, decision=data["decision"])
    run_job(job.pk)
    job.refresh_from_db()
    first = dict(job.result)
    folder = first["pdf"].rsplit("/", 1)[0]
    Job.objects.filter(pk=job.pk).update(
        status="running", heartbeat_at=timezone.now() - dt.timedelta(minutes=5), result={}
    )
    run_job(job.pk)
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("succeeded", 2)
    assert job.result == first
    assert sorted(default_storage.listdir(folder)[1]) == sorted(
        name.rsplit("/", 1)[1] for name in (first["pdf"], first["zip"])
    )
    assert Certificate.objects.filter(award__decision=data["decision"]).count() == 3
