"""The permission matrix's pilot: the world's plan approved by its lead expert, its 6-month
report submitted with a photo, and its 12-month check-in open with a draft photo (made once per
world, on first use)."""

import io

from PIL import Image

from pilots.services.photos import report_photo_add
from planning_docs.services import plan_approve
from tests.factories.pilots import submitted_report


def _photo(check_in, color):
    output = io.BytesIO()
    Image.new("RGB", (8, 8), color).save(output, format="PNG")
    return report_photo_add(
        check_in=check_in,
        content=output.getvalue(),
        name="site.png",
        declared_type="image/png",
        caption="The site",
        alt="An empty lot",
        actor=check_in.plan.enrolment.trainee,
    )


def pilot_of(w):
    if "pilot" not in w.other:
        plan_approve(plan=w.plan, version=w.version, actor=w.users["expert"], note="Approved")
        w.plan.refresh_from_db()
        six, twelve = w.plan.check_ins.get(months=6), w.plan.check_ins.get(months=12)
        photo = _photo(six, (10, 20, 30))
        report = submitted_report(six)
        w.other["pilot"] = {
            "report": report,
            "photo": photo,
            "open": twelve,
            "draft_photo": _photo(twelve, (40, 50, 60)),
        }
    return w.other["pilot"]


def pilot(w):
    pilot_of(w)
    return {"pk": w.plan.pk}


def open_check_in(w):
    return {"pk": pilot_of(w)["open"].pk}


def report(w):
    return {"pk": pilot_of(w)["report"].pk}


def report_photo(w):
    return report(w) | {"photo_id": pilot_of(w)["photo"].pk}


def draft_photo(w):
    return open_check_in(w) | {"photo_id": pilot_of(w)["draft_photo"].pk}
