"""Every sign-in, sign-out, failure and deactivation goes into the audit trail."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone

from workplan.security import audit, throttle
from workplan.security.models import UserSession

Kind = audit.Kind


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    request.session["signed_in_at"] = timezone.now().timestamp()
    request.session.save()  # the key is new after login; register it now
    UserSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={
            "user": user,
            "ip": audit.client_ip(request),
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:200],
        },
    )
    audit.record(Kind.LOGIN, request, user=user)


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    key = request.session.session_key if request else None
    if key:
        UserSession.objects.filter(session_key=key).update(ended_at=timezone.now())
    if user is not None:
        audit.record(Kind.LOGOUT, request, user=user)


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    username = credentials.get("username", "")
    audit.record(Kind.LOGIN_FAILED, request, username=username)
    if request is not None and throttle.is_paused(username, audit.client_ip(request)):
        audit.record(Kind.LOCKOUT, request, username=username)


@receiver(pre_save, sender=get_user_model())
def on_deactivation(sender, instance, **kwargs):
    """Deactivating an account signs it out everywhere at once."""
    if not instance.pk or instance.is_active:
        return
    was_active = sender.objects.filter(pk=instance.pk, is_active=True).exists()
    if was_active:
        audit.end_all_sessions(instance)
        audit.record(Kind.DEACTIVATED, user=instance)
