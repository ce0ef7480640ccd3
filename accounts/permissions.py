"""Which roles may use what: every role tuple, kept in one place so navigation and views agree.

Views check them with `core.permissions.role_required`; objects outside the user's organisation are 404
(`core.scoping.get_for_user_or_404`).
"""

from accounts.choices import Role

# Who manages what; kept in one place so navigation and views agree.
LOCALITY_EDITORS = (Role.COORDINATOR, Role.ORG_ADMIN, Role.MENTOR)
LOCALITY_IMPORTERS = (Role.COORDINATOR, Role.ORG_ADMIN)
OBSERVATION_AUTHORS = (Role.APK, Role.MENTOR, Role.LIAISON, Role.SERVICE_LEAD, Role.COORDINATOR, Role.ORG_ADMIN)
USER_MANAGERS = (Role.ORG_ADMIN,)
# The organisation's audit log (audit/views.py).
AUDIT_VIEWERS = (Role.ORG_ADMIN,)
# The home-page dashboard: the organisation's figures, aggregates only.
DASHBOARD_VIEWERS = (Role.COORDINATOR, Role.ORG_ADMIN)
# APK shifts: mentors plan and review their team's shifts; coordinators may plan too and see every shift.
SHIFT_PLANNERS = (Role.MENTOR, Role.COORDINATOR)
SHIFT_REVIEWERS = (Role.MENTOR,)
SHIFT_OVERVIEW = (Role.MENTOR, Role.COORDINATOR, Role.ORG_ADMIN)
# Grant projects, the organisation's record categories and the import of historical shifts.
PROJECT_MANAGERS = (Role.COORDINATOR, Role.ORG_ADMIN)
SHIFT_IMPORTERS = (Role.COORDINATOR, Role.ORG_ADMIN)
# Monthly work logs: an APK their own, mentors their team's, coordinators and admins every APK's.
WORKLOG_VIEWERS = (Role.APK, Role.MENTOR, Role.COORDINATOR, Role.ORG_ADMIN)

# Client data: the service's workers (liaison assistants) and its lead; nobody else sees any client.
CASE_WORKERS = (Role.LIAISON, Role.SERVICE_LEAD)
SERVICE_MANAGERS = (Role.SERVICE_LEAD, Role.ORG_ADMIN)

# Coordination platforms: coordinators run them; other staff of the organisation may read them.
PLATFORM_MANAGERS = (Role.COORDINATOR,)
PLATFORM_VIEWERS = (Role.COORDINATOR, Role.ORG_ADMIN, Role.MENTOR, Role.SERVICE_LEAD)
