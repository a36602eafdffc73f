"""A unit's routine text must belong to a unit of the plan's own municipality.

The rule spans three tables, which a CHECK constraint cannot express, so a
trigger enforces it in PostgreSQL, the production database. SQLite (the
embedded development default) gets no trigger: Django rebuilds SQLite tables
on schema changes, and SQLite refuses to rename a table while a trigger
elsewhere names it. There UnitRoutineText.save() checks the rule.
"""

from django.db import migrations

EXISTS = """
    SELECT 1 FROM routines_routine r
    JOIN routines_plan p ON p.id = r.plan_id
    JOIN routines_unit u ON u.municipality_id = p.municipality_id
    WHERE r.id = NEW.routine_id AND u.id = NEW.unit_id
"""

POSTGRESQL_CREATE = f"""
CREATE OR REPLACE FUNCTION routines_unit_text_same_municipality() RETURNS trigger AS $$
BEGIN
    IF NOT EXISTS ({EXISTS}) THEN
        RAISE EXCEPTION 'unit_text_unit_in_plan_municipality' USING ERRCODE = '23514';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER routines_unit_text_same_municipality
    BEFORE INSERT OR UPDATE ON routines_unitroutinetext
    FOR EACH ROW EXECUTE FUNCTION routines_unit_text_same_municipality();
"""
POSTGRESQL_DROP = """
DROP TRIGGER IF EXISTS routines_unit_text_same_municipality ON routines_unitroutinetext;
DROP FUNCTION IF EXISTS routines_unit_text_same_municipality();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_DROP)


class Migration(migrations.Migration):
    dependencies = [("routines", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
