from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import StyledForm


class LoginForm(StyledForm, AuthenticationForm):
    # As long as a username may be (User.username): a longer one is refused by the form and
    # never reaches authentication, the log-in throttle or the audit log.
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        error_messages={"max_length": _("Tên đăng nhập dài tối đa %(limit_value)s ký tự.")},
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng. Xin kiểm tra lại."),
        "inactive": _("Tài khoản này đã bị khóa."),
    }


class StyledPasswordChangeForm(StyledForm, PasswordChangeForm):
    pass


class ApiTokenForm(StyledForm):
    name = forms.CharField(
        label=_("Tên khóa"),
        max_length=120,
        help_text=_("Hệ thống nào dùng khóa này, ví dụ: Phần mềm một cửa của xã."),
    )
