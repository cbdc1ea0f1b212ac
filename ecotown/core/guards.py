"""One way to guard a view, one way to refuse, one safe redirect.

A view that works on one object loads it through the user's own selector, so that a person who
may not know the object exists gets 404 (a stranger never learns it is there); it then checks
the django-rules permission, so that a person who may see the object but not act on it gets 403
with the reason. A request that is allowed but cannot be done now (a stale page, a locked plan)
gets the refusal page with its reason and a way back, and nothing changes.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.utils.functional import Promise
from django.utils.http import url_has_allowed_host_and_scheme
from rules.contrib.views import permission_required as rules_permission_required

Loader = Callable[[Any, int], Any]
View = Callable[..., HttpResponse]
# A reason shown to people: a string or a lazily translated one.
Reason = str | Promise


def require_perm(user: Any, perm: str, obj: Any, reason: Reason) -> None:
    """403 with `reason` unless `user` has `perm` on `obj` (a django-rules permission)."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied(reason)


def permission_required(perm: str) -> Callable[[View], View]:
    """For views of no one object: anonymous visitors sign in; others without `perm` get 403."""

    def decorator(view: View) -> View:
        checked: View = rules_permission_required(perm, raise_exception=True)(view)
        return login_required(checked)

    return decorator


def guarded(load: Loader, perm: str | None = None, reason: Reason = "") -> Callable[[View], View]:
    """Decorate a view `(request, obj, ...)` routed as `(request, pk, ...)`.

    Signed-in people only; `load(user, pk)` returns the object or raises Http404; `perm`, when
    given, is checked on it (403 with `reason`).
    """

    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, pk: int, *args: Any, **kwargs: Any) -> HttpResponse:
            obj = load(request.user, pk)
            if perm is not None:
                require_perm(request.user, perm, obj, reason)
            return view(request, obj, *args, **kwargs)

        return wrapper

    return decorator


class GuardedObjectMixin(LoginRequiredMixin):
    """The class-based twin of `guarded`: set `load_object`, `permission` and `refusal`; the
    object is `self.object` from dispatch on."""

    load_object: Loader
    permission: str | None = None
    refusal: Reason = ""
    pk_url_kwarg = "pk"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = type(self).load_object(request.user, kwargs[self.pk_url_kwarg])
        if self.permission is not None:
            require_perm(request.user, self.permission, self.object, self.refusal)
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset: Any = None) -> Any:
        return self.object


def refuse(request: HttpRequest, reason: str, *, back: str, status: int = 409) -> HttpResponse:
    """The refusal page: what was not done and why, that nothing changed, and the way back."""
    return render(request, "refused.html", {"reason": reason, "back": back}, status=status)


def safe_next(request: HttpRequest, target: str | None, default: str) -> str:
    """`target` when it is a path or URL of this site (HTTPS kept when the request is), else
    `default` (a URL name or path). The one guard against open redirects."""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(default)


def redirect_back(request: HttpRequest, default: str) -> HttpResponseRedirect:
    """After a POST: back to the page named by `next`, if it is ours, else to `default`."""
    return HttpResponseRedirect(safe_next(request, request.POST.get("next"), default))
