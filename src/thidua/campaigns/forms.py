"""Forms of the campaign screens: the guided plan form (a main form and one formset per ordered
part of the plan), the filters, the actions. They parse what people type (dates dd/mm/yyyy,
lists one item per line, "Giải Nhất:1, Giải Nhì:2", 2.000.000 đồng); the rules a plan must keep
are checked by the service (`services.check_plan`), which says where each problem is."""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.campaigns import services
from thidua.campaigns.enums import (
    Area,
    CampaignKind,
    CampaignState,
    Deadline,
    Operator,
    RoundKind,
    SignerCapacity,
    Subject,
)
from thidua.campaigns.models import Campaign
from thidua.core.forms import StyledForm
from thidua.organizations.enums import Level, Position
from thidua.organizations.forms import DATE_WIDGET
from thidua.organizations.models import Block, Unit

BULLET = re.compile(r"^\s*(?:[-+•*–]|\d+[.)]|[a-zđ]\))\s+")
PRIORITY_CHOICES = [
    ("", _("Không")),
    ("direct_reform_work", _("Trực tiếp làm CCHC")),
    ("female", _("Nữ")),
    ("direct_reform_work,female", _("Trực tiếp làm CCHC, rồi nữ")),
    ("female,direct_reform_work", _("Nữ, rồi trực tiếp làm CCHC")),
]
AWARD_FORMS = [
    "Giấy khen",
    "Bằng khen",
    "Cờ thi đua",
    "Tập thể lao động xuất sắc",
    "Chiến sĩ thi đua cơ sở",
    "Lao động tiên tiến",
]


# The plan's own fields as the form edits them: the signer and the eligibility standards are
# composed from several fields of the form.
PLAN_FORM_FIELDS = tuple(
    field for field in services.EDITABLE_PLAN_FIELDS if field not in ("signer", "eligibility")
)


class LinesField(forms.CharField):
    """A list of strings, one item per line; bullets typed or pasted from Word are dropped."""

    widget = forms.Textarea(attrs={"rows": 4})

    def __init__(self, *, strip_end: str = "", **kwargs):
        self.strip_end = strip_end
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        items = (BULLET.sub("", line).strip().rstrip(self.strip_end) for line in text.splitlines())
        return [item for item in items if item]


class JSONTextField(forms.CharField):
    """JSON typed in a text area, shown back indented; the message says where it broke."""

    widget = forms.Textarea(attrs={"rows": 6, "class": "font-monospace", "spellcheck": "false"})

    def __init__(self, *, empty, **kwargs):
        self.empty = empty
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, dict | list):
            return json.dumps(value, ensure_ascii=False, indent=2) if value else ""
        return value

    def to_python(self, value):
        text = (super().to_python(value) or "").strip()
        if not text:
            return type(self.empty)()
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValidationError(
                _("Không đọc được JSON ở dòng %(line)s, cột %(col)s: %(msg)s."),
                params={"line": exc.lineno, "col": exc.colno, "msg": exc.msg},
            ) from exc
        if not isinstance(data, type(self.empty)):
            raise ValidationError(
                _("Phải là %(shape)s."),
                params={"shape": "{...}" if isinstance(self.empty, dict) else "[...]"},
            )
        return data


class AmountField(forms.CharField):
    """Money in đồng, typed as 2.000.000 or 2000000."""

    def prepare_value(self, value):
        if isinstance(value, int):
            return f"{value:,}".replace(",", ".")
        return value

    def to_python(self, value):
        text = re.sub(r"[.\s,đ]|đồng", "", super().to_python(value) or "")
        if not text:
            return None
        if not text.isdigit():
            raise ValidationError(_("Nhập số tiền bằng chữ số, ví dụ 2.000.000."))
        return int(text)


