"""The trainee's co-authors page (invite, resend, revoke, remove) and the invitation link."""

from functools import partial

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from ecotown.core.backends import PATH as PERSON_BACKEND
from ecotown.core.guards import guarded, refuse
from planning_docs import coauthors, selectors
from planning_docs.forms import CoauthorAcceptForm, CoauthorInviteForm
from planning_docs.models import PlanCoauthor

manage_view = partial(
    guarded,
    selectors.plan_for_user_or_404,
    "planning_docs.manage_coauthors",
    _lazy("Only the plan's trainee chooses its co-authors."),
)


def _list_page(request, plan, form, status: int = 200):
    rows = selectors.plan_coauthors(plan)
    context = {
        "plan": plan,
        "rows": rows,
        "form": form,
        "limit": PlanCoauthor.LIMIT,
        "open_count": sum(row.status in PlanCoauthor.OPEN for row in rows),
    }
    return render(request, "planning_docs/plancoauthor_list.html", context, status=status)


@manage_view()
@require_http_methods(["GET", "POST"])
def coauthor_list(request, plan):
    """GET: the plan's co-authors and invitations. POST: invite one more colleague."""
    form = CoauthorInviteForm(request.POST or None)
    if request.method == "GET" or not form.is_valid():
        return _list_page(request, plan, form, status=200 if request.method == "GET" else 400)
    try:
        coauthors.coauthor_invite(plan=plan, email=form.cleaned_data["email"], actor=request.user)
    except ValidationError as refused:
        form.add_error("email", refused)
        return _list_page(request, plan, form, status=400)
    messages.success(
        request, _("An invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]}
    )
    return redirect("planning_docs:coauthor-list", pk=plan.pk)


def _act(request, plan, coauthor: PlanCoauthor, service, done: str):
    back = reverse("planning_docs:coauthor-list", args=[plan.pk])
    try:
        service(coauthor=coauthor, actor=request.user)
    except ValidationError as refused:
        return refuse(request, " ".join(refused.messages), back=back)
    messages.success(request, done % {"email": coauthor.email})
    return redirect(back)


@manage_view()
@require_POST
def coauthor_resend(request, plan, coauthor_pk: int):
    return _act(
        request,
        plan,
        get_object_or_404(plan.coauthors, pk=coauthor_pk),
        coauthors.coauthor_invitation_resend,
        _("A new invitation was sent to %(email)s; the earlier link no longer works."),
    )


@manage_view()
@require_POST
def coauthor_remove(request, plan, coauthor_pk: int):
    """Revokes an open invitation, or takes a co-author off the plan."""
    coauthor = get_object_or_404(plan.coauthors, pk=coauthor_pk)
    if coauthor.status == PlanCoauthor.Status.INVITED:
        service, done = coauthors.coauthor_revoke, _("The invitation to %(email)s was revoked.")
    else:
        service, done = coauthors.coauthor_remove, _("%(email)s no longer writes this plan.")
    return _act(request, plan, coauthor, service, done)


@require_http_methods(["GET", "POST"])
def coauthor_accept(request, token: str):
    """The invitation link. Signed in with the invited address: one button. Not signed in: the
    new account's name and password (or a way to sign in first)."""
    try:
        invitation = coauthors.invitation_for_token(token)
    except coauthors.InvitationInvalid as refused:
        return refuse(request, str(refused), back=reverse("core:dashboard"), status=404)
    signed_in = request.user.is_authenticated
    form = None if signed_in else CoauthorAcceptForm(request.POST or None)
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            joined = coauthors.coauthor_accept(
                token=token,
                user=request.user if signed_in else None,
                **_account_fields(form),
            )
        except coauthors.InvitationInvalid as refused:
            return refuse(request, str(refused), back=reverse("core:dashboard"), status=404)
        except ValidationError as refused:
            if form is None:
                return refuse(request, " ".join(refused.messages), back=request.path, status=403)
            form.add_error(None, refused)
        else:
            return _welcome(request, joined, signed_in)
    context = {"invitation": invitation, "form": form, "login_next": request.path}
    status = 400 if request.method == "POST" else 200
    return render(request, "planning_docs/plancoauthor_accept.html", context, status=status)


def _account_fields(form: CoauthorAcceptForm | None) -> dict:
    if form is None:
        return {}
    data = form.cleaned_data
    return {
        "first_name": data["first_name"],
        "last_name": data["last_name"],
        "password": data["password1"],
    }


def _welcome(request, joined: PlanCoauthor, signed_in: bool):
    if not signed_in:
        login(request, joined.user, backend=PERSON_BACKEND)
    messages.success(
        request, _("You are now a co-author of “%(title)s”.") % {"title": joined.plan.title}
    )
    return redirect("planning_docs:plan-detail", pk=joined.plan_id)
