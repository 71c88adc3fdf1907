"""The PAR Index (chỉ số cải cách hành chính): the criteria of a year and level, a unit's
self-assessment with evidence per criterion, and the office's appraisal with totals and the
rating band.

The band is law-as-data: `par_rating_for` reads the bands in force on 31/12 of the year, in the
scope of the unit's province (a province's own bands win over the national ones), on the
percentage of the framework's maximum."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from thidua.core.legal import NotInForce, par_rating_for
from thidua.core.services import acting_user, record_audit
from thidua.monitoring import par_tree
from thidua.monitoring.enums import ParState
from thidua.monitoring.models import (
    Evidence,
    ParAssessment,
    ParCriterion,
    ParFramework,
    ParScore,
)
from thidua.monitoring.par_default import Node, default_name, default_tree
from thidua.monitoring.par_tree import points
from thidua.monitoring.services.common import require, store_evidence
from thidua.monitoring.services.results import refresh_results_for
from thidua.organizations.enums import Level
from thidua.organizations.models import Unit

FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_POINTS = Decimal(100)
CENT = Decimal("0.01")
CODE_LENGTH = 20
TITLE_LENGTH = 500
SOURCES = ("default", "previous")


# Rating ------------------------------------------------------------------------------------


def province_scopes(units: list[Unit]) -> dict[int, str]:
    """The code of each unit's province (the scope of a province's own legal values), or ""
    outside any province: one query for all the units."""
    ids = {pk for unit in units for pk in [*unit.ancestor_ids, unit.pk]}
    provinces = dict(
        Unit.objects.filter(pk__in=ids, level=Level.PROVINCE, parent__isnull=True).values_list(
            "pk", "code"
        )
    )
    scopes = {}
    for unit in units:
        found = [provinces[pk] for pk in [*unit.ancestor_ids, unit.pk] if pk in provinces]
        scopes[unit.pk] = found[0] if found else ""
    return scopes


def rating_for(total: Decimal, *, maximum: Decimal, year: int, scope: str) -> str:
    """The band of a total, on its percentage of the framework's maximum, under the bands in
    force on 31/12 of the year."""
    percent = total * 100 / maximum if maximum else Decimal(0)
    try:
        return par_rating_for(float(percent), on=dt.date(year, 12, 31), scope=scope)
    except NotInForce as exc:
        raise ValidationError(str(exc)) from exc


# Frameworks --------------------------------------------------------------------------------


def _check_year(year: int) -> None:
    if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            _("Năm %(year)s không hợp lệ (từ %(first)s đến %(last)s).")
            % {"year": year, "first": FIRST_YEAR, "last": LAST_YEAR}
        )


def _check_level(level: str) -> None:
    if level not in Level.values:
        raise ValidationError(_("Cấp '%(level)s' không hợp lệ.") % {"level": level})


def _level_label(level: str) -> str:
    with translation.override("vi"):
        return str(Level(level).label)


def _create_tree(framework: ParFramework, nodes: tuple[Node, ...] | list[Node]) -> int:
    """Create the criteria of a tree, one level at a time: a query per depth, not per node."""
    count = 0
    layer: list[tuple[ParCriterion | None, Node, int]] = [
        (None, node, index) for index, node in enumerate(nodes)
    ]
    while layer:
        made = ParCriterion.objects.bulk_create(
            [
                ParCriterion(
                    framework=framework,
                    parent=parent,
                    code=node.code,
                    title=node.title,
                    max_points=node.max_points,
                    position=position,
                    evidence_required=node.evidence_required,
                )
                for parent, node, position in layer
            ]
        )
        count += len(made)
        layer = [
            (criterion, child, index)
            for criterion, (_parent, node, _position) in zip(made, layer, strict=True)
            for index, child in enumerate(node.children)
        ]
    return count


def _as_nodes(nodes: list[par_tree.Node]) -> tuple[Node, ...]:
    return tuple(
        Node(
            code=node.criterion.code,
            title=node.criterion.title,
            max_points=node.criterion.max_points,
            evidence_required=node.criterion.evidence_required,
            children=_as_nodes(node.children),
        )
        for node in nodes
    )


@transaction.atomic
def default_framework(*, year: int, level: str) -> ParFramework:
    """The default framework of a year and level, created from the standard areas the first
    time it is needed."""
    _check_year(year)
    _check_level(level)
    found = ParFramework.objects.filter(year=year, level=level, owner__isnull=True).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            framework = ParFramework.objects.create(
                year=year,
                level=level,
                owner=None,
                name=default_name(year, _level_label(level)),
                created_at=timezone.now(),
            )
    except IntegrityError:
        # Created meanwhile by another request.
        return ParFramework.objects.get(year=year, level=level, owner__isnull=True)
    created = _create_tree(framework, default_tree(level))
    record_audit(
        actor=None,
        action="par_framework.create_default",
        obj=framework,
        after={"year": year, "level": level, "criteria": created},
    )
    return framework


def framework_for(unit: Unit, year: int) -> ParFramework:
    """The framework a unit is assessed by in a year: the one of its level set by the nearest
    office above it, else the default."""
    owned = (
        ParFramework.objects.filter(year=year, level=unit.level, owner_id__in=unit.ancestor_ids)
        .select_related("owner")
        .order_by("-owner__depth")
        .first()
    )
    return owned or default_framework(year=year, level=unit.level)


def _applies_to(framework: ParFramework, unit: Unit) -> bool:
    return framework.level == unit.level and (
        framework.owner_id is None or framework.owner_id in unit.ancestor_ids
    )


@transaction.atomic
def create_framework(
    *, actor: Any, owner: Unit, year: int, level: str, source: str = "default"
) -> ParFramework:
    """The office sets its own criteria for a year and level, for the units under it: a copy
    of the default (`source="default"`) or of its own criteria of the year before
    (`"previous"`), to adjust. Asking again returns the framework already set."""
    require(actor, "monitoring.add_par_framework", owner)
    _check_year(year)
    _check_level(level)
    if source not in SOURCES:
        raise ValidationError(_("Nguồn sao chép không hợp lệ."))
    owner = Unit.objects.select_for_update().get(pk=owner.pk)
    found = ParFramework.objects.filter(year=year, level=level, owner=owner).first()
    if found is not None:
        return found
    taken = list(
        ParAssessment.objects.filter(
            framework__year=year,
            framework__level=level,
            unit__path__startswith=owner.path,
        )
        .exclude(unit=owner)
        .filter(Q(framework__owner__isnull=True) | Q(framework__owner_id__in=owner.ancestor_ids))
        .order_by("unit__sort_key")
        .values_list("unit__name", flat=True)[:5]
    )
    if taken:
        raise ValidationError(
            _(
                "Đã có đơn vị tự đánh giá năm %(year)s theo bộ tiêu chí khác (%(units)s): không "
                "thể ban hành bộ tiêu chí riêng cho năm này."
            )
            % {"year": year, "units": ", ".join(taken)}
        )
    if source == "previous":
        previous = ParFramework.objects.filter(year=year - 1, level=level, owner=owner).first()
        if previous is None:
            raise ValidationError(
                _("%(unit)s chưa có bộ tiêu chí %(level)s năm %(year)s để sao chép.")
                % {"unit": owner.name, "level": _level_label(level).lower(), "year": year - 1}
            )
        nodes = _as_nodes(par_tree.framework_tree(previous))
    else:
        nodes = default_tree(level)
    framework = ParFramework.objects.create(
        year=year,
        level=level,
        owner=owner,
        name=f"Bộ tiêu chí chỉ số CCHC năm {year} — {_level_label(level)} — {owner.name}"[:300],
        created_at=timezone.now(),
    )
    created = _create_tree(framework, nodes)
    record_audit(
        actor=actor,
        action="par_framework.create",
        obj=framework,
        after={"year": year, "level": level, "source": source, "criteria": created},
    )
    return framework


def _locked_framework(framework: ParFramework) -> ParFramework:
    return (
        ParFramework.objects.select_for_update(of=("self",))
        .select_related("owner")
        .get(pk=framework.pk)
    )


def _check_framework_editable(framework: ParFramework) -> None:
    used = list(
        ParAssessment.objects.filter(framework=framework)
        .exclude(state=ParState.DRAFT)
        .order_by("unit__sort_key")
        .values_list("unit__name", flat=True)[:3]
    )
    if used:
        raise ValidationError(
            _("Bộ tiêu chí đã được dùng để đánh giá (%(units)s đã gửi kết quả), không thể sửa.")
            % {"units": ", ".join(used)}
        )


def _clean_criterion(
    framework: ParFramework,
    *,
    code: str,
    title: str,
    max_points: Any,
    exclude: int | None = None,
) -> tuple[str, str, Decimal]:
    code = "".join((code or "").split())
    title = " ".join((title or "").split())
    errors = []
    if not code or len(code) > CODE_LENGTH:
        errors.append(_("Mã tiêu chí phải có từ 1 đến %(n)s ký tự.") % {"n": CODE_LENGTH})
    elif ParCriterion.objects.filter(framework=framework, code=code).exclude(pk=exclude).exists():
        errors.append(_("Mã tiêu chí '%(code)s' đã có trong bộ tiêu chí.") % {"code": code})
    if not title or len(title) > TITLE_LENGTH:
        errors.append(_("Nội dung tiêu chí phải có từ 1 đến %(n)s ký tự.") % {"n": TITLE_LENGTH})
    value = _decimal(max_points)
    if value is None or not 0 < value <= MAX_POINTS or value != round(value, 2):
        errors.append(
            _(
                "Điểm tối đa của tiêu chí '%(code)s' phải là số lớn hơn 0, không quá 100, tối đa 2 "
                "chữ số thập phân."
            )
            % {"code": code}
        )
    if errors:
        raise ValidationError(errors)
    return code, title, value.quantize(CENT)


def _criterion_state(criterion: ParCriterion) -> dict[str, Any]:
    return {
        "code": criterion.code,
        "title": criterion.title,
        "max_points": str(criterion.max_points),
        "evidence_required": criterion.evidence_required,
        "parent": criterion.parent_id,
    }


def _scored(criteria_ids: list[int]) -> list[str]:
    """Codes of those criteria some unit has already scored or given evidence for."""
    return sorted(
        set(
            ParScore.objects.filter(criterion_id__in=criteria_ids)
            .filter(
                Q(self_score__isnull=False)
                | Q(appraised_score__isnull=False)
                | Q(evidence__isnull=False)
            )
            .values_list("criterion__code", flat=True)
        )
    )


@transaction.atomic
def add_criterion(
    *,
    actor: Any,
    framework: ParFramework,
    parent: ParCriterion | None,
    code: str,
    title: str,
    max_points: Any,
    evidence_required: bool = False,
) -> ParCriterion:
    """Add an area (no parent), a criterion or a sub-criterion with its maximum points."""
    framework = _locked_framework(framework)
    require(actor, "monitoring.manage_par_framework", framework)
    _check_framework_editable(framework)
    if parent is not None and parent.framework_id != framework.pk:
        raise ValidationError(_("Tiêu chí cha không thuộc bộ tiêu chí này."))
    code, title, value = _clean_criterion(framework, code=code, title=title, max_points=max_points)
    if parent is not None and _scored([parent.pk]):
        raise ValidationError(
            _(
                "Tiêu chí %(code)s đã có đơn vị chấm điểm hoặc nộp tài liệu kiểm chứng, không "
                "thể thêm tiêu chí con."
            )
            % {"code": parent.code}
        )
    siblings = ParCriterion.objects.filter(framework=framework, parent=parent)
    last = siblings.order_by("-position").values_list("position", flat=True).first()
    criterion = ParCriterion.objects.create(
        framework=framework,
        parent=parent,
        code=code,
        title=title,
        max_points=value,
        position=0 if last is None else last + 1,
        evidence_required=bool(evidence_required),
    )
    record_audit(
        actor=actor,
        action="par_criterion.add",
        obj=criterion,
        after=_criterion_state(criterion),
    )
    return criterion


def _locked_criterion(criterion: ParCriterion) -> ParCriterion | None:
    return (
        ParCriterion.objects.select_for_update(of=("self",))
        .select_related("framework")
        .filter(pk=criterion.pk)
        .first()
    )


@transaction.atomic
def update_criterion(
    *,
    actor: Any,
    criterion: ParCriterion,
    code: str,
    title: str,
    max_points: Any,
    evidence_required: bool = False,
) -> ParCriterion:
    """Change a criterion's code, text, maximum points or whether it needs evidence."""
    framework = _locked_framework(criterion.framework)
    require(actor, "monitoring.manage_par_framework", framework)
    criterion = _locked_criterion(criterion)
    if criterion is None:
        raise ValidationError(_("Tiêu chí không còn trong bộ tiêu chí."))
    code, title, value = _clean_criterion(
        framework, code=code, title=title, max_points=max_points, exclude=criterion.pk
    )
    before = _criterion_state(criterion)
    criterion.code, criterion.title, criterion.max_points = code, title, value
    criterion.evidence_required = bool(evidence_required)
    after = _criterion_state(criterion)
    if after == before:
        return criterion
    _check_framework_editable(framework)
    criterion.save(update_fields=["code", "title", "max_points", "evidence_required"])
    record_audit(
        actor=actor, action="par_criterion.update", obj=criterion, before=before, after=after
    )
    return criterion


