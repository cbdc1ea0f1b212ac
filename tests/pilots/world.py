"""The permission matrix's pilot: the world's plan approved by its lead expert, its 6-month
report submitted and its 12-month check-in open (made once per world, on first use)."""

from planning_docs.services import plan_approve
from tests.factories.pilots import submitted_report


def pilot_of(w):
    if "pilot" not in w.other:
        plan_approve(plan=w.plan, version=w.version, actor=w.users["expert"], note="Approved")
        w.plan.refresh_from_db()
        report = submitted_report(w.plan.check_ins.get(months=6))
        w.other["pilot"] = {"report": report, "open": w.plan.check_ins.get(months=12)}
    return w.other["pilot"]


def pilot(w):
    pilot_of(w)
    return {"pk": w.plan.pk}


def open_check_in(w):
    return {"pk": pilot_of(w)["open"].pk}


def report(w):
    return {"pk": pilot_of(w)["report"].pk}
