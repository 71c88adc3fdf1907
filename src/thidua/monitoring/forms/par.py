"""Forms of the PAR Index: scores per criterion (the unit's own, then the office's), evidence
per criterion, the framework editor and the import. Scores are read as text and checked by
the services, whose messages name the criterion; a comma is accepted as the decimal mark."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import StyledForm
from thidua.monitoring.par_tree import Node, points
from thidua.organizations.enums import Level

SCORE_ATTRS = {"inputmode": "decimal", "autocomplete": "off", "class": "form-control-sm"}


def _shown(value) -> str:
    return "" if value is None else points(value)


class ScoresForm(StyledForm):
    """A score and a text per leaf criterion; `number_field` and `text_field` name the
    ParScore attributes shown (the unit's or the office's)."""

    number_label = _("Điểm")
    text_label = _("Giải trình")

    def __init__(self, *args, leaves: list[Node], initial_from: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.leaves = leaves
        for node in leaves:
            maximum = points(node.criterion.max_points)
            self.fields[f"score_{node.criterion.pk}"] = forms.CharField(
                label=gettext("%(label)s tiêu chí %(code)s (tối đa %(max)s)")
                % {"label": self.number_label, "code": node.code, "max": maximum},
                required=False,
                max_length=20,
                widget=forms.TextInput(attrs=dict(SCORE_ATTRS)),
            )
            self.fields[f"text_{node.criterion.pk}"] = forms.CharField(
                label=gettext("%(label)s tiêu chí %(code)s")
                % {"label": self.text_label, "code": node.code},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 1, "class": "form-control-sm"}),
            )
        if not self.is_bound:
            self.initial = self.initial_for(leaves, initial_from)

    def initial_for(self, leaves: list[Node], source: str) -> dict:
        initial = {}
        for node in leaves:
            if node.score is None:
                continue
            initial[f"score_{node.criterion.pk}"] = _shown(getattr(node.score, source))
            initial[f"text_{node.criterion.pk}"] = getattr(
                node.score, "self_note" if source == "self_score" else "appraisal_comment"
            )
        return initial

    def field_pair(self, node: Node):
        return self[f"score_{node.criterion.pk}"], self[f"text_{node.criterion.pk}"]

    def scores(self) -> dict[str, str]:
        return {node.code: self.cleaned_data[f"score_{node.criterion.pk}"] for node in self.leaves}

    def texts(self) -> dict[str, str]:
        return {node.code: self.cleaned_data[f"text_{node.criterion.pk}"] for node in self.leaves}


class SelfAssessmentForm(ScoresForm):
    number_label = _("Điểm tự đánh giá")
    text_label = _("Giải trình")

    def __init__(self, *args, leaves: list[Node], **kwargs):
        super().__init__(*args, leaves=leaves, initial_from="self_score", **kwargs)


class AppraisalForm(ScoresForm):
    """The office's scores, prefilled with its earlier ones, else with the unit's own."""

    number_label = _("Điểm thẩm định")
    text_label = _("Ý kiến thẩm định")

    def __init__(self, *args, leaves: list[Node], **kwargs):
        super().__init__(*args, leaves=leaves, initial_from="appraised_score", **kwargs)
        if not self.is_bound:
            for node in leaves:
                key = f"score_{node.criterion.pk}"
                if not self.initial.get(key) and node.score is not None:
                    self.initial[key] = _shown(node.score.self_score)


class ParEvidenceForm(StyledForm):
    """Which criterion the files prove; the files are read from the request."""

    criterion = forms.TypedChoiceField(label=_("Tiêu chí"), coerce=int)

    def __init__(self, *args, leaves: list[Node], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].choices = [
            (node.criterion.pk, f"{node.code}. {node.criterion.title}"[:120]) for node in leaves
        ]


class FinishForm(StyledForm):
    comment = forms.CharField(
        label=_("Nhận xét chung của cơ quan thẩm định"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class FrameworkCreateForm(StyledForm):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    level = forms.ChoiceField(label=_("Cấp đơn vị được đánh giá"), choices=Level.choices)
    source = forms.ChoiceField(
        label=_("Sao chép từ"),
        choices=[
            ("default", _("Bộ tiêu chí mặc định (8 lĩnh vực của Bộ Nội vụ)")),
            ("previous", _("Bộ tiêu chí của đơn vị năm trước")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class CriterionForm(StyledForm):
    code = forms.CharField(label=_("Mã"), max_length=20)
    title = forms.CharField(label=_("Nội dung"), max_length=500)
    max_points = forms.CharField(
        label=_("Điểm tối đa"),
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    evidence_required = forms.BooleanField(label=_("Cần tài liệu kiểm chứng"), required=False)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ParImportForm(StyledForm):
    file = forms.FileField(
        label=_("Tệp điểm thẩm định (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
