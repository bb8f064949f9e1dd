"""Forms of the cable pages: the upload (files or pasted text), a fact's correction, automatic acceptance."""

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


class FactEditForm(forms.Form):
    """The fields of a claim, to correct before accepting it.

    Built from the claim itself: a state or entity as its code, numbers as
    numbers, yes/no as a checkbox, lists and nested values as JSON. `claim()`
    gives back a claim of the same shape.
    """

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, fact, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.original = dict(fact.claim)
        self.fields["version"].initial = fact.version
        for key, value in self.original.items():
            label = key.replace("_", " ")
            name = f"claim_{key}"
            if isinstance(value, dict) and "code" in value:
                self.fields[name] = forms.CharField(required=False, label=f"{label} (code)", initial=value.get("code"),
                                                    help_text=value.get("name") or "")
            elif isinstance(value, bool):
                self.fields[name] = forms.BooleanField(required=False, label=label, initial=value)
            elif isinstance(value, int):
                self.fields[name] = forms.IntegerField(required=False, label=label, initial=value)
            elif value is None or isinstance(value, str):
                self.fields[name] = forms.CharField(required=False, label=label, initial=value or "")
            else:
                self.fields[name] = forms.JSONField(required=False, label=f"{label} (JSON)", initial=value,
                                                    widget=forms.Textarea(attrs={"rows": 3}))

    def claim(self) -> dict:
        from recognitions.models import Country

        claim = {}
        for key, original in self.original.items():
            value = self.cleaned_data.get(f"claim_{key}")
            if isinstance(original, dict) and "code" in original:
                code = (value or "").strip().upper()
                if not code:
                    claim[key] = None
                    continue
                if code == str(original.get("code") or "").upper():
                    claim[key] = original
                    continue
                country = Country.objects.filter(code=code).first()
                claim[key] = {"code": code, "name": country.name if country else code}
            elif isinstance(value, str):
                value = value.strip()
                claim[key] = value if value or original is not None else None
            else:
                claim[key] = value
        return claim


class AutoAcceptForm(forms.Form):
    kinds = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple,
                                      label="Kinds of fact accepted without review")

    def __init__(self, *args, **kwargs):
        from cables.choices import FactKind

        super().__init__(*args, **kwargs)
        self.fields["kinds"].choices = FactKind.choices
