"""The upload form of the activity import."""

from django import forms
from django.conf import settings


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Excel file (.xlsx)",
        help_text="Start from the template, or from an export of the register.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.IMPORT_MAX_MB
        if upload.size > limit * 1024 * 1024:
            raise forms.ValidationError(
                f"The file is {upload.size / 1024 / 1024:.1f} MB; files up to {limit} MB are read."
            )
        return upload


class WorkbookForm(ImportForm):
    file = forms.FileField(
        label="The filled workbook (.xlsx)",
        help_text="The workbook downloaded from this page, filled in Excel or LibreOffice.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
