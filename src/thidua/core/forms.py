from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.audit_log import object_type_choices
from thidua.core.selectors import AuditFilters


class StyledForm(forms.Form):
    """Bootstrap classes on every widget, and accessible error wiring once validated."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                continue
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            attrs = self.fields[name].widget.attrs
            attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
            attrs["aria-invalid"] = "true"
            attrs["aria-describedby"] = f"id_{name}_error"


DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


class AuditFilterForm(StyledForm):
    """The filters of the audit log page (GET), also carried by its export."""

    actor = forms.CharField(
        label=_("Người thực hiện"),
        required=False,
        max_length=150,
        help_text=_("Tên đăng nhập hoặc họ tên, gõ có dấu hay không dấu đều được."),
    )
    user = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    action = forms.CharField(
        label=_("Hành động"),
        required=False,
        max_length=80,
        help_text=_("Ví dụ: auth.login; gõ auth để xem mọi lần đăng nhập, đăng xuất."),
    )
    object_type = forms.ChoiceField(label=_("Loại đối tượng"), required=False)
    object_id = forms.CharField(label=_("Mã đối tượng"), required=False, max_length=40)
    date_from = forms.DateField(label=_("Từ ngày"), required=False, widget=DATE_WIDGET)
    date_to = forms.DateField(label=_("Đến ngày"), required=False, widget=DATE_WIDGET)
    q = forms.CharField(label=_("Tên đối tượng có chứa"), required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["object_type"].choices = [("", _("Tất cả")), *object_type_choices()]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu."))
        return data

    def filters(self) -> AuditFilters | None:
        """The filters asked for, or None when the form is not valid."""
        if not self.is_valid():
            return None
        data = self.cleaned_data
        return AuditFilters(
            actor=data["actor"],
            actor_id=data["user"],
            action=data["action"],
            object_type=data["object_type"],
            object_id=data["object_id"],
            date_from=data["date_from"],
            date_to=data["date_to"],
            text=data["q"],
        )
