"""Signals of the toolkit: the one way core tells the apps above it that something happened.

core imports no SVL app, so it cannot write an audit row itself; it sends a signal and the audit log's receiver
(connected in an AppConfig.ready()) writes the row.
"""

from django.dispatch import Signal

# Sent by core.responses.attachment_response for every file handed out, before the response is returned, with:
#   sender   the served object's model (type(subject)), or None for a generated file of no one object;
#   request  the request the file answers, or None outside a request (a command, a test calling a helper);
#   subject  the model instance served (a stored document), or None;
#   action   what the audit log calls it (AuditAction.PDF, AuditAction.EXPORT);
#   filename the name the file is served under.
# Sent with send(), not send_robust(): a download whose record fails is not handed out.
attachment_served = Signal()
