"""Who may read what of the whole plan: the region's shared plans, the history pages, the public page.

The rule is routines.access's: 404 when the object is none of the user's
business (scoped inside the lookup), 403 when the user sees it but may not
do this. A published, approved plan is for anyone, without login.
"""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext as _

from meetings.models import ArenaAttachment
from routines.access import can_read_history, get_plan_for_editing, get_plan_for_user, refuse
from routines.history import get_part, records_of_plan, with_labels
from routines.models import Membership, Plan, RoutineAttachment, SectionAttachment
from routines.page_cache import kept_page


def get_published_plan(slug):
    """The published plan at its public address (its parts are fetched when needed: Plan.load_all_parts)."""
    plans = Plan.objects.filter(published=True, status=Plan.Status.APPROVED).select_related("municipality")
    plan = get_object_or_404(plans, public_slug=slug)
    if len(_published) > 10_000:
        _published.clear()
    _published[slug] = (plan.pk, plan.language)
    return plan


# The public addresses this process has served: (plan id, language) by slug.
_published = {}


def get_kept_public_page(request, slug):
    """The published plan's page as kept in the cache, found without a query; None: ask get_published_plan.

    Only a page kept for this address whose plan's stamp is unchanged and whose digest was checked within
    the last minute is answered (routines.page_cache.kept_page): withdrawing the plan, changing its
    language or address, or any edit renews the stamp, and then the address is looked up again.
    """
    known = _published.get(slug)
    if known is None:
        return None
    plan_pk, language = known
    with translation.override(language):
        return kept_page(request, plan_pk, "public", slug)


def get_published_attachment(slug, part, pk):
    """A file of a routine, section or arena of the published plan at `slug`: anyone may read what it shows."""
    paths = {
        "routine": (RoutineAttachment, "routine__plan"),
        "section": (SectionAttachment, "section__plan"),
        "arena": (ArenaAttachment, "arena__plan"),
    }
    if part not in paths:
        raise Http404
    model, plan_path = paths[part]
    published = {f"{plan_path}__published": True, f"{plan_path}__status": Plan.Status.APPROVED}
    return get_object_or_404(model.objects.filter(**published), **{f"{plan_path}__public_slug": slug, "pk": pk})


# Learning from each other: the region's plans


def get_readable_plans(user):
    """The user's own plans (any status) and the approved plans shared in their region."""
    return Plan.objects.filter(
        Q(pk__in=Plan.objects.visible_to(user).values("pk"))
        | Q(pk__in=Plan.objects.shared_in_region_with(user).values("pk"))
    )


def get_region_shared_plans(user):
    """The approved plans of the other municipalities in the user's regions."""
    return Plan.objects.shared_in_region_with(user)


def get_readable_plan(user, pk):
    return get_object_or_404(get_readable_plans(user).with_all_parts(), pk=pk)


def plans_read_on_pages(user, plan_pks):
    """Which of these plans the user reads on the plan's own pages; the others only as the region's shared plans."""
    return set(Plan.objects.visible_to(user).filter(pk__in=plan_pks).values_list("pk", flat=True))


# The history of a plan


def get_plan_for_history(user, pk):
    """A plan whose history the user reads: 403 for readers and the region, who see the plan but not who changed it."""
    plan = get_plan_for_user(user, pk)
    if not can_read_history(user, plan):
        refuse(plan, _("The history of a plan is for its municipality's advisors and unit leaders."))
    return plan


def part_records(part, plan):
    """The stored versions of one kind of part of the plan, labelled, with who saved them."""
    return with_labels(part, records_of_plan(part, plan.pk)).select_related("history_user")


def get_plan_version(user, pk, part_key, history_id, restoring=False):
    """(plan, part, version) of a part of the plan: to read, or, while a draft, for its advisors to restore."""
    plan = get_plan_for_editing(user, pk) if restoring else get_plan_for_history(user, pk)
    part = get_part(part_key)
    return plan, part, get_object_or_404(part_records(part, plan), history_id=history_id)


# The home page: what each of the user's roles asks of them now


def get_own_memberships(user):
    """The user's own roles, with their unit, municipality and region: what the home page is built from."""
    return list(Membership.objects.filter(user=user).select_related("unit", "municipality", "region"))
