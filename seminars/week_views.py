"""The seminar week's pages: the week (sessions with their materials and one's attendance), a
session's materials, their files and the week's zip, the roll call, the room's check-in code and
the trainee's check-in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ecotown.core.guards import guarded, require_perm
from ecotown.core.names import display_name
from ecotown.core.qr import qr_code_data_uri
from seminars import attendance, hooks, materials, selectors
from seminars.models import Attendance, Material, Seminar, Session
from seminars.week_forms import CheckInForm, MaterialForm

NOT_A_PARTICIPANT = gettext_lazy("Only the seminar's participants read its materials.")
NOT_A_SPEAKER = gettext_lazy("Only the session's speakers and coordinators attach files to it.")
COORDINATORS_ONLY = gettext_lazy("Only coordinators take the roll call.")
NOT_SHOWN = gettext_lazy("The room's code is shown by the session's speakers and coordinators.")


def _session_of(seminar: Seminar, session_pk: int) -> Session:
    return get_object_or_404(seminar.sessions.all(), pk=session_pk)


def _material_of(seminar: Seminar, material_pk: int) -> Material:
    return get_object_or_404(
        Material.objects.select_related("session"), session__seminar=seminar, pk=material_pk
    )


def _week_sessions(seminar: Seminar):
    return selectors.timetable_of(seminar).prefetch_related(
        Prefetch("materials", queryset=Material.objects.order_by("created_at", "id"))
    )


@guarded(selectors.seminar_for_user_or_404, "seminars.view_materials", NOT_A_PARTICIPANT)
@require_GET
def seminar_week(request, seminar):
    sessions = list(_week_sessions(seminar))
    attended = set(
        Attendance.objects.filter(session__seminar=seminar, trainee=request.user).values_list(
            "session_id", flat=True
        )
    )
    for session in sessions:
        session.attended = session.pk in attended
        session.week = materials.week_of(seminar, materials.local_day(session, seminar))
    context = {
        "seminar": seminar,
        "sessions": sessions,
        "weeks": materials.weeks_of(seminar),
        "can_check_in": request.user.has_perm("seminars.check_in", seminar),
        "tally": attendance.attendance_tally(seminar, request.user),
        "check_in_form": CheckInForm(),
    }
    return render(request, "seminars/seminar_week.html", context)


@guarded(selectors.seminar_for_user_or_404, "seminars.view_materials", NOT_A_PARTICIPANT)
@require_http_methods(["GET", "POST"])
def session_materials(request, seminar, session_pk: int):
    session = _session_of(seminar, session_pk)
    form = MaterialForm()
    if request.method == "POST":
        require_perm(request.user, "seminars.add_material", session, NOT_A_SPEAKER)
        form = MaterialForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                materials.material_add(
                    session=session,
                    content=upload.read(),
                    name=upload.name,
                    declared_type=upload.content_type or "",
                    title=form.cleaned_data["title"],
                    kind=form.cleaned_data["kind"],
                    actor=request.user,
                )
            except materials.MaterialRefused as refused:
                form.add_error("file", str(refused))
            else:
                messages.success(request, _("The file was attached to the session."))
                return redirect("seminars:session-materials", pk=seminar.pk, session_pk=session.pk)
    context = {
        "seminar": seminar,
        "session": session,
        "materials": session.materials.order_by("created_at", "id"),
        "form": form,
        "can_add": request.user.has_perm("seminars.add_material", session),
    }
    return render(
        request, "seminars/session_materials.html", context, status=400 if form.errors else 200
    )


def _download(name: str, content_type: str, filename: str) -> FileResponse:
    try:
        handle = materials.default_storage.open(name, "rb")
    except FileNotFoundError:
        raise Http404(_("The file is missing from the storage.")) from None
    response = FileResponse(handle, content_type=content_type, as_attachment=True)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-cache"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@guarded(selectors.seminar_for_user_or_404, "seminars.view_materials", NOT_A_PARTICIPANT)
@require_GET
def material_file(request, seminar, material_pk: int):
    material = _material_of(seminar, material_pk)
    return _download(str(material.file.name), material.content_type, material.filename)


@guarded(selectors.seminar_for_user_or_404, "seminars.view_materials", NOT_A_PARTICIPANT)
@require_POST
def material_remove(request, seminar, material_pk: int):
    material = _material_of(seminar, material_pk)
    require_perm(request.user, "seminars.add_material", material.session, NOT_A_SPEAKER)
    materials.material_remove(material=material, actor=request.user)
    messages.success(request, _("The file was taken off the session."))
    return redirect("seminars:session-materials", pk=seminar.pk, session_pk=material.session_id)


@guarded(selectors.seminar_for_user_or_404, "seminars.view_materials", NOT_A_PARTICIPANT)
@require_GET
def materials_zip(request, seminar, week: int):
    if week not in materials.weeks_of(seminar):
        raise Http404(_("The seminar has no such week."))
    first, last = materials.week_bounds(seminar, week)
    chosen = [
        m
        for m in Material.objects.filter(session__seminar=seminar).select_related("session")
        if first <= materials.local_day(m.session, seminar) <= last
    ]
    if not chosen:
        messages.info(request, _("No files are attached to that week's sessions yet."))
        return redirect("seminars:seminar-week", pk=seminar.pk)
    name = f"{slugify(seminar.title) or 'seminar'}-week-{week}.zip"
    response = HttpResponse(
        materials.materials_zip(chosen, seminar), content_type="application/zip"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-cache"
    return response


def check_in_url(request, session: Session) -> str:
    query = urlencode({"code": attendance.check_in_code(session)})
    return request.build_absolute_uri(f"{reverse('seminars:check-in')}?{query}")


@guarded(selectors.seminar_for_user_or_404, "seminars.view_materials", NOT_A_PARTICIPANT)
@require_GET
def session_code(request, seminar, session_pk: int):
    """The screen shown in the room: the code in large letters and its QR code."""
    session = _session_of(seminar, session_pk)
    require_perm(request.user, "seminars.show_check_in_code", session, NOT_SHOWN)
    url = check_in_url(request, session)
    opens, closes = attendance.check_in_window(session)
    context = {
        "seminar": seminar,
        "session": session,
        "code": attendance.check_in_code(session),
        "qr_code": qr_code_data_uri(url),
        "url": url,
        "opens": opens,
        "closes": closes,
        "is_open": attendance.is_open_for_check_in(session, timezone.now()),
    }
    return render(request, "seminars/session_code.html", context)


def _roll_rows(session: Session) -> list:
    present = dict(Attendance.objects.filter(session=session).values_list("trainee_id", "method"))
    seated = hooks.trainees_of(session.seminar, who=hooks.SEAT_HOLDING)
    rows = list(seated.order_by("last_name", "first_name", "pk"))
    for trainee in rows:
        trainee.display = display_name(trainee)
        trainee.present = trainee.pk in present
        trainee.method = present.get(trainee.pk)
    return rows


@guarded(selectors.seminar_for_user_or_404, "seminars.take_roll_call", COORDINATORS_ONLY)
@require_http_methods(["GET", "POST"])
def roll_call(request, seminar, session_pk: int):
    """One tap per trainee: each row's button posts (htmx swaps the row; without JavaScript the
    page reloads)."""
    session = _session_of(seminar, session_pk)
    if request.method == "POST":
        trainee = get_object_or_404(
            hooks.trainees_of(seminar, who=hooks.SEAT_HOLDING), pk=request.POST.get("trainee")
        )
        present = request.POST.get("present") == "1"
        attendance.attendance_mark(
            session=session, trainee=trainee, present=present, actor=request.user
        )
        if request.htmx:
            trainee.present, trainee.method = present, Attendance.Method.ROLL_CALL
            trainee.display = display_name(trainee)
            context = {"seminar": seminar, "session": session, "trainee": trainee}
            return render(request, "seminars/_roll_call_row.html", context)
        return redirect("seminars:roll-call", pk=seminar.pk, session_pk=session.pk)
    rows = _roll_rows(session)
    context = {
        "seminar": seminar,
        "session": session,
        "rows": rows,
        "present": sum(1 for row in rows if row.present),
    }
    return render(request, "seminars/roll_call.html", context)


def _seat_seminars(user) -> list[Seminar]:
    return [
        s
        for s in selectors.seminars_for_user(user)
        if hooks.trainees_of(s, who=hooks.SEAT_HOLDING).filter(pk=user.pk).exists()
    ]


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request):
    """The page the room's QR code opens (the code filled in): the trainee confirms with one tap.
    A GET records nothing."""
    seminars = [
        s for s in _seat_seminars(request.user) if request.user.has_perm("seminars.check_in", s)
    ]
    if not seminars:
        raise PermissionDenied(_("Trainees with a seat in a seminar check in to its sessions."))
    form = CheckInForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            row, created = attendance.attendance_check_in(
                trainee=request.user, code=form.cleaned_data["code"], seminars=seminars
            )
        except attendance.CheckInRefused as refused:
            form.add_error("code", str(refused))
        else:
            title = row.session.title
            messages.success(
                request,
                _("You are checked in to “%(title)s”.") % {"title": title}
                if created
                else _("You were already checked in to “%(title)s”.") % {"title": title},
            )
            return redirect("seminars:seminar-week", pk=row.session.seminar_id)
    if form.errors:
        status = 400
    return render(request, "seminars/check_in.html", {"form": form}, status=status)