@transaction.atomic
def remove_criterion(*, actor: Any, criterion: ParCriterion) -> None:
    """Remove a criterion with the criteria under it, unless a unit has scored them."""
    framework = _locked_framework(criterion.framework)
    require(actor, "monitoring.manage_par_framework", framework)
    criterion = _locked_criterion(criterion)
    if criterion is None:
        return
    _check_framework_editable(framework)
    nodes = par_tree.framework_tree(framework)
    subtree = next(node for node in par_tree.walk(nodes) if node.criterion.pk == criterion.pk)
    ids = [node.criterion.pk for node in par_tree.walk([subtree])]
    scored = _scored(ids)
    if scored:
        raise ValidationError(
            _(
                "Không thể xóa: đơn vị đã chấm điểm hoặc nộp tài liệu kiểm chứng cho tiêu chí "
                "%(codes)s."
            )
            % {"codes": ", ".join(scored)}
        )
    before = {**_criterion_state(criterion), "removed": len(ids)}
    ParCriterion.objects.filter(pk__in=ids).delete()
    record_audit(actor=actor, action="par_criterion.remove", obj=framework, before=before)


# Scores ------------------------------------------------------------------------------------


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float):
        value = repr(value)
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def score_error(code: str, value: Any, maximum: Decimal) -> tuple[Decimal | None, str | None]:
    """(the score, None) for an acceptable score of a leaf, else (None, why not)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    number = _decimal(value)
    if number is None:
        return None, _("Tiêu chí %(code)s: điểm '%(value)s' không phải là số.") % {
            "code": code,
            "value": value,
        }
    if number < 0:
        return None, _("Tiêu chí %(code)s: điểm không được âm.") % {"code": code}
    if number > maximum:
        return None, _("Tiêu chí %(code)s: điểm %(score)s vượt quá điểm tối đa %(max)s.") % {
            "code": code,
            "score": points(number),
            "max": points(maximum),
        }
    if number != round(number, 2):
        return None, _("Tiêu chí %(code)s: điểm chỉ ghi tối đa 2 chữ số thập phân.") % {
            "code": code
        }
    return round(number, 2), None


def _clean_scores(leaves: list[par_tree.Node], scores: dict[str, Any]) -> dict[int, Decimal | None]:
    """{criterion id: score or None} for the given codes; every wrong one named."""
    by_code = {node.code: node.criterion for node in leaves}
    cleaned: dict[int, Decimal | None] = {}
    errors = []
    for code, value in scores.items():
        criterion = by_code.get(code)
        if criterion is None:
            errors.append(
                _(
                    "Tiêu chí '%(code)s' không có trong bộ tiêu chí hoặc không phải tiêu chí chấm "
                    "điểm."
                )
                % {"code": code}
            )
            continue
        number, error = score_error(code, value, criterion.max_points)
        if error:
            errors.append(error)
        else:
            cleaned[criterion.pk] = number
    if errors:
        raise ValidationError(errors)
    return cleaned


def _clean_texts(leaves: list[par_tree.Node], texts: dict[str, str] | None) -> dict[int, str]:
    by_code = {node.code: node.criterion.pk for node in leaves}
    return {
        by_code[code]: " ".join((text or "").split())
        for code, text in (texts or {}).items()
        if code in by_code
    }


def _leaves(framework: ParFramework) -> list[par_tree.Node]:
    return par_tree.leaves(par_tree.framework_tree(framework))


def _locked_assessment(assessment: ParAssessment) -> ParAssessment:
    return (
        ParAssessment.objects.select_for_update(of=("self",))
        .select_related("framework__owner", "unit")
        .get(pk=assessment.pk)
    )


def _open_assessment(*, unit: Unit, framework: ParFramework) -> tuple[ParAssessment, bool]:
    """The unit's assessment by that framework, locked; created as a draft if there is none."""
    if not _applies_to(framework, unit):
        raise ValidationError(
            _("Bộ tiêu chí '%(name)s' không áp dụng cho %(unit)s.")
            % {"name": framework.name, "unit": unit.name}
        )
    found = (
        ParAssessment.objects.select_for_update(of=("self",))
        .select_related("framework__owner", "unit")
        .filter(framework=framework, unit=unit)
        .first()
    )
    if found is not None:
        return found, False
    try:
        with transaction.atomic():
            ParAssessment.objects.create(framework=framework, unit=unit)
    except IntegrityError:
        pass  # created meanwhile by another request
    found = (
        ParAssessment.objects.select_for_update(of=("self",))
        .select_related("framework__owner", "unit")
        .get(framework=framework, unit=unit)
    )
    return found, True


