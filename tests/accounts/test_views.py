import pytest
from django.urls import reverse

from tests.factories import PASSWORD, make_user
from tests.helpers_auth import login_request
from thidua.core.enums import Role

pytestmark = pytest.mark.django_db


def test_login_with_a_wrong_password_shows_a_vietnamese_message(client, trio):
    response = client.post(reverse("login"), {"username": "standing", "password": "sai"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Tên đăng nhập hoặc mật khẩu không đúng. Xin kiểm tra lại."
    ]


def test_login_lands_on_the_home_page_with_the_counts_of_the_scope(client, trio):
    response = client.post(
        reverse("login"), {"username": "standing", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain == [(reverse("home"), 302)]
    assert response.context["unit_count"] == 3
    assert response.context["people_count"] == 2


def test_logout_needs_a_post_and_ends_the_session(client, trio):
    client.force_login(trio["focal_a"])
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_password_change_then_login_with_the_new_one(client, trio):
    client.force_login(trio["focal_a"])
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Cai-cach-2026!",
            "new_password2": "Cai-cach-2026!",
        },
    )
    assert response.status_code == 302
    client.logout()
    assert (
        client.login(request=login_request(), username="focal_a", password="Cai-cach-2026!") is True
    )


def test_admin_site_is_for_system_administrators_only(client, trio):
    client.force_login(trio["standing"])
    assert client.get("/quan-tri/").status_code == 302
    client.force_login(make_user(roles=[Role.SYSTEM_ADMIN]))
    assert client.get("/quan-tri/").status_code == 200
    assert client.get("/quan-tri/core/legalvalue/").status_code == 200


def test_profile_lists_the_roles(client, trio):
    client.force_login(trio["standing"])
    response = client.get(reverse("profile"))
    assert response.status_code == 200
    assert "Cán bộ thường trực (Nội vụ)" in response.content.decode()
