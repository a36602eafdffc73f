"""Every URL of the identity app that names an object, for the project-wide isolation test."""


def _municipality(plan):
    return {"municipality_pk": plan.municipality_id}


IDENTITY_ISOLATION_CASES = [
    ("identity:role_rules", _municipality),
]
