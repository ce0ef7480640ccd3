"""Helpers for tests that sign in with the second factor (accounts/two_factor/services.py)."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import services as two_factor
from tests.accounts.factories import TOTPDeviceFactory


def totp_device(user) -> TOTPDevice:
    """The user's confirmed authenticator app, created when they have none."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDeviceFactory(user=user)


def current_code(device: TOTPDevice, *, reuse_step: bool = True) -> str:
    """The code the device's app shows now. With `reuse_step`, the device forgets the last used time step first, so
    a test may sign the same user in twice within one 30-second step (django-otp refuses a replayed step)."""
    if reuse_step:
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
        device.last_t = -1
    return two_factor.current_code(device)


def verify_session(client, user) -> TOTPDevice:
    """Mark the client's session as verified by the user's authenticator app, as the code step does."""
    device = totp_device(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
