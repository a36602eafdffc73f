"""Every view fetches through an access module (docs/architecture.md, "Who may see what").

The views modules never call get_object_or_404/get_list_or_404 nor a tenant
model's `.objects`: scoping lives in `<app>/access.py`, once. And every view
served by a URL starts with a call into an access module, directly or through
a helper of its own module that does.
"""

import ast
import importlib.util
import inspect
import sys
from pathlib import Path

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(__file__).resolve().parent.parent
APPS = ["ops", "accounts", "routines", "meetings", "identity", "documents"]
TENANT_ROOTS = {("routines", "Municipality"), ("routines", "Plan"), ("routines", "Region")}
SHORTCUTS = {"get_object_or_404", "get_list_or_404"}

# Views that serve what needs no user to scope by: they start elsewhere, on purpose.
NO_ACCESS_CALL = {
    # Choosing the interface language is for anyone, signed in or not; it fetches nothing.
    "accounts.views.set_language",
    # A person's own name: the signed-in user is the only object, there is no one else's to find.
    "accounts.views.profile",
    # A person's own e-mail switches, and the one-click unsubscribe whose signed token is its proof.
    "accounts.views.email_settings",
    "accounts.views.unsubscribe",
    # The privacy page and the accessibility statement are public and show no tenant's data.
    "ops.views.privacy",
    "ops.views.accessibility_statement",
    # The start and the return of a login through an identity provider: allauth's flow, for someone
    # not logged in yet; the provider is found by the public id in the address, and 404 without one.
    "identity.oidc.login",
    "identity.oidc.callback",
    # Health checks answer the load balancer, not a user.
    "ops.health.health",
    # Old addresses that redirect to the page that replaced them, which checks.
    "documents.views.units.unit_text_edit_moved",
    "meetings.views.parts.entry_list_moved",
}


def tenant_models():
    """Names of the routines and meetings models that belong to a municipality, plan or region."""

    def belongs(model, seen):
        if (model._meta.app_label, model.__name__) in TENANT_ROOTS:
            return True
        seen = seen | {model}
        return any(
            belongs(field.related_model, seen)
            for field in model._meta.get_fields()
            if field.concrete
            and field.is_relation
            and field.related_model not in seen
            and field.many_to_one
            or field.concrete
            and field.one_to_one
            and field.related_model not in seen
        )

    models = [model for label in ("routines", "meetings") for model in apps.get_app_config(label).get_models()]
    return {model.__name__ for model in models if belongs(model, frozenset())}


