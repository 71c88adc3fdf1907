"""The REST API (django-ninja): what a unit's own systems read and the reports they write.

Every object goes through the viewer's visibility selectors and the web's `rules`
permissions: what the key's account may not see is a 404, what it sees but may not change is a
403, exactly as on the screens. Endpoints never write: they call the services.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError

from thidua.api import reads, writes
from thidua.api.auth import ApiKey

api = NinjaAPI(
    title="thidua API",
    version="1",
    description=(
        "Đơn vị, cá nhân, kế hoạch thi đua (và gói của kế hoạch), đăng ký, kết quả, đề nghị "
        "khen thưởng, quyết định và khen thưởng; báo cáo chỉ tiêu và tài liệu kiểm chứng. "
        "Xác thực: `Authorization: Bearer <khóa>`; quyền như trên giao diện web."
    ),
    auth=ApiKey(),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def _error(request, status: int, detail: str, errors: list | None = None, **headers):
    response = api.create_response(
        request, {"detail": detail, "errors": errors or []}, status=status
    )
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return _error(
        request,
        401,
        _("Thiếu khóa API, hoặc khóa không đúng, đã bị thu hồi hay tài khoản đã bị khóa."),
        WWW_Authenticate="Bearer",
    )


@api.exception_handler(Http404)
@api.exception_handler(ObjectDoesNotExist)
def _not_found(request, exc):
    return _error(request, 404, _("Không tìm thấy hoặc bạn không có quyền xem."))


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return _error(request, 403, str(exc) or _("Bạn không có quyền thực hiện thao tác này."))


@api.exception_handler(DjangoValidationError)
def _refused(request, exc):
    messages = exc.messages
    return _error(request, 400, " ".join(messages), messages)


@api.exception_handler(NinjaValidationError)
def _invalid(request, exc):
    errors = [
        {
            "loc": [str(part) if not isinstance(part, int) else part for part in e.get("loc", ())],
            "msg": str(e.get("msg", "")),
            "type": str(e.get("type", "")),
        }
        for e in exc.errors
    ]
    return _error(request, 422, _("Dữ liệu gửi lên không hợp lệ."), errors)


api.add_router("", reads.router)
api.add_router("", writes.router)
