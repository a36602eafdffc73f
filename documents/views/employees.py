"""A unit's employees: who they are, which version each has confirmed, adding and removing them.

The unit's leader (and the municipality's advisors) paste e-mail addresses;
routines.employees makes the accounts and sends the invitations.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from documents.forms import EmployeesForm
from documents.unit_obligations import employee_rows
from routines.access import get_employee_membership, get_unit_for_managing_employees
from routines.editing import confirm_delete, posted
from routines.employees import add_employees


@login_required
def unit_employees(request, unit_pk):
    unit = get_unit_for_managing_employees(request.user, unit_pk)
    form = EmployeesForm(posted(request))
    if form.is_bound and form.is_valid():
        result = add_employees(unit, form.cleaned_data["addresses"], request.build_absolute_uri("/"))
        _report(request, result)
        return redirect("documents:unit_employees", unit_pk=unit.pk)
    plan = unit.municipality.plan_in_force()
    rows = employee_rows(unit, plan)
    context = {
        "unit": unit,
        "municipality": unit.municipality,
        "plan": plan,
        "rows": rows,
        "confirmed": sum(row["counts"] for row in rows),
        "form": form,
    }
    return render(request, "documents/unit/employees.html", context, status=400 if form.is_bound else 200)


def _report(request, result):
    if result.invited:
        count = len(result.invited)
        messages.success(
            request,
            ngettext(
                "%(count)d new employee got an e-mail to choose a password.",
                "%(count)d new employees got an e-mail to choose a password.",
                count,
            )
            % {"count": count},
        )
    if result.added:
        count = len(result.added)
        messages.success(
            request,
            ngettext(
                "%(count)d person who already had an account is now an employee of the unit.",
                "%(count)d people who already had an account are now employees of the unit.",
                count,
            )
            % {"count": count},
        )
    if result.already:
        names = ", ".join(user.email for user in result.already)
        messages.info(request, _("Already employees of the unit: %(names)s") % {"names": names})
    if result.elsewhere:
        names = ", ".join(user.email for user in result.elsewhere)
        messages.warning(
            request,
            _("Not added, as they have another role in the municipality already: %(names)s") % {"names": names},
        )


@login_required
def employee_remove(request, unit_pk, user_pk):
    membership = get_employee_membership(request.user, unit_pk, user_pk)
    unit, person = membership.unit, membership.user
    back = reverse("documents:unit_employees", args=[unit.pk])
    context = {"layout": "municipality_base.html", "municipality": unit.municipality, "cancel_url": back}
    name = person.get_full_name() or person.email or person.username
    return confirm_delete(
        request,
        membership,
        context,
        success_url=back,
        success_message=_("%(name)s is no longer an employee of %(unit)s.") % {"name": name, "unit": unit.name},
    )
