"""The PAR Index services: frameworks (the default, an office's own, the tree editor), the
unit's self-assessment, the office's appraisal with totals and band, each refusal with its
message and nothing changed, each call idempotent."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.monitoring.conftest import PDF_BYTES, upload
from tests.monitoring.par_helpers import YEAR, D, criterion, small_framework
from thidua.core.models import AuditEvent, LegalBasis
from thidua.core.services import set_legal_value
from thidua.monitoring import par_default, par_tree
from thidua.monitoring.models import ParAssessment, ParCriterion, ParFramework, ParScore
from thidua.monitoring.services import par

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework(trio):
    return small_framework(trio["district"])


@pytest.fixture
def refreshed(monkeypatch):
    """The calls to the round results (another module's work), recorded."""
    calls = []
    monkeypatch.setattr(
        par, "refresh_results_for", lambda *, units, year: calls.append((units, year))
    )
    return calls


def _self(trio, framework, scores, notes=None, actor="focal_a"):
    return par.save_self_assessment(
        actor=trio[actor], unit=trio["a"], framework=framework, scores=scores, notes=notes
    )


def _submitted(trio, framework, scores=None):
    assessment = _self(trio, framework, scores or {"A.1": 35, "A.2": "18,5", "B": 30})
    par.add_par_evidence(
        actor=trio["focal_a"],
        unit=trio["a"],
        framework=framework,
        criterion=criterion(framework, "A.1"),
        files=[upload("ke-hoach.pdf", PDF_BYTES)],
    )
    return par.submit_assessment(actor=trio["focal_a"], assessment=assessment)


def _appraised(trio, framework, scores=None):
    assessment = _submitted(trio, framework)
    par.save_appraisal(
        actor=trio["standing"],
        assessment=assessment,
        scores=scores or {"A.1": 30, "A.2": 18, "B": 30},
    )
    return par.finish_appraisal(actor=trio["standing"], assessment=assessment)


# The default framework ---------------------------------------------------------------------


@pytest.mark.parametrize("level", par_default.LEVELS)
def test_the_default_tree_has_the_eight_areas_adding_up_to_100(level):
    tree = par_default.default_tree(level)
    assert [node.code for node in tree] == ["1", "2", "3", "4", "5", "6", "7", "8"]
    assert sum(node.max_points for node in tree) == 100

    def unbalanced(nodes):
        for node in nodes:
            if node.children and sum(c.max_points for c in node.children) != node.max_points:
                yield node.code
            yield from unbalanced(node.children)

    assert list(unbalanced(tree)) == []


def test_framework_for_creates_the_default_once_on_demand(trio):
    first = par.framework_for(trio["a"], YEAR)
    criteria = ParCriterion.objects.count()
    second = par.framework_for(trio["b"], YEAR)
    assert (first.pk, first.owner_id, first.level, first.year) == (second.pk, None, "commune", YEAR)
    assert ParCriterion.objects.count() == criteria
    nodes = par_tree.framework_tree(first)
    assert (par_tree.maximum(nodes), par_tree.problems(nodes)) == (Decimal(100), [])
    assert [node.criterion.title for node in nodes][:3] == [
        "Công tác chỉ đạo, điều hành cải cách hành chính",
        "Cải cách thể chế (xây dựng và tổ chức thực hiện văn bản QPPL)",
        "Cải cách thủ tục hành chính",
    ]
    assert "cần điều chỉnh" in first.name


def test_framework_for_takes_the_nearest_office_above(trio):
    province = small_framework(trio["province"])
    assert par.framework_for(trio["a"], YEAR) == province
    district = small_framework(trio["district"])
    assert par.framework_for(trio["a"], YEAR) == district
    assert par.framework_for(trio["district"], YEAR).owner_id is None  # level district


# Frameworks of an office -------------------------------------------------------------------


def test_the_office_creates_its_framework_from_the_default_once(trio):
    framework = par.create_framework(
        actor=trio["standing"], owner=trio["district"], year=YEAR, level="commune"
    )
    again = par.create_framework(
        actor=trio["standing"], owner=trio["district"], year=YEAR, level="commune"
    )
    assert again.pk == framework.pk
    assert ParFramework.objects.filter(owner=trio["district"]).count() == 1
    assert par_tree.maximum(par_tree.framework_tree(framework)) == 100
    assert AuditEvent.objects.filter(action="par_framework.create").count() == 1


def test_the_office_copies_its_previous_year(trio):
    small_framework(trio["district"], year=YEAR - 1)
    framework = par.create_framework(
        actor=trio["standing"],
        owner=trio["district"],
        year=YEAR,
        level="commune",
        source="previous",
    )
    rows = ParCriterion.objects.filter(framework=framework).values_list(
        "code", "parent__code", "max_points", "evidence_required"
    )
    assert sorted(rows) == [
        ("A", None, D(60), False),
        ("A.1", "A", D(40), True),
        ("A.2", "A", D(20), False),
        ("B", None, D(40), False),
    ]


def test_copying_a_previous_year_that_does_not_exist_is_refused(trio):
    with pytest.raises(ValidationError) as caught:
        par.create_framework(
            actor=trio["standing"],
            owner=trio["district"],
            year=YEAR,
            level="commune",
            source="previous",
        )
    assert caught.value.messages == [
        "UBND huyện Thăng Bình chưa có bộ tiêu chí cấp xã năm 2024 để sao chép."
    ]
    assert ParFramework.objects.count() == 0


def test_a_focal_officer_cannot_create_a_framework(trio):
    with pytest.raises(PermissionDenied):
        par.create_framework(actor=trio["focal_a"], owner=trio["a"], year=YEAR, level="commune")
    assert ParFramework.objects.count() == 0


def test_a_framework_is_refused_once_units_assess_by_the_default(trio):
    default = par.framework_for(trio["a"], YEAR)
    _self(trio, default, {"1.2": 1})
    with pytest.raises(ValidationError) as caught:
        par.create_framework(
            actor=trio["standing"], owner=trio["district"], year=YEAR, level="commune"
        )
    assert caught.value.messages == [
        "Đã có đơn vị tự đánh giá năm 2025 theo bộ tiêu chí khác (UBND xã Bình An): không thể "
        "ban hành bộ tiêu chí riêng cho năm này."
    ]
    assert ParFramework.objects.filter(owner__isnull=False).count() == 0


# The tree editor ---------------------------------------------------------------------------


def test_children_that_do_not_add_up_are_named(trio, framework):
    par.add_criterion(
        actor=trio["standing"],
        framework=framework,
        parent=criterion(framework, "B"),
        code="B.1",
        title="Tiêu chí B.1",
        max_points="25,5",
    )
    assert par_tree.problems(par_tree.framework_tree(framework)) == [
        "Tiêu chí B: các tiêu chí con cộng lại 25,5 điểm, khác điểm tối đa 40."
    ]
    par.add_criterion(
        actor=trio["standing"],
        framework=framework,
        parent=criterion(framework, "B"),
        code="B.2",
        title="Tiêu chí B.2",
        max_points="14.5",
    )
    assert par_tree.problems(par_tree.framework_tree(framework)) == []


def test_editing_a_criterion_is_audited_and_idempotent(trio, framework):
    item = criterion(framework, "A.2")
    kwargs = dict(code="A.2", title="Tiêu chí A.2 mới", max_points=20, evidence_required=True)
    par.update_criterion(actor=trio["standing"], criterion=item, **kwargs)
    par.update_criterion(actor=trio["standing"], criterion=item, **kwargs)
    item.refresh_from_db()
    assert (item.title, item.evidence_required) == ("Tiêu chí A.2 mới", True)
    events = AuditEvent.objects.filter(action="par_criterion.update")
    assert [(e.before["title"], e.after["title"]) for e in events] == [
        ("Tiêu chí A.2", "Tiêu chí A.2 mới")
    ]


@pytest.mark.parametrize(
    ("code", "title", "points", "messages"),
    [
        ("A.1", "Trùng mã", 5, ["Mã tiêu chí 'A.1' đã có trong bộ tiêu chí."]),
        (
            "C",
            "Điểm âm",
            -1,
            [
                "Điểm tối đa của tiêu chí 'C' phải là số lớn hơn 0, không quá 100, tối đa 2 chữ "
                "số thập phân."
            ],
        ),
        (
            "C",
            "Không phải số",
            "mười",
            [
                "Điểm tối đa của tiêu chí 'C' phải là số lớn hơn 0, không quá 100, tối đa 2 chữ "
                "số thập phân."
            ],
        ),
        (
            "",
            "",
            5,
            [
                "Mã tiêu chí phải có từ 1 đến 20 ký tự.",
                "Nội dung tiêu chí phải có từ 1 đến 500 ký tự.",
            ],
        ),
    ],
    ids=["duplicate", "negative", "not-a-number", "empty"],
)
def test_a_bad_criterion_is_refused(trio, framework, code, title, points, messages):
    with pytest.raises(ValidationError) as caught:
        par.add_criterion(
            actor=trio["standing"],
            framework=framework,
            parent=None,
            code=code,
            title=title,
            max_points=points,
        )
    assert caught.value.messages == messages
    assert ParCriterion.objects.filter(framework=framework).count() == 4


def test_removing_a_criterion_removes_its_children(trio, framework):
    par.remove_criterion(actor=trio["standing"], criterion=criterion(framework, "A"))
    assert list(
        ParCriterion.objects.filter(framework=framework).values_list("code", flat=True)
    ) == ["B"]
    par.remove_criterion(
        actor=trio["standing"], criterion=ParCriterion(pk=999999, framework=framework)
    )
    assert AuditEvent.objects.filter(action="par_criterion.remove").count() == 1


def test_a_scored_criterion_cannot_be_removed_or_split(trio, framework):
    _self(trio, framework, {"B": 10})
    with pytest.raises(ValidationError) as caught:
        par.remove_criterion(actor=trio["standing"], criterion=criterion(framework, "B"))
    assert caught.value.messages == [
        "Không thể xóa: đơn vị đã chấm điểm hoặc nộp tài liệu kiểm chứng cho tiêu chí B."
    ]
    with pytest.raises(ValidationError) as caught:
        par.add_criterion(
            actor=trio["standing"],
            framework=framework,
            parent=criterion(framework, "B"),
            code="B.1",
            title="Tiêu chí B.1",
            max_points=40,
        )
    assert caught.value.messages == [
        "Tiêu chí B đã có đơn vị chấm điểm hoặc nộp tài liệu kiểm chứng, không thể thêm tiêu "
        "chí con."
    ]
    assert ParCriterion.objects.filter(framework=framework).count() == 4


def test_editing_the_tree_is_refused_once_an_assessment_is_submitted(trio, framework):
    _submitted(trio, framework)
    with pytest.raises(ValidationError) as caught:
        par.update_criterion(
            actor=trio["standing"],
            criterion=criterion(framework, "A.2"),
            code="A.2",
            title="Đổi",
            max_points=20,
        )
    assert caught.value.messages == [
        "Bộ tiêu chí đã được dùng để đánh giá (UBND xã Bình An đã gửi kết quả), không thể sửa."
    ]
    assert criterion(framework, "A.2").title == "Tiêu chí A.2"


def test_a_focal_officer_cannot_edit_the_office_framework(trio, framework):
    with pytest.raises(PermissionDenied):
        par.remove_criterion(actor=trio["focal_a"], criterion=criterion(framework, "B"))
    assert ParCriterion.objects.filter(framework=framework).count() == 4


# Self-assessment ---------------------------------------------------------------------------


def test_self_assessment_keeps_scores_notes_and_total(trio, framework):
    assessment = _self(trio, framework, {"A.1": "35,5", "B": 30}, {"A.1": "  Đã  ban hành "})
    assert (assessment.state, assessment.self_total) == ("draft", D("65.5"))
    rows = ParScore.objects.filter(assessment=assessment).values_list(
        "criterion__code", "self_score", "self_note"
    )
    assert sorted(rows) == [("A.1", D("35.5"), "Đã ban hành"), ("B", D(30), "")]


def test_saving_the_same_self_assessment_twice_changes_nothing(trio, framework):
    _self(trio, framework, {"A.1": 35})
    audits = AuditEvent.objects.count()
    _self(trio, framework, {"A.1": "35.00"})
    assert AuditEvent.objects.count() == audits


def test_wrong_scores_are_refused_naming_the_criterion(trio, framework):
    with pytest.raises(ValidationError) as caught:
        _self(trio, framework, {"A.1": 41, "A.2": "abc", "B": -1, "A": 5, "X": 1})
    assert caught.value.messages == [
        "Tiêu chí A.1: điểm 41 vượt quá điểm tối đa 40.",
        "Tiêu chí A.2: điểm 'abc' không phải là số.",
        "Tiêu chí B: điểm không được âm.",
        "Tiêu chí 'A' không có trong bộ tiêu chí hoặc không phải tiêu chí chấm điểm.",
        "Tiêu chí 'X' không có trong bộ tiêu chí hoặc không phải tiêu chí chấm điểm.",
    ]
    with pytest.raises(ValidationError) as caught:
        _self(trio, framework, {"B": "12.345"})
    assert caught.value.messages == ["Tiêu chí B: điểm chỉ ghi tối đa 2 chữ số thập phân."]
    assert (ParAssessment.objects.count(), ParScore.objects.count()) == (0, 0)


def test_a_unit_cannot_self_assess_by_another_level_framework(trio):
    district_level = small_framework(trio["province"], level="district")
    with pytest.raises(ValidationError) as caught:
        _self(trio, district_level, {"B": 1})
    assert caught.value.messages == [
        "Bộ tiêu chí 'Bộ tiêu chí thử' không áp dụng cho UBND xã Bình An."
    ]


def test_focal_b_cannot_self_assess_a(trio, framework):
    with pytest.raises(PermissionDenied):
        _self(trio, framework, {"B": 1}, actor="focal_b")
    assert ParAssessment.objects.count() == 0


def test_submit_without_scores_and_required_evidence_names_the_criteria(trio, framework):
    assessment = _self(trio, framework, {"A.1": 35})
    with pytest.raises(ValidationError) as caught:
        par.submit_assessment(actor=trio["focal_a"], assessment=assessment)
    assert caught.value.messages == [
        "Chưa chấm điểm tiêu chí: A.2, B.",
        "Chưa có tài liệu kiểm chứng cho tiêu chí: A.1.",
    ]
    assessment.refresh_from_db()
    assert assessment.state == "draft"


def test_submit_is_refused_while_the_framework_does_not_add_up(trio, framework):
    ParCriterion.objects.filter(framework=framework, code="A.2").update(max_points=25)
    assessment = _self(trio, framework, {"A.1": 35, "A.2": 10, "B": 30})
    with pytest.raises(ValidationError) as caught:
        par.submit_assessment(actor=trio["focal_a"], assessment=assessment)
    assert caught.value.messages == [
        "Bộ tiêu chí chưa hoàn chỉnh, hãy báo cơ quan thường trực:",
        "Tiêu chí A: các tiêu chí con cộng lại 65 điểm, khác điểm tối đa 60.",
    ]


def test_submit_sends_the_self_assessment_once(trio, framework):
    assessment = _submitted(trio, framework)
    audits = AuditEvent.objects.count()
    again = par.submit_assessment(actor=trio["focal_a"], assessment=assessment)
    assert (again.state, again.self_total, again.submitted_by) == (
        "submitted",
        D("83.5"),
        trio["focal_a"],
    )
    assert AuditEvent.objects.count() == audits
    with pytest.raises(ValidationError) as caught:
        _self(trio, framework, {"B": 40})
    assert caught.value.messages == [
        "Kết quả chỉ số CCHC của UBND xã Bình An đang ở trạng thái 'Đã gửi, chờ thẩm định', "
        "không thể sửa."
    ]


# Appraisal ---------------------------------------------------------------------------------


def test_return_needs_a_reason_and_lets_the_unit_edit_again(trio, framework):
    assessment = _submitted(trio, framework)
    with pytest.raises(ValidationError) as caught:
        par.return_assessment(actor=trio["standing"], assessment=assessment, comment="thiếu")
    assert caught.value.messages == ["Hãy ghi rõ lý do trả lại (ít nhất 10 ký tự)."]
    par.return_assessment(
        actor=trio["standing"], assessment=assessment, comment="Bổ sung quyết định kiện toàn"
    )
    par.return_assessment(
        actor=trio["standing"], assessment=assessment, comment="Bổ sung quyết định kiện toàn"
    )
    assert AuditEvent.objects.filter(action="par_assessment.return").count() == 1
    again = _self(trio, framework, {"B": 40})
    assert (again.state, again.comment, again.self_total) == (
        "returned",
        "Bổ sung quyết định kiện toàn",
        D("93.5"),
    )


def test_focal_a_cannot_appraise_its_own_unit(trio, framework):
    assessment = _submitted(trio, framework)
    for call in (
        lambda: par.save_appraisal(actor=trio["focal_a"], assessment=assessment, scores={"B": 40}),
        lambda: par.finish_appraisal(actor=trio["focal_a"], assessment=assessment),
        lambda: par.return_assessment(
            actor=trio["focal_a"], assessment=assessment, comment="Tự trả lại cho mình"
        ),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assessment.refresh_from_db()
    assert (assessment.state, ParScore.objects.filter(appraised_score__isnull=False).count()) == (
        "submitted",
        0,
    )


def test_finish_needs_every_appraised_score(trio, framework):
    assessment = _submitted(trio, framework)
    par.save_appraisal(actor=trio["standing"], assessment=assessment, scores={"A.1": 30})
    with pytest.raises(ValidationError) as caught:
        par.finish_appraisal(actor=trio["standing"], assessment=assessment)
    assert caught.value.messages == ["Chưa có điểm thẩm định của tiêu chí: A.2, B."]
    assessment.refresh_from_db()
    assert (assessment.state, assessment.appraised_total) == ("submitted", None)


def test_finish_keeps_total_and_band_and_refreshes_results(trio, framework, refreshed):
    assessment = _appraised(trio, framework)
    assert (assessment.state, assessment.appraised_total, assessment.rating) == (
        "appraised",
        D(78),
        "Khá",
    )
    assert assessment.appraised_by == trio["standing"]
    assert refreshed == [({trio["a"].pk}, YEAR)]
    again = par.finish_appraisal(actor=trio["standing"], assessment=assessment)
    assert (again.appraised_total, len(refreshed)) == (D(78), 1)


def test_a_correction_after_appraisal_is_audited_before_and_after(trio, framework, refreshed):
    assessment = _appraised(trio, framework)
    par.save_appraisal(
        actor=trio["standing"],
        assessment=assessment,
        scores={"B": 32},
        comments={"B": "Điều chỉnh theo kết quả khảo sát"},
    )
    assessment.refresh_from_db()
    assert (assessment.appraised_total, assessment.rating) == (D(80), "Tốt")
    event = AuditEvent.objects.get(action="par_assessment.correct")
    assert (event.before["appraised_total"], event.after["appraised_total"]) == ("78.00", "80.00")
    assert (event.before["scores"]["B"], event.after["scores"]["B"]) == ("30.00", "32.00")
    assert (event.before["rating"], event.after["rating"]) == ("Khá", "Tốt")
    assert refreshed == [({trio["a"].pk}, YEAR), ({trio["a"].pk}, YEAR)]
    with pytest.raises(ValidationError) as caught:
        par.save_appraisal(actor=trio["standing"], assessment=assessment, scores={"B": ""})
    assert caught.value.messages == ["Đã thẩm định xong: không được để trống điểm tiêu chí B."]


def test_appraising_a_draft_is_refused(trio, framework):
    assessment = _self(trio, framework, {"B": 30})
    with pytest.raises(ValidationError) as caught:
        par.save_appraisal(actor=trio["standing"], assessment=assessment, scores={"B": 30})
    assert caught.value.messages == [
        "Kết quả của UBND xã Bình An đang ở trạng thái 'Đang tự đánh giá', chưa thể thẩm định."
    ]


# Rating bands ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "rating"),
    [
        ("100", "Xuất sắc"),
        ("90", "Xuất sắc"),
        ("89.99", "Tốt"),
        ("80", "Tốt"),
        ("79.99", "Khá"),
        ("70", "Khá"),
        ("69.99", "Trung bình"),
        ("50", "Trung bình"),
        ("49.99", "Yếu"),
        ("0", "Yếu"),
    ],
)
def test_the_band_at_the_thresholds(total, rating):
    assert par.rating_for(Decimal(total), maximum=Decimal(100), year=YEAR, scope="") == rating


@pytest.mark.parametrize(("total", "rating"), [("45", "Xuất sắc"), ("44.99", "Tốt"), ("35", "Khá")])
def test_the_band_is_on_the_percentage_of_the_maximum(total, rating):
    assert par.rating_for(Decimal(total), maximum=Decimal(50), year=YEAR, scope="") == rating


def test_the_province_bands_in_force_on_31_12_apply(trio, framework):
    basis = LegalBasis.objects.first()
    set_legal_value(
        actor=None,
        key="par_score_bands",
        scope="QNA",
        value=[{"min": 75, "rating": "Xuất sắc"}, {"min": 0, "rating": "Chưa đạt"}],
        valid_from=dt.date(YEAR, 12, 31),
        basis=basis,
    )
    assessment = _appraised(trio, framework)
    assert (assessment.appraised_total, assessment.rating) == (D(78), "Xuất sắc")
    assert par.rating_for(D(78), maximum=D(100), year=YEAR - 1, scope="QNA") == "Khá"
