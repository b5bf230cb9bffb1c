"""A user's personal API tokens: make one (its key is shown once), list them, revoke one."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from workplan.accounts import actions
from workplan.accounts.forms import TokenForm
from workplan.accounts.language import remember_language
from workplan.accounts.models import ApiToken
from workplan.core import access
from workplan.core.forms import show_errors


@never_cache
@login_required
def token_list(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, key = actions.create_token(
                request.user, form.cleaned_data["name"], actor=request.user
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            return render(request, "accounts/token_created.html", {"token": token, "key": key})
    tokens = access.restrict(ApiToken.objects.all(), request.user)
    return render(request, "accounts/token_list.html", {"form": form, "tokens": tokens})


@require_POST
@login_required
def token_revoke(request, pk):
    token = access.get_visible_or_404(ApiToken.objects.all(), request.user, pk=pk)
    actions.revoke_token(token, actor=request.user)
    messages.success(
        request,
        _("Token “%(name)s” revoked; programs using it are refused.") % {"name": token.name},
    )
    return redirect("accounts:token_list")


@require_POST
def choose_language(request):
    """The switcher in every page's header: the page comes back in the chosen language, and
    stays so (a cookie for everyone; the account too, for e-mails)."""
    language = request.POST.get("language", "")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    if language not in dict(settings.LANGUAGES):
        return HttpResponseBadRequest(_("Choose English, 日本語 or Bahasa Indonesia."))
    if request.user.is_authenticated:
        actions.choose_language(request.user, language)
    return remember_language(HttpResponseRedirect(target), language)
