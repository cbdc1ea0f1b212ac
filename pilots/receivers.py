"""How pilots answers the apps below it: check-ins scheduled and the library indexed when
planning_docs approves a plan; the pilot's reports in the trainee's archive
(planning_docs.export)."""

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


def connect() -> None:
    plan_approved.connect(schedule_on_approval, sender=Plan, dispatch_uid="pilots.schedule")
    plan_approved.connect(index_on_approval, sender=Plan, dispatch_uid="pilots.library_index")
    ARCHIVE_PARTS.add(pilot_archive_part)
    ARCHIVE_FILES.add(pilot_archive_files)
