"""Benchmark sections run by `manage.py bench` (see ecotown/core/management/commands/bench.py)."""
