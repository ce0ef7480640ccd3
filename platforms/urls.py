from django.urls import path

from platforms.views import meetings, platforms

app_name = "platforms"

urlpatterns = [
    # Platforms, members, tasks overview and outputs (views/platforms.py)
    path("", platforms.platform_list, name="list"),
    path("new/", platforms.platform_create, name="create"),
    path("<int:pk>/", platforms.platform_detail, name="detail"),
    path("<int:pk>/edit/", platforms.platform_edit, name="edit"),
    path("<int:pk>/institutions/new/", platforms.institution_create, name="institution_create"),
    path("institutions/<int:pk>/", platforms.institution_edit, name="institution_edit"),
    path("institutions/<int:pk>/representatives/new/", platforms.representative_create, name="representative_create"),
    path("representatives/<int:pk>/", platforms.representative_edit, name="representative_edit"),
    path("tasks/", platforms.task_list, name="task_list"),
    path("tasks/<int:pk>/", platforms.task_detail, name="task_detail"),
    path("<int:pk>/outputs/new/", platforms.output_create, name="output_create"),
    path("outputs/<int:pk>/download/", platforms.output_download, name="output_download"),
    # Meetings, attendance, minutes, tasks at a meeting, the minutes PDF (views/meetings.py)
    path("meetings/", meetings.meeting_list, name="meeting_list"),
    path("<int:pk>/meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/agenda/", meetings.meeting_agenda, name="meeting_agenda"),
    path("meetings/<int:pk>/attendance/", meetings.meeting_attendance, name="meeting_attendance"),
    path("meetings/<int:pk>/cases/new/", meetings.case_discussion_create, name="case_discussion_create"),
    path("meetings/<int:pk>/tasks/new/", meetings.task_create, name="task_create"),
    path("meetings/<int:pk>/tasks/<int:task_id>/review/", meetings.task_review, name="task_review"),
    path("meetings/<int:pk>/finalise/", meetings.meeting_finalise, name="meeting_finalise"),
    path("meetings/<int:pk>/reopen/", meetings.meeting_reopen, name="meeting_reopen"),
    path("meetings/<int:pk>/minutes.pdf", meetings.minutes_pdf, name="minutes_pdf"),
]
