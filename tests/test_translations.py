"""Every translatable string of the source is translated into Bokmål and Nynorsk.

The strings are extracted afresh with makemessages from a copy of the source
tree, so a new template or Python string fails here until both committed
catalogues translate it. Empty and fuzzy entries count as untranslated, as
they do when Django runs: msgfmt leaves them out of the compiled catalogue.
"""

import datetime
import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.template import Context, Template
from django.utils import translation

ROOT = Path(settings.BASE_DIR)
# Not part of the running application, or not source at all.
NOT_SOURCE = {"tests", "benchmarks", "scripts", "docs", "static", "staticfiles", "media", "var", "locale", "db.sqlite3"}


def committed_catalogues(language):
    return sorted(
        path
        for path in ROOT.glob(f"**/locale/{language}/LC_MESSAGES/django.po")
        if not {".venv", ".git"} & set(path.relative_to(ROOT).parts)
    )


def compiled_catalogue(po_file, tmp_path):
    """The entries Django would use from po_file (translated and not fuzzy), as a dict."""
    mo_file = tmp_path / f"{abs(hash(po_file))}.mo"
    # --check-format also fails on a placeholder missing from or added to a translation.
    subprocess.run(["msgfmt", "--check-format", "-o", mo_file, po_file], check=True, capture_output=True, text=True)
    with open(mo_file, "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)._catalog
    return {key: text for key, text in catalogue.items() if key and text}


def compiled_messages(po_file, tmp_path):
    return set(compiled_catalogue(po_file, tmp_path))


@pytest.fixture(scope="module")
def source_messages(tmp_path_factory):
    """Every msgid in the source, as the keys of a compiled catalogue."""
    tmp_path = tmp_path_factory.mktemp("messages")
    source = tmp_path / "source"
    shutil.copytree(
        ROOT, source, ignore=lambda directory, names: [n for n in names if n in NOT_SOURCE or n.startswith(".")]
    )
    (source / "locale").mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(source)
        patch.setattr(settings, "LOCALE_PATHS", [source / "locale"])
        call_command("makemessages", locale=["nb"], no_location=True, verbosity=0)
    extracted = source / "locale" / "nb" / "LC_MESSAGES" / "django.po"
    # msgen fills each msgstr with its msgid, so the compiled file has every key.
    filled = tmp_path / "filled.po"
    subprocess.run(["msgen", "-o", filled, extracted], check=True)
    return compiled_messages(filled, tmp_path)


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_every_source_string_is_translated(source_messages, language, tmp_path):
    translated = set()
    for po_file in committed_catalogues(language):
        translated |= compiled_messages(po_file, tmp_path)
    missing = sorted(str(key).replace("\x04", " | ") for key in source_messages - translated)
    assert not missing, f"{len(missing)} strings without a {language} translation:\n" + "\n".join(missing)


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_the_project_translations_are_the_ones_used(language, tmp_path):
    """A text translated in two catalogues is translated alike, and Django's own catalogues do not win."""
    ours = {}
    for po_file in committed_catalogues(language):
        for key, text in compiled_catalogue(po_file, tmp_path).items():
            ours.setdefault(key, {})[po_file.relative_to(ROOT).parts[0]] = text
    differing = {key: texts for key, texts in ours.items() if len(set(texts.values())) > 1}
    assert not differing, "Translated differently:\n" + "\n".join(f"{k!r}: {texts}" for k, texts in differing.items())
    with translation.override(language):
        used = {
            key: translation.pgettext(*key.split("\x04")) if "\x04" in key else translation.gettext(key)
            for key in ours
            if isinstance(key, str)
        }
    overridden = {key: text for key, text in used.items() if text not in ours[key].values()}
    assert not overridden, "Django's own wins:\n" + "\n".join(f"{k!r}: {t!r}" for k, t in overridden.items())


def test_the_check_sees_the_whole_source(source_messages):
    # Guards the test above against extracting nothing: strings from templates and Python.
    assert "Skip to main content" in source_messages
    assert "Norwegian Nynorsk" in source_messages


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nb", "mandag 14. august 2023"), ("nn", "måndag 14. august 2023"), ("en", "Monday 14. August 2023")],
)
def test_weekday_and_month_names_come_from_django(language, expected):
    with translation.override(language):
        rendered = Template('{{ day|date:"l j. F Y" }}').render(Context({"day": datetime.date(2023, 8, 14)}))
    assert rendered == expected


@pytest.mark.parametrize("language, expected", [("nb", "- Velg et alternativ -"), ("nn", "- Vel eit alternativ -")])
def test_the_empty_choice_of_a_select_box_is_norwegian(language, expected):
    # Django 6.1's own label for it has no Norwegian translation; the project's catalogue gives one.
    from django.db.models.fields import BLANK_CHOICE_LABEL

    with translation.override(language):
        assert str(BLANK_CHOICE_LABEL) == expected