def _check_editable(assessment: ParAssessment) -> None:
    if not assessment.is_editable:
        raise ValidationError(
            _("Kết quả chỉ số CCHC của %(unit)s đang ở trạng thái '%(state)s', không thể sửa.")
            % {"unit": assessment.unit.name, "state": assessment.get_state_display()}
        )


def _total(scores: list[ParScore], attribute: str) -> Decimal | None:
    given = [getattr(score, attribute) for score in scores if getattr(score, attribute) is not None]
    return sum(given, Decimal(0)) if given else None


def _scores_of(assessment: ParAssessment) -> dict[int, ParScore]:
    return {
        score.criterion_id: score
        for score in ParScore.objects.filter(assessment=assessment).select_related("criterion")
    }


def _by_code(scores: dict[int, ParScore], attribute: str) -> dict[str, str | None]:
    return {
        score.criterion.code: (
            None if getattr(score, attribute) is None else str(getattr(score, attribute))
        )
        for score in scores.values()
    }


def _apply(
    assessment: ParAssessment,
    current: dict[int, ParScore],
    numbers: dict[int, Decimal | None],
    texts: dict[int, str],
    *,
    number_field: str,
    text_field: str,
) -> bool:
    """Write the changed scores and texts of leaves (created when new); whether any changed."""
    new, changed = [], []
    for criterion_id in sorted(set(numbers) | set(texts)):
        score = current.get(criterion_id)
        is_new = score is None
        if is_new:
            score = ParScore(assessment=assessment, criterion_id=criterion_id)
        before = (getattr(score, number_field), getattr(score, text_field))
        if criterion_id in numbers:
            setattr(score, number_field, numbers[criterion_id])
        if criterion_id in texts:
            setattr(score, text_field, texts[criterion_id])
        after = (getattr(score, number_field), getattr(score, text_field))
        if after == before:
            continue
        (new if is_new else changed).append(score)
    if new:
        ParScore.objects.bulk_create(new)
    if changed:
        ParScore.objects.bulk_update(changed, [number_field, text_field])
    return bool(new or changed)


