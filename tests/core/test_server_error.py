"""The error page: a database that cannot be reached is a 503 that says nothing was saved;
anything else is the 500 page. Neither touches the database."""

import pytest
from django.db import InterfaceError, OperationalError
from django.test import RequestFactory

from thidua.core.views import server_error

pytestmark = pytest.mark.django_db


def _answer(error):
    request = RequestFactory().get("/don-vi/")
    try:
        raise error
    except Exception:
        return server_error(request)


@pytest.mark.parametrize(
    "error",
    [OperationalError("connection refused"), InterfaceError("connection already closed")],
)
def test_a_lost_database_is_a_503_that_says_nothing_was_saved(error, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = _answer(error)
    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Hệ thống tạm thời gián đoạn" in page and "chưa có gì được lưu" in page


def test_any_other_error_is_the_500_page(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = _answer(ValueError("lỗi lập trình"))
    assert response.status_code == 500
    assert "Đã có lỗi hệ thống" in response.content.decode()
    assert "Retry-After" not in response
