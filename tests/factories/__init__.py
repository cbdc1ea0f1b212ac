"""Factories, one module per app, so that each app's tests import only what they use."""
