"""Forms of reading a statement: the text or file to read, then each proposal to accept,
correct or ignore. They turn what was typed into values; the action holds the rules."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from workplan.plans.models import WorkPlan
from workplan.statements.dates import PartialDate
from workplan.statements.extract import checked, normalise, text_of_file

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ACCEPT, IGNORE = "accept", "ignore"
# A proposal that matches a recorded meeting whose dates or place differ: which is right?
KEEP_RECORD, CORRECT_RECORD = "keep_record", "correct_record"
LINKING = {ACCEPT, KEEP_RECORD, CORRECT_RECORD}
TITLE_LENGTH = 300
FILE_TYPES = (
    ".txt,.docx,.pdf,text/plain,application/pdf,"
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)


class ReadForm(forms.Form):
    """The statement to read: pasted, or a file."""

    text = forms.CharField(
        label=_("Text of the statement"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Paste a joint statement, chairman's statement or press release."),
    )
    file = forms.FileField(
        label=_("Or a file"),
        required=False,
        help_text=_("A .txt, .docx or .pdf file smaller than 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": FILE_TYPES}),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_LENGTH,
        required=False,
        help_text=_("Leave it empty to use the first line of the text."),
    )
    published = forms.DateField(
        label=_("Published on"),
        required=False,
        widget=DATE,
        help_text=_("Dates written without a year are read in this year."),
    )
    plan = forms.ModelChoiceField(
        label=_("Read for the plan"),
        queryset=WorkPlan.objects.none(),
        required=False,
        empty_label=None,
        help_text=_("The priority areas looked for are this plan's."),
    )

    def __init__(self, *args, plans, **kwargs):
        """`plans`: those the user may read for; the field is hidden when there is one."""
        super().__init__(*args, **kwargs)
        self.plans = list(plans)
        field = self.fields["plan"]
        field.queryset = plans
        field.initial = self.plans[0].pk if self.plans else None
        if len(self.plans) == 1:
            field.widget = forms.HiddenInput()

    def clean(self):
        data = super().clean()
        if data.get("plan") is None and "plan" not in self.errors:
            self._one_plan(data)
        upload, pasted = data.get("file"), data.get("text") or ""
        if upload and pasted.strip():
            raise ValidationError(_("Paste a text or choose a file, not both."))
        try:
            data["text"] = text_of_file(upload) if upload else checked(normalise(pasted))
        except ValidationError as error:
            self.add_error("file" if upload else "text", error)
            return data
        if not data["text"].strip():
            self.add_error("text", _("The statement is empty: paste its text or choose a file."))
        data["source_name"] = upload.name[:255] if upload else ""
        return data

    def _one_plan(self, data: dict) -> None:
        """A form sent without a plan reads for the only one there is."""
        if len(self.plans) == 1:
            data["plan"] = self.plans[0]
        elif self.plans:
            self.add_error("plan", _("Choose the plan the statement is read for."))
        else:
            self.add_error("plan", _("There is no plan to read for: load one first."))

    def document(self) -> dict:
        """The statement as it will be kept; the title defaults to the first line."""
        data = self.cleaned_data
        return {
            "title": data["title"] or first_line(data["text"]),
            "published": data["published"],
            "text": data["text"],
            "source_name": data["source_name"],
            "plan": data["plan"],
        }


def first_line(text: str) -> str:
    line = next((line.strip() for line in text.splitlines() if line.strip()), "Statement")
    return line if len(line) <= 120 else line[:119].rsplit(" ", 1)[0] + "…"


class PartialDateField(forms.CharField):
    """A day, a month or a year: 2023-08-20, 2023-08 or 2023."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        date = PartialDate.parse(value)
        if date is None:
            raise ValidationError(
                gettext(
                    "“%(value)s” is not a date: write a day (2023-08-20), a month (2023-08) "
                    "or a year (2023)."
                )
                % {"value": value}
            )
        return date

    def prepare_value(self, value):
        return value.iso() if isinstance(value, PartialDate) else value