def lookup_violations(source, tenants):
    """(line, what) for every call of a shortcut and every `Tenant.objects` in `source`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in SHORTCUTS:
                found.append((node.lineno, name))
        elif (
            isinstance(node, ast.Attribute)
            and node.attr == "objects"
            and isinstance(node.value, ast.Name)
            and node.value.id in tenants
        ):
            found.append((node.lineno, f"{node.value.id}.objects"))
    return found


def _imported(tree):
    """{name: module} for every name the module imports from another module."""
    names = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            # `from routines import access` imports a module; `from .access import f` a function of one.
            names |= {
                alias.asname or alias.name: alias.name if alias.name == "access" else node.module or ""
                for alias in node.names
            }
        elif isinstance(node, ast.Import):
            names |= {alias.asname or alias.name: alias.name for alias in node.names}
    return names


def _is_access(module):
    return module.split(".")[-1] == "access"


def _first_statement(function):
    body = function.body
    if (
        isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    ):
        body = body[1:]
    return body[0] if body else None


def _called_name(statement):
    """The name called first by `x = f(...)…`, `return f(...)` or `f(...)`: `f`, or `access` for `access.f(...)`."""
    value = getattr(statement, "value", None)
    if not isinstance(value, ast.Call):
        return None
    func = value.func
    while isinstance(func, (ast.Attribute, ast.Call)):
        func = func.value if isinstance(func, ast.Attribute) else func.func
    return func.id if isinstance(func, ast.Name) else None


def _source_of(module):
    return Path(importlib.util.find_spec(module).origin).read_text(encoding="utf-8")


def starts_with_access(source, view_name, source_of=_source_of):
    """Whether the function `view_name` of `source` starts with a call into an access module.

    A call of a helper that starts so counts too: a function of the same
    module, or one imported from another views module (read by `source_of`).
    """
    seen = set()
    tree, name = ast.parse(source), view_name
    while (id(tree), name) not in seen:
        seen.add((id(tree), name))
        imported = _imported(tree)
        functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
        if name in imported and _is_access(imported[name]):
            return True
        if name in imported and ".views" in imported[name]:
            tree = ast.parse(source_of(imported[name]))
            continue
        if name not in functions:
            return False
        statement = _first_statement(functions[name])
        name = _called_name(statement) if statement is not None else None
    return False


def views_served():
    """{"module.function": module} for every function view a URL pattern serves."""
    found = {}

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                view = inspect.unwrap(pattern.callback)
                module = getattr(view, "__module__", "")
                if module.split(".")[0] in APPS:
                    found[f"{module}.{view.__name__}"] = sys.modules[module]

    walk(get_resolver().url_patterns)
    return found


SNIPPET = '''
from django.shortcuts import get_object_or_404
from routines.access import get_plan_for_user
from routines.models import Plan
from . import access
from routines.views.parts import part_list


def good(request, pk):
    """Reads a plan."""
    plan = get_plan_for_user(request.user, pk)
    return render(request, "x.html", {"plan": plan})


def good_through_helper(request, pk):
    return _helper(request, pk)


def _helper(request, pk):
    unit, plan = access.get_unit_and_plan(request.user, pk)


def through_another_views_module(request, pk):
    return part_list(request, pk)


def bad(request, pk):
    plan = get_object_or_404(Plan.objects.filter(published=True), pk=pk)
    return get_plan_for_user(request.user, plan.pk)


def loops(request):
    return loops(request)
'''


def test_the_checks_find_what_they_look_for():
    assert lookup_violations(SNIPPET, {"Plan"}) == [(28, "get_object_or_404"), (28, "Plan.objects")]
    assert lookup_violations("Plan.objects.all()", set()) == []
    assert starts_with_access(SNIPPET, "good")
    assert starts_with_access(SNIPPET, "good_through_helper")
    assert starts_with_access(SNIPPET, "through_another_views_module")
    assert not starts_with_access(SNIPPET, "through_another_views_module", source_of=lambda module: "")
    assert not starts_with_access(SNIPPET, "bad")
    assert not starts_with_access(SNIPPET, "loops")


def test_tenant_models_come_from_the_apps():
    tenants = tenant_models()
    assert {"Municipality", "Plan", "Region", "Unit", "Duty", "UnitRoutineText", "Gathering", "WorkGroup"} <= tenants
    assert {"ProgressEntry", "FeedToken", "Membership", "ReadConfirmation"} <= tenants


def test_no_views_module_looks_up_a_tenant_object_itself():
    tenants = tenant_models()
    modules = [*ROOT.glob("*/views/*.py"), *ROOT.glob("*/views.py")]
    assert modules
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in sorted(modules)
        if path.parts[-3 if path.parent.name == "views" else -2] in APPS
        and (found := lookup_violations(path.read_text(encoding="utf-8"), tenants))
    }
    assert offenders == {}


def test_every_view_starts_with_an_access_call():
    served = views_served()
    assert len(served) > 50
    offenders = sorted(
        name
        for name, module in served.items()
        if name not in NO_ACCESS_CALL and not starts_with_access(inspect.getsource(module), name.rsplit(".", 1)[1])
    )
    assert offenders == []


def test_the_exceptions_are_still_views():
    assert NO_ACCESS_CALL <= set(views_served())
