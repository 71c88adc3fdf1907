"""`Authorization: Bearer <key>`: the key's account acts, with its unit and roles."""

from __future__ import annotations

from ninja.security import HttpBearer

from thidua.accounts import services
from thidua.accounts.selectors import active_api_token


class ApiKey(HttpBearer):
    openapi_description = "Khóa API của một tài khoản (trang Tài khoản → Khóa API)."

    def authenticate(self, request, token: str):
        if not token.startswith(services.API_KEY_PREFIX) or len(token) > 200:
            return None
        api_token = active_api_token(services.hash_api_key(token))
        if api_token is None:
            return None
        services.touch_api_token(api_token)
        request.user = api_token.user
        return api_token.user