@transaction.atomic
def save_self_assessment(
    *,
    actor: Any,
    unit: Unit,
    framework: ParFramework,
    scores: dict[str, Any],
    notes: dict[str, str] | None = None,
) -> ParAssessment:
    """Keep a unit's own scores (by criterion code; empty clears) and notes. The assessment
    stays a draft until the unit submits it, and can be changed again when returned."""
    require(actor, "monitoring.assess_par_unit", unit)
    leaves = _leaves(framework)
    numbers = _clean_scores(leaves, scores)
    texts = _clean_texts(leaves, notes)
    assessment, created = _open_assessment(unit=unit, framework=framework)
    require(actor, "monitoring.change_par_assessment", assessment)
    _check_editable(assessment)
    current = _scores_of(assessment)
    before = _by_code(current, "self_score")
    changed = _apply(
        assessment, current, numbers, texts, number_field="self_score", text_field="self_note"
    )
    if not changed and not created:
        return assessment
    current = _scores_of(assessment)
    total = _total(list(current.values()), "self_score")
    if total != assessment.self_total:
        assessment.self_total = total
        assessment.save(update_fields=["self_total"])
    record_audit(
        actor=actor,
        action="par_assessment.save",
        obj=assessment,
        before=None if created else {"scores": before},
        after={"scores": _by_code(current, "self_score"), "self_total": str(total)},
    )
    return assessment


