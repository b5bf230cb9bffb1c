"""Two-step sign-in with django-otp: a TOTP authenticator app and ten one-time recovery codes."""

import math
import secrets

import segno
from django.conf import settings
from django.utils import timezone
from django_otp import devices_for_user, match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10


def has_two_step(user) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def required_for(user) -> bool:
    return user.is_authenticated and user.role in settings.MFA_REQUIRED_ROLES


def pending_authenticator(user) -> TOTPDevice:
    """The authenticator being set up (not yet confirmed), made if there is none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    """The setup address as an inline SVG QR code (no image request, no script)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#0b3a75")


def wait_seconds(devices) -> int:
    """Seconds before these authenticators take another code: after each wrong code django-otp
    refuses every code, the right one too, for 1, 2, 4, 8... seconds."""
    now = timezone.now()
    waits = [0]
    for device in devices:
        allowed, data = device.verify_is_allowed()
        if not allowed and data and data.get("locked_until"):
            waits.append(math.ceil((data["locked_until"] - now).total_seconds()))
    return max(waits)


def authenticators(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True)


def confirm(device: TOTPDevice, code: str) -> bool:
    if not device.verify_token(code):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


def new_recovery_codes(user) -> list[str]:
    """Replaces the user's recovery codes; each works once. Shown to the user once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [f"{secrets.randbelow(10**10):010d}" for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def remaining_recovery_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


def verify(user, code: str):
    """The device that accepts `code` (an app code or an unused recovery code), or None."""
    return match_token(user, code)


def turn_off(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
