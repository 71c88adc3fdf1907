"""Evidence per criterion of a PAR self-assessment: checked like every evidence file (name,
type read from the content, size); a refused upload stores nothing, not even the draft it
would have created. Removal while the assessment can still change."""

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from tests.monitoring.conftest import PDF_BYTES, PNG_BYTES, stored_files, upload
from tests.monitoring.par_helpers import criterion, small_framework
from thidua.core.models import AuditEvent
from thidua.monitoring.models import Evidence, ParAssessment, ParScore
from thidua.monitoring.services import par

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework(trio):
    return small_framework(trio["district"])


def _add(trio, framework, *files, code="A.1"):
    return par.add_par_evidence(
        actor=trio["focal_a"],
        unit=trio["a"],
        framework=framework,
        criterion=criterion(framework, code),
        files=list(files),
    )


REFUSALS = [
    ("bao-cao.pdf", PNG_BYTES, "Tệp 'bao-cao.pdf' không phải PDF."),
    (
        "../../etc/passwd.pdf",
        PDF_BYTES,
        "Tên tệp '../../etc/passwd.pdf' không hợp lệ: không được chứa đường dẫn.",
    ),
    (
        "ke-hoach.exe.pdf",
        PDF_BYTES,
        "Tên tệp 'ke-hoach.exe.pdf' không hợp lệ: có hai phần mở rộng.",
    ),
    ("hoa-don\u202efdp.exe", b"MZ", "Tên tệp 'hoa-don?fdp.exe' không hợp lệ: có ký tự điều khiển."),
]


@pytest.mark.parametrize(
    ("name", "content", "message"), REFUSALS, ids=[r[0][:20] for r in REFUSALS]
)
def test_a_hostile_or_lying_file_is_refused_and_nothing_is_stored(
    trio, framework, media, name, content, message
):
    audits = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        _add(trio, framework, upload(name, content))
    assert caught.value.messages == [message]
    assert (Evidence.objects.count(), ParScore.objects.count(), ParAssessment.objects.count()) == (
        0,
        0,
        0,
    )
    assert (AuditEvent.objects.count(), stored_files(media)) == (audits, [])


@override_settings(THIDUA_EVIDENCE_MAX_MB=1)
def test_an_oversize_file_is_refused_and_nothing_is_stored(trio, framework, media):
    with pytest.raises(ValidationError) as caught:
        _add(trio, framework, upload("lon.pdf", PDF_BYTES + b"0" * (1024 * 1024)))
    assert caught.value.messages == ["Tệp 'lon.pdf' quá lớn (1.0 MB): chỉ nhận tệp đến 1 MB."]
    assert (Evidence.objects.count(), ParAssessment.objects.count(), stored_files(media)) == (
        0,
        0,
        [],
    )


def test_evidence_is_kept_per_criterion(trio, framework, media):
    stored = _add(
        trio, framework, upload("quyet-dinh.pdf", PDF_BYTES), upload("anh.png", PNG_BYTES)
    )
    assert [(e.original_name, e.par_score.criterion.code, e.report_id) for e in stored] == [
        ("quyet-dinh.pdf", "A.1", None),
        ("anh.png", "A.1", None),
    ]
    assert len(stored_files(media)) == 2
    event = AuditEvent.objects.get(action="par_assessment.add_evidence")
    assert event.after["criterion"] == "A.1"


def test_evidence_for_an_area_is_refused(trio, framework, media):
    with pytest.raises(ValidationError) as caught:
        _add(trio, framework, upload("a.pdf", PDF_BYTES), code="A")
    assert caught.value.messages == ["Hãy chọn một tiêu chí chấm điểm của bộ tiêu chí."]
    assert stored_files(media) == []


def test_removing_evidence_deletes_the_file_once(
    trio, framework, media, django_capture_on_commit_callbacks
):
    [evidence] = _add(trio, framework, upload("quyet-dinh.pdf", PDF_BYTES))
    with django_capture_on_commit_callbacks(execute=True):
        par.remove_par_evidence(actor=trio["focal_a"], evidence=evidence)
    par.remove_par_evidence(actor=trio["focal_a"], evidence=evidence)
    assert (Evidence.objects.count(), stored_files(media)) == (0, [])
    assert AuditEvent.objects.filter(action="par_assessment.remove_evidence").count() == 1


def test_evidence_cannot_be_removed_once_submitted(trio, framework, media):
    [evidence] = _add(trio, framework, upload("quyet-dinh.pdf", PDF_BYTES))
    assessment = par.save_self_assessment(
        actor=trio["focal_a"],
        unit=trio["a"],
        framework=framework,
        scores={"A.1": 40, "A.2": 20, "B": 40},
    )
    par.submit_assessment(actor=trio["focal_a"], assessment=assessment)
    with pytest.raises(ValidationError) as caught:
        par.remove_par_evidence(actor=trio["focal_a"], evidence=evidence)
    assert caught.value.messages == [
        "Kết quả chỉ số CCHC của UBND xã Bình An đang ở trạng thái 'Đã gửi, chờ thẩm định', "
        "không thể sửa."
    ]
    assert (Evidence.objects.count(), len(stored_files(media))) == (1, 1)