class DocumentForm(forms.Form):
    """The statement as it will be kept, and the parties and areas kept with it."""

    title = forms.CharField(label=_("Title"), max_length=TITLE_LENGTH)
    published = forms.DateField(label=_("Published on"), required=False, widget=DATE)
    text = forms.CharField(widget=forms.HiddenInput, strip=False)
    source_name = forms.CharField(widget=forms.HiddenInput, required=False, max_length=255)
    # The publication date the text was read with: reading it again on confirm with the same
    # date gives the same proposals, whatever is typed in "Published on" meanwhile.
    read_with = forms.CharField(widget=forms.HiddenInput, required=False)
    # The plan it was read for, whose areas are proposed: read again for the same on confirm.
    plan = forms.CharField(widget=forms.HiddenInput, required=False)
    parties = forms.MultipleChoiceField(
        label=_("Parties"), required=False, widget=forms.CheckboxSelectMultiple
    )
    areas = forms.MultipleChoiceField(
        label=_("Priority areas"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, party_choices, area_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parties"].choices = party_choices
        self.fields["areas"].choices = area_choices


class MeetingProposalForm(forms.Form):
    """A proposed meeting: accepted (with corrections) or ignored."""

    decision = forms.ChoiceField(
        label=pgettext_lazy("proposal", "Decision"),
        choices=[(ACCEPT, _("Accept")), (IGNORE, _("Ignore"))],
        widget=forms.RadioSelect,
    )
    body = forms.ChoiceField(label=_("Body"))
    number = forms.IntegerField(
        label=_("Ordinal number"), required=False, min_value=1, max_value=999
    )
    start = PartialDateField(
        label=_("Start"),
        required=False,
        help_text=_("A day, a month or a year: 2023-08-20, 2023-08."),
    )
    end = PartialDateField(label=_("End"), required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, body_choices, country_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = body_choices
        self.fields["country"].choices = [("", "—"), *country_choices]

    def ask_which_is_right(self) -> None:
        """The meeting is recorded with other dates or another place: the person says which is
        right; no choice is made for them."""
        decision = self.fields["decision"]
        decision.choices = [
            (KEEP_RECORD, _("The record is right: link the statement to it as it is")),
            (CORRECT_RECORD, _("The statement is right: correct the record with the dates and "
                               "place below, and link it")),
            (IGNORE, _("Ignore this meeting")),
        ]  # fmt: skip
        decision.error_messages["required"] = _(
            "This meeting is already recorded with other dates or another place: choose which "
            "is right, or ignore it."
        )

    def clean(self):
        data = super().clean()
        if data.get("decision") == KEEP_RECORD:
            return data
        if data.get("decision") not in (ACCEPT, CORRECT_RECORD):
            return data
        if data.get("number") is None and "number" not in self.errors:
            self.add_error(
                "number", _("Give the meeting's ordinal number to record it, or ignore it.")
            )
        if data.get("start") is None and "start" not in self.errors:
            self.add_error("start", _("Give the day, month or year it starts, or ignore it."))
        start, end = data.get("start"), data.get("end")
        if start and end and end.first_day() < start.first_day():
            self.add_error("end", _("The meeting cannot end before it starts."))
        return data

    @property
    def accepted(self) -> bool:
        return self.cleaned_data.get("decision") in LINKING

    @property
    def corrects_record(self) -> bool:
        return self.cleaned_data.get("decision") == CORRECT_RECORD


class CommitmentForm(forms.Form):
    """A commitment found: kept (with corrections) or left out."""

    keep = forms.BooleanField(label=_("Keep"), required=False)
    text = forms.CharField(
        label=_("Commitment"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    priority_area = forms.ChoiceField(label=_("Priority area"), required=False)

    def __init__(self, *args, area_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority_area"].choices = [("", _("No area")), *area_choices]


MeetingFormSet = forms.formset_factory(MeetingProposalForm, extra=0)
CommitmentFormSet = forms.formset_factory(CommitmentForm, extra=0)
