"""Forms of the meeting cycle; the rules live in the actions."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from workplan.core import access
from workplan.core.forms import RecordForm, VersionedForm
from workplan.meetings.models import ActionItem, AgendaItem, Amendment, Body, Meeting
from workplan.parties.models import Party
from workplan.plans.models import Activity, Commitment, WorkPlan

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActivityCodesField(forms.CharField):
    """Activities typed as codes ("TER-2024-01, SEA-2025-02"), limited to what the user sees."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Codes of the activities concerned, separated by commas."))
        super().__init__(*args, **kwargs)
        self.user = None
        self.plan = None

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(getattr(item, "code", str(item)) for item in value)
        return value

    def clean(self, value):
        codes = [
            code.strip().upper() for code in (super().clean(value) or "").split(",") if code.strip()
        ]
        if not codes:
            return []
        found = access.restrict(Activity.objects.filter(plan=self.plan, code__in=codes), self.user)
        by_code = {activity.code: activity for activity in found}
        unknown = [code for code in codes if code not in by_code]
        if unknown:
            raise forms.ValidationError(
                gettext("No activity of this plan has the code %(codes)s.")
                % {"codes": ", ".join(unknown)}
            )
        return [by_code[code] for code in codes]


def _bind_codes(form, user, plan) -> None:
    field = form.fields["activities"]
    field.user, field.plan = user, plan
    if form.instance.pk:
        visible = access.restrict(form.instance.activities.all(), user)
        form.initial["activities"] = ", ".join(visible.values_list("code", flat=True))


class MeetingForm(RecordForm):
    class Meta:
        model = Meeting
        fields = [
            "body",
            "number",
            "plan",
            "noted_plans",
            "start_date",
            "end_date",
            "date_precision",
            "city",
            "country",
            "chair",
            "status",
            "participants",
            "note",
        ]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "participants": forms.CheckboxSelectMultiple,
            "noted_plans": forms.CheckboxSelectMultiple,
        }
        labels = {
            "body": _("Body"),
            "plan": _("Work plan"),
            "noted_plans": _("Also notes"),
            "start_date": _("Start date"),
            "end_date": _("End date"),
            "date_precision": _("Date precision"),
            "city": _("City"),
            "country": _("Country"),
            "chair": _("Chair"),
            "status": _("Status"),
            "note": _("Note"),
        }
        help_texts = {
            "number": _("19 for the 19th SOMTC + Japan."),
            "noted_plans": _(
                "Other work plans the meeting notes (an AMMTC may note several); it then shows "
                "among their meetings too."
            ),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        plans = access.restrict(WorkPlan.objects.all(), user)
        self.fields["plan"].queryset = plans
        self.fields["noted_plans"].queryset = plans
        self.fields["body"].queryset = access.restrict(Body.objects.all(), user)
        parties = access.restrict(Party.objects.all(), user)
        for name in ("country", "chair", "participants"):
            self.fields[name].queryset = parties


class AgendaItemForm(RecordForm):
    activities = ActivityCodesField(label=_("Activities"))

    class Meta:
        model = AgendaItem
        fields = ["title", "areas", "noted"]
        widgets = {
            "areas": forms.CheckboxSelectMultiple,
            "noted": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"title": _("Title")}

    def __init__(self, *args, user, plan, **kwargs):
        super().__init__(*args, **kwargs)
        areas = plan.areas.all() if plan else self.fields["areas"].queryset.none()
        self.fields["areas"].queryset = access.restrict(areas, user)
        _bind_codes(self, user, plan)


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 2}))


class ActionItemForm(RecordForm):
    activities = ActivityCodesField(label=_("Linked activities"))

    class Meta:
        model = ActionItem
        fields = ["text", "owners", "due_date", "due_by_next_meeting_of", "status"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "owners": forms.CheckboxSelectMultiple,
            "due_date": DATE,
        }
        labels = {"text": _("What is to be done"), "due_date": _("Due date"), "status": _("Status")}
        help_texts = {
            "text": _(
                "The action as the meeting decided it, e.g. "
                "“Share the list of officers trained in boarding”."
            ),
            "due_by_next_meeting_of": _("Or: due by the next meeting of this body."),
        }

    def __init__(self, *args, user, plan, **kwargs):
        super().__init__(*args, **kwargs)
        owners = plan.parties.all() if plan else Party.objects.all()
        self.fields["owners"].queryset = access.restrict(owners, user)
        self.fields["owners"].required = False  # the action says why an owner is needed
        self.fields["due_by_next_meeting_of"].queryset = access.restrict(Body.objects.all(), user)
        _bind_codes(self, user, plan)


class ActionNoteForm(forms.Form):
    text = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))
    status = forms.ChoiceField(label=_("Status now"), choices=ActionItem.Status.choices)


class AmendmentForm(forms.ModelForm):
    activity = forms.CharField(label=_("Activity code"), required=False)

    class Meta:
        model = Amendment
        fields = ["kind", "commitment", "description", "status"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        labels = {
            "kind": _("Kind"),
            "commitment": _("Commitment"),
            "description": _("Description"),
            "status": _("Status"),
        }

    def __init__(self, *args, user, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.plan = user, plan
        commitments = Commitment.objects.filter(area__plan=plan)
        self.fields["commitment"].queryset = access.restrict(commitments, user)

    def clean_activity(self):
        code = self.cleaned_data["activity"].strip().upper()
        if not code:
            return None
        found = access.restrict(
            Activity.objects.filter(plan=self.plan, code=code), self.user
        ).first()
        if found is None:
            raise forms.ValidationError(
                gettext("No activity of this plan has the code %(codes)s.") % {"codes": code}
            )
        return found

    def _post_clean(self):
        """The rules are checked once, by the action."""


class DocumentForm(forms.Form):
    file = forms.FileField(
        label=_("Document"), help_text=_("PDF, Word, Excel, PowerPoint, PNG or JPEG.")
    )


class BodyForm(forms.ModelForm):
    """A new meeting body; bodies are shared by every plan."""

    class Meta:
        model = Body
        fields = ["name", "short_name", "key", "level", "lead_party"]
        labels = {
            "name": _("Name"),
            "short_name": _("Short name"),
            "key": _("Key"),
            "level": _("Level"),
            "lead_party": _("Lead party"),
        }
        help_texts = {"key": _("A short unique name for files and the API, e.g. SOMTC+CHN.")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_party"].queryset = access.restrict(Party.objects.all(), user)

    def _post_clean(self):
        """The action checks the model's rules once, so that no message shows twice."""


class BodyEditForm(VersionedForm, BodyForm):
    """A meeting body edited from the version the editor opened."""
