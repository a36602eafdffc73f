from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0007_entry_kind_and_precision"),
        ("routines", "0008_lifecycle"),
    ]

    operations = [
        migrations.AddField(
            model_name="arena",
            name="rhythm",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "No fixed rhythm"),
                    ("weekly", "Every week"),
                    ("every_second_week", "Every second week"),
                    ("monthly", "Monthly, on a weekday of a given week"),
                    ("per_term", "A number of times a term"),
                    ("as_needed", "As needed"),
                ],
                default="",
                max_length=20,
                verbose_name="rhythm",
            ),
        ),
        migrations.AddField(
            model_name="arena",
            name="rhythm_starts_at",
            field=models.TimeField(blank=True, null=True, verbose_name="at"),
        ),
        migrations.AddField(
            model_name="arena",
            name="rhythm_starts_on",
            field=models.DateField(
                blank=True,
                help_text="For every week or every second week: the first date.",
                null=True,
                verbose_name="first meeting",
            ),
        ),
        migrations.AddField(
            model_name="arena",
            name="rhythm_times",
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="times a term"),
        ),
        migrations.AddField(
            model_name="arena",
            name="rhythm_week",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="1 for the first … 4 for the fourth, 5 for the last.",
                null=True,
                verbose_name="week of the month",
            ),
        ),
        migrations.AddField(
            model_name="arena",
            name="rhythm_weekday",
            field=models.PositiveSmallIntegerField(
                blank=True,
                choices=[(0, 0), (1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 6)],
                null=True,
                verbose_name="weekday",
            ),
        ),
        migrations.AddField(
            model_name="historicalarena",
            name="rhythm",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "No fixed rhythm"),
                    ("weekly", "Every week"),
                    ("every_second_week", "Every second week"),
                    ("monthly", "Monthly, on a weekday of a given week"),
                    ("per_term", "A number of times a term"),
                    ("as_needed", "As needed"),
                ],
                default="",
                max_length=20,
                verbose_name="rhythm",
            ),
        ),
        migrations.AddField(
            model_name="historicalarena",
            name="rhythm_starts_at",
            field=models.TimeField(blank=True, null=True, verbose_name="at"),
        ),
        migrations.AddField(
            model_name="historicalarena",
            name="rhythm_starts_on",
            field=models.DateField(
                blank=True,
                help_text="For every week or every second week: the first date.",
                null=True,
                verbose_name="first meeting",
            ),
        ),
        migrations.AddField(
            model_name="historicalarena",
            name="rhythm_times",
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="times a term"),
        ),
        migrations.AddField(
            model_name="historicalarena",
            name="rhythm_week",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="1 for the first … 4 for the fourth, 5 for the last.",
                null=True,
                verbose_name="week of the month",
            ),
        ),
        migrations.AddField(
            model_name="historicalarena",
            name="rhythm_weekday",
            field=models.PositiveSmallIntegerField(
                blank=True,
                choices=[(0, 0), (1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 6)],
                null=True,
                verbose_name="weekday",
            ),
        ),
        migrations.AddConstraint(
            model_name="arena",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("rhythm__in", ["", "weekly", "every_second_week", "monthly", "per_term", "as_needed"])
                ),
                name="arena_rhythm_valid",
            ),
        ),
    ]
