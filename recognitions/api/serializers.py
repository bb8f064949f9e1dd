"""What the ledger API reads and writes: states as {code, name}, dates in ISO 8601.

Output serializers describe rows; input serializers only check and convert
what a caller sends, and the views hand it to `recognitions.services`.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cables.clearance import Marking
from recognitions.choices import AdmissionStatus, CountedCategory, RecognitionKind, SourceKind, StancePosition
from recognitions.models import (
    AdmissionBid,
    AdmissionBidStatus,
    CountClaim,
    Country,
    Membership,
    Organization,
    RecognitionEvent,
    Stance,
)
from recognitions.services import Source

#: Markings a caller may give a row, as portion markings.
MARKINGS = ("U", "SBU", "C", "C/NF", "S", "S/NF")


class StateSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class OrganizationRefSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class CountryMembershipSerializer(serializers.ModelSerializer):
    organization = serializers.CharField(source="organization.code", read_only=True)

    class Meta:
        model = Membership
        fields = ["organization", "joined_on", "left_on"]


class CountrySerializer(serializers.ModelSerializer):
    parent_state = StateSerializer(read_only=True, allow_null=True)
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="alias")
    memberships = CountryMembershipSerializer(many=True, read_only=True)

    class Meta:
        model = Country
        fields = [
            "code", "alpha3", "numeric", "name", "official_name", "is_contested", "declared_on", "parent_state",
            "aliases", "memberships",
        ]


class MemberSerializer(serializers.Serializer):
    code = serializers.CharField(source="country.code", read_only=True)
    name = serializers.CharField(source="country.name", read_only=True)
    joined_on = serializers.DateField(read_only=True)


class OrganizationSerializer(serializers.ModelSerializer):
    as_of = serializers.SerializerMethodField()
    member_count = serializers.SerializerMethodField()
    members = MemberSerializer(many=True, read_only=True, source="members_on")

    class Meta:
        model = Organization
        fields = ["code", "name", "founded_on", "kind", "headquarters", "as_of", "member_count", "members"]

    @extend_schema_field(OpenApiTypes.DATE)
    def get_as_of(self, obj):
        return self.context["as_of"].isoformat()

    def get_member_count(self, obj) -> int:
        return len(obj.members_on)


class SourceSerializer(serializers.Serializer):
    kind = serializers.CharField(source="source_kind", read_only=True)
    citation = serializers.CharField(read_only=True)
    reference_id = serializers.CharField(source="source_reference_id", read_only=True)
    paragraph = serializers.IntegerField(source="source_paragraph", read_only=True, allow_null=True)
    quote = serializers.CharField(source="source_quote", read_only=True)
    marking = serializers.SerializerMethodField()

    def get_marking(self, obj) -> str:
        return obj.marking.portion


class SourcedSerializer(serializers.ModelSerializer):
    source = SourceSerializer(source="*", read_only=True)
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)


class RecognitionEventSerializer(SourcedSerializer):
    entity = StateSerializer(read_only=True)
    state = StateSerializer(read_only=True)
    supersedes = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    superseded_by = serializers.IntegerField(
        source="correction_id", read_only=True, allow_null=True, help_text="The correction of this event, if any."
    )

    class Meta:
        model = RecognitionEvent
        fields = [
            "id", "entity", "state", "kind", "date", "note", "supersedes", "superseded_by", "source", "created_by",
            "created_at",
        ]


class StanceSerializer(SourcedSerializer):
    entity = StateSerializer(read_only=True)
    state = StateSerializer(read_only=True)

    class Meta:
        model = Stance
        fields = [
            "id", "entity", "state", "stance", "context", "person", "date", "note", "source", "created_by",
            "created_at",
        ]


class AdmissionBidStatusSerializer(SourcedSerializer):
    blocked_by = StateSerializer(read_only=True, allow_null=True)

    class Meta:
        model = AdmissionBidStatus
        fields = [
            "id", "status", "date", "blocked_by", "votes_for", "votes_against", "votes_abstain", "note", "source",
            "created_by", "created_at",
        ]


class AdmissionBidSerializer(serializers.ModelSerializer):
    entity = StateSerializer(read_only=True)
    organization = OrganizationRefSerializer(read_only=True)
    status = serializers.SerializerMethodField(help_text="The latest status the caller may see.")
    statuses = AdmissionBidStatusSerializer(many=True, read_only=True, source="visible_statuses")

    class Meta:
        model = AdmissionBid
        fields = ["id", "entity", "organization", "status", "statuses"]

    def get_status(self, obj) -> str | None:
        return obj.visible_statuses[-1].status if obj.visible_statuses else None


class CountClaimSerializer(SourcedSerializer):
    entity = StateSerializer(read_only=True)
    organization = OrganizationRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = CountClaim
        fields = [
            "id", "entity", "number", "as_of", "stated_on", "counted", "exact", "organization", "members",
            "share_over", "note", "source", "created_by", "created_at",
        ]


# Input


class CountryCodeField(serializers.SlugRelatedField):
    """A country given by its code, in any case."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Country.objects.all())
        super().__init__(slug_field="code", **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, str):
            data = data.strip().upper()
        return super().to_internal_value(data)


