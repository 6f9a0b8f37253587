"""Many rows into one table without model instances: COPY on PostgreSQL, executemany elsewhere.

Django's `bulk_create` builds a model instance per row; for a million stamps, or the scans a
server process gathered in half a second, that is most of the cost.
"""

from collections.abc import Iterable, Sequence

from django.db import connection
from django.db.models import Model

# the field types whose Python values SQLite cannot take as they are (PostgreSQL's COPY can)
_PREPARED = {"DateTimeField", "DateField", "DecimalField"}


def insert_rows(model: type[Model], fields: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Insert `rows`, each a sequence of values for `fields` (field names) of `model`."""
    meta = model._meta
    model_fields = [meta.get_field(name) for name in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in model_fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {meta.db_table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        prepare = [f.get_db_prep_save if f.get_internal_type() in _PREPARED else None
                   for f in model_fields]
        if any(prepare):
            rows = [[p(v, connection) if p else v for p, v in zip(prepare, row, strict=True)]
                    for row in rows]
        marks = ", ".join(["%s"] * len(model_fields))
        cursor.executemany(f"INSERT INTO {meta.db_table} ({columns}) VALUES ({marks})", rows)
