"""What the API shows of each object: read-only representations, and the section save's input."""

from typing import Any

from rest_framework import serializers
from rest_framework.reverse import reverse

from ecotown.core.names import display_name
from planning_docs.models import PdfRender, Plan, PlanAssignment, PlanVersion, SectionDraft
from planning_docs.services import MAX_BODY_CHARS
from seminars.models import Seminar, Session
from trainees.models import Enrolment


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.SerializerMethodField()

    def get_name(self, user: Any) -> str:
        return display_name(user)


class SeminarSerializer(serializers.ModelSerializer):
    venue_country = serializers.CharField(source="venue_country.code", read_only=True)
    session_count = serializers.IntegerField(read_only=True, required=False)
    seats_taken = serializers.IntegerField(read_only=True, required=False)
    url = serializers.HyperlinkedIdentityField(view_name="api:seminar-detail")
    sessions_url = serializers.HyperlinkedIdentityField(view_name="api:session-list")

    class Meta:
        model = Seminar
        fields = [
            "id",
            "url",
            "title",
            "year",
            "status",
            "start_date",
            "end_date",
            "venue_city",
            "venue_country",
            "time_zone",
            "capacity",
            "seats_taken",
            "session_count",
            "plan_deadline",
            "description",
            "sessions_url",
        ]


class SessionSerializer(serializers.ModelSerializer):
    speakers = PersonSerializer(many=True, read_only=True)
    # The place's name, as before places became a managed list: clients keep reading a string.
    place = serializers.SerializerMethodField()

    def get_place(self, session: Session) -> str:
        return session.place.name if session.place else ""

    class Meta:
        model = Session
        fields = [
            "id",
            "uid",
            "title",
            "track",
            "starts_at",
            "ends_at",
            "place",
            "speakers",
            "description",
        ]


class EnrolmentSerializer(serializers.ModelSerializer):
    trainee = PersonSerializer(read_only=True)
    email = serializers.EmailField(source="trainee.email", read_only=True)
    seminar = serializers.IntegerField(source="seminar_id", read_only=True)

    class Meta:
        model = Enrolment
        fields = [
            "id",
            "seminar",
            "trainee",
            "email",
            "status",
            "nominated_by",
            "offer_expires_at",
            "created_at",
            "updated_at",
        ]


class AssignmentSerializer(serializers.ModelSerializer):
    expert = PersonSerializer(read_only=True)

    class Meta:
        model = PlanAssignment
        fields = ["expert", "role"]


class PlanSerializer(serializers.ModelSerializer):
    seminar = serializers.IntegerField(source="enrolment.seminar_id", read_only=True)
    trainee = PersonSerializer(source="enrolment.trainee", read_only=True)
    pilot_country = serializers.CharField(source="pilot_country.code", read_only=True)
    experts = AssignmentSerializer(source="assignments", many=True, read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:plan-detail")
    sections_url = serializers.HyperlinkedIdentityField(view_name="api:section-list")
    versions_url = serializers.HyperlinkedIdentityField(view_name="api:version-list")
    pdf_url = serializers.HyperlinkedIdentityField(view_name="api:plan-pdf")

    class Meta:
        model = Plan
        fields = [
            "id",
            "url",
            "title",
            "status",
            "seminar",
            "trainee",
            "pilot_site",
            "pilot_region",
            "pilot_country",
            "experts",
            "created_at",
            "updated_at",
            "sections_url",
            "versions_url",
            "pdf_url",
        ]


class SectionSerializer(serializers.ModelSerializer):
    key = serializers.CharField(source="section.key", read_only=True)
    title = serializers.CharField(source="section.title", read_only=True)
    kind = serializers.CharField(source="section.kind", read_only=True)
    # DRF's metaclass takes declared fields off the class, so this name shadows nothing at run
    # time; the stubs only see a Field's own `required` flag.
    required = serializers.BooleanField(  # type: ignore[assignment]
        source="section.required", read_only=True
    )
    word_limit = serializers.IntegerField(source="section.word_limit", read_only=True)
    rows = serializers.JSONField(read_only=True)

    class Meta:
        model = SectionDraft
        fields = [
            "key",
            "title",
            "kind",
            "required",
            "word_limit",
            "body",
            "rows",
            "revision",
            "updated_at",
        ]


class SectionWriteSerializer(serializers.Serializer):
    """A save: the text (and rows of a table section) and the revision it was written from.

    PUT needs the body; PATCH may leave the body or the rows out (they stay as they are)."""

    body = serializers.CharField(allow_blank=True, trim_whitespace=False, max_length=MAX_BODY_CHARS)
    revision = serializers.IntegerField(min_value=0)
    rows = serializers.ListField(child=serializers.DictField(), required=False)


class VersionSerializer(serializers.ModelSerializer):
    created_by = PersonSerializer(read_only=True, allow_null=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = PlanVersion
        fields = ["number", "url", "title", "content_hash", "created_by", "created_at"]

    def get_url(self, version: PlanVersion) -> str:
        return reverse(
            "api:version-detail",
            kwargs={"pk": version.plan_id, "number": version.number},
            request=self.context.get("request"),
        )


class VersionDetailSerializer(VersionSerializer):
    sections = serializers.JSONField(read_only=True)

    class Meta(VersionSerializer.Meta):
        fields = [*VersionSerializer.Meta.fields, "sections"]


class RenderSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(source="version.number", read_only=True, allow_null=True)

    class Meta:
        model = PdfRender
        fields = [
            "id",
            "kind",
            "status",
            "version",
            "pages",
            "size",
            "sha256",
            "error",
            "queued_at",
            "finished_at",
        ]


class PlanPdfSerializer(serializers.Serializer):
    """The plan's PDF as the page offers it: the newest ready one (with its download link) and
    the newest render, which may still be queued or rendering."""

    ready = RenderSerializer(allow_null=True)
    newest = RenderSerializer(allow_null=True)
    file_url = serializers.URLField(allow_null=True)
