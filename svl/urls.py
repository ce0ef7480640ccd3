from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from svl import two_factor_views, views

admin.site.site_header = _("SVL – správa")

user_patterns = (
    [
        path("", views.user_list, name="list"),
        path("new/", views.user_create, name="create"),
        path("<int:pk>/", views.user_edit, name="edit"),
        path("<int:pk>/password/", views.user_password, name="password"),
        path("<int:pk>/unlock/", views.user_unlock, name="unlock"),
        path("<int:pk>/two-factor/reset/", two_factor_views.user_two_factor_reset, name="two_factor_reset"),
    ],
    "users",
)

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    path("accounts/session/keepalive/", views.session_keepalive, name="session_keepalive"),
    path("accounts/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/two-factor/", include("svl.two_factor_urls")),
    path("organisation/settings/", two_factor_views.organisation_settings, name="organisation_settings"),
    path("organisation/users/", include(user_patterns)),
    path("organisation/audit/", include("svl.audit_urls")),
    path("localities/", include("locations.urls")),
    path("shifts/", include("assistants.urls")),
    path("cases/", include("cases.urls")),
    path("platforms/", include("platforms.urls")),
    path("reports/", include("svl.report_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # One login for everyone, with the lockout and the second factor: the admin's own login form is not offered.
    path("admin/login/", views.admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
]
