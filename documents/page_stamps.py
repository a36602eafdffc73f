"""An edit of a plan shows at once on its stored pages: every announced change gives the plan a new page stamp.

Every save and delete of a versioned row is announced (routines.plan_parts);
`part_changed` finds the plans that show the row (documents.tasks.plans_of)
and replaces their stamps (routines.page_cache.plans_changed) at once and
again after the commit, so a page rendered from the old rows while the
transaction ran is not shown either. plans_of finds the plan of every row the
digest reads (tests/documents/test_render_on_change.py holds it so), so no
part of a plan can be edited without renewing its stamp; a link between two
rows (many-to-many) changes with a save of one of them.
"""

import functools

from ops.tasks import on_commit_once
from routines.models import Plan
from routines.page_cache import plans_changed

from .tasks import plans_of


def part_changed(instance):
    if isinstance(instance, Plan):
        # A plan's pages show its municipality's other plans too: a revision in draft, the plan in force.
        plans = Plan.objects.filter(municipality_id=instance.municipality_id).values_list("pk", flat=True)
        plan_ids = sorted({instance.pk, *plans} - {None})
    else:
        plan_ids = plans_of(instance)
    plans_changed(plan_ids)
    for plan_id in plan_ids:
        on_commit_once(("page-stamp", plan_id), functools.partial(plans_changed, [plan_id]))
