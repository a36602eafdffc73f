"""Walk every named URL of the project, with real objects for its parameters.

Security tests (headers, scoping, CSRF, no data change on GET, XSS) run over
all of the project's named URLs rather than a hand-kept list, so a new view
is covered the day it is added. A parameter is filled from a "world": one
municipality with one object of every plan model, made with the conftest
helpers. A URL whose parameters cannot be guessed may answer 404; the tests
accept that, and the guessing can be taught new names in PARAMETER_MODELS.
"""

import datetime
import io
import itertools
import re

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import URLResolver, get_resolver, reverse

from meetings.models import AgendaItem, FeedToken, Gathering, GroupWork, GroupWorkStep, PreworkNote, WorkGroup
from routines.models import FocusArea, LegalReference, Membership, Plan, Routine
from tests.support.factories import (
    make_actor,
    make_arena,
    make_attachment,
    make_entry,
    make_member,
    make_milestone,
    make_municipality,
    make_plan,
    make_region,
    make_routine,
    make_school_calendar,
    make_section,
    make_target_group,
    make_unit,
    make_unit_text,
)

_users = itertools.count(1)

# URL name or parameter words that do not spell the model's name.
PARAMETER_MODELS = {
    "unit_text": "unitroutinetext",
    "text": "unitroutinetext",
    "entry": "progressentry",
    "progress_entry": "progressentry",
    "focus_area": "focusarea",
    "target_group": "targetgroup",
    "legal_reference": "legalreference",
    "reference": "legalreference",
    "user": "user",
    "agenda_item": "agendaitem",
    "group_work": "groupwork",
    "group_work_step": "groupworkstep",
    "work_group": "workgroup",
    # A new link or file is added to its routine or section.
    "routine_attachment_create": "routine",
    "section_attachment_create": "section",
    "arena_attachment_create": "arena",
    "gathering_attachment_create": "gathering",
}

# What a `parent_pk` names: the object a new gathering part is added to.
PARENT_MODELS = {
    "meetings:agenda_item_create": "gathering",
    "meetings:group_work_create": "gathering",
    "meetings:group_work_step_create": "groupwork",
    "meetings:work_group_create": "groupwork",
}


def named_urls():
    """(name, parameter names) of every named URL pattern, namespaces included."""

    def walk(patterns, namespace, parameters):
        for pattern in patterns:
            own = list(pattern.pattern.regex.groupindex)
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner, parameters + own)
            elif pattern.name:
                yield f"{namespace}{pattern.name}", parameters + own

    return sorted(set((name, tuple(params)) for name, params in walk(get_resolver().url_patterns, "", [])))


