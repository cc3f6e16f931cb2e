from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from inkludera.accounts import views
from inkludera.accounts.forms import LoginForm

app_name = "accounts"
urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html",
            authentication_form=LoginForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            email_template_name="accounts/email/password_reset.txt",
            subject_template_name="accounts/email/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            success_url=reverse_lazy("accounts:start"),
        ),
        name="password_change",
    ),
    path("sign-up/", views.sign_up, name="sign_up"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("start/", views.start, name="start"),
    path("switch-role/", views.switch_role, name="switch_role"),
    path("api-tokens/", views.api_tokens, name="api_tokens"),
    path("organisations/", views.organisations, name="organisations"),
    path(
        "organisations/new-municipality/", views.register_municipality, name="register_municipality"
    ),
    path("organisations/<slug:slug>/", views.organisation, name="organisation"),
    path("organisations/<slug:slug>/edit/", views.edit_organisation, name="edit_organisation"),
    path("organisations/<slug:slug>/invite/", views.invite, name="invite"),
    path("organisations/<slug:slug>/roles/<int:pk>/remove/", views.revoke, name="revoke"),
]
