"""Types shared by the annotations of every app."""

from django.contrib.auth.models import AnonymousUser

from ecotown.core.models import User

# Who makes a request: a signed-in user or an anonymous visitor (selectors and rules take both).
type AnyUser = User | AnonymousUser
