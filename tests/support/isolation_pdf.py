"""The plan's PDF and its reading page, for the project-wide isolation test (tests/test_isolation.py).

GET only: a POST is refused (405) before the plan is looked up.
"""

PDF_ISOLATION_CASES = [
    ("documents:plan_pdf", lambda plan: {"pk": plan.pk}),
    ("documents:plan_read", lambda plan: {"pk": plan.pk}),
]
