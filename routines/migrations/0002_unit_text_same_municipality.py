"""A unit's routine text must belong to a unit of the plan's own municipality.

The rule spans three tables, which a CHECK constraint cannot express, so a
trigger enforces it in the database for both supported backends.
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

SQLITE_CREATE = [
    f"""
    CREATE TRIGGER routines_unit_text_same_municipality_{event.lower()}
    BEFORE {event} ON routines_unitroutinetext
    WHEN NOT EXISTS ({EXISTS})
    BEGIN SELECT RAISE(ABORT, 'unit_text_unit_in_plan_municipality'); END;
    """
    for event in ("INSERT", "UPDATE")
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS routines_unit_text_same_municipality_{event};" for event in ("insert", "update")
]


def create(apps, schema_editor):
    run(schema_editor, POSTGRESQL_CREATE, SQLITE_CREATE)


def drop(apps, schema_editor):
    run(schema_editor, POSTGRESQL_DROP, SQLITE_DROP)


def run(schema_editor, postgresql, sqlite):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(postgresql)
    elif vendor == "sqlite":
        for statement in sqlite:
            schema_editor.execute(statement)
    else:
        raise NotImplementedError(f"KIBS supports PostgreSQL and SQLite, not {vendor}.")


class Migration(migrations.Migration):
    dependencies = [("routines", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
