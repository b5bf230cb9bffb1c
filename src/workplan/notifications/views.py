"""The user's notifications (a page of them, open one, mark as read) and profile."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from workplan.core import access
from workplan.core.forms import show_errors
from workplan.notifications import actions
from workplan.notifications.forms import ProfileForm
from workplan.notifications.models import Notification
from workplan.notifications.subjects import resolve

PAGE_SIZE = 30


@login_required
def notification_list(request):
    unread_only = request.GET.get("show") == "unread"
    rows = access.restrict(
        Notification.objects.select_related("actor", "actor__party"), request.user
    )
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "items": resolve(list(page.object_list), request.user),
        "unread_only": unread_only,
    }
    return render(request, "notifications/notification_list.html", context)


@require_POST
@login_required
def notification_open(request, pk):
    """Marks the notification read and opens its record, if the reader may still see it."""
    notification = _notification(request, pk)
    actions.mark_read(notification, actor=request.user)
    shown = resolve([notification], request.user)[0]
    if not shown.visible:
        messages.error(request, _("That notification is about a record you cannot see."))
        return redirect("notifications:notification_list")
    return redirect(shown.url)


@require_POST
@login_required
def notification_read(request, pk):
    actions.mark_read(_notification(request, pk), actor=request.user)
    return redirect(_back(request))


@require_POST
@login_required
def notification_read_all(request):
    marked = actions.mark_all_read(actor=request.user)
    told = ngettext(
        "%(count)s notification marked as read.", "%(count)s notifications marked as read.", marked
    )
    messages.success(request, told % {"count": marked})
    return redirect(_back(request))


@never_cache
@login_required
def profile(request):
    user = request.user
    initial = {"email": user.email, "topics": sorted(actions.email_topics(user))}
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_profile(
                user,
                email=form.cleaned_data["email"],
                topics=form.cleaned_data["topics"],
                actor=user,
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("Profile saved."))
            return redirect("notifications:profile")
    return render(request, "notifications/profile.html", {"form": form})


def _notification(request, pk) -> Notification:
    return access.get_visible_or_404(Notification.objects.all(), request.user, pk=pk)


def _back(request) -> str:
    """Back to the list as the reader left it (its filter and page)."""
    kept = {name: request.POST[name] for name in ("show", "page") if request.POST.get(name)}
    url = reverse("notifications:notification_list")
    return f"{url}?{urlencode(kept)}" if kept else url
