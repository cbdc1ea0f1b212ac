"""Every write about a plan's co-authors: the trainee invites up to three colleagues by a
one-time link, resends it (the earlier link dies), revokes it or removes a co-author; the
colleague accepts with a new account or the account they are signed in with.

A link's secret is only in the e-mail; the row keeps its sha256, emptied once the link is used,
so that a link works once, until it expires (PASSWORD_RESET_TIMEOUT, as trainee invitations).
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ecotown.core import roles
from ecotown.core.models import AuditEvent, User
from ecotown.core.names import display_name
from ecotown.core.workflow import record, transition
from notifications.services import notify, notify_address
from planning_docs.models import Plan, PlanCoauthor
from trainees.services import username_for


class InvitationInvalid(Exception):
    """The link is unknown, used, revoked or expired; the message says which, for people."""


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _expiry_days() -> int:
    return max(1, settings.PASSWORD_RESET_TIMEOUT // (24 * 3600))


def _new_link(coauthor: PlanCoauthor) -> str:
    """A fresh secret for the row (any earlier link stops matching); returns the link's path."""
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    coauthor.token_hash = _token_hash(token)
    coauthor.invited_at = now
    coauthor.expires_at = now + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
    return reverse("planning_docs:coauthor-accept", args=[token])


def _send_invitation(coauthor: PlanCoauthor, accept_path: str, actor: User) -> None:
    # To the address only: the colleague may have no account yet.
    notify_address(
        email=coauthor.email,
        verb="coauthor_invitation",
        context={
            "plan": coauthor.plan,
            "owner_name": display_name(coauthor.plan.enrolment.trainee),
            "inviter_name": display_name(actor),
            "accept_path": accept_path,
            "expiry_days": _expiry_days(),
        },
        time_zone=actor.time_zone,
    )


def _check_invitable(plan: Plan, email: str) -> None:
    owner = plan.enrolment.trainee
    if owner.email and owner.email.lower() == email.lower():
        raise ValidationError(_("This is your own address: you write this plan already."))
    open_rows = plan.coauthors.filter(status__in=PlanCoauthor.OPEN)
    if open_rows.filter(email__iexact=email).exists():
        raise ValidationError(
            _("%(email)s is already invited or a co-author of this plan.") % {"email": email}
        )
    if open_rows.count() >= PlanCoauthor.LIMIT:
        raise ValidationError(
            _(
                "A plan has at most %(limit)d co-authors and open invitations. Revoke an "
                "invitation or remove a co-author first."
            )
            % {"limit": PlanCoauthor.LIMIT}
        )


@transaction.atomic
def coauthor_invite(*, plan: Plan, email: str, actor: User) -> PlanCoauthor:
    """Invite a colleague to write `plan`: a PlanCoauthor row (invited) with a one-time link.

    Locks the plan so that two invitations at once never pass the limit of three. Refused
    (ValidationError, nothing changed) for the trainee's own address, an address already invited
    or co-authoring, or a fourth open invitation. Side effects: the row, its AuditEvent, the
    invitation e-mail after commit."""
    plan = Plan.objects.select_for_update().select_related("enrolment__trainee").get(pk=plan.pk)
    email = email.strip()
    _check_invitable(plan, email)
    coauthor = PlanCoauthor(plan=plan, email=email, invited_by=actor)
    path = _new_link(coauthor)
    coauthor.save()
    record(coauthor, verb=AuditEvent.Verb.COAUTHOR_INVITED, actor=actor, note=email)
    _send_invitation(coauthor, path, actor)
    return coauthor


def _lock(coauthor: PlanCoauthor) -> PlanCoauthor:
    return (
        PlanCoauthor.objects.select_for_update(of=("self",))
        .select_related("plan__enrolment__trainee")
        .get(pk=coauthor.pk)
    )


def _refuse_unless_invited(coauthor: PlanCoauthor) -> None:
    if coauthor.status != PlanCoauthor.Status.INVITED:
        raise ValidationError(
            _("The invitation to %(email)s is no longer open.") % {"email": coauthor.email}
        )


@transaction.atomic
def coauthor_invitation_resend(*, coauthor: PlanCoauthor, actor: User) -> PlanCoauthor:
    """Send the invitation again with a new link and a new expiry; the earlier link dies.
    Refused (ValidationError) unless the invitation is still open. Side effects: the row's new
    secret, the AuditEvent, the e-mail after commit."""
    coauthor = _lock(coauthor)
    _refuse_unless_invited(coauthor)
    path = _new_link(coauthor)
    coauthor.save(update_fields=["token_hash", "invited_at", "expires_at", "updated_at"])
    record(coauthor, verb=AuditEvent.Verb.COAUTHOR_INVITATION_RESENT, actor=actor)
    _send_invitation(coauthor, path, actor)
    return coauthor


@transaction.atomic
def coauthor_revoke(*, coauthor: PlanCoauthor, actor: User) -> PlanCoauthor:
    """End an open invitation: its link stops working. Refused (ValidationError) once it was
    accepted or ended. Side effects: the status move and its AuditEvent."""
    coauthor = _lock(coauthor)
    _refuse_unless_invited(coauthor)
    coauthor.token_hash = ""
    coauthor.removed_at = timezone.now()
    transition(
        coauthor,
        to_status=PlanCoauthor.Status.REMOVED,
        actor=actor,
        verb=AuditEvent.Verb.COAUTHOR_INVITATION_REVOKED,
        note=coauthor.email,
        fields=["token_hash", "removed_at"],
    )
    return coauthor


