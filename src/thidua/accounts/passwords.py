"""The house password rule, beside Django's own validators (settings.AUTH_PASSWORD_VALIDATORS)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class MixedCharactersValidator:
    """Letters and at least one digit or sign: "matkhaudai" and "1234567890" are refused."""

    def validate(self, password: str, user=None) -> None:
        has_letter = any(char.isalpha() for char in password)
        has_other = any(not char.isalpha() and not char.isspace() for char in password)
        if not (has_letter and has_other):
            raise ValidationError(
                _("Mật khẩu phải có cả chữ cái và ít nhất một chữ số hoặc ký hiệu."),
                code="password_not_mixed",
            )

    def get_help_text(self) -> str:
        return _("Mật khẩu phải có cả chữ cái và ít nhất một chữ số hoặc ký hiệu.")