@transaction.atomic
def add_par_evidence(
    *,
    actor: Any,
    unit: Unit,
    framework: ParFramework,
    criterion: ParCriterion,
    files: list[Any],
) -> list[Evidence]:
    """Keep evidence files for one scored criterion of a unit's assessment; a refused file
    refuses the lot and nothing is stored."""
    require(actor, "monitoring.assess_par_unit", unit)
    leaf_ids = {node.criterion.pk for node in _leaves(framework)}
    if criterion.framework_id != framework.pk or criterion.pk not in leaf_ids:
        raise ValidationError(_("Hãy chọn một tiêu chí chấm điểm của bộ tiêu chí."))
    assessment, _created = _open_assessment(unit=unit, framework=framework)
    require(actor, "monitoring.change_par_assessment", assessment)
    _check_editable(assessment)
    score, _new = ParScore.objects.get_or_create(assessment=assessment, criterion=criterion)
    stored = store_evidence(actor=actor, files=files, par_score=score)
    record_audit(
        actor=actor,
        action="par_assessment.add_evidence",
        obj=assessment,
        after={
            "criterion": criterion.code,
            "files": [[e.pk, e.original_name, e.sha256] for e in stored],
        },
    )
    return stored


@transaction.atomic
def remove_par_evidence(*, actor: Any, evidence: Evidence) -> None:
    """Remove an evidence file from a criterion while the assessment can still be changed; the
    file leaves the storage once the removal is committed."""
    found = (
        Evidence.objects.select_related("par_score__criterion")
        .filter(pk=evidence.pk, par_score__isnull=False)
        .first()
    )
    if found is None:
        if Evidence.objects.filter(pk=evidence.pk).exists():
            raise ValidationError(_("Tệp này không phải tài liệu kiểm chứng của chỉ số CCHC."))
        return
    assessment = _locked_assessment(found.par_score.assessment)
    require(actor, "monitoring.change_par_assessment", assessment)
    _check_editable(assessment)
    storage, name = found.file.storage, found.file.name
    Evidence.objects.filter(pk=found.pk).delete()
    transaction.on_commit(lambda: storage.delete(name))
    record_audit(
        actor=actor,
        action="par_assessment.remove_evidence",
        obj=assessment,
        before={
            "criterion": found.par_score.criterion.code,
            "file": [found.pk, found.original_name, found.sha256],
        },
    )


