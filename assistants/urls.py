from django.urls import path

from assistants.views import imports, planning, projects, review, tablet, worklog

app_name = "shifts"

urlpatterns = [
    # The APK on a tablet (views/tablet.py)
    path("today/", tablet.today, name="today"),
    path("<int:pk>/work/", tablet.work, name="work"),
    path("<int:pk>/start/", tablet.start, name="start"),
    path("<int:pk>/break/start/", tablet.break_start, name="break_start"),
    path("<int:pk>/break/end/", tablet.break_end, name="break_end"),
    path("<int:pk>/break/add/", tablet.break_add, name="break_add"),
    path("<int:pk>/break/<int:break_id>/delete/", tablet.break_delete, name="break_delete"),
    path("<int:pk>/end/", tablet.end, name="end"),
    path("<int:pk>/correct/", tablet.correct, name="correct"),
    path("<int:pk>/submit/", tablet.submit, name="submit"),
    path("<int:pk>/records/new/", tablet.record_create, name="record_create"),
    path("records/<int:pk>/edit/", tablet.record_edit, name="record_edit"),
    path("records/<int:pk>/delete/", tablet.record_delete, name="record_delete"),
    # Lists, detail and mentor review (views/review.py)
    path("", review.shift_list, name="list"),
    path("<int:pk>/", review.shift_detail, name="detail"),
    path("review/", review.review_queue, name="review_queue"),
    path("review/approve/", review.approve_many, name="approve_many"),
    path("<int:pk>/approve/", review.approve, name="approve"),
    path("<int:pk>/return/", review.return_shift, name="return"),
    path("<int:pk>/reopen/", review.reopen, name="reopen"),
    # Mentor planning (views/planning.py)
    path("plan/", planning.week, name="plan_week"),
    path("plan/new/", planning.plan_create, name="plan_create"),
    path("plan/copy/", planning.copy_week, name="copy_week"),
    path("<int:pk>/plan/", planning.plan_edit, name="plan_edit"),
    path("<int:pk>/cancel/", planning.plan_cancel, name="plan_cancel"),
    # Monthly work log (views/worklog.py)
    path("worklog/", worklog.worklog_index, name="worklog_index"),
    path("worklog/<int:user_id>/<int:year>-<int:month>/", worklog.worklog_pdf, name="worklog"),
    # Import of historical shifts (views/imports.py)
    path("import/", imports.shift_import, name="import"),
    path("import/confirm/", imports.shift_import_confirm, name="import_confirm"),
    # Projects and the organisation's record categories (views/projects.py)
    path("projects/", projects.project_list, name="project_list"),
    path("projects/new/", projects.project_create, name="project_create"),
    path("projects/<int:pk>/", projects.project_edit, name="project_edit"),
    path("categories/", projects.category_list, name="category_list"),
    path("categories/new/", projects.category_create, name="category_create"),
    path("categories/<int:pk>/", projects.category_edit, name="category_edit"),
]
