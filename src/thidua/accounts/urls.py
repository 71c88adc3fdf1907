from django.contrib.auth import views as auth_views
from django.urls import path

from thidua.accounts import views
from thidua.accounts.forms import LoginForm, StyledPasswordChangeForm

urlpatterns = [
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html",
            authentication_form=LoginForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "doi-mat-khau/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html", form_class=StyledPasswordChangeForm
        ),
        name="password_change",
    ),
    path(
        "doi-mat-khau/xong/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
    path("tai-khoan/", views.profile, name="profile"),
    path("thong-bao/", views.inbox, name="inbox"),
    path("tai-khoan/khoa-api/", views.api_tokens, name="api_tokens"),
    path("tai-khoan/khoa-api/<int:pk>/thu-hoi/", views.api_token_revoke, name="api_token_revoke"),
    path("thong-bao/<int:pk>/da-doc/", views.notification_read, name="notification_read"),
    path("thong-bao/da-doc-het/", views.notifications_read_all, name="notifications_read_all"),
]