class OrganizationCodeField(serializers.SlugRelatedField):
    def __init__(self, **kwargs):
        super().__init__(slug_field="code", queryset=Organization.objects.all(), **kwargs)


class SourceInputSerializer(serializers.Serializer):
    """Where the entry comes from: an analyst's citation, or a cable paragraph with its marking."""

    source_kind = serializers.ChoiceField(
        choices=[SourceKind.ANALYST, SourceKind.CABLE], default=SourceKind.ANALYST
    )
    citation = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    source_reference_id = serializers.RegexField(
        r"^[0-9]{2}[A-Z]+[0-9]+$", required=False, allow_blank=True, default="", max_length=32,
        help_text="Cable reference id, e.g. 09STATE39345.",
    )
    source_paragraph = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1,
                                                max_value=10000)
    source_quote = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    marking = serializers.ChoiceField(choices=MARKINGS, default="U", help_text="Portion marking of the source.")

    def to_source(self) -> Source:
        data = self.validated_data
        return Source(
            kind=data["source_kind"],
            citation=data["citation"],
            reference_id=data["source_reference_id"],
            paragraph=data["source_paragraph"],
            quote=data["source_quote"],
            marking=Marking.parse(data["marking"]),
        )


class RecognitionEventInputSerializer(SourceInputSerializer):
    entity = CountryCodeField(queryset=Country.objects.filter(is_contested=True))
    state = CountryCodeField()
    kind = serializers.ChoiceField(choices=RecognitionKind.choices)
    date = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class RecognitionEventCorrectionSerializer(SourceInputSerializer):
    """What the correction changes; anything left out is taken from the corrected event."""

    state = CountryCodeField(required=False)
    kind = serializers.ChoiceField(choices=RecognitionKind.choices, required=False)
    date = serializers.DateField(required=False)
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class StanceInputSerializer(SourceInputSerializer):
    entity = CountryCodeField(queryset=Country.objects.filter(is_contested=True))
    state = CountryCodeField()
    stance = serializers.ChoiceField(choices=StancePosition.choices)
    date = serializers.DateField()
    context = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    person = serializers.CharField(required=False, allow_blank=True, default="", max_length=120)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class AdmissionBidStatusInputSerializer(SourceInputSerializer):
    status = serializers.ChoiceField(choices=AdmissionStatus.choices)
    date = serializers.DateField()
    blocked_by = CountryCodeField(required=False, allow_null=True, default=None)
    votes_for = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=0, max_value=1000)
    votes_against = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=0, max_value=1000
    )
    votes_abstain = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=0, max_value=1000
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class AdmissionBidInputSerializer(AdmissionBidStatusInputSerializer):
    entity = CountryCodeField(queryset=Country.objects.filter(is_contested=True))
    organization = OrganizationCodeField()


