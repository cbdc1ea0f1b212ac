import pytest

# Before the helper is first imported: its failed checks then show pytest's diff.
pytest.register_assert_rewrite("tests.unchanged")
