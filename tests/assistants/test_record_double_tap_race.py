"""A double tap whose second request arrives while the first is still saving gets the first record back.

Both requests carry the same client token. The second waits on the shift's row lock and must look for the
token only after the first has committed; looking before the lock would miss it and fail on the unique token.
"""

import threading
import uuid

import pytest
from django.db import connection, transaction

from assistants import services
from assistants.choices import Outcome
from assistants.models import FieldRecord
from core import rls
from tests.assistants.factories import at, category
from tests.assistants.tablet_helpers import DAY, planned_shift, started


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_second_request_waiting_on_the_first_returns_its_record(organisation, apk, mentor):
    shift = started(planned_shift(organisation, mentor, [apk]))
    token = uuid.uuid4()
    fields = {
        "recorded_at": at(DAY, "09:15"),
        "locality": shift.localities.get(),
        "place": "",
        "category": category("public_order"),
        "description": "Skupina mladistvých u obchodu, domluva.",
        "persons_involved": 4,
        "outcome": Outcome.SOLVED_ON_SPOT,
        "handed_over_to": "",
        "follow_up": False,
        "syringe_count": None,
    }
    outcome = {}

    def second_tap():
        try:
            # The second request's own connection, scoped as the middleware scopes a request (core/rls.py).
            with transaction.atomic(), rls.organisation(organisation.pk):
                outcome["result"] = services.record_create(shift=shift, author=apk, client_token=token, **fields)
        except Exception as error:  # reported by the assertion below
            outcome["error"] = error
        finally:
            connection.close()

    with transaction.atomic():
        first, created = services.record_create(shift=shift, author=apk, client_token=token, **fields)
        racer = threading.Thread(target=second_tap)
        racer.start()
        racer.join(timeout=0.5)
        assert racer.is_alive(), "the second request should wait for the shift's row lock"
    racer.join(timeout=10)

    assert "error" not in outcome, outcome.get("error")
    assert created is True
    assert outcome["result"] == (first, False)
    assert FieldRecord.objects.count() == 1
