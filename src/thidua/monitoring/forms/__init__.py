from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import StyledForm
from thidua.organizations.models import Person

YES_NO = [("yes", _("Có")), ("no", _("Không"))]


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, person: Person) -> str:
        return f"{person.full_name} — {person.job_title or person.get_position_display()}"


def _shown(value):
    return ("yes" if value else "no") if isinstance(value, bool) else value


class TargetValuesForm(StyledForm):
    """One value per target of the plan (a number, or yes/no), each with a note. A target
    marked "nếu có" may be left empty; `all_optional` lets a draft leave any empty."""

    all_optional = False

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.targets = list(targets)
        for target in self.targets:
            label = f"{target.code}. {target.text}"
            optional = self.all_optional or target.if_applicable
            if isinstance(target.value, bool):
                field = forms.TypedChoiceField(
                    label=label,
                    required=not optional,
                    choices=YES_NO if not optional else [("", "—"), *YES_NO],
                    empty_value=None,
                    coerce=lambda choice: choice == "yes",
                    widget=forms.Select(attrs={"class": "form-select"}),
                )
            else:
                field = forms.DecimalField(
                    label=label,
                    required=not optional,
                    max_digits=14,
                    decimal_places=4,
                    widget=forms.NumberInput(
                        attrs={"class": "form-control", "step": "any", "inputmode": "decimal"}
                    ),
                )
            self.fields[f"target_{target.code}"] = field
            self.fields[f"target_{target.code}_note"] = forms.CharField(
                label=gettext("Ghi chú chỉ tiêu %(code)s") % {"code": target.code},
                required=False,
                widget=forms.TextInput(attrs={"class": "form-control"}),
            )

    def target_rows(self):
        return [
            (target, self[f"target_{target.code}"], self[f"target_{target.code}_note"])
            for target in self.targets
        ]

    def values(self) -> dict:
        """The values given; empty ones are left out."""
        values = {
            target.code: self.cleaned_data[f"target_{target.code}"] for target in self.targets
        }
        return {code: value for code, value in values.items() if value is not None}

    def value_notes(self) -> dict:
        return {
            target.code: self.cleaned_data[f"target_{target.code}_note"] for target in self.targets
        }


class RegistrationForm(TargetValuesForm):
    """One commitment per target of the plan (prefilled with the plan's value), the
    individuals of the unit, and a note."""

    people = PersonChoiceField(
        label=_("Cá nhân đăng ký thi đua"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, targets, people, **kwargs):
        super().__init__(*args, targets=targets, **kwargs)
        self.fields["people"].queryset = people

    @staticmethod
    def initial_for(targets, registration=None) -> dict:
        """The plan's values, or the unit's earlier commitments when it has registered."""
        initial = {f"target_{target.code}": _shown(target.value) for target in targets}
        if registration is not None:
            for commitment in registration.commitments.all():
                code = commitment.target.code
                initial[f"target_{code}"] = _shown(commitment.value)
                initial[f"target_{code}_note"] = commitment.note
            initial["people"] = [link.person_id for link in registration.people.all()]
            initial["note"] = registration.note
        return initial

    def commitments(self) -> dict:
        """The commitments given; a target marked "nếu có" may be left empty."""
        return self.values()

    def commitment_notes(self) -> dict:
        return self.value_notes()


class ReportForm(TargetValuesForm):
    """The values a unit reached for a period; a draft may leave targets empty (the report is
    checked for completeness when it is submitted)."""

    all_optional = True

    period = forms.CharField(
        label=_("Kỳ báo cáo"),
        max_length=40,
        help_text=_("Ví dụ: Quý I/2025, 6 tháng đầu năm 2025, hoặc mã đợt."),
    )

    @staticmethod
    def initial_for(period: str, report=None) -> dict:
        initial = {"period": period}
        if report is not None:
            for item in report.values.all():
                initial[f"target_{item.target.code}"] = _shown(item.value)
                initial[f"target_{item.target.code}_note"] = item.note
        return initial


class EvidenceForm(StyledForm):
    """Which target the files prove (or the whole report); the files themselves are read from
    the request, several at once."""

    target = forms.ModelChoiceField(
        label=_("Chỉ tiêu"),
        queryset=None,
        required=False,
        empty_label=_("Cả báo cáo"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets


class ReturnForm(StyledForm):
    comment = forms.CharField(
        label=_("Lý do trả lại"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ít nhất 10 ký tự; đơn vị sẽ đọc được ý kiến này."),
    )


class RefusalForm(StyledForm):
    note = forms.CharField(
        label=_("Lý do không chấp thuận"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ít nhất 10 ký tự; đơn vị sẽ đọc được lý do này."),
    )
