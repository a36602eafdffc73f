"""routines is the base app: meetings builds on it, never the other way round."""

import ast
from pathlib import Path

ROUTINES = Path(__file__).resolve().parent.parent / "routines"


def meetings_imports(source):
    """The lines of `source` that import the meetings app."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            modules = [node.module]
        else:
            continue
        if any(module == "meetings" or module.startswith("meetings.") for module in modules):
            lines.append(node.lineno)
    return lines


def test_the_check_finds_an_import_of_meetings():
    assert meetings_imports("import os\nfrom meetings.models import Arena\n") == [2]
    assert meetings_imports("import meetings") == [1]
    assert meetings_imports("from routines.models import Plan\nimport meetingsx") == []


def test_no_module_of_routines_imports_meetings():
    offenders = {
        str(path.relative_to(ROUTINES.parent)): lines
        for path in sorted(ROUTINES.rglob("*.py"))
        if (lines := meetings_imports(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}
