"""Writing the security audit trail and ending sessions."""

from importlib import import_module

from django.conf import settings
from django.utils import timezone

from workplan.security.models import SecurityEvent, UserSession

Kind = SecurityEvent.Kind


def client_ip(request) -> str | None:
    """The address the request came from. Behind a proxy, set WORKPLAN_TRUSTED_PROXY_HEADER."""
    header = getattr(settings, "TRUSTED_PROXY_HEADER", "")
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR")


def record(kind: str, request=None, *, user=None, username: str = "") -> SecurityEvent:
    return SecurityEvent.objects.create(
        kind=kind,
        user=user if getattr(user, "pk", None) else None,
        username=(username or getattr(user, "username", ""))[:150],
        ip=client_ip(request) if request else None,
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:200] if request else "",
    )


def end_session(user_session: UserSession) -> None:
    """Deletes the session from the session store: the browser holding it is signed out."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    store(session_key=user_session.session_key).delete()
    user_session.ended_at = timezone.now()
    user_session.save(update_fields=["ended_at"])


def end_all_sessions(user) -> int:
    open_sessions = list(UserSession.objects.filter(user=user, ended_at__isnull=True))
    for user_session in open_sessions:
        end_session(user_session)
    return len(open_sessions)
