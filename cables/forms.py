"""The upload form: files (text, HTML, CSV, gzip, zip) or pasted text."""

from django import forms
from django.core.exceptions import ValidationError

NOTHING_GIVEN = "Choose one or more files, or paste the text of a cable."


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={
            "accept": ".txt,.html,.htm,.csv,.gz,.zip,text/plain,text/html,text/csv,application/zip,application/gzip"
        }))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class CableUploadForm(forms.Form):
    files = MultipleFileField(required=False, label="Files",
                              help_text="Telegrams (.txt), WikiLeaks pages (.html), cables.csv, or .gz / .zip of them.")
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
                           label="Or paste a cable", strip=False)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("files") and not (cleaned.get("text") or "").strip():
            raise ValidationError(NOTHING_GIVEN)
        return cleaned
