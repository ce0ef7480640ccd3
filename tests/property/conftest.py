"""Property tests (hypothesis): random input for every form and import parser.

The default profile is small and deterministic, so CI runs the same examples every time; for a longer hunt run
`HYPOTHESIS_PROFILE=thorough .venv/bin/python -m pytest tests/property`.
"""

import os

import pytest
from hypothesis import HealthCheck, Phase, settings

# Examples go through real views and the database: no deadline, no example database written into the tree, and
# no "explain" phase (minutes of re-running a failure to comment on it).
PHASES = [Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink]
settings.register_profile(
    "svl",
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    phases=PHASES,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    max_examples=300,
    deadline=None,
    database=None,
    phases=PHASES,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "svl"))


@pytest.fixture
def client_of(login):
    """client_of(user) -> a test client logged in as that user (second factor included, see tests/conftest.py),
    one per user, shared by the test's examples."""
    clients = {}

    def _client(user):
        if user.pk not in clients:
            clients[user.pk] = login(user)
        return clients[user.pk]

    return _client
