"""Searching a plan, for the project-wide isolation test (tests/test_isolation.py)."""

READ_AND_SEARCH_ISOLATION_CASES = [
    ("documents:search_plan", lambda plan: {"pk": plan.pk}),
]
