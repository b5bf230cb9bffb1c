"""Forms of progress reporting; they turn text into values, the actions hold the rules."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from workplan.core.formats import date_label, number_label
from workplan.core.forms import RecordForm
from workplan.plans.models import Indicator
from workplan.reporting import obligations
from workplan.reporting.evidence import ACCEPT, ALLOWED
from workplan.reporting.models import Evidence, ProgressUpdate, ReportingPeriod

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YES_NO = [("", "—"), ("1", _("Yes")), ("0", _("No"))]


class PeriodForm(RecordForm):
    class Meta:
        model = ReportingPeriod
        fields = ["name", "start_date", "end_date", "due_date"]
        widgets = {"start_date": DATE, "end_date": DATE, "due_date": DATE}
        labels = {
            "name": _("Name"),
            "start_date": _("Start date"),
            "end_date": _("End date"),
            "due_date": _("Updates due"),
        }


class PeriodChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return gettext("%(period)s (%(dates)s), due %(day)s") % {
            "period": obj.name,
            "dates": obj.dates_label,
            "day": date_label(obj.due_date),
        }


class IndicatorValueField(forms.CharField):
    """A number typed by a person: "30", "12.5", "1,200"; refuses "N/A" or "about 30"."""

    def __init__(self, indicator: Indicator, **kwargs):
        self.indicator = indicator
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        text = super().to_python(value).replace(",", "").strip()
        if text.endswith("%") and self.indicator.unit == Indicator.Unit.PERCENTAGE:
            text = text[:-1].strip()
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(
                gettext("“%(value)s” is not a number: type digits only, such as 30 or 12.5.")
                % {"value": value}
            ) from None
        if not number.is_finite():
            raise forms.ValidationError(gettext("“%(value)s” is not a number.") % {"value": value})
        return number


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Any number of files chosen at once, as a list; their type and size are the action's
    to judge."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def clean(self, data, initial=None):
        chosen = data if isinstance(data, list | tuple) else [data]
        return [super(FilesField, self).clean(item, initial) for item in chosen if item]


class EvidenceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.original_name


UNTRACKED = {"version", "period", "file", "remove_evidence"}


class UpdateForm(RecordForm):
    """An update's text and figures, one field per indicator of the activity, and its evidence:
    files to attach and files to remove, applied when the update is saved."""

    file = FilesField(
        label=_("Add evidence files"),
        widget=MultipleFileInput(attrs={"accept": ACCEPT, "multiple": True}),
    )
    remove_evidence = EvidenceChoiceField(
        queryset=Evidence.objects.none(),
        required=False,
        label=_("Remove when saving"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ProgressUpdate
        fields = ["narrative", "percent_complete", "reported_status", "links"]
        widgets = {
            "narrative": forms.Textarea(attrs={"rows": 8}),
            "links": forms.Textarea(attrs={"rows": 2, "placeholder": "https://"}),
        }
        labels = {"narrative": _("Narrative"), "links": _("Links")}

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        # the model's own limits (percent 0 to 100) are told with the form's other problems
        percent = self.fields["percent_complete"]
        percent.validators = _model_field("percent_complete").validators
        percent.widget.attrs.update(min=0, max=100)
        self.indicators = list(indicators)
        values = {}
        if self.instance.pk is not None:
            values = {value.indicator_id: value.value for value in self.instance.values.all()}
            current = self.instance.evidence.filter(archived_at__isnull=True)
            self.fields["remove_evidence"].queryset = current
        for indicator in self.indicators:
            self.fields[f"indicator_{indicator.pk}"] = _indicator_field(
                indicator, values.get(indicator.pk)
            )
        self.fields["file"].help_text = gettext(
            "%(kinds)s, up to %(limit)s MB each; choose several at once if you like. "
            "They are attached when you save."
        ) % {"kinds": ALLOWED, "limit": settings.EVIDENCE_MAX_MB}
        if self.instance.pk is not None:
            self.track_changes()

    def track_changes(self) -> None:
        """Renders the value each field started from, so that an edit conflict can tell what
        this editor changed (see core.forms.rebase)."""
        for name, field in self.fields.items():
            field.show_hidden_initial = name not in UNTRACKED

    def indicator_fields(self):
        return [self[f"indicator_{indicator.pk}"] for indicator in self.indicators]

    def update_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}

    def indicator_values(self) -> dict:
        values = {}
        for indicator in self.indicators:
            raw = self.cleaned_data.get(f"indicator_{indicator.pk}")
            values[indicator.pk] = None if raw in (None, "") else Decimal(raw)
        return values


class NewUpdateForm(UpdateForm):
    """The form of an update not saved yet: it also asks which period it reports on, proposing
    the earliest one the activity still owes."""

    period = PeriodChoiceField(
        queryset=ReportingPeriod.objects.none(),
        label=_("Report for"),
        help_text=_("Proposed: the earliest period this activity still owes an update for."),
    )

    field_order = ["period"]

    def __init__(self, *args, activity, party, **kwargs):
        super().__init__(*args, **kwargs)
        proposed = obligations.earliest_owed(activity, party)
        begun = Q(start_date__lte=timezone.localdate())
        if proposed:
            begun |= Q(pk=proposed.pk)
        self.fields["period"].queryset = activity.plan.periods.filter(begun)
        self.fields["period"].initial = proposed

    def chosen_period(self, query: dict) -> ReportingPeriod | None:
        """The period asked for in the address (?period=), else the one proposed."""
        try:
            return self.fields["period"].queryset.get(pk=int(query.get("period", "")))
        except (ValueError, ReportingPeriod.DoesNotExist):
            return self.fields["period"].initial


def _model_field(name: str):
    return ProgressUpdate._meta.get_field(name)


def _indicator_field(indicator: Indicator, current):
    label = gettext("%(indicator)s (%(unit)s)") % {
        "indicator": indicator.name,
        "unit": str(indicator.get_unit_display()).lower(),
    }
    help_text = _target_text(indicator)
    if indicator.unit == Indicator.Unit.YES_NO:
        initial = "" if current is None else str(int(current))
        return forms.ChoiceField(
            choices=YES_NO, required=False, label=label, initial=initial, help_text=help_text
        )
    initial = "" if current is None else current.normalize()
    return IndicatorValueField(indicator, label=label, initial=initial, help_text=help_text)


def _target_text(indicator: Indicator) -> str:
    baseline, target = indicator.baseline, indicator.target
    numbers = {
        "baseline": number_label(baseline.normalize()) if baseline is not None else "",
        "target": number_label(target.normalize()) if target is not None else "",
    }
    if baseline is not None and target is not None:
        return gettext("Baseline %(baseline)s, target %(target)s") % numbers
    if baseline is not None:
        return gettext("Baseline %(baseline)s") % numbers
    if target is not None:
        return gettext("Target %(target)s") % numbers
    return ""


class ReviewCommentForm(forms.Form):
    comment = forms.CharField(
        label=_("What should the party change?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for reopening"), widget=forms.Textarea(attrs={"rows": 2})
    )


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}))
