"""How pilots answers the apps below it: check-ins scheduled and the library indexed when
planning_docs approves a plan; the pilot's reports in the trainee's archive
(planning_docs.export). And its own: a pilot's stored standing follows every saved or deleted
check-in, report and override (pilots.standing)."""

from django.db.models.signals import post_delete, post_save

from planning_docs.export import ARCHIVE_FILES, ARCHIVE_PARTS, when
from planning_docs.models import Plan
from planning_docs.signals import plan_approved


def schedule_on_approval(sender, *, plan, version, actor, **kwargs) -> None:
    from pilots.services import check_ins_schedule

    check_ins_schedule(plan=plan, version=version, actor=actor)


def index_on_approval(sender, *, plan, version, **kwargs) -> None:
    from pilots.library import library_entry_index

    library_entry_index(plan=plan, version=version)


def pilot_archive_part(plan: Plan) -> dict:
    from pilots.selectors import pilot_reports_for_trainee

    return {
        "progress_reports": [
            {
                "months": r.check_in.months,
                "due_on": r.check_in.due_on.isoformat(),
                "submitted_at": when(r.submitted_at),
                "indicators": r.indicators,
                "milestones": r.milestones,
                "financing": r.financing,
                "what_worked": r.worked,
                "obstacles": r.obstacles,
                "help_requested": r.help_requested,
                "photos": [
                    {"file": str(p.file.name), "caption": p.caption, "alt": p.alt}
                    for p in r.photos.all()
                ],
            }
            for r in pilot_reports_for_trainee(plan)
        ]
    }


def pilot_archive_files(plan: Plan) -> list[str]:
    from pilots.models import ReportPhoto

    photos = ReportPhoto.objects.filter(
        report__check_in__plan=plan, report__status="submitted"
    ).order_by("report__check_in__due_on", "created", "pk")
    return [str(name) for name in photos.values_list("file", flat=True)]


def _plan_of(instance) -> int:
    from pilots.models import ProgressReport

    return instance.check_in.plan_id if isinstance(instance, ProgressReport) else instance.plan_id


def standing_on_save(sender, instance, **kwargs) -> None:
    from pilots.standing import refresh

    refresh(_plan_of(instance))


def standing_on_delete(sender, instance, **kwargs) -> None:
    from pilots.standing import refresh_on_delete

    refresh_on_delete(_plan_of(instance))


def connect() -> None:
    from pilots.models import CheckIn, ProgressReport, StatusOverride

    # Whatever saves or deletes them (a service, the admin, a cascade), the standing follows.
    for model in (CheckIn, ProgressReport, StatusOverride):
        uid = f"pilots.standing.{model.__name__}"
        post_save.connect(standing_on_save, sender=model, dispatch_uid=uid)
        post_delete.connect(standing_on_delete, sender=model, dispatch_uid=uid)
    plan_approved.connect(schedule_on_approval, sender=Plan, dispatch_uid="pilots.schedule")
    plan_approved.connect(index_on_approval, sender=Plan, dispatch_uid="pilots.library_index")
    ARCHIVE_PARTS.add(pilot_archive_part)
    ARCHIVE_FILES.add(pilot_archive_files)
