import json

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from thidua.core.legal import KEYS, validate_value
from thidua.core.models import AuditEvent, Job, LegalBasis, LegalValue
from thidua.core.services import set_legal_value

admin.site.site_header = _("Quản trị thidua")
admin.site.site_title = "thidua"
admin.site.index_title = pgettext_lazy("admin site", "Quản trị hệ thống")


@admin.register(LegalBasis)
class LegalBasisAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "issued_on", "effective_from"]
    search_fields = ["code", "title"]


class LegalValueForm(forms.ModelForm):
    key = forms.ChoiceField(
        label=_("Khóa"), choices=[(k, format_lazy("{} – {}", k, v.label)) for k, v in KEYS.items()]
    )

    class Meta:
        model = LegalValue
        fields = ["key", "scope", "value", "valid_from", "valid_to", "basis", "note"]

    def clean(self):
        data = super().clean()
        if "key" in data and "value" in data:
            try:
                validate_value(data["key"], data["value"])
            except ValidationError as exc:
                self.add_error("value", exc)
        return data


@admin.register(LegalValue)
class LegalValueAdmin(admin.ModelAdmin):
    """New values go through the service, which closes the previous period and refuses
    overlaps; a value already in use is corrected only by a new period."""

    form = LegalValueForm
    list_display = ["key", "scope", "valid_from", "valid_to", "basis", "short_value"]
    list_filter = ["key", "scope"]
    search_fields = ["key", "note", "basis__code"]

    @admin.display(description=_("Giá trị"))
    def short_value(self, obj):
        text = json.dumps(obj.value, ensure_ascii=False)
        return text if len(text) < 80 else text[:77] + "…"

    def get_readonly_fields(self, request, obj=None):
        return ["key", "scope", "value", "valid_from", "basis"] if obj else []

    def save_model(self, request, obj, form, change):
        if change:
            if obj.valid_to and obj.valid_to < obj.valid_from:
                raise ValidationError(gettext("Ngày hết hiệu lực phải sau ngày bắt đầu."))
            obj.save(update_fields=["valid_to", "note"])
            return
        created = set_legal_value(
            actor=request.user,
            key=obj.key,
            value=obj.value,
            valid_from=obj.valid_from,
            valid_to=obj.valid_to,
            basis=obj.basis,
            scope=obj.scope,
            note=obj.note,
        )
        obj.pk = created.pk

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "object_type", "object_repr"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_repr", "object_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["pk", "kind", "status", "created_by", "created_at", "done", "total"]
    list_filter = ["kind", "status"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
