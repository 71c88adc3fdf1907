"""The rules of the law as data: what held on a given date.

Every value that the law or a province may change (rating scales, PAR bands, award forms and
who may give them, bonus coefficients, base salary, the council's passing rule, tie priorities,
caps) is a `LegalValue` row with a validity period and its legal basis. Code never holds such a
value as a constant; it asks `in_force(key, on=date)`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.models import LegalValue

SUBJECTS = {"collective", "individual"}
LEVELS = {"province", "district", "commune"}
TIE_FIELDS = {"female", "direct_reform_work"}


def _fail(key: str, message: str) -> None:
    raise ValidationError(f"{KEYS[key].label}: {message}")


def _check_scale(key: str, value: Any) -> None:
    if not isinstance(value, list) or len(value) < 2:
        _fail(key, _("phải là danh sách ít nhất 2 mức, từ thấp đến cao."))
    codes = []
    for i, item in enumerate(value, start=1):
        if not isinstance(item, dict) or not item.get("code") or not item.get("label"):
            _fail(key, _("mức thứ %(number)s phải có 'code' và 'label'.") % {"number": i})
        codes.append(item["code"])
    if len(set(codes)) != len(codes):
        _fail(key, _("có mã mức bị trùng."))


def _check_bands(key: str, value: Any) -> None:
    if not isinstance(value, list) or not value:
        _fail(key, _("phải là danh sách các ngưỡng điểm."))
    previous = None
    for i, band in enumerate(value, start=1):
        if not isinstance(band, dict) or not isinstance(band.get("min"), int | float):
            _fail(key, _("ngưỡng thứ %(number)s phải có 'min' là số.") % {"number": i})
        if not band.get("rating"):
            _fail(key, _("ngưỡng thứ %(number)s phải có 'rating'.") % {"number": i})
        if previous is not None and band["min"] >= previous:
            _fail(key, _("các ngưỡng phải giảm dần từ mức cao nhất."))
        previous = band["min"]


def _check_award_forms(key: str, value: Any) -> None:
    if not isinstance(value, list) or not value:
        _fail(key, _("phải là danh sách hình thức khen thưởng."))
    codes = set()
    for i, form in enumerate(value, start=1):
        if not isinstance(form, dict) or not form.get("code") or not form.get("name"):
            _fail(key, _("hình thức thứ %(number)s phải có 'code' và 'name'.") % {"number": i})
        if form["code"] in codes:
            _fail(key, _("mã %(code)s bị trùng.") % {"code": form["code"]})
        codes.add(form["code"])
        subjects = form.get("subjects")
        if not isinstance(subjects, list) or not subjects or not set(subjects) <= SUBJECTS:
            _fail(
                key,
                _("%(code)s: 'subjects' chỉ gồm collective, individual.") % {"code": form["code"]},
            )
        awarded_by = form.get("awarded_by")
        if not isinstance(awarded_by, dict) or not awarded_by or not set(awarded_by) <= LEVELS:
            _fail(
                key,
                _("%(code)s: 'awarded_by' theo cấp province, district, commune.")
                % {"code": form["code"]},
            )


def _check_coefficients(key: str, value: Any) -> None:
    if not isinstance(value, dict) or not value:
        _fail(key, _("phải là bảng hệ số theo mã hình thức."))
    for code, by_subject in value.items():
        if not isinstance(by_subject, dict) or not set(by_subject) <= SUBJECTS:
            _fail(key, _("%(code)s: hệ số theo collective, individual.") % {"code": code})
        for number in by_subject.values():
            if not isinstance(number, int | float) or number < 0:
                _fail(key, _("%(code)s: hệ số phải là số không âm.") % {"code": code})


def _check_money(key: str, value: Any) -> None:
    if not isinstance(value, int) or value <= 0:
        _fail(key, _("phải là số tiền (đồng) dương."))


def _check_rule(key: str, rule: Any, where: str) -> None:
    if not isinstance(rule, dict):
        _fail(key, _("%(rule)s: phải là một quy tắc.") % {"rule": where})
    share = rule.get("share")
    if not isinstance(share, int | float) or not 0 < share <= 1:
        _fail(key, _("%(rule)s: 'share' là tỷ lệ trong (0, 1].") % {"rule": where})
    if rule.get("of") not in {"present", "members"}:
        _fail(
            key,
            _("%(rule)s: 'of' là present (có mặt) hoặc members (tổng thành viên).")
            % {"rule": where},
        )
    if not isinstance(rule.get("strict"), bool):
        _fail(key, _("%(rule)s: 'strict' (quá/trên tỷ lệ) là true hoặc false.") % {"rule": where})


def _check_passing(key: str, value: Any) -> None:
    if not isinstance(value, dict) or "default" not in value:
        _fail(key, _("phải có quy tắc 'default'."))
    _check_rule(key, value["default"], "default")
    for code, rule in (value.get("by_form") or {}).items():
        _check_rule(key, rule, code)


def _check_ties(key: str, value: Any) -> None:
    if not isinstance(value, list) or not set(value) <= TIE_FIELDS:
        _fail(key, _("chỉ gồm các trường %(fields)s.") % {"fields": ", ".join(sorted(TIE_FIELDS))})


def _check_caps(key: str, value: Any) -> None:
    if not isinstance(value, dict):
        _fail(key, _("phải là bảng giới hạn."))
    for name, number in value.items():
        if not isinstance(number, int | float) or number < 0:
            _fail(key, _("%(name)s: phải là số không âm.") % {"name": name})


@dataclass(frozen=True)
class Key:
    label: str
    check: Callable[[str, Any], None]


KEYS: dict[str, Key] = {
    "scale.task_rating": Key(
        gettext_lazy("Thang xếp loại chất lượng cán bộ, công chức"), _check_scale
    ),
    "scale.party_rating": Key(gettext_lazy("Thang xếp loại tổ chức đảng"), _check_scale),
    "scale.par_rating": Key(gettext_lazy("Thang xếp loại Chỉ số CCHC"), _check_scale),
    "par_score_bands": Key(gettext_lazy("Ngưỡng điểm xếp loại Chỉ số CCHC"), _check_bands),
    "award_forms": Key(gettext_lazy("Hình thức khen thưởng và thẩm quyền"), _check_award_forms),
    "bonus_coefficients": Key(gettext_lazy("Hệ số tiền thưởng"), _check_coefficients),
    "base_salary": Key(gettext_lazy("Mức lương cơ sở"), _check_money),
    "council_passing_rule": Key(
        gettext_lazy("Tỷ lệ biểu quyết của Hội đồng TĐ-KT"), _check_passing
    ),
    "tie_priorities": Key(gettext_lazy("Thứ tự ưu tiên khi thành tích ngang nhau"), _check_ties),
    "caps": Key(gettext_lazy("Giới hạn tỷ lệ, số lượng"), _check_caps),
}


class NotInForce(LookupError):
    """No value of that key holds on that date."""


def validate_value(key: str, value: Any) -> None:
    if key not in KEYS:
        raise ValidationError(_("Khóa quy định không hợp lệ: %(key)s.") % {"key": key})
    KEYS[key].check(key, value)


def _in_force_q(on: dt.date) -> Q:
    return Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))


_REMEMBERED: ContextVar[dict | None] = ContextVar("thidua_legal_remembered", default=None)


@contextmanager
def remembered() -> Iterator[None]:
    """Inside the block each (key, date, scope) is read from the database once: a page that
    asks the law the same question for each of its lines pays one query, not one per line.
    Only for reading; nothing is kept after the block."""
    if _REMEMBERED.get() is not None:
        yield
        return
    token = _REMEMBERED.set({})
    try:
        yield
    finally:
        _REMEMBERED.reset(token)


def in_force(key: str, *, on: dt.date, scope: str = "") -> Any:
    """The value of `key` that held on `on`; a scope's own value wins over the national one."""
    if key not in KEYS:
        raise KeyError(key)
    memo = _REMEMBERED.get()
    if memo is None:
        return _read_in_force(key, on=on, scope=scope)
    question = (key, on, scope)
    if question not in memo:
        try:
            memo[question] = _read_in_force(key, on=on, scope=scope)
        except NotInForce as exc:
            memo[question] = exc
    answer = memo[question]
    if isinstance(answer, NotInForce):
        raise answer
    return answer


def _read_in_force(key: str, *, on: dt.date, scope: str) -> Any:
    scopes = [scope, ""] if scope else [""]
    rows = {
        row.scope: row.value
        for row in LegalValue.objects.filter(_in_force_q(on), key=key, scope__in=scopes).only(
            "scope", "value"
        )
    }
    for candidate in scopes:
        if candidate in rows:
            return rows[candidate]
    raise NotInForce(
        _("Không có quy định '%(rule)s' có hiệu lực ngày %(day)s.")
        % {"rule": KEYS[key].label, "day": f"{on:%d/%m/%Y}"}
    )


def par_rating_for(score: float, *, on: dt.date, scope: str = "") -> str:
    """The PAR rating band of a score under the bands in force on that date."""
    for band in in_force("par_score_bands", on=on, scope=scope):
        if score >= band["min"]:
            return band["rating"]
    raise NotInForce(_("Không có ngưỡng xếp loại cho điểm %(score)s.") % {"score": score})


def scale_codes(name: str, *, on: dt.date, scope: str = "") -> list[str]:
    """Codes of a rating scale in force, worst to best."""
    return [item["code"] for item in in_force(f"scale.{name}", on=on, scope=scope)]