class TargetValueField(forms.CharField):
    """A target's value: a number (99 or 99,5) or a truth value (có/không, true/false)."""

    TRUE = {"true", "có", "co", "đúng", "dung", "đạt"}
    FALSE = {"false", "không", "khong", "sai"}

    def prepare_value(self, value):
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return value

    def to_python(self, value):
        text = (super().to_python(value) or "").strip()
        if not text:
            return None
        lowered = text.lower()
        if lowered in self.TRUE:
            return True
        if lowered in self.FALSE:
            return False
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation as exc:
            raise ValidationError(
                _("Nhập một số (ví dụ 99 hoặc 99,5) hoặc true/false cho chỉ tiêu có/không.")
            ) from exc
        return int(number) if number == number.to_integral_value() else float(number)


class TiersField(forms.CharField):
    """Prize tiers typed as "Giải Nhất:1, Giải Nhì:1", optionally with money per seat
    ("Giải Nhất:1:3.000.000"), into the spec's list of {"name", "count"[, "amount"]}."""

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(
                ":".join(
                    [tier["name"], str(tier["count"])]
                    + ([f"{tier['amount']:,}".replace(",", ".")] if tier.get("amount") else [])
                )
                for tier in value
            )
        return value

    def to_python(self, value):
        text = (super().to_python(value) or "").strip()
        if not text:
            return None
        tiers = []
        for item in re.split(r"[;,\n]\s*(?=\D)", text):
            bits = [bit.strip() for bit in item.split(":")]
            if len(bits) not in (2, 3) or not bits[0] or not bits[1].isdigit():
                raise ValidationError(
                    _(
                        "Mỗi giải viết dạng 'Tên giải:số lượng', cách nhau bằng dấu phẩy, ví dụ "
                        "'Giải Nhất:1, Giải Nhì:1'; không hiểu '%(item)s'."
                    ),
                    params={"item": item.strip()},
                )
            tier = {"name": bits[0], "count": int(bits[1])}
            if len(bits) == 3:
                amount = re.sub(r"[.\s]", "", bits[2])
                if not amount.isdigit():
                    raise ValidationError(
                        _("Tiền thưởng của '%(name)s' phải là số."), params={"name": bits[0]}
                    )
                tier["amount"] = int(amount)
            tiers.append(tier)
        return tiers


class OrderedFlagsField(forms.ChoiceField):
    """An ordered list of person flags chosen among the few meaningful orders."""

    def __init__(self, **kwargs):
        super().__init__(choices=PRIORITY_CHOICES, required=False, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return ",".join(value)
        return value

    def clean(self, value):
        value = super().clean(value)
        return [flag for flag in value.split(",") if flag]


def _date(label, **kwargs):
    return forms.DateField(label=label, required=False, widget=DATE_WIDGET, **kwargs)


def _campaign_label(campaign: Campaign) -> str:
    parts = [campaign.number or str(_("Dự thảo"))]
    if campaign.issued_on:
        parts.append(f"ngày {campaign.issued_on:%d/%m/%Y}")
    parts.append(f"của {campaign.issuer}")
    title = campaign.title if len(campaign.title) <= 90 else campaign.title[:88] + "…"
    return " ".join(parts) + f" – {title}"


class CampaignChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _campaign_label(obj)


class BlocksField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} – {obj.name}"


