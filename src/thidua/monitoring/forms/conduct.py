"""Forms of conduct (violations, complaints) and initiatives: the lists' filters, the unit
chosen before recording, the records themselves."""

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import StyledForm
from thidua.monitoring.enums import ConductKind, InitiativeLevel
from thidua.monitoring.forms import PersonChoiceField
from thidua.organizations.forms import DATE_WIDGET
from thidua.organizations.models import Person, Unit


class _ListFilterForm(StyledForm):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=200)
    year = forms.IntegerField(
        label=_("Năm"),
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    unit = forms.ModelChoiceField(
        label=_("Đơn vị (gồm cấp dưới)"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Tất cả"),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ViolationFilterForm(_ListFilterForm):
    kind = forms.ChoiceField(
        label=_("Loại"), choices=[("", _("Tất cả")), *ConductKind.choices], required=False
    )


class InitiativeFilterForm(_ListFilterForm):
    level = forms.ChoiceField(
        label=_("Phạm vi công nhận"),
        choices=[("", _("Tất cả")), *InitiativeLevel.choices],
        required=False,
    )


class UnitPickForm(StyledForm):
    """Which unit the record is against, chosen first so that the form offers its people."""

    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ViolationForm(StyledForm):
    kind = forms.ChoiceField(label=_("Loại"), choices=ConductKind.choices)
    person = forms.ModelChoiceField(
        label=_("Cá nhân vi phạm, bị khiếu nại"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("Không — đối với tập thể đơn vị"),
    )
    occurred_on = forms.DateField(label=_("Ngày xảy ra"), widget=DATE_WIDGET)
    description = forms.CharField(
        label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    decision_ref = forms.CharField(
        label=_("Số quyết định, văn bản"),
        max_length=100,
        required=False,
        help_text=_("Quyết định kỷ luật, văn bản kết luận hoặc trả lời khiếu nại."),
    )
    decision_date = forms.DateField(label=_("Ngày quyết định"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people

    @staticmethod
    def initial_for(violation) -> dict:
        return {
            "kind": violation.kind,
            "person": violation.person_id,
            "occurred_on": violation.occurred_on,
            "description": violation.description,
            "decision_ref": violation.decision_ref,
            "decision_date": violation.decision_date,
        }


class ReasonForm(StyledForm):
    reason = forms.CharField(
        label=_("Lý do"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ít nhất 10 ký tự; ghi cả số văn bản kết luận nếu có."),
    )


class InitiativeForm(StyledForm):
    title = forms.CharField(label=_("Tên sáng kiến"), max_length=500)
    level = forms.ChoiceField(label=_("Phạm vi công nhận"), choices=InitiativeLevel.choices)
    decision_ref = forms.CharField(label=_("Số quyết định công nhận"), max_length=100)
    recognized_on = forms.DateField(label=_("Ngày công nhận"), widget=DATE_WIDGET)
    authors = PersonChoiceField(
        label=_("Tác giả"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text=_("Để trống nếu là sáng kiến của tập thể đơn vị."),
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authors"].queryset = people

    @staticmethod
    def initial_for(initiative) -> dict:
        return {
            "title": initiative.title,
            "level": initiative.level,
            "decision_ref": initiative.decision_ref,
            "recognized_on": initiative.recognized_on,
            "authors": [person.pk for person in initiative.authors.all()],
        }
