"""Forms of progress reporting; they turn text into values, the actions hold the rules."""

from decimal import Decimal, InvalidOperation

from django import forms

from workplan.core import access
from workplan.core.forms import RecordForm
from workplan.plans.models import Indicator
from workplan.reporting import obligations
from workplan.reporting.models import ProgressUpdate, ReportingPeriod

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YES_NO = [("", "—"), ("1", "Yes"), ("0", "No")]


class PeriodForm(RecordForm):
    class Meta:
        model = ReportingPeriod
        fields = ["name", "start_date", "end_date", "due_date"]
        widgets = {"start_date": DATE, "end_date": DATE, "due_date": DATE}


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
                f"“{value}” is not a number: type digits only, such as 30 or 12.5."
            ) from None
        if not number.is_finite():
            raise forms.ValidationError(f"“{value}” is not a number.")
        return number


class UpdateForm(RecordForm):
    """An update's text and figures, with one field per indicator of the activity."""

    class Meta:
        model = ProgressUpdate
        fields = ["narrative", "percent_complete", "reported_status", "links"]
        widgets = {
            "narrative": forms.Textarea(attrs={"rows": 6}),
            "links": forms.Textarea(attrs={"rows": 2, "placeholder": "https://"}),
        }

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        values = {value.indicator_id: value.value for value in self.instance.values.all()}
        for indicator in self.indicators:
            self.fields[f"indicator_{indicator.pk}"] = _indicator_field(
                indicator, values.get(indicator.pk)
            )

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


def _indicator_field(indicator: Indicator, current):
    label = f"{indicator.name} ({indicator.get_unit_display().lower()})"
    help_text = _target_text(indicator)
    if indicator.unit == Indicator.Unit.YES_NO:
        initial = "" if current is None else str(int(current))
        return forms.ChoiceField(
            choices=YES_NO, required=False, label=label, initial=initial, help_text=help_text
        )
    initial = "" if current is None else current.normalize()
    return IndicatorValueField(indicator, label=label, initial=initial, help_text=help_text)


def _target_text(indicator: Indicator) -> str:
    parts = []
    if indicator.baseline is not None:
        parts.append(f"baseline {indicator.baseline.normalize()}")
    if indicator.target is not None:
        parts.append(f"target {indicator.target.normalize()}")
    return ", ".join(parts).capitalize()


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label="File to attach",
        help_text="PDF, Word, Excel, PowerPoint, PNG or JPEG.",
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.png,.jpg,.jpeg"}
        ),
    )


class ReviewCommentForm(forms.Form):
    comment = forms.CharField(
        label="What should the party change?", widget=forms.Textarea(attrs={"rows": 3})
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(label="Reason for reopening", widget=forms.Textarea(attrs={"rows": 2}))


class CommentForm(forms.Form):
    text = forms.CharField(label="Message", widget=forms.Textarea(attrs={"rows": 3}))


class StartUpdateForm(forms.Form):
    """Chooses the period to report on; the period falling due next is proposed."""

    period = forms.ModelChoiceField(
        queryset=ReportingPeriod.objects.none(), label="Period", empty_label="Choose a period"
    )

    def __init__(self, *args, plan, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = access.restrict(plan.periods.all(), user)
        self.fields["period"].initial = obligations.next_due(plan)