@transaction.atomic
def submit_assessment(*, actor: Any, assessment: ParAssessment) -> ParAssessment:
    """The unit sends its self-assessment to the office: every criterion scored, and every
    criterion that needs evidence has a file."""
    assessment = _locked_assessment(assessment)
    require(actor, "monitoring.change_par_assessment", assessment)
    if assessment.state == ParState.SUBMITTED:
        return assessment
    _check_editable(assessment)
    nodes = par_tree.assessment_tree(assessment.framework, assessment)
    errors = par_tree.problems(nodes)
    if errors:
        raise ValidationError(
            [_("Bộ tiêu chí chưa hoàn chỉnh, hãy báo cơ quan thường trực:"), *errors]
        )
    leaves = par_tree.leaves(nodes)
    unscored = [n.code for n in leaves if n.score is None or n.score.self_score is None]
    unproven = [n.code for n in leaves if n.criterion.evidence_required and not n.evidence]
    if unscored:
        errors.append(_("Chưa chấm điểm tiêu chí: %(codes)s.") % {"codes": ", ".join(unscored)})
    if unproven:
        errors.append(
            _("Chưa có tài liệu kiểm chứng cho tiêu chí: %(codes)s.")
            % {"codes": ", ".join(unproven)}
        )
    if errors:
        raise ValidationError(errors)
    before = assessment.state
    assessment.state = ParState.SUBMITTED
    assessment.self_total = _total([n.score for n in leaves], "self_score")
    assessment.submitted_by = acting_user(actor)
    assessment.submitted_at = timezone.now()
    assessment.save(update_fields=["state", "self_total", "submitted_by", "submitted_at"])
    record_audit(
        actor=actor,
        action="par_assessment.submit",
        obj=assessment,
        before={"state": before},
        after={"state": assessment.state, "self_total": str(assessment.self_total)},
    )
    return assessment


