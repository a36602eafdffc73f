"""The apps are layers, and each builds only on those below it (docs/architecture.md).

    ops, accounts  ←  routines  ←  meetings, identity  ←  documents

A module or template of one layer never reaches a layer above it: no
import, no template it extends, includes or loads tags from, and no URL
name it reverses or links. The site's frame (kibs/, the top-level
templates such as base.html and plan_base.html) sits above them all.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["ops", "accounts", "routines", "meetings", "identity", "documents"]
RANK = {"ops": 0, "accounts": 0, "routines": 1, "meetings": 2, "identity": 2, "documents": 3}
UPPER = "|".join(LAYERS)
# A URL name ("meetings:arena_list") or a template name ("documents/plan_detail.html") in a string.
REFERENCE = re.compile(rf"^(?P<app>{UPPER})(?::\w+$|/[\w/.-]+\.(?:html|txt|css)$)")
TEMPLATE_TAG = re.compile(
    rf"""\{{%\s*(?:extends|include)\s+["'](?P<path>(?P<app>{UPPER})/[^"']+)["']"""
    rf"""|\{{%\s*url\s+["'](?P<url_app>{UPPER}):\w+["']"""
    r"""|\{%\s*load\s+(?P<libraries>[\w\s]+?)\s*%\}"""
)


def tag_libraries():
    """Which app each template tag library belongs to."""
    return {path.stem: app for app in LAYERS for path in (ROOT / app).glob("templatetags/*.py")}


def python_violations(source, app):
    """(line, what) for every reference of `source`, a module of `app`, to a layer above it."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and (match := REFERENCE.match(node.value)):
            names = [match["app"]]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if RANK.get(top, -1) > RANK[app]:
                found.append((node.lineno, name))
    return found


def template_violations(text, app, libraries):
    found = []
    for match in TEMPLATE_TAG.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if match["libraries"]:
            apps = [(libraries[name], name) for name in match["libraries"].split() if name in libraries]
        else:
            target = match["app"] or match["url_app"]
            apps = [(target, match.group(0))]
        found += [(line, what) for target, what in apps if RANK[target] > RANK[app]]
    return found


def app_of_template(path):
    """The app a template belongs to: templates/<app>/… or <app>/templates/…; None for the frame."""
    parts = path.relative_to(ROOT).parts
    if parts[0] == "templates":
        return parts[1] if len(parts) > 2 and parts[1] in RANK else None
    return parts[0] if parts[0] in RANK else None


def test_the_checks_find_what_they_look_for():
    assert python_violations("import os\nfrom meetings.models import Arena\n", "routines") == [(2, "meetings.models")]
    assert python_violations("import documents", "meetings") == [(1, "documents")]
    assert python_violations("redirect('documents:plan_detail', 1)", "routines") == [(1, "documents")]
    assert python_violations("render(r, 'meetings/arena_list.html')", "routines") == [(1, "meetings")]
    assert python_violations("from routines.models import Plan\nimport meetingsx\nx = 'meetings: a'", "routines") == []
    assert python_violations("from routines.models import Plan", "documents") == []
    libraries = {"year_wheel": "meetings", "formatting": "routines"}
    page = '{% extends "plan_base.html" %}\n{% load i18n formatting year_wheel %}\n{% url "meetings:x" 1 %}'
    assert template_violations(page, "routines", libraries) == [(2, "year_wheel"), (3, '{% url "meetings:x"')]
    assert template_violations('{% include "documents/unit/_entry.html" %}', "meetings", libraries) == [
        (1, '{% include "documents/unit/_entry.html"')
    ]
    assert template_violations('{% include "routines/x.html" %}{% url "routines:y" %}', "meetings", libraries) == []


@pytest.mark.parametrize("app", LAYERS)
def test_no_module_reaches_a_layer_above(app):
    offenders = {
        str(path.relative_to(ROOT)): lines
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts and (lines := python_violations(path.read_text(encoding="utf-8"), app))
    }
    assert offenders == {}


def test_no_template_reaches_a_layer_above():
    libraries = tag_libraries()
    offenders = {}
    for path in sorted([*ROOT.glob("templates/**/*.*"), *ROOT.glob("*/templates/**/*.*")]):
        app = app_of_template(path)
        if app and path.is_file() and (found := template_violations(path.read_text(encoding="utf-8"), app, libraries)):
            offenders[str(path.relative_to(ROOT))] = found
    assert offenders == {}
