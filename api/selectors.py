from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from api.models import ApiToken
from ecotown.core.types import AnyUser


def tokens_for_user(user: AnyUser) -> QuerySet[ApiToken]:
    """A person's own tokens, newest first; nobody sees another person's."""
    if not user.is_authenticated:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")


def token_for_user_or_404(user: AnyUser, pk: int) -> ApiToken:
    return get_object_or_404(tokens_for_user(user), pk=pk)