class CountClaimInputSerializer(SourceInputSerializer):
    entity = CountryCodeField(queryset=Country.objects.filter(is_contested=True))
    number = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=0, max_value=1000)
    as_of = serializers.DateField()
    stated_on = serializers.DateField(required=False, allow_null=True, default=None)
    counted = serializers.ChoiceField(choices=CountedCategory.choices, default=CountedCategory.RECOGNIZED)
    exact = serializers.BooleanField(default=True)
    organization = OrganizationCodeField(required=False, allow_null=True, default=None)
    members = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1, max_value=1000)
    share_over = serializers.DecimalField(
        max_digits=4, decimal_places=3, required=False, allow_null=True, default=None, min_value=0, max_value=1,
        help_text="For a bound such as 'over half': 0.5.",
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


# The status engine's answers


class StandingSerializer(serializers.Serializer):
    state = StateSerializer()
    standing = serializers.CharField(help_text="recognizing, announced_intent, withdrawn or suspended")
    since = serializers.DateField()
    first_recognized_on = serializers.DateField(allow_null=True)


class OrganizationShareSerializer(serializers.Serializer):
    code = serializers.CharField(source="organization")
    name = serializers.CharField()
    members = serializers.IntegerField(help_text="Members on the day, from the membership table.")
    recognizing = serializers.IntegerField(help_text="Members recognizing the entity on the day.")
    recognizing_states = StateSerializer(many=True)
    not_recognizing_states = StateSerializer(many=True)


class CountsSerializer(serializers.Serializer):
    un_member_states = serializers.IntegerField(help_text="UN member states on the day.")
    un_members_recognizing = serializers.IntegerField(help_text="Headline: UN member states recognizing.")
    all_states_recognizing = serializers.IntegerField(
        help_text="All recognizing states, with those outside the UN (Taiwan, the Cook Islands, Niue)."
    )
    un_members_recognizing_or_announced = serializers.IntegerField()
    all_states_recognizing_or_announced = serializers.IntegerField()
    un_members_ever_recognized = serializers.IntegerField(help_text="Ignoring withdrawals (the entity's own view).")
    all_states_ever_recognized = serializers.IntegerField()


class StatusSerializer(CountsSerializer):
    entity = StateSerializer()
    as_of = serializers.DateField()
    summary = serializers.SerializerMethodField()
    marking = serializers.SerializerMethodField(help_text="Highest marking of the events counted.")
    recognizing = StandingSerializer(many=True)
    announced = StandingSerializer(many=True)
    withdrawn = StandingSerializer(many=True)
    organizations = OrganizationShareSerializer(many=True)

    def get_summary(self, status) -> str:
        return (
            f"{status.un_members_recognizing} of {status.un_member_states} UN member states recognize "
            f"{status.entity.name} as of {status.as_of.isoformat()}; {status.all_states_recognizing} states in all, "
            f"counting states outside the UN."
        )

    def get_marking(self, status) -> str:
        return status.marking.portion


class TimelineEventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    state = StateSerializer()
    kind = serializers.CharField()


class TimelineStepSerializer(serializers.Serializer):
    date = serializers.DateField()
    un_members_recognizing = serializers.IntegerField()
    all_states_recognizing = serializers.IntegerField()
    un_members_recognizing_or_announced = serializers.IntegerField()
    all_states_recognizing_or_announced = serializers.IntegerField()
    events = TimelineEventSerializer(many=True)


class TimelineSerializer(serializers.Serializer):
    entity = StateSerializer()
    since = serializers.DateField(allow_null=True)
    as_of = serializers.DateField()
    steps = TimelineStepSerializer(many=True)


class ExplanationSerializer(serializers.Serializer):
    state = StateSerializer()
    date = serializers.DateField(allow_null=True)
    reason = serializers.CharField()


class ReconciliationSerializer(serializers.Serializer):
    claim = CountClaimSerializer(source="row")
    ledger_number = serializers.IntegerField(
        source="result.ledger_number", allow_null=True,
        help_text="What the ledger counts for the claim's date and category (UN members unless an organization).",
    )
    ledger_members = serializers.IntegerField(source="result.ledger_members", allow_null=True)
    difference = serializers.IntegerField(source="result.difference", allow_null=True, help_text="claim - ledger")
    agrees = serializers.BooleanField(source="result.agrees", allow_null=True)
    explained_by = ExplanationSerializer(source="result.explained_by", many=True)
    note = serializers.CharField(source="result.note")
    ledger_number_when_stated = serializers.IntegerField(source="result.ledger_number_when_stated", allow_null=True)
    recognized_since = ExplanationSerializer(source="result.recognized_since", many=True)


class ReconciliationListSerializer(serializers.Serializer):
    entity = StateSerializer()
    claims = ReconciliationSerializer(many=True)