@transaction.atomic
def coauthor_remove(*, coauthor: PlanCoauthor, actor: User) -> PlanCoauthor:
    """Take a co-author off the plan: they lose it on their next request; what they wrote stays,
    under their name. Refused (ValidationError) unless they are a co-author now. Side effects:
    the status move and its AuditEvent, the co-author role dropped when they write no other
    plan, and a notification to them."""
    coauthor = _lock(coauthor)
    if coauthor.status != PlanCoauthor.Status.ACTIVE or coauthor.user is None:
        raise ValidationError(
            _("%(email)s is not a co-author of this plan.") % {"email": coauthor.email}
        )
    coauthor.removed_at = timezone.now()
    transition(
        coauthor,
        to_status=PlanCoauthor.Status.REMOVED,
        actor=actor,
        verb=AuditEvent.Verb.COAUTHOR_REMOVED,
        note=coauthor.email,
        fields=["removed_at"],
    )
    person = coauthor.user
    if not person.coauthorships.filter(status=PlanCoauthor.Status.ACTIVE).exists():
        person.groups.remove(*Group.objects.filter(name=roles.COAUTHOR))
    notify(
        recipients=[person],
        verb="coauthor_removed",
        context={"plan": coauthor.plan, "owner_name": display_name(actor)},
        plan=coauthor.plan,
    )
    return coauthor


def invitation_for_token(token: str) -> PlanCoauthor:
    """The open invitation of a link, else InvitationInvalid with the reason."""
    coauthor = (
        PlanCoauthor.objects.select_related("plan__enrolment__trainee", "invited_by")
        .filter(token_hash=_token_hash(token))
        .first()
        if token
        else None
    )
    if coauthor is None or coauthor.status != PlanCoauthor.Status.INVITED:
        raise InvitationInvalid(
            _(
                "This invitation link is not valid: it was used already, replaced by a newer "
                "one or revoked. Ask the plan's trainee to invite you again."
            )
        )
    if coauthor.expires_at <= timezone.now():
        raise InvitationInvalid(
            _("This invitation link has expired. Ask the plan's trainee to send it again.")
        )
    return coauthor


def _check_may_join(coauthor: PlanCoauthor, user: User) -> None:
    if user.email.lower() != coauthor.email.lower():
        raise ValidationError(
            _(
                "This invitation was sent to %(email)s, and you are signed in with another "
                "address. Sign out, then open the link again."
            )
            % {"email": coauthor.email}
        )
    if user.is_superuser or roles.group_names(user) & {roles.COORDINATOR, roles.EXPERT}:
        raise ValidationError(
            _("Experts and coordinators review plans: they cannot also write one.")
        )
    if user.pk == coauthor.plan.enrolment.trainee_id:
        raise ValidationError(_("This is your own plan: you write it already."))


def _new_account(coauthor: PlanCoauthor, *, first_name: str, last_name: str, password: str) -> User:
    if User.objects.filter(email__iexact=coauthor.email).exists():
        raise ValidationError(
            _(
                "An account with the address %(email)s exists already. Sign in with it, then "
                "open the link again."
            )
            % {"email": coauthor.email}
        )
    user = User(
        username=username_for(coauthor.email),
        email=coauthor.email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        # A colleague from the trainee's own ministry: their zone until they choose another.
        time_zone=coauthor.plan.enrolment.trainee.time_zone or settings.TIME_ZONE,
    )
    validate_password(password, user)
    user.set_password(password)
    user.save()
    return user


@transaction.atomic
def coauthor_accept(
    *,
    token: str,
    user: User | None,
    first_name: str = "",
    last_name: str = "",
    password: str = "",
) -> PlanCoauthor:
    """Take up an invitation: the signed-in `user` (whose address must be the invited one), or
    a new account made from the names and password, becomes the plan's co-author.

    Raises InvitationInvalid for a used, replaced, revoked or expired link and ValidationError
    for an account that may not join; nothing changes then. Side effects: the account (when
    new), the co-author role, the status move and its AuditEvent (the link dies), and a
    notification to the trainee."""
    found = invitation_for_token(token)
    coauthor = _lock(found)
    invitation_for_token(token)  # again under the lock: two clicks at once join once
    if user is not None:
        _check_may_join(coauthor, user)
    else:
        user = _new_account(coauthor, first_name=first_name, last_name=last_name, password=password)
    user.groups.add(Group.objects.get_or_create(name=roles.COAUTHOR)[0])
    coauthor.user = user
    coauthor.joined_at = timezone.now()
    coauthor.token_hash = ""
    transition(
        coauthor,
        to_status=PlanCoauthor.Status.ACTIVE,
        actor=user,
        verb=AuditEvent.Verb.COAUTHOR_JOINED,
        note=coauthor.email,
        fields=["user", "joined_at", "token_hash"],
    )
    notify(
        recipients=[coauthor.plan.enrolment.trainee],
        verb="coauthor_joined",
        context={"plan": coauthor.plan, "coauthor_name": display_name(user)},
        url=reverse("planning_docs:coauthor-list", args=[coauthor.plan_id]),
        plan=coauthor.plan,
    )
    return coauthor
