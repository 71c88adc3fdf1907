"""Log-ins, log-outs and failed log-ins go to the audit log (connected in `AccountsConfig`).

Only those that come with a web request are recorded: a log-in made in code has no request
method (the test client's `force_login` and `logout`, which the permission tests use around a
request that must change nothing), and no address to record either.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from thidua.accounts import services
from thidua.core.security import client_ip


def _from_the_web(request) -> bool:
    return getattr(request, "method", None) is not None


@receiver(user_logged_in, dispatch_uid="thidua.accounts.audit_login")
def audit_login(sender, request, user, **kwargs) -> None:
    if _from_the_web(request):
        services.record_auth_event(action=services.LOGIN, user=user, ip=client_ip(request))


@receiver(user_logged_out, dispatch_uid="thidua.accounts.audit_logout")
def audit_logout(sender, request, user, **kwargs) -> None:
    # Logging out while logged out names nobody.
    if _from_the_web(request) and user is not None and user.is_authenticated:
        services.record_auth_event(action=services.LOGOUT, user=user, ip=client_ip(request))


@receiver(user_login_failed, dispatch_uid="thidua.accounts.audit_login_failed")
def audit_login_failed(sender, credentials, request=None, **kwargs) -> None:
    """Only the name typed is read from the credentials; Django has masked the password."""
    if not _from_the_web(request):
        return
    field = get_user_model().USERNAME_FIELD
    username = str(credentials.get(field) or credentials.get("username") or "")
    services.record_auth_event(
        action=services.LOGIN_FAILED, username=username, ip=client_ip(request)
    )
