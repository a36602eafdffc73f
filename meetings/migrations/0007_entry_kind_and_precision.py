from django.db import migrations, models

from routines.school_year import guess_kind_and_precision


def read_existing_entries(apps, schema_editor):
    """Entries saved before kinds existed get what their dates and text say; copies are reviewed anyway."""
    ProgressEntry = apps.get_model("meetings", "ProgressEntry")
    for entry in ProgressEntry.objects.all():
        kind, precision = guess_kind_and_precision(entry.starts_on, entry.ends_on, entry.content)
        if (kind, precision) != ("meeting", "day"):
            if precision != "day":
                entry.starts_at = entry.ends_at = None
            ProgressEntry.objects.filter(pk=entry.pk).update(
                kind=kind, precision=precision, starts_at=entry.starts_at, ends_at=entry.ends_at
            )


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0006_entry_unit_owner"),
        ("routines", "0007_unit_page_progress_and_confirmations"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalprogressentry",
            name="kind",
            field=models.CharField(
                choices=[
                    ("meeting", "Meeting"),
                    ("deadline", "Deadline"),
                    ("course", "Course or gathering"),
                    ("task", "Task in a period"),
                ],
                default="meeting",
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.AddField(
            model_name="historicalprogressentry",
            name="precision",
            field=models.CharField(
                choices=[("day", "A day or days"), ("months", "Whole months"), ("term", "A term")],
                default="day",
                max_length=10,
                verbose_name="time given as",
            ),
        ),
        migrations.AddField(
            model_name="progressentry",
            name="kind",
            field=models.CharField(
                choices=[
                    ("meeting", "Meeting"),
                    ("deadline", "Deadline"),
                    ("course", "Course or gathering"),
                    ("task", "Task in a period"),
                ],
                default="meeting",
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.AddField(
            model_name="progressentry",
            name="precision",
            field=models.CharField(
                choices=[("day", "A day or days"), ("months", "Whole months"), ("term", "A term")],
                default="day",
                max_length=10,
                verbose_name="time given as",
            ),
        ),
        migrations.RunPython(read_existing_entries, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="progressentry",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind__in", ["meeting", "deadline", "course", "task"])), name="entry_kind_valid"
            ),
        ),
        migrations.AddConstraint(
            model_name="progressentry",
            constraint=models.CheckConstraint(
                condition=models.Q(("precision__in", ["day", "months", "term"])), name="entry_precision_valid"
            ),
        ),
        migrations.AddConstraint(
            model_name="progressentry",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("precision", "day"),
                    models.Q(("ends_on__isnull", False), ("starts_at__isnull", True)),
                    _connector="OR",
                ),
                name="entry_months_and_terms_are_spans_without_times",
            ),
        ),
    ]
