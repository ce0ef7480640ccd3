from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts import views as account_views
from accounts.two_factor import views as two_factor_views
from svl import views

admin.site.site_header = _("SVL – správa")

user_patterns = (
    [
        path("", account_views.user_list, name="list"),
        path("new/", account_views.user_create, name="create"),
        path("<int:pk>/", account_views.user_edit, name="edit"),
        path("<int:pk>/password/", account_views.user_password, name="password"),
        path("<int:pk>/unlock/", account_views.user_unlock, name="unlock"),
        path("<int:pk>/two-factor/reset/", two_factor_views.user_two_factor_reset, name="two_factor_reset"),
    ],
    "users",
)

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/login/", account_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", account_views.LogoutView.as_view(), name="logout"),
    path("accounts/session/keepalive/", account_views.session_keepalive, name="session_keepalive"),
    path("accounts/password/", account_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/two-factor/", include("accounts.two_factor.urls")),
    path("organisation/settings/", two_factor_views.organisation_settings, name="organisation_settings"),
    path("organisation/users/", include(user_patterns)),
    path("organisation/audit/", include("audit.urls")),
    path("localities/", include("locations.urls")),
    path("shifts/", include("assistants.urls")),
    path("cases/", include("cases.urls")),
    path("platforms/", include("platforms.urls")),
    path("reports/", include("reports.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # One login for everyone, with the lockout and the second factor: the admin's own login form is not offered.
    path("admin/login/", account_views.admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
]
