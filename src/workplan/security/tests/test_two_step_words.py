"""Two-step sign-in says what happened, and the recovery codes can be kept."""

from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def _code(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def test_a_right_code_right_after_a_wrong_one_is_said_to_be_unchecked(client, idn):
    client.force_login(idn)
    client.get(reverse("security:two_step"))
    device = TOTPDevice.objects.get(user=idn)
    wrong = client.post(reverse("security:two_step"), {"code": "000000"}).content.decode()
    assert "This code is not right" in wrong
    right_too_soon = client.post(reverse("security:two_step"), {"code": _code(device)})
    page = right_too_soon.content.decode()
    assert "Too soon after a wrong code: this code was not checked" in page
    assert "Check the time on your phone" not in page
    device.refresh_from_db()
    assert not device.confirmed


def test_the_recovery_codes_can_be_downloaded_copied_and_printed(client, idn, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    client.force_login(idn)
    client.get(reverse("security:two_step"))
    device = TOTPDevice.objects.get(user=idn)
    page = client.post(reverse("security:two_step"), {"code": _code(device)}).content.decode()
    assert 'download="work-plan-monitor-recovery-codes.txt"' in page
    assert 'href="data:text/plain;charset=utf-8,Work%20Plan%20Monitor%20recovery%20codes' in page
    assert "data-copy=" in page
    assert "data-print" in page
