"""API shapes of demarches and outcomes: input serializers check types, the services check the rules."""

from rest_framework import serializers

from cables.clearance import Marking
from recognitions.demarches.choices import Implication, Response
from recognitions.demarches.models import Demarche, Objective, Outcome, TalkingPoint, Target
from recognitions.demarches.selectors import is_overdue


class ObjectiveSerializer(serializers.ModelSerializer):
    class Meta:
        model = Objective
        fields = ["position", "text"]


class TalkingPointSerializer(serializers.ModelSerializer):
    class Meta:
        model = TalkingPoint
        fields = ["position", "text"]


class TargetSerializer(serializers.ModelSerializer):
    post = serializers.CharField(source="post.name")
    country_code = serializers.CharField(source="country.code", default=None)
    country_name = serializers.CharField(source="country.name", default=None)

    class Meta:
        model = Target
        fields = ["post", "country_code", "country_name", "via", "collective"]


class DemarcheSerializer(serializers.ModelSerializer):
    entity = serializers.CharField(source="entity.code")
    marking = serializers.CharField(source="marking.portion")
    objectives = ObjectiveSerializer(many=True)
    talking_points = TalkingPointSerializer(many=True)
    targets = TargetSerializer(many=True)
    targets_total = serializers.IntegerField()
    targets_delivered = serializers.IntegerField()
    overdue = serializers.SerializerMethodField()
    url = serializers.HyperlinkedIdentityField(view_name="demarche-detail")
    outcomes_url = serializers.SerializerMethodField()

    class Meta:
        model = Demarche
        fields = [
            "id",
            "url",
            "reference_id",
            "cable_date",
            "entity",
            "title",
            "deadline",
            "marking",
            "objectives",
            "talking_points",
            "targets",
            "excluded_posts",
            "targets_total",
            "targets_delivered",
            "overdue",
            "warnings",
            "version",
            "source_fact_id",
            "outcomes_url",
            "created_at",
        ]

    def get_overdue(self, demarche) -> bool:
        return is_overdue(demarche, self.context["today"])

    def get_outcomes_url(self, demarche) -> str:
        request = self.context.get("request")
        path = f"/api/v1/demarches/{demarche.pk}/outcomes/"
        return request.build_absolute_uri(path) if request else path


class MarkingField(serializers.CharField):
    """A portion marking or classification (`U`, `SBU`, `C`, `C/NF`, `SECRET//NOFORN`)."""

    def to_internal_value(self, data):
        text = super().to_internal_value(data)
        return Marking.parse(text)


class DemarcheCreateSerializer(serializers.Serializer):
    reference_id = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    cable_date = serializers.DateField()
    entity = serializers.CharField(max_length=8, help_text="Code of the entity, e.g. XK.")
    title = serializers.CharField(max_length=300)
    deadline = serializers.DateField(required=False, allow_null=True, default=None)
    objectives = serializers.ListField(child=serializers.CharField(), allow_empty=False)
    talking_points = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    addressees = serializers.ListField(
        child=serializers.CharField(), required=False, default=list, help_text="Posts as TO lines name them."
    )
    collectives = serializers.ListField(
        child=serializers.CharField(), required=False, default=list, help_text="e.g. ISLAMIC COLLECTIVE"
    )
    excluded = serializers.ListField(
        child=serializers.CharField(), required=False, default=list, help_text="The XMT posts."
    )
    marking = MarkingField(required=False, default="U", help_text="The source cable's classification.")


class DemarcheUpdateSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="The version you read; a stale version is refused with 409.")
    title = serializers.CharField(max_length=300, required=False)
    deadline = serializers.DateField(required=False, allow_null=True)


class OutcomeSerializer(serializers.ModelSerializer):
    post = serializers.CharField(source="target.post.name")
    country_code = serializers.CharField(source="target.country.code", default=None)
    marking = serializers.CharField(source="marking.portion")
    filed_by = serializers.CharField(source="created_by.username", default=None)
    stance = serializers.PrimaryKeyRelatedField(read_only=True)
    recognition_event = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Outcome
        fields = [
            "id",
            "post",
            "country_code",
            "delivered_on",
            "delivered_by",
            "interlocutor_name",
            "interlocutor_office",
            "responses",
            "summary",
            "follow_up_on",
            "reporting_reference_id",
            "marking",
            "stance",
            "recognition_event",
            "version",
            "filed_by",
            "created_at",
            "updated_at",
        ]


_RESPONSES = serializers.DictField(
    child=serializers.ChoiceField(choices=Response.choices),
    required=False,
    help_text='Objective position -> response, e.g. {"1": "supportive", "4": "negative"}.',
)


class OutcomeCreateSerializer(serializers.Serializer):
    post = serializers.CharField(max_length=120, help_text="A target post, e.g. AMEMBASSY DAKAR.")
    delivered_on = serializers.DateField()
    delivered_by = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    interlocutor_name = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    interlocutor_office = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)
    responses = serializers.DictField(
        child=serializers.ChoiceField(choices=Response.choices),
        required=False,
        default=dict,
        help_text=_RESPONSES.help_text,
    )
    summary = serializers.CharField(required=False, default="", allow_blank=True)
    follow_up_on = serializers.DateField(required=False, allow_null=True, default=None)
    reporting_reference_id = serializers.CharField(max_length=40, required=False, default="", allow_blank=True)
    marking = MarkingField(required=False, default="U")
    implication = serializers.ChoiceField(choices=Implication.choices, required=False, default="")


class OutcomeUpdateSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="The version you read; a stale version is refused with 409.")
    delivered_on = serializers.DateField(required=False)
    delivered_by = serializers.CharField(max_length=200, required=False, allow_blank=True)
    interlocutor_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    interlocutor_office = serializers.CharField(max_length=300, required=False, allow_blank=True)
    responses = serializers.DictField(
        child=serializers.ChoiceField(choices=Response.choices), required=False, help_text=_RESPONSES.help_text
    )
    summary = serializers.CharField(required=False, allow_blank=True)
    follow_up_on = serializers.DateField(required=False, allow_null=True)
    reporting_reference_id = serializers.CharField(max_length=40, required=False, allow_blank=True)
