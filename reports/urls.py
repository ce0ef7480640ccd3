from django.urls import path

from reports import views as report_views

app_name = "reports"

urlpatterns = [
    path("", report_views.report_index, name="index"),
    path("apk/", report_views.apk, name="apk"),
    path("apk/narrative/", report_views.apk_narrative, name="apk_narrative"),
    path("mpsv/", report_views.mpsv, name="mpsv"),
    path("localities/", report_views.situation, name="situation"),
]
