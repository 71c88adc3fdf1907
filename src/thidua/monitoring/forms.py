from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import StyledForm
from thidua.organizations.models import Person

YES_NO = [("yes", _("Có")), ("no", _("Không"))]


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, person: Person) -> str:
        return f"{person.full_name} — {person.job_title or person.get_position_display()}"


class RegistrationForm(StyledForm):
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
        super().__init__(*args, **kwargs)
        self.targets = list(targets)
        self.fields["people"].queryset = people
        for target in self.targets:
            label = f"{target.code}. {target.text}"
            if isinstance(target.value, bool):
                field = forms.TypedChoiceField(
                    label=label,
                    required=not target.if_applicable,
                    choices=YES_NO if not target.if_applicable else [("", "—"), *YES_NO],
                    empty_value=None,
                    coerce=lambda choice: choice == "yes",
                    widget=forms.Select(attrs={"class": "form-select"}),
                )
            else:
                field = forms.DecimalField(
                    label=label,
                    required=not target.if_applicable,
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

    @staticmethod
    def initial_for(targets, registration=None) -> dict:
        """The plan's values, or the unit's earlier commitments when it has registered."""
        initial = {}
        for target in targets:
            value = target.value
            initial[f"target_{target.code}"] = (
                ("yes" if value else "no") if isinstance(value, bool) else value
            )
        if registration is not None:
            for commitment in registration.commitments.all():
                code = commitment.target.code
                value = commitment.value
                initial[f"target_{code}"] = (
                    ("yes" if value else "no") if isinstance(value, bool) else value
                )
                initial[f"target_{code}_note"] = commitment.note
            initial["people"] = [link.person_id for link in registration.people.all()]
            initial["note"] = registration.note
        return initial

    def commitments(self) -> dict:
        """The commitments given; a target marked "nếu có" may be left empty."""
        values = {
            target.code: self.cleaned_data[f"target_{target.code}"] for target in self.targets
        }
        return {code: value for code, value in values.items() if value is not None}

    def commitment_notes(self) -> dict:
        return {
            target.code: self.cleaned_data[f"target_{target.code}_note"] for target in self.targets
        }


class RefusalForm(StyledForm):
    note = forms.CharField(
        label=_("Lý do không chấp thuận"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ít nhất 10 ký tự; đơn vị sẽ đọc được lý do này."),
    )