class PlanForm(StyledForm):
    """The plan itself; its ordered parts are the formsets below."""

    # 1. Thông tin chung
    number = forms.CharField(
        label=_("Số, ký hiệu"),
        max_length=60,
        required=False,
        help_text=_("Ví dụ 31/KH-UBND; để trống phần số khi chưa cấp số: /KH-UBND."),
    )
    issued_on = _date(_("Ngày ban hành"))
    place = forms.CharField(
        label=_("Địa danh"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "Thăng Bình"}),
    )
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=255)
    signer_capacity = forms.ChoiceField(
        label=_("Thẩm quyền ký"),
        choices=[("", _("Ký trực tiếp")), *SignerCapacity.choices],
        required=False,
    )
    signer_title = forms.CharField(
        label=_("Chức danh người ký"),
        max_length=100,
        required=False,
        help_text=_("Ví dụ: CHỦ TỊCH, PHÓ CHỦ TỊCH"),
    )
    signer_name = forms.CharField(label=_("Họ tên người ký"), max_length=120, required=False)
    implements = CampaignChoiceField(
        label=_("Thực hiện kế hoạch cấp trên có trong hệ thống"),
        queryset=Campaign.objects.none(),
        required=False,
        empty_label=_("— Không có hoặc nhập văn bản ở ô dưới —"),
    )
    implements_text = forms.CharField(
        label=_("Văn bản cấp trên (ghi như trong kế hoạch)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Ví dụ: Kế hoạch số 3294/KH-UBND ngày 03/4/2023 của UBND huyện Long Điền. "
            "Để trống khi đã chọn ở trên: hệ thống tự ghi."
        ),
    )
    title = forms.CharField(label=_("Trích yếu"), widget=forms.Textarea(attrs={"rows": 2}))
    kind = forms.ChoiceField(label=_("Loại phong trào"), choices=CampaignKind.choices)
    # 2. Mục đích, yêu cầu, phạm vi
    purposes = LinesField(label=_("Mục đích"), help_text=_("Mỗi ý một dòng."))
    requirements = LinesField(label=_("Yêu cầu"), help_text=_("Mỗi ý một dòng."))
    scope = forms.CharField(
        label=_("Phạm vi, đối tượng thi đua"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # 3. Nội dung thi đua
    contents = LinesField(label=_("Nội dung thi đua"), help_text=_("Mỗi nội dung một dòng."))
    # 4. Thời gian
    period_start = _date(_("Thời gian thi đua từ ngày"))
    period_end = _date(_("đến ngày"))
    # 6. Khối thi đua
    blocks = BlocksField(
        label=_("Khối thi đua tham gia"),
        queryset=Block.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    # 7. Tiêu chuẩn
    eligibility_collective = JSONTextField(
        label=_("Tiêu chuẩn đối với tập thể"),
        empty=[],
        help_text=_(
            'Danh sách điều kiện JSON, ví dụ [{"metric": "par_rating", "op": ">=", '
            '"value": "Tốt", "text": "Chỉ số CCHC xếp loại Tốt trở lên"}].'
        ),
    )
    eligibility_individual = JSONTextField(
        label=_("Tiêu chuẩn đối với cá nhân"),
        empty=[],
        help_text=_(
            'Ví dụ [{"metric": "task_rating", "op": ">=", "value": "HTXSNV", '
            '"text": "Hoàn thành xuất sắc nhiệm vụ"}].'
        ),
    )
    scales = JSONTextField(
        label=_("Thang xếp loại khai báo thêm"),
        empty={},
        help_text=_('Từ thấp đến cao, ví dụ {"party_rating_2018": ["Yếu kém", "…"]}.'),
    )
    metrics = JSONTextField(
        label=_("Mô tả chỉ số"),
        empty=[],
        help_text=_(
            'Ví dụ [{"key": "tthc_on_time_pct", "text": "Tỷ lệ hồ sơ TTHC đúng hạn", '
            '"kind": "number", "scale": null}].'
        ),
    )
    # 9. Tổ chức thực hiện
    funding = forms.CharField(
        label=_("Kinh phí"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    recipients = LinesField(
        label=_("Nơi nhận"),
        strip_end=";,. ",
        help_text=_("Mỗi nơi nhận một dòng; dòng cuối “Lưu: VT, …”."),
    )

    SECTIONS = {
        "general": (
            "number",
            "issued_on",
            "place",
            "issuer",
            "signer_capacity",
            "signer_title",
            "signer_name",
            "implements",
            "implements_text",
            "title",
            "kind",
        ),
        "purposes": ("purposes", "requirements", "scope"),
        "contents": ("contents",),
        "period": ("period_start", "period_end"),
        "blocks": ("blocks",),
        "eligibility": ("eligibility_collective", "eligibility_individual"),
        "advanced": ("scales", "metrics"),
        "organization": ("funding", "recipients"),
    }

    def __init__(self, *args, higher, blocks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["implements"].queryset = higher
        self.fields["blocks"].queryset = blocks

    def section(self, name: str):
        return [self[field] for field in self.SECTIONS[name]]

    def plan(self) -> dict:
        """The cleaned plan in the shape of the service (`services.EDITABLE_PLAN_FIELDS`);
        on an invalid form, what could be read of it (the fields in error are None)."""
        data = self.cleaned_data
        plan = {field: data.get(field) for field in PLAN_FORM_FIELDS}
        for field in ("number", "place", "implements_text", "scope", "funding"):
            plan[field] = (plan[field] or "").strip() or None
        signer = {
            "capacity": data.get("signer_capacity") or None,
            "title": (data.get("signer_title") or "").strip() or None,
            "name": (data.get("signer_name") or "").strip() or None,
        }
        plan["signer"] = signer if signer["title"] or signer["name"] else None
        eligibility = {}
        for subject in ("collective", "individual"):
            if data.get(f"eligibility_{subject}"):
                eligibility[subject] = data[f"eligibility_{subject}"]
        plan["eligibility"] = eligibility
        return plan

    @staticmethod
    def initial_for(campaign: Campaign) -> dict:
        signer = campaign.signer or {}
        eligibility = campaign.eligibility or {}
        initial = {field: getattr(campaign, field) for field in PLAN_FORM_FIELDS}
        initial.update(
            signer_capacity=signer.get("capacity") or "",
            signer_title=signer.get("title") or "",
            signer_name=signer.get("name") or "",
            eligibility_collective=eligibility.get("collective", []),
            eligibility_individual=eligibility.get("individual", []),
        )
        return initial


class RowForm(StyledForm):
    """One row of an ordered part; `id` ties it to the row it edits."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    FIELDS: tuple[str, ...] = ()
    # Bootstrap columns of each field in the row's grid (default: a third on wide screens).
    WIDTHS: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            # The defaults shown are the defaults: an untouched extra row is left out.
            if isinstance(field, forms.ChoiceField) and field.initial is None and field.required:
                field.initial = field.choices[0][0]
            field.column = self.WIDTHS.get(name, "col-sm-6 col-lg-4")

    def full_clean(self):
        super().full_clean()
        # The error messages of a row carry the row's prefix in their id.
        for name in self._errors or ():
            if name in self.fields:
                self.fields[name].widget.attrs["aria-describedby"] = (
                    f"id_{self.add_prefix(name)}_error"
                )

    def add_error(self, field, error):
        super().add_error(field, error)
        if field in self.fields:
            attrs = self.fields[field].widget.attrs
            if "is-invalid" not in attrs.get("class", ""):
                attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
            attrs["aria-invalid"] = "true"
            attrs["aria-describedby"] = f"id_{self.add_prefix(field)}_error"

    def row(self) -> dict:
        data = {field: self.cleaned_data.get(field) for field in ("id", *self.FIELDS)}
        for field, value in data.items():
            if isinstance(value, str):
                data[field] = value.strip() or (None if field in self.OPTIONAL_TEXT else "")
        return data

    OPTIONAL_TEXT: tuple[str, ...] = ()


class TargetForm(RowForm):
    code = forms.CharField(
        label=_("Mã"), max_length=40, widget=forms.TextInput(attrs={"placeholder": "T1"})
    )
    area = forms.ChoiceField(label=_("Lĩnh vực"), choices=Area.choices)
    metric = forms.CharField(
        label=_("Chỉ số đo"),
        max_length=80,
        widget=forms.TextInput(
            attrs={"list": "metric-keys", "spellcheck": "false", "placeholder": "tthc_on_time_pct"}
        ),
    )
    text = forms.CharField(label=_("Nội dung chỉ tiêu"), widget=forms.Textarea(attrs={"rows": 2}))
    op = forms.ChoiceField(label=_("Phép so sánh"), choices=Operator.choices)
    value = TargetValueField(
        label=_("Giá trị"), widget=forms.TextInput(attrs={"placeholder": "99 / true"})
    )
    unit = forms.CharField(
        label=_("Đơn vị tính"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "%"}),
    )
    if_applicable = forms.BooleanField(
        label=_("Nếu có (bỏ qua khi không phát sinh)"), required=False
    )

    FIELDS = ("code", "area", "text", "metric", "op", "value", "unit", "if_applicable")
    OPTIONAL_TEXT = ("unit",)
    WIDTHS = {
        "code": "col-4 col-md-2",
        "area": "col-8 col-md-5",
        "metric": "col-12 col-md-5",
        "text": "col-12",
        "op": "col-4 col-md-2",
        "value": "col-4 col-md-2",
        "unit": "col-4 col-md-2",
        "if_applicable": "col-12 col-md-6",
    }


class RoundForm(RowForm):
    code = forms.CharField(
        label=_("Mã đợt"), max_length=40, widget=forms.TextInput(attrs={"placeholder": "2025"})
    )
    kind = forms.ChoiceField(label=_("Loại đợt"), choices=RoundKind.choices)
    start = _date(_("Từ ngày"))
    end = _date(_("Đến ngày"))
    review = forms.CharField(
        label=_("Thời điểm sơ kết, tổng kết"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("như ghi trong kế hoạch: Quý IV/2025")}),
    )
    registration_deadline = _date(_("Hạn đăng ký thi đua"))
    nomination_deadline = _date(_("Hạn gửi hồ sơ khen thưởng"))

    FIELDS = (
        "code",
        "kind",
        "start",
        "end",
        "review",
        "registration_deadline",
        "nomination_deadline",
    )
    OPTIONAL_TEXT = ("review",)
    WIDTHS = {
        "code": "col-6 col-md-3",
        "kind": "col-6 col-md-3",
        "start": "col-6 col-md-3",
        "end": "col-6 col-md-3",
        "review": "col-12 col-md-6",
        "registration_deadline": "col-6 col-md-3",
        "nomination_deadline": "col-6 col-md-3",
    }


class BlockChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} – {obj.name}"


class LineForm(RowForm):
    line_id = forms.CharField(
        label=_("Mã dòng"), max_length=40, widget=forms.TextInput(attrs={"placeholder": "C-XP"})
    )
    round_kind = forms.ChoiceField(label=_("Áp dụng cho đợt"), choices=RoundKind.choices)
    subject = forms.ChoiceField(label=_("Đối tượng"), choices=Subject.choices)
    block = BlockChoiceField(
        label=_("Khối"),
        queryset=Block.objects.none(),
        required=False,
        empty_label=_("Tất cả các khối"),
    )
    form = forms.CharField(
        label=_("Hình thức khen thưởng"),
        max_length=200,
        widget=forms.TextInput(attrs={"list": "award-forms", "placeholder": "Giấy khen"}),
    )
    awarded_by = forms.CharField(
        label=_("Thẩm quyền"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Chủ tịch UBND huyện")}),
    )
    count = forms.IntegerField(label=_("Số lượng"), min_value=0, required=False)
    cap = forms.BooleanField(label=_("Không quá (số lượng tối đa)"), required=False)
    tiers = TiersField(
        label=_("Hoặc các giải"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "Giải Nhất:1, Giải Nhì:1, Giải Ba:1"}),
        help_text=_("Trống cả số lượng và giải: khen thưởng đột xuất."),
    )
    from_line = forms.CharField(
        label=_("Chỉ từ đơn vị được khen ở dòng"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "C-XP"}),
    )
    per_unit_max = forms.IntegerField(label=_("Tối đa mỗi đơn vị"), min_value=1, required=False)
    positions = forms.MultipleChoiceField(
        label=_("Vị trí (dòng cá nhân; không chọn: mọi vị trí)"),
        choices=Position.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    priority = OrderedFlagsField(label=_("Ưu tiên"))
    tie_break = OrderedFlagsField(label=_("Khi ngang nhau, ưu tiên"))
    amount = AmountField(
        label=_("Tiền thưởng mỗi suất (đồng)"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "1.170.000"}),
    )
    rank_by = forms.CharField(
        label=_("Xếp hạng theo chỉ số"),
        max_length=80,
        required=False,
        initial="score",
        widget=forms.TextInput(attrs={"list": "metric-keys", "spellcheck": "false"}),
    )
    higher_level = forms.BooleanField(label=_("Đề nghị cấp trên khen"), required=False)
    exclusive = forms.BooleanField(
        label=_("Mỗi đối tượng chỉ một suất trong đợt"), required=False, initial=True
    )

    FIELDS = (
        "line_id",
        "round_kind",
        "form",
        "awarded_by",
        "subject",
        "block",
        "positions",
        "count",
        "cap",
        "tiers",
        "from_line",
        "per_unit_max",
        "priority",
        "tie_break",
        "higher_level",
        "amount",
        "rank_by",
        "exclusive",
    )
    OPTIONAL_TEXT = ("awarded_by", "from_line")
    WIDTHS = {
        "line_id": "col-6 col-md-3",
        "round_kind": "col-6 col-md-3",
        "subject": "col-6 col-md-3",
        "block": "col-6 col-md-3",
        "form": "col-12 col-md-6",
        "awarded_by": "col-12 col-md-6",
        "count": "col-6 col-md-3",
        "cap": "col-6 col-md-3",
        "tiers": "col-12 col-md-6",
        "from_line": "col-6 col-md-4",
        "per_unit_max": "col-6 col-md-3",
        "priority": "col-12 col-md-6",
        "tie_break": "col-12 col-md-6",
        "amount": "col-6 col-md-4",
        "rank_by": "col-6 col-md-4",
        "higher_level": "col-12 col-md-4",
        "exclusive": "col-12",
    }

    def __init__(self, *args, blocks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["block"].queryset = blocks if blocks is not None else Block.objects.none()

    def row(self) -> dict:
        data = super().row()
        data["positions"] = data["positions"] or None
        data["rank_by"] = data["rank_by"] or "score"
        return data


class DossierForm(RowForm):
    subject = forms.ChoiceField(
        label=_("Đối tượng"), choices=[("", _("Chung")), *Subject.choices], required=False
    )
    component = forms.CharField(
        label=_("Thành phần hồ sơ"),
        max_length=300,
        widget=forms.TextInput(attrs={"placeholder": _("Báo cáo thành tích")}),
    )
    template = forms.CharField(
        label=_("Mẫu"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Mẫu 02, Nghị định 152/2025/NĐ-CP")}),
    )
    copies = forms.IntegerField(label=_("Số bộ"), min_value=1, required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False)

    FIELDS = ("subject", "component", "template", "copies", "note")
    OPTIONAL_TEXT = ("subject", "template", "note")
    WIDTHS = {
        "subject": "col-6 col-md-3",
        "component": "col-12 col-md-9",
        "template": "col-12 col-md-6",
        "copies": "col-6 col-md-2",
        "note": "col-12 col-md-4",
    }


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class AssignmentForm(RowForm):
    assignee = forms.CharField(label=_("Cơ quan, đơn vị (như ghi trong kế hoạch)"), max_length=300)
    unit = UnitChoiceField(
        label=_("Đơn vị trong hệ thống"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("— Không gắn —"),
    )
    task = forms.CharField(label=_("Nhiệm vụ"), widget=forms.Textarea(attrs={"rows": 3}))

    FIELDS = ("assignee", "unit", "task")
    WIDTHS = {"assignee": "col-12 col-md-6", "unit": "col-12 col-md-6", "task": "col-12"}

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


class RowFormSet(forms.BaseFormSet):
    """Rows typed in, in order, without the deleted ones and the untouched blank ones; with the
    index of each row's form, so that a problem found by the service lands on its form."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.is_blank_extra = i >= self.initial_form_count() and not (
            form.is_bound and form.has_changed()
        )
        return form

    def rows(self) -> list[dict]:
        return [form.row() for form in self._kept()]

    def _kept(self):
        return [
            form
            for index, form in enumerate(self.forms)
            if (index < self.initial_form_count() or form.has_changed())
            and not self._should_delete_form(form)
        ]

    def form_of_row(self, index: int):
        kept = self._kept()
        return kept[index] if index < len(kept) else None


def row_formset(form_class, *, extra: int = 1):
    return forms.formset_factory(form_class, formset=RowFormSet, extra=extra, can_delete=True)


TargetFormSet = row_formset(TargetForm)
RoundFormSet = row_formset(RoundForm)
LineFormSet = row_formset(LineForm)
DossierFormSet = row_formset(DossierForm)
AssignmentFormSet = row_formset(AssignmentForm)

# (prefix, formset, title of one row) in the order of the page.
PART_FORMSETS = (
    ("rounds", RoundFormSet, _("Đợt")),
    ("targets", TargetFormSet, _("Chỉ tiêu")),
    ("lines", LineFormSet, _("Dòng khen thưởng")),
    ("dossier", DossierFormSet, _("Thành phần hồ sơ")),
    ("assignments", AssignmentFormSet, _("Nhiệm vụ")),
)


def part_initial(campaign: Campaign) -> dict[str, list[dict]]:
    """The rows of a campaign as formset initial data."""
    return {
        "rounds": [
            {"id": row.pk, **{field: getattr(row, field) for field in RoundForm.FIELDS}}
            for row in campaign.rounds.all()
        ],
        "targets": [
            {"id": row.pk, **{field: getattr(row, field) for field in TargetForm.FIELDS}}
            for row in campaign.targets.all()
        ],
        "lines": [
            {
                "id": row.pk,
                **{field: getattr(row, field) for field in LineForm.FIELDS},
                "positions": row.positions or [],
            }
            for row in campaign.lines.all()
        ],
        "dossier": [
            {"id": row.pk, **{field: getattr(row, field) for field in DossierForm.FIELDS}}
            for row in campaign.dossier.all()
        ],
        "assignments": [
            {"id": row.pk, **{field: getattr(row, field) for field in AssignmentForm.FIELDS}}
            for row in campaign.assignments.all()
        ],
    }


class CampaignFilterForm(StyledForm):
    q = forms.CharField(label=_("Tìm theo số, trích yếu, cơ quan"), required=False)
    year = forms.IntegerField(label=_("Năm"), min_value=1990, max_value=2100, required=False)
    level = forms.ChoiceField(
        label=_("Cấp ban hành"), choices=[("", _("Tất cả")), *Level.choices], required=False
    )
    state = forms.ChoiceField(
        label=_("Trạng thái"), choices=[("", _("Tất cả")), *CampaignState.choices], required=False
    )


class IssueForm(StyledForm):
    number = forms.CharField(
        label=_("Số, ký hiệu"), max_length=60, help_text=_("Ví dụ: 31/KH-UBND")
    )
    issued_on = forms.DateField(label=_("Ngày ban hành"), widget=DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issued_on"].initial = timezone.localdate()


class ReopenForm(StyledForm):
    round = forms.ModelChoiceField(label=_("Đợt"), queryset=None, empty_label=None)
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    deadline = forms.ChoiceField(label=_("Loại hạn"), choices=Deadline.choices)
    until = forms.DateField(label=_("Mở lại đến ngày"), widget=DATE_WIDGET)
    reason = forms.CharField(
        label=_("Lý do"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ít nhất 10 ký tự; được lưu lại cùng người mở."),
    )

    def __init__(self, *args, rounds, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = rounds
        self.fields["unit"].queryset = units


class PackageUploadForm(StyledForm):
    MAX_BYTES = 5 * 1024 * 1024

    file = forms.FileField(
        label=_("Gói kế hoạch (.json, định dạng thidua-campaign/1)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )
    owner = UnitChoiceField(
        label=_("Đơn vị ban hành"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Theo gói (đơn vị gốc mang tên cơ quan ban hành)"),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = units

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise ValidationError(_("Tệp quá lớn (tối đa 5 MB)."))
        raw = upload.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValidationError(_("Tệp phải là văn bản UTF-8 (JSON).")) from exc
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValidationError(
                _("Tệp không phải JSON hợp lệ: dòng %(line)s, cột %(col)s: %(msg)s."),
                params={"line": exc.lineno, "col": exc.colno, "msg": exc.msg},
            ) from exc
        if not isinstance(data, dict):
            raise ValidationError(_("Gói kế hoạch phải là một đối tượng JSON {...}."))
        return data
