from django.db import migrations

from ops.accessibility import AUDIT_STATEMENT


def fill_from_audit(apps, schema_editor):
    statements = apps.get_model("ops", "AccessibilityStatement").objects
    if not statements.exists():
        statements.create(**AUDIT_STATEMENT)


class Migration(migrations.Migration):
    dependencies = [("ops", "0001_accessibility_statement")]

    operations = [migrations.RunPython(fill_from_audit, migrations.RunPython.noop)]
