"""Recovery codes are kept as keyed hashes, never as the codes (accounts/two_factor/services.py, `recovery_code_digests`).

Codes stored in plain text before (8 lowercase base32 characters) are replaced by their digest: the same codes keep
working. Going back leaves them hashed (a hash cannot be undone): users then make new codes on their account page.
"""

import re

from django.conf import settings
from django.db import migrations
from django.utils.crypto import salted_hmac

SALT = "svl.two_factor.recovery_code"
PLAIN_CODE = re.compile(r"^[a-z2-7]{8}$")


def hash_plain_codes(apps, schema_editor):
    StaticToken = apps.get_model("otp_static", "StaticToken")
    for token in StaticToken.objects.all():
        if PLAIN_CODE.match(token.token):
            token.token = salted_hmac(SALT, token.token, secret=settings.SECRET_KEY, algorithm="sha256").hexdigest()[:16]
            token.save(update_fields=["token"])


class Migration(migrations.Migration):

    dependencies = [
        ("svl", "0006_row_level_security"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [
        # Every user's codes: the migration works across organisations (core/rls.py).
        migrations.RunSQL("SELECT set_config('svl.rls_bypass', 'on', true)", migrations.RunSQL.noop),
        migrations.RunPython(hash_plain_codes, migrations.RunPython.noop),
    ]