@transaction.atomic
def return_assessment(*, actor: Any, assessment: ParAssessment, comment: str) -> ParAssessment:
    """The office returns the self-assessment for supplement, saying what is missing."""
    comment = " ".join((comment or "").split())
    if len(comment) < 10:
        raise ValidationError(_("Hãy ghi rõ lý do trả lại (ít nhất 10 ký tự)."))
    assessment = _locked_assessment(assessment)
    require(actor, "monitoring.decide_par_assessment", assessment)
    if assessment.state == ParState.RETURNED and assessment.comment == comment:
        return assessment
    if assessment.state != ParState.SUBMITTED:
        raise ValidationError(
            _("Kết quả của %(unit)s đang ở trạng thái '%(state)s', không thể trả lại.")
            % {"unit": assessment.unit.name, "state": assessment.get_state_display()}
        )
    assessment.state = ParState.RETURNED
    assessment.comment = comment
    assessment.save(update_fields=["state", "comment"])
    record_audit(
        actor=actor,
        action="par_assessment.return",
        obj=assessment,
        before={"state": ParState.SUBMITTED},
        after={"state": ParState.RETURNED, "comment": comment},
    )
    return assessment


def _appraise(assessment: ParAssessment, scores: list[ParScore]) -> None:
    """Totals and band of an appraised assessment (not saved)."""
    framework = assessment.framework
    total = _total(scores, "appraised_score") or Decimal(0)
    maximum = par_tree.maximum(par_tree.framework_tree(framework))
    scope = province_scopes([assessment.unit])[assessment.unit_id]
    assessment.appraised_total = total
    assessment.rating = rating_for(total, maximum=maximum, year=framework.year, scope=scope)


def _appraisal_state(assessment: ParAssessment, scores: dict[int, ParScore]) -> dict[str, Any]:
    return {
        "state": assessment.state,
        "scores": _by_code(scores, "appraised_score"),
        "appraised_total": None
        if assessment.appraised_total is None
        else str(assessment.appraised_total),
        "rating": assessment.rating,
    }


@transaction.atomic
def save_appraisal(
    *,
    actor: Any,
    assessment: ParAssessment,
    scores: dict[str, Any],
    comments: dict[str, str] | None = None,
) -> ParAssessment:
    """The office's score and comment per criterion, while it appraises. After the appraisal
    is finished this is a correction: totals and band are computed again, the round results
    refreshed, and the audit row keeps the scores before and after."""
    assessment = _locked_assessment(assessment)
    require(actor, "monitoring.decide_par_assessment", assessment)
    if assessment.state not in (ParState.SUBMITTED, ParState.APPRAISED):
        raise ValidationError(
            _("Kết quả của %(unit)s đang ở trạng thái '%(state)s', chưa thể thẩm định.")
            % {"unit": assessment.unit.name, "state": assessment.get_state_display()}
        )
    leaves = _leaves(assessment.framework)
    numbers = _clean_scores(leaves, scores)
    texts = _clean_texts(leaves, comments)
    appraised = assessment.state == ParState.APPRAISED
    if appraised:
        missing = [code for code, value in scores.items() if value in (None, "")]
        if missing:
            raise ValidationError(
                _("Đã thẩm định xong: không được để trống điểm tiêu chí %(codes)s.")
                % {"codes": ", ".join(missing)}
            )
    current = _scores_of(assessment)
    before = _appraisal_state(assessment, current)
    changed = _apply(
        assessment,
        current,
        numbers,
        texts,
        number_field="appraised_score",
        text_field="appraisal_comment",
    )
    if not changed:
        return assessment
    current = _scores_of(assessment)
    if appraised:
        _appraise(assessment, list(current.values()))
        assessment.appraised_by = acting_user(actor)
        assessment.appraised_at = timezone.now()
        assessment.save(update_fields=["appraised_total", "rating", "appraised_by", "appraised_at"])
        refresh_results_for(units={assessment.unit_id}, year=assessment.framework.year)
    record_audit(
        actor=actor,
        action="par_assessment.correct" if appraised else "par_assessment.appraise_scores",
        obj=assessment,
        before=before,
        after=_appraisal_state(assessment, current),
    )
    return assessment


