"""The two steps of reading a plan: the upload (a file or pasted text) and the review (the
plan's text kept in a hidden field, the package to confirm or correct)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from thidua.campaigns.package import PackageError, parse_package_text
from thidua.core.forms import StyledForm
from thidua.planimport.extract import UnreadableFile, normalise, text_of

EXTENSIONS = (".docx", ".pdf", ".txt")


def max_bytes() -> int:
    return settings.THIDUA_IMPORT_MAX_MB * 1024 * 1024


def _check_size(size: int) -> None:
    if size > max_bytes():
        raise ValidationError(
            _("Nội dung quá lớn (tối đa %(mb)s MB)."), params={"mb": settings.THIDUA_IMPORT_MAX_MB}
        )


class PlanUploadForm(StyledForm):
    file = forms.FileField(
        label=_("Tệp kế hoạch (.docx, .pdf có lớp chữ, .txt)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )
    text = forms.CharField(
        label=_("Hoặc dán nội dung kế hoạch"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        _check_size(upload.size)
        name = upload.name or ""
        if not name.lower().endswith(EXTENSIONS):
            raise ValidationError(_("Chỉ đọc được tệp .docx, .pdf hoặc .txt."))
        try:
            return text_of(name, upload.read())
        except UnreadableFile as exc:
            raise ValidationError(str(exc)) from exc

    def clean_text(self):
        text = self.cleaned_data.get("text") or ""
        _check_size(len(text.encode("utf-8")))
        return normalise(text) if text.strip() else ""

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        from_file, pasted = data.get("file"), data.get("text")
        if from_file and pasted:
            raise ValidationError(_("Hãy chọn một tệp hoặc dán nội dung, không cả hai."))
        plan = from_file or pasted
        if not plan or not plan.strip():
            raise ValidationError(
                _("Hãy chọn tệp kế hoạch hoặc dán nội dung kế hoạch.")
                if not from_file
                else _("Tệp không có nội dung chữ.")
            )
        data["plan_text"] = plan
        return data


class PlanSaveForm(StyledForm):
    text = forms.CharField(widget=forms.HiddenInput, strip=False)
    package = forms.CharField(
        label=_("Gói kế hoạch (JSON, sửa được trước khi lưu)"),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "false", "class": "font-monospace"}),
        help_text=_(
            "Các mục không tìm thấy để trống (null); điền hoặc sửa ở đây, hoặc sau khi lưu trong "
            "trang sửa dự thảo."
        ),
    )

    def clean_text(self):
        text = self.cleaned_data["text"]
        _check_size(len(text.encode("utf-8")))
        return normalise(text)

    def clean_package(self):
        raw = self.cleaned_data["package"]
        _check_size(len(raw.encode("utf-8")))
        try:
            data = parse_package_text(raw)
        except PackageError as exc:
            raise ValidationError(exc.detail) from exc
        if not isinstance(data, dict):
            raise ValidationError(_("Gói kế hoạch phải là một đối tượng JSON {...}."))
        return data
