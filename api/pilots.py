"""Pilot status in the API: what /pilots/ and /pilots/<plan id>/ show, for other systems.

The status is the one the pages show (pilots.selectors.state_of: derived from the reports, or a
coordinator's override with its reason); the list is the coordinators', as the page's is.
"""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import generics, serializers

from api.views import InUtc, person, require
from pilots import selectors
from pilots.models import CheckIn
from pilots.status import submitted_report
from planning_docs.models import Plan


class CheckInSerializer(serializers.Serializer):
    months = serializers.IntegerField()
    due_on = serializers.DateField()
    report = serializers.SerializerMethodField()
    submitted_at = serializers.SerializerMethodField()

    def get_report(self, check_in: CheckIn) -> str:
        """none, draft or submitted."""
        report = getattr(check_in, "report", None)
        return report.status if report is not None else "none"

    def get_submitted_at(self, check_in: CheckIn) -> Any:
        report = submitted_report(check_in)
        return report.submitted_at if report is not None else None


class PilotSerializer(serializers.Serializer):
    plan = serializers.IntegerField(source="pk")
    plan_url = serializers.HyperlinkedIdentityField(view_name="api:plan-detail")
    title = serializers.CharField()
    pilot_country = serializers.CharField(source="pilot_country.code")
    sector = serializers.CharField()
    # The pilot's place, checked to lie in its country when entered; null until it is.
    latitude = serializers.DecimalField(
        source="pilot_latitude", max_digits=7, decimal_places=5, allow_null=True
    )
    longitude = serializers.DecimalField(
        source="pilot_longitude", max_digits=8, decimal_places=5, allow_null=True
    )
    seminar = serializers.IntegerField(source="enrolment.seminar_id")
    status = serializers.SerializerMethodField()
    derived_status = serializers.SerializerMethodField()
    override = serializers.SerializerMethodField()
    check_ins = CheckInSerializer(source="follow_up", many=True)

    def _state(self, plan: Plan) -> Any:
        # Worked out once per plan, though three fields show it.
        if not hasattr(plan, "pilot_state"):
            plan.pilot_state = selectors.state_of(plan, timezone.now().date())  # type: ignore[attr-defined]
        return plan.pilot_state  # type: ignore[attr-defined]

    def get_status(self, plan: Plan) -> str:
        """not_started, on_track, at_risk, late, stalled or completed."""
        return self._state(plan).status

    def get_derived_status(self, plan: Plan) -> str:
        """The status the reports give, whatever a coordinator set."""
        return self._state(plan).derived

    def get_override(self, plan: Plan) -> dict | None:
        """A coordinator's status with the reason and when, or null."""
        override = self._state(plan).override
        if override is None:
            return None
        return {"status": override.status, "reason": override.reason, "at": override.at}


class PilotList(InUtc, generics.ListAPIView):
    """Every pilot (an approved plan and its check-ins), for coordinators, as /pilots/."""

    serializer_class = PilotSerializer

    def get_queryset(self) -> Any:
        require(self.request, "pilots.list_pilots", None, _("Only coordinators list the pilots."))
        return selectors.pilots_for_user(person(self.request))


class PilotDetail(InUtc, generics.RetrieveAPIView):
    """One pilot: its status and check-ins, for whoever may read the plan."""

    serializer_class = PilotSerializer

    def get_object(self) -> Plan:
        plan = selectors.pilot_for_user_or_404(person(self.request), self.kwargs["pk"])
        require(self.request, "pilots.view_pilot", plan, _("You may not see this pilot."))
        return plan
