from django.urls import path

from locations import views

app_name = "localities"

urlpatterns = [
    path("", views.locality_list, name="list"),
    path("map/", views.locality_map, name="map"),
    path("new/", views.locality_create, name="create"),
    path("<int:pk>/", views.locality_detail, name="detail"),
    path("<int:pk>/edit/", views.locality_edit, name="edit"),
    path("<int:pk>/deactivate/", views.locality_set_active, {"active": False}, name="deactivate"),
    path("<int:pk>/activate/", views.locality_set_active, {"active": True}, name="activate"),
    path("<int:pk>/observations/new/", views.observation_create, name="observation_create"),
]

urlpatterns += [
    path("export/", views.locality_export, name="export"),
    path("import/", views.locality_import, name="import"),
    path("import/confirm/", views.locality_import_confirm, name="import_confirm"),
]
