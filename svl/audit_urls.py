from django.urls import path

from svl import audit_views

app_name = "audit"

urlpatterns = [
    path("", audit_views.audit_list, name="list"),
    path("export/", audit_views.audit_export, name="export"),
]
