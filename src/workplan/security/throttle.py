"""Slowing down password guessing without letting an attacker lock a real user out.

Failed sign-ins are counted per (username, address) and per address over a sliding window.
A name is only paused from the address that failed, so the real user, from their own
address, can still sign in; an address that fails across many names is paused for all.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from workplan.security.models import SecurityEvent


def window_start() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(minutes=settings.LOGIN_THROTTLE_MINUTES)


def is_paused(username: str, ip: str | None) -> bool:
    failures = SecurityEvent.objects.filter(
        kind=SecurityEvent.Kind.LOGIN_FAILED, ip=ip, timestamp__gte=window_start()
    )
    if failures.count() >= settings.LOGIN_FAILURES_PER_ADDRESS:
        return True
    return failures.filter(username__iexact=username).count() >= settings.LOGIN_FAILURES_PER_USER
