"""Django's test client logs in without a request, which django-axes (log-in throttling)
refuses; a request from the test client's address stands in for it."""

from django.test import RequestFactory


def login_request():
    return RequestFactory().post("/dang-nhap/")
