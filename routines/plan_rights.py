"""Whether a person may read a plan, and edit it, in ONE query compiled once per process.

The read pages kept in the cache (routines/page_cache.py) cost little besides
their access check, and Django spends longer building and compiling that
check (`Plan.objects.visible_to(user)` with `can_edit_plan` as an EXISTS) than
PostgreSQL spends running it. So, as the digest does (routines/digest.py), the
query is built from the access rule itself once, with stand-ins for the
person's and the plan's ids, and only the ids change between calls. The rule
stays where it is (`visible_to`, `editable_by`); a superuser, an inactive or
an anonymous person get the ORM's query instead, whose shape differs.
"""

import functools

from django.contrib.auth import get_user_model
from django.db import connections, router
from django.db.models import Exists, OuterRef

from .models import Municipality, Plan

# Stand-ins for the person's and the plan's ids in the compiled query.
_USER_ID, _PLAN_ID = -900_000_011, -900_000_012
FIELDS = ("pk", "municipality_id", "status", "review_owner_id", "language", "user_can_edit")


def with_rights(plans, user):
    """`plans` with `user_can_edit` beside each: can_edit_plan(user, plan), in the same query."""
    editable = Municipality.objects.editable_by(user).filter(pk=OuterRef("municipality_id"))
    return plans.annotate(user_can_edit=Exists(editable))


def rights_query(user):
    """The plans `user` may read, with `user_can_edit`."""
    return with_rights(Plan.objects.visible_to(user), user)


def plan_rights(user, pk):
    """FIELDS of the plan `pk` if `user` may read it, else None."""
    if not (user.is_authenticated and user.is_active) or user.is_superuser:
        return rights_query(user).filter(pk=pk).values_list(*FIELDS).order_by().first()
    sql, params = _compiled()
    ids = {_USER_ID: user.pk, _PLAN_ID: pk}
    with connections[router.db_for_read(Plan)].cursor() as cursor:
        cursor.execute(sql, [ids.get(param, param) for param in params])
        return cursor.fetchone()


@functools.cache
def _compiled():
    probe = get_user_model()(pk=_USER_ID, is_active=True, is_superuser=False)
    query = rights_query(probe).filter(pk=_PLAN_ID).values_list(*FIELDS).order_by()[:1]
    return query.query.sql_with_params()
