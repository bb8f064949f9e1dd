"""The outcome form: one post's report, with a response per objective, filed in a few keystrokes."""

from __future__ import annotations

from django import forms

from cables.clearance import SBU, C, Marking, S, U, can_see
from recognitions.demarches.choices import Implication, Response
from recognitions.demarches.models import Demarche, Outcome

MARKINGS = [Marking(U), Marking(SBU), Marking(C), Marking(C, True), Marking(S), Marking(S, True)]
NO_RESPONSE = [("", "—")]


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OutcomeForm(forms.Form):
    """Fields map one-to-one onto `demarche_record_outcome`; the service decides what is valid."""

    post = forms.CharField(label="Post", widget=forms.Select)
    delivered_on = forms.DateField(label="Delivered on", widget=_date_input())
    delivered_by = forms.CharField(label="Delivered by", required=False, max_length=200)
    interlocutor_name = forms.CharField(label="Interlocutor", required=False, max_length=200)
    interlocutor_office = forms.CharField(label="Interlocutor's office", required=False, max_length=300)
    summary = forms.CharField(label="Summary", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    follow_up_on = forms.DateField(label="Follow up on", required=False, widget=_date_input())
    reporting_reference_id = forms.CharField(
        label="Reporting cable", required=False, max_length=40, help_text="Reference id, e.g. 08DAKAR250"
    )
    marking = forms.ChoiceField(label="Marking")
    implication = forms.ChoiceField(label="Add to the picture", required=False, choices=Implication.choices, initial="")
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, demarche: Demarche, user, outcome: Outcome | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.demarche = demarche
        self.objectives = list(demarche.objectives.all())
        targets = demarche.targets.select_related("post", "country").order_by("post__name")
        self.fields["post"].widget.choices = [
            (t.post.name, f"{t.post.name} — {t.country.name}" if t.country_id else t.post.name) for t in targets
        ]
        self.fields["marking"].choices = [
            (m.portion, m.banner) for m in MARKINGS if m >= demarche.marking and can_see(user, m)
        ]
        self.fields["marking"].initial = demarche.marking.portion
        for objective in self.objectives:
            self.fields[self.response_field(objective.position)] = forms.ChoiceField(
                label=f"{objective.position}. {objective.text}",
                required=False,
                choices=NO_RESPONSE + list(Response.choices),
            )
        if outcome is not None:
            for name in ("post", "marking", "implication"):
                self.fields[name].disabled = True
            self.fields["post"].initial = outcome.target.post.name
            self.fields["marking"].initial = outcome.marking.portion
            self.fields["version"].initial = outcome.version
            for name in (
                "delivered_on",
                "delivered_by",
                "interlocutor_name",
                "interlocutor_office",
                "summary",
                "follow_up_on",
                "reporting_reference_id",
            ):
                self.fields[name].initial = getattr(outcome, name)
            for objective in self.objectives:
                self.fields[self.response_field(objective.position)].initial = outcome.response_to(objective)

    @staticmethod
    def response_field(position: int) -> str:
        return f"response_{position}"

    def response_fields(self):
        return [self[self.response_field(o.position)] for o in self.objectives]

    def responses(self) -> dict[str, str]:
        return {str(o.position): self.cleaned_data.get(self.response_field(o.position)) or "" for o in self.objectives}

    def report(self) -> dict:
        """What the post reported, as both filing and editing an outcome take it."""
        data = self.cleaned_data
        names = ("delivered_on", "delivered_by", "interlocutor_name", "interlocutor_office", "summary",
                 "follow_up_on", "reporting_reference_id")
        return {**{name: data[name] for name in names}, "responses": self.responses()}

    def add_refusal(self, exc) -> None:
        """Show a service's refusal beside the field it names, or above the form."""
        field = {"responses": None, "version": None, "objectives": None}.get(exc.field, exc.field)
        self.add_error(field if field in self.fields else None, exc.message)
