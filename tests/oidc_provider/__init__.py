"""A small OpenID provider for the single sign-on tests: a Django project of its own, built on
django-oauth-toolkit's OpenID Connect support, run as a separate process (serve.py)."""
