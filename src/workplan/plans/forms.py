"""The activity form: turns what the user typed into values; the rules live in the model and
actions, so the form, the importer and the API all refuse the same things."""

import json

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from workplan.core import access
from workplan.core.access import LEAD
from workplan.core.forms import RecordForm, VersionedForm
from workplan.parties.models import Party
from workplan.plans.models import Activity, Commitment, Indicator, PriorityArea, WorkPlan

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CommitmentsWidget(forms.CheckboxSelectMultiple):
    """Marks each commitment with its area, so the page can show only the chosen area's."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if hasattr(value, "instance"):
            option["attrs"]["data-area"] = value.instance.area_id
        return option


class ActivityForm(RecordForm):
    """Create or edit an activity; `version` carries the version the editor started from."""

    class Meta:
        model = Activity
        fields = [
            "code", "title", "description", "area", "commitments", "lead_party",
            "partner_parties", "modality", "planned_start", "planned_end", "actual_start",
            "actual_end", "status", "classification", "funding_source", "budget_amount",
            "budget_currency", "weight",
        ]  # fmt: skip
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "commitments": CommitmentsWidget,
            "partner_parties": forms.CheckboxSelectMultiple,
            "planned_start": DATE,
            "planned_end": DATE,
            "actual_start": DATE,
            "actual_end": DATE,
            "budget_currency": forms.TextInput(attrs={"size": 4, "placeholder": "USD"}),
        }
        labels = {
            "code": _("Code"),
            "title": _("Title"),
            "description": _("Description"),
            "lead_party": _("Lead party"),
            "partner_parties": _("Partner parties"),
            "modality": _("Modality"),
            "planned_start": _("Planned start"),
            "planned_end": _("Planned end"),
            "actual_start": _("Actual start"),
            "actual_end": _("Actual end"),
            "status": _("Status"),
            "classification": _("Classification"),
            "funding_source": _("Funding source"),
            "weight": _("Weight"),
        }
        help_texts = {
            "code": _(
                "Leave blank to have one proposed from the priority area and the year of "
                "the planned start, with the next free number."
            ),
            "classification": _(
                "Public: anyone signed in. Plan-internal: all parties of the plan. "
                "Restricted: the lead and partner parties and the Secretariat."
            ),
            "commitments": _(
                "The commitments of the chosen priority area that this activity serves."
            ),
        }

    def __init__(self, *args, plan, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False
        self.fields["area"].queryset = access.restrict(plan.areas.all(), user)
        # the page names the code proposed as area and start year are chosen (app.js)
        prefixes = dict(self.fields["area"].queryset.values_list("pk", "code_prefix"))
        self.fields["code"].widget.attrs["data-code-prefixes"] = json.dumps(prefixes)
        self.fields["code"].widget.attrs["data-code-proposal"] = gettext(
            "Leave blank to have {code} proposed: the priority area's prefix, the year of the "
            "planned start and the next free number (01, 02, …)."
        )
        commitments = Commitment.objects.filter(area__plan=plan).select_related("area")
        self.fields["commitments"].queryset = access.restrict(commitments, user)
        self.fields["commitments"].label_from_instance = lambda c: f"{c.area}: {c}"
        self.fields["partner_parties"].queryset = access.restrict(plan.parties.all(), user)
        self.fields["lead_party"].queryset = access.restrict(plan.parties.all(), user)
        if not access.can(user, LEAD, Activity):
            # A focal point's activities are led by its own party: the field is shown, not sent.
            self.fields["lead_party"].disabled = True
            if not self.instance.pk:
                self.initial["lead_party"] = user.party_id
        if self.instance.pk:
            for name, field in self.fields.items():
                # lets an edit conflict tell what this editor changed (see core.forms.rebase)
                field.show_hidden_initial = name != "version"

    def clean_code(self):
        return (self.cleaned_data.get("code") or "").strip().upper()

    def activity_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class IndicatorForm(RecordForm):
    class Meta:
        model = Indicator
        fields = ["name", "unit", "baseline", "target", "direction"]
        labels = {
            "name": _("Name"),
            "unit": _("Unit"),
            "baseline": _("Baseline"),
            "target": _("Target"),
            "direction": _("Direction"),
        }
        help_texts = {
            "baseline": _("For yes/no indicators: 1 for yes, 0 for no."),
            "target": _("For percentages: between 0 and 100."),
        }


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


# a plan's long names are read whole while they are edited
LONG_TEXT = forms.TextInput(attrs={"class": "long-text"})


class PlanForm(forms.ModelForm):
    """A new plan's facts and parties; its areas, periods and activities follow on its pages."""

    class Meta:
        model = WorkPlan
        fields = [
            "title", "short_title", "start_date", "end_date", "parties", "rooted_in",
            "rooted_in_date", "rooted_in_place", "agreed_at", "adopted_at", "adopted_on",
            "monitoring",
        ]  # fmt: skip
        widgets = {
            **dict.fromkeys(
                ("title", "short_title", "rooted_in", "agreed_at", "adopted_at"), LONG_TEXT
            ),
            "start_date": DATE,
            "end_date": DATE,
            "rooted_in_date": DATE,
            "adopted_on": DATE,
            "parties": forms.CheckboxSelectMultiple,
            "monitoring": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"title": _("Title"), "short_title": _("Short title"), "parties": _("Parties")}
        help_texts = {
            "short_title": _("In menus, breadcrumbs and reports, e.g. SOMTC + China Work Plan."),
            "rooted_in": _("The declaration or agreement the plan comes from (its origin)."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = access.restrict(Party.objects.all(), user)

    def _post_clean(self):
        """The action checks the model's rules once, so that no message shows twice."""

    def plan_data(self) -> tuple[dict, list]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data, list(data.pop("parties", []))


class PlanEditForm(VersionedForm, PlanForm):
    """A plan's facts and parties, edited from the version the editor opened."""


class AreaForm(forms.ModelForm):
    """A priority area added to a plan, with its keywords and commitments one a line."""

    keywords_text = forms.CharField(
        label=_("Keywords"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One a line: words that show a statement discusses the area, as regular "
            "expressions matched ignoring case as whole words, e.g. piracy, pirates?."
        ),
    )
    commitments_text = forms.CharField(
        label=_("Commitments"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One a line: what the parties promised under this area, in the plan's words."),
    )

    class Meta:
        model = PriorityArea
        fields = ["name", "key", "code_prefix", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        labels = {
            "name": _("Name"),
            "key": _("Key"),
            "code_prefix": _("Code prefix"),
            "description": _("Description"),
        }
        help_texts = {"key": _("A short name for links and files, e.g. sea-piracy.")}

    def _post_clean(self):
        """The action checks the model's rules once, so that no message shows twice."""

    def area_data(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        data["code_prefix"] = (data["code_prefix"] or "").strip().upper()
        data["keywords"] = _lines(self.cleaned_data.get("keywords_text"))
        data["commitments"] = _lines(self.cleaned_data.get("commitments_text"))
        return data


class AreaEditForm(VersionedForm, AreaForm):
    """A priority area edited from the version the editor opened; its commitments are edited
    one by one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["commitments_text"]
        self.initial.setdefault("keywords_text", "\n".join(self.instance.keywords))

    def area_data(self) -> dict:
        data = super().area_data()
        del data["commitments"]
        return data


class CommitmentForm(forms.Form):
    text = forms.CharField(
        label=_("Commitment"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What the parties promised under this area, in the plan's words."),
    )


class CommitmentEditForm(VersionedForm, CommitmentForm):
    """A commitment's words, edited from the version the editor opened."""

    def __init__(self, *args, commitment, **kwargs):
        initial = {"text": commitment.text, "version": commitment.version}
        super().__init__(*args, initial=initial, **kwargs)
