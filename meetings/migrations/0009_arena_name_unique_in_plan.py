from django.db import migrations, models

from routines.names import rename_twins


def number_twins(apps, schema_editor):
    # Arenas of one plan that share a name get a number, listed as they are renamed.
    rename_twins(apps.get_model("meetings", "Arena"), "arena")


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0008_arena_rhythm"),
    ]

    operations = [
        migrations.RunPython(number_twins, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="arena",
            constraint=models.UniqueConstraint(fields=("plan", "name"), name="arena_name_unique_in_plan"),
        ),
    ]
