"""Approval, revision and publication of a plan.

SQLite applies the unique public address and the new check constraint by
rebuilding routines_plan, and refuses to rename the rebuilt table while the
unit-text trigger of 0002 refers to it; so on SQLite the trigger is dropped
first and created again at the end.
"""

import importlib

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

unit_text_trigger = importlib.import_module("routines.migrations.0002_unit_text_same_municipality")


def drop_trigger_on_sqlite(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        unit_text_trigger.drop(apps, schema_editor)


def create_trigger_on_sqlite(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        unit_text_trigger.create(apps, schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ('routines', '0004_history'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(drop_trigger_on_sqlite, create_trigger_on_sqlite),
        migrations.AddField(
            model_name='historicalplan',
            name='approved_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='approved'),
        ),
        migrations.AddField(
            model_name='historicalplan',
            name='approved_by',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='approved by'),
        ),
        migrations.AddField(
            model_name='historicalplan',
            name='public_slug',
            field=models.SlugField(blank=True, editable=False, max_length=100, null=True, verbose_name='public address'),
        ),
        migrations.AddField(
            model_name='historicalplan',
            name='published',
            field=models.BooleanField(default=False, editable=False, verbose_name='published'),
        ),
        migrations.AddField(
            model_name='historicalplan',
            name='revision_of',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='routines.plan', verbose_name='revision of'),
        ),
        migrations.AddField(
            model_name='plan',
            name='approved_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='approved'),
        ),
        migrations.AddField(
            model_name='plan',
            name='approved_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='approved by'),
        ),
        migrations.AddField(
            model_name='plan',
            name='public_slug',
            field=models.SlugField(blank=True, editable=False, max_length=100, null=True, unique=True, verbose_name='public address'),
        ),
        migrations.AddField(
            model_name='plan',
            name='published',
            field=models.BooleanField(default=False, editable=False, verbose_name='published'),
        ),
        migrations.AddField(
            model_name='plan',
            name='revision_of',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='revisions', to='routines.plan', verbose_name='revision of'),
        ),
        migrations.AddConstraint(
            model_name='plan',
            constraint=models.CheckConstraint(condition=models.Q(('published', False), ('status', 'approved'), _connector='OR'), name='plan_published_only_when_approved'),
        ),
        migrations.RunPython(create_trigger_on_sqlite, drop_trigger_on_sqlite),
    ]
