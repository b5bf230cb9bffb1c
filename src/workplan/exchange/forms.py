"""The upload form of the activity import."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        help_text=_("Start from the template, or from an export of the register."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.IMPORT_MAX_MB
        if upload.size > limit * 1024 * 1024:
            raise forms.ValidationError(
                gettext("The file is %(size)s MB; files up to %(limit)s MB are read.")
                % {"size": f"{upload.size / 1024 / 1024:.1f}", "limit": limit}
            )
        return upload


class WorkbookForm(ImportForm):
    file = forms.FileField(
        label=_("The filled workbook (.xlsx)"),
        help_text=_("The workbook downloaded from this page, filled in Excel or LibreOffice."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
