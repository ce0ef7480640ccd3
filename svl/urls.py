from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from svl import views

admin.site.site_header = _("SVL – správa")

user_patterns = (
    [
        path("", views.user_list, name="list"),
        path("new/", views.user_create, name="create"),
        path("<int:pk>/", views.user_edit, name="edit"),
        path("<int:pk>/password/", views.user_password, name="password"),
    ],
    "users",
)

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("organisation/users/", include(user_patterns)),
    path("localities/", include("locations.urls")),
    path("shifts/", include("assistants.urls")),
    path("cases/", include("cases.urls")),
    path("platforms/", include("platforms.urls")),
    path("reports/", include("svl.report_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
