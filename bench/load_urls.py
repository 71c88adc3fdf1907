"""The product's URLs plus `/bench/bare/`: a view that does nothing but answer "ok", through
the same middleware, so that the load benchmark compares each page with the bare cost of a
request on the same server in the same run. Only `bench/load_settings.py` uses this."""

from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/bare/", bare, name="bench_bare"),
    path("", include("thidua.urls")),
]
