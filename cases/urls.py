from django.urls import path

from cases.views import casework, clients

app_name = "cases"

urlpatterns = [
    # Clients, identity, the client file and the access log (views/clients.py)
    path("clients/", clients.client_list, name="client_list"),
    path("clients/new/", clients.client_create, name="client_create"),
    path("clients/<int:pk>/", clients.client_detail, name="client_detail"),
    path("clients/<int:pk>/edit/", clients.client_edit, name="client_edit"),
    path("clients/<int:pk>/file.pdf", clients.client_file, name="client_file"),
    path("clients/<int:pk>/log/", clients.client_access_log, name="client_access_log"),
    path("services/", clients.service_list, name="service_list"),
    path("services/new/", clients.service_create, name="service_create"),
    path("services/<int:pk>/", clients.service_edit, name="service_edit"),
    # Cases, contacts, plans, referrals, anonymous contacts, the worker's home (views/casework.py)
    path("", casework.home, name="home"),
    path("clients/<int:pk>/cases/new/", casework.case_create, name="case_create"),
    path("<int:pk>/", casework.case_detail, name="case_detail"),
    path("<int:pk>/edit/", casework.case_edit, name="case_edit"),
    path("<int:pk>/close/", casework.case_close, name="case_close"),
    path("<int:pk>/reopen/", casework.case_reopen, name="case_reopen"),
    path("<int:pk>/contacts/new/", casework.contact_create, name="contact_create"),
    path("contacts/<int:pk>/edit/", casework.contact_edit, name="contact_edit"),
    path("<int:pk>/plan/", casework.plan_edit, name="plan_edit"),
    path("<int:pk>/plan/review/", casework.plan_review, name="plan_review"),
    path("<int:pk>/referrals/new/", casework.referral_create, name="referral_create"),
    path("referrals/<int:pk>/", casework.referral_edit, name="referral_edit"),
    path("anonymous/", casework.anonymous_list, name="anonymous_list"),
    path("anonymous/new/", casework.anonymous_create, name="anonymous_create"),
]