class World:
    """One municipality with an object of every plan model; every free-text field holds `text`."""

    def __init__(self, text, region=None):
        self.region = region or make_region()
        self.municipality = make_municipality(region=self.region)
        self.unit = make_unit(self.municipality)
        self.plan = make_plan(self.municipality)
        actor = make_actor(self.plan, duties=["Plikt"])
        milestone = make_milestone(self.plan)
        routine = make_routine(self.plan, scope=Routine.Scope.UNIT, responsible=actor)
        routine.milestones.add(milestone)
        target_group = make_target_group(self.plan)
        arena = make_arena(self.plan)
        entry = make_entry(self.plan, arena=arena)
        entry.target_groups.add(target_group)
        entry.milestones.add(milestone)
        # The public page shows only an approved plan, so it is a second plan:
        # the first stays a draft for the editing pages.
        self.published_plan = make_plan(
            self.municipality,
            school_year=self.plan.school_year - 1,
            status=Plan.Status.APPROVED,
            published=True,
            public_slug=f"{self.municipality.slug}-offentlig",
        )
        self.public_attachment = make_attachment(make_routine(self.published_plan))
        section = make_section(self.plan)
        gathering = Gathering.objects.create(region=self.region, title="Samling", date=datetime.date(2025, 3, 21))
        agenda_item = AgendaItem.objects.create(gathering=gathering, starts_at=datetime.time(9), title="Post")
        group_work = GroupWork.objects.create(gathering=gathering, agenda_item=agenda_item, title="Gruppearbeid")
        work_group = WorkGroup.objects.create(group_work=group_work, name="Gruppe")
        work_group.municipalities.add(self.municipality)
        school_calendar = make_school_calendar(
            self.municipality,
            self.plan.school_year,
            breaks=[("winter", datetime.date(self.plan.school_year + 1, 2, 26), None)],
        )
        objects = [
            self.region,
            self.municipality,
            self.unit,
            self.plan,
            FocusArea.objects.create(plan=self.plan, name="Fokus", goals="Mål"),
            section,
            make_attachment(section),
            actor,
            actor.duties.get(),
            milestone,
            routine,
            LegalReference.objects.create(routine=routine, citation="Lov", url="https://lovdata.no/"),
            make_attachment(routine),
            make_unit_text(routine, self.unit),
            target_group,
            arena,
            make_attachment(arena),
            entry,
            gathering,
            make_attachment(gathering),
            agenda_item,
            group_work,
            GroupWorkStep.objects.create(group_work=group_work, text="Steg"),
            work_group,
            PreworkNote.objects.create(gathering=gathering, municipality=self.municipality, text="Forarbeid"),
            school_calendar,
            school_calendar.breaks.get(),
        ]
        for obj in [*objects, self.published_plan]:
            fill_text_fields(obj, text)
        self.objects = {obj._meta.model_name: obj for obj in objects}
        self.feed_token = FeedToken.objects.create(plan=self.plan, token=f"feed-{self.municipality.slug}")
        self.history_id = routine.history.latest().history_id
        # Users without a password: hashing one costs a third of a second.
        self.members = {
            "advisor": make_member(Membership.Role.ADVISOR, self.municipality, user=passwordless_user()),
            "reader": make_member(Membership.Role.READER, self.municipality, user=passwordless_user()),
            "unit_leader": make_member(Membership.Role.UNIT_LEADER, unit=self.unit, user=passwordless_user()),
            "coordinator": make_member(Membership.Role.COORDINATOR, region=self.region, user=passwordless_user()),
        }
        # A `user_pk` names a person of the unit: an employee its leader may remove.
        self.objects["user"] = make_member(Membership.Role.EMPLOYEE, unit=self.unit, user=passwordless_user())

    def model_for(self, url_name, parameter):
        """The world's object a parameter most likely names, or None."""
        if parameter not in ("pk", "id", "object_id"):
            word = re.sub(r"(_pk|_id|_slug)$", "", parameter)
            return self._lookup([word])
        words = url_name.split(":")[-1].split("_")
        prefixes = ["_".join(words[:n]) for n in range(len(words), 0, -1)]
        return self._lookup(prefixes)

    def _lookup(self, candidates):
        for candidate in candidates:
            name = PARAMETER_MODELS.get(candidate, candidate.replace("_", ""))
            if name in self.objects:
                return self.objects[name]
        return None

    def kwargs_for(self, url_name, parameters):
        return {parameter: self._value(url_name, parameter) for parameter in parameters}

    def _value(self, url_name, parameter):
        if url_name.startswith("admin:"):
            return self._admin_value(url_name, parameter)
        special = self._special_value(url_name, parameter)
        if special is not None:
            return special
        if "year" in parameter:
            return self.plan.school_year
        obj = self.model_for(url_name, parameter) or self.plan
        if "slug" in parameter:
            return getattr(obj, "slug", self.municipality.slug)
        return obj.pk

    def _secret(self, url_name, parameter):
        """The feed token or public address, which open pages without a login."""
        if parameter == "token":
            return self.feed_token.token
        if url_name in ("documents:public_plan", "documents:public_plan_pdf", "documents:public_attachment") and (
            parameter == "slug"
        ):
            return self.published_plan.public_slug
        return None

    def _special_value(self, url_name, parameter):
        """Parameters whose name does not say which object they take."""
        secret = self._secret(url_name, parameter)
        if secret is not None:
            return secret
        if parameter == "parent_pk":
            return self.objects[PARENT_MODELS[url_name]].pk
        if url_name == "documents:public_attachment":
            return {"part": "routine", "pk": self.public_attachment.pk}[parameter]
        if url_name == "meetings:prework_note_edit" and parameter == "pk":
            return self.objects["gathering"].pk
        if parameter == "part_key":
            return "routine"
        if parameter == "history_id":
            return self.history_id
        return None

    def _admin_value(self, url_name, parameter):
        if parameter == "app_label":
            return "routines"
        if parameter == "content_type_id":
            return ContentType.objects.get_for_model(self.plan).pk
        model = _admin_model(url_name)
        if model is None:
            return self.plan.pk
        obj = self.objects.get(model._meta.model_name) or model.objects.order_by("pk").first()
        return obj.pk if obj else 0

    def urls(self, secrets_of=None):
        """(name, path) for every named URL, parameters filled from this world.

        With `secrets_of`, the feed token and public address are that other
        world's: an outsider's secret with this world's ids.
        """
        result = []
        for name, parameters in named_urls():
            kwargs = self.kwargs_for(name, parameters)
            if secrets_of is not None:
                kwargs = {
                    parameter: secrets_of._secret(name, parameter) or value for parameter, value in kwargs.items()
                }
            if name == "password_reset_confirm":
                kwargs = {"uidb64": "MQ", "token": "set-password"}
            result.append((name, reverse(name, kwargs=kwargs)))
        return result


def passwordless_user(**fields):
    user = get_user_model()(username=f"walker-{next(_users)}", **fields)
    user.set_unusable_password()
    user.save()
    return user


def superuser():
    return passwordless_user(is_staff=True, is_superuser=True)


def _admin_model(url_name):
    view = url_name.removeprefix("admin:")
    for model in apps.get_models():
        if view.startswith(f"{model._meta.app_label}_{model._meta.model_name}_"):
            return model
    return None


def fill_text_fields(obj, text):
    """Put `text` into every free-text field: titles, names, bodies, comments."""
    for field in obj._meta.concrete_fields:
        if (
            isinstance(field, (models.CharField, models.TextField))
            and not isinstance(field, (models.SlugField, models.URLField, models.EmailField))
            and not field.choices
            and field.editable
        ):
            value = f"{text} {field.name}"
            setattr(obj, field.attname, value[: field.max_length] if field.max_length else value)
    obj.save()


def response_text(response):
    """Everything a response shows: HTML or text, a PDF's text, a redirect's target."""
    if response.streaming:
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    parts = [response.get("Location", "")]
    if response.get("Content-Type", "").startswith("application/pdf"):
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(body))
        parts.extend(page.extract_text() for page in reader.pages)
        parts.append(str(reader.metadata))
    parts.append(body.decode("utf-8", errors="replace"))
    return "\n".join(parts)
