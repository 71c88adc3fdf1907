"""No state on the app server: two gunicorn processes on different ports, against the same
PostgreSQL, Redis and object store, serve one user as one."""

import requests
from django.urls import reverse

from tests.factories import PASSWORD
from tests.monitoring.conftest import PDF_BYTES
from tests.production.conftest import bucket_keys, upload
from tests.production.servers import csrf_of, login
from thidua.monitoring.models import Evidence


def test_a_log_in_and_a_file_on_one_server_are_the_user_s_on_the_other(
    report, app_servers, s3_endpoint, bucket
):
    one, two = app_servers("app-1"), app_servers("app-2")
    assert one.port != two.port

    browser = requests.Session()
    assert login(browser, one.url, "focal_a", PASSWORD).status_code == 302
    # The session cookie made by server one opens the user's pages on server two.
    home = browser.get(f"{two.url}/", timeout=10)
    assert home.status_code == 200
    assert "/dang-nhap/" not in home.url and "/dang-xuat/" in home.text

    # A file uploaded through server one (CSRF token from server two's page)...
    detail = reverse("report_detail", args=[report.pk])
    token = csrf_of(browser, two.url, detail)
    response = upload(browser, one, report, token, name="so-lieu-quy-1.pdf")
    assert response.status_code == 302, response.text[:500]
    evidence = Evidence.objects.get(report=report)
    assert evidence.original_name == "so-lieu-quy-1.pdf"
    # ...is in the shared object store, not on server one's disk...
    assert bucket_keys(s3_endpoint, bucket) == [evidence.file.name]
    # ...and server two serves it, byte for byte.
    download = browser.get(
        f"{two.url}{reverse('evidence_download', args=[evidence.pk])}", timeout=20
    )
    assert download.status_code == 200
    assert download.content == PDF_BYTES
    assert "so-lieu-quy-1.pdf" in download.headers["Content-Disposition"]

    # Logging out on server two ends the session on server one as well.
    token = csrf_of(browser, two.url, detail)
    browser.post(
        f"{two.url}/dang-xuat/",
        data={"csrfmiddlewaretoken": token},
        headers={"Referer": f"{two.url}{detail}"},
        timeout=10,
    )
    again = browser.get(f"{one.url}{detail}", allow_redirects=False, timeout=10)
    assert again.status_code == 302 and "/dang-nhap/" in again.headers["Location"]


def test_another_commune_s_officer_gets_404_on_either_server(report, app_servers):
    one, two = app_servers("app-1"), app_servers("app-2")
    browser = requests.Session()
    assert login(browser, one.url, "focal_b", PASSWORD).status_code == 302
    for server in (one, two):
        page = browser.get(f"{server.url}{reverse('report_detail', args=[report.pk])}")
        assert page.status_code == 404