@transaction.atomic
def finish_appraisal(*, actor: Any, assessment: ParAssessment, comment: str = "") -> ParAssessment:
    """The office finishes the appraisal: every criterion has its appraised score; the total
    and the band are kept and reach the round results."""
    assessment = _locked_assessment(assessment)
    require(actor, "monitoring.decide_par_assessment", assessment)
    if assessment.state == ParState.APPRAISED:
        return assessment
    if assessment.state != ParState.SUBMITTED:
        raise ValidationError(
            _("Kết quả của %(unit)s đang ở trạng thái '%(state)s', chưa thể thẩm định.")
            % {"unit": assessment.unit.name, "state": assessment.get_state_display()}
        )
    current = _scores_of(assessment)
    missing = [
        node.code
        for node in _leaves(assessment.framework)
        if node.criterion.pk not in current or current[node.criterion.pk].appraised_score is None
    ]
    if missing:
        raise ValidationError(
            _("Chưa có điểm thẩm định của tiêu chí: %(codes)s.") % {"codes": ", ".join(missing)}
        )
    before = _appraisal_state(assessment, current)
    _appraise(assessment, list(current.values()))
    assessment.state = ParState.APPRAISED
    assessment.comment = " ".join((comment or "").split())
    assessment.appraised_by = acting_user(actor)
    assessment.appraised_at = timezone.now()
    assessment.save(
        update_fields=[
            "state",
            "appraised_total",
            "rating",
            "comment",
            "appraised_by",
            "appraised_at",
        ]
    )
    refresh_results_for(units={assessment.unit_id}, year=assessment.framework.year)
    record_audit(
        actor=actor,
        action="par_assessment.appraise",
        obj=assessment,
        before=before,
        after=_appraisal_state(assessment, current),
    )
    return assessment


# Import of appraised scores ----------------------------------------------------------------


def apply_imported_scores(
    *,
    actor: Any,
    framework: ParFramework,
    units: list[Unit],
    scores: dict[int, dict[int, Decimal]],
) -> tuple[int, int, int]:
    """Write a checked import: every unit's assessment created or updated to appraised with
    the given score for every criterion, its total and band; history rows kept, the round
    results refreshed. A fixed number of queries whatever the number of units. The caller
    has checked the rows and permission, and holds the transaction; returns (created,
    updated, unchanged)."""
    now, user = timezone.now(), acting_user(actor)
    maximum = par_tree.maximum(par_tree.framework_tree(framework))
    scopes = province_scopes(units)
    existing = {
        assessment.unit_id: assessment
        for assessment in ParAssessment.objects.select_for_update()
        .filter(framework=framework, unit__in=[unit.pk for unit in units])
        .order_by("pk")
    }
    fresh = [
        ParAssessment(framework=framework, unit=unit, state=ParState.DRAFT)
        for unit in units
        if unit.pk not in existing
    ]
    if fresh:
        bulk_create_with_history(fresh, ParAssessment, default_user=user)
        existing = {
            assessment.unit_id: assessment
            for assessment in ParAssessment.objects.filter(
                framework=framework, unit__in=[unit.pk for unit in units]
            )
        }
    created_ids = {assessment.unit_id for assessment in fresh}
    current: dict[tuple[int, int], ParScore] = {
        (score.assessment_id, score.criterion_id): score
        for score in ParScore.objects.filter(assessment__in=[a.pk for a in existing.values()])
    }
    new_scores, changed_scores, changed_assessments = [], [], []
    unchanged = 0
    for unit in units:
        assessment = existing[unit.pk]
        assessment.unit = unit
        touched = False
        for criterion_id, value in scores[unit.pk].items():
            score = current.get((assessment.pk, criterion_id))
            if score is None:
                new_scores.append(
                    ParScore(
                        assessment=assessment, criterion_id=criterion_id, appraised_score=value
                    )
                )
                touched = True
            elif score.appraised_score != value:
                score.appraised_score = value
                changed_scores.append(score)
                touched = True
        total = sum(scores[unit.pk].values(), Decimal(0))
        rating = rating_for(total, maximum=maximum, year=framework.year, scope=scopes[unit.pk])
        if not touched and (assessment.state, assessment.appraised_total, assessment.rating) == (
            ParState.APPRAISED,
            total,
            rating,
        ):
            unchanged += 1
            continue
        assessment.state = ParState.APPRAISED
        assessment.appraised_total = total
        assessment.rating = rating
        assessment.appraised_by = user
        assessment.appraised_at = now
        changed_assessments.append(assessment)
    ParScore.objects.bulk_create(new_scores)
    ParScore.objects.bulk_update(changed_scores, ["appraised_score"])
    if changed_assessments:
        bulk_update_with_history(
            changed_assessments,
            ParAssessment,
            ["state", "appraised_total", "rating", "appraised_by", "appraised_at"],
            default_user=user,
        )
        refresh_results_for(
            units={assessment.unit_id for assessment in changed_assessments}, year=framework.year
        )
    created = len(created_ids)
    return created, len(changed_assessments) - created, unchanged
