from django.db import migrations, models

from routines.names import rename_twins


def number_twins(apps, schema_editor):
    # Actors of one plan that share a name get a number, listed as they are renamed.
    rename_twins(apps.get_model("routines", "Actor"), "actor")


class Migration(migrations.Migration):
    dependencies = [
        ("routines", "0008_lifecycle"),
    ]

    operations = [
        migrations.RunPython(number_twins, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="actor",
            constraint=models.UniqueConstraint(fields=("plan", "name"), name="actor_name_unique_in_plan"),
        ),
    ]
