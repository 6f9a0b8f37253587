"""The demo database kept as rows, put back in well under a second.

A test that commits (browser tests, tests with worker or server processes) ends with every table
flushed. The next one needs the demo again: loading the seeds takes half a minute and Django's
serialised rollback (JSON, one ``save()`` per row) several seconds; copying the rows back table
by table in multi-row INSERTs, with the foreign keys checked at commit, is a fraction of that.
"""

from __future__ import annotations

from django.core.management.color import no_style
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

# SQLite's oldest limit of bound parameters per statement; PostgreSQL takes more.
MAX_PARAMETERS = 999


class TableSnapshot:
    """Every row of every Django table of one database, as the driver returned them."""

    def __init__(self, connection: BaseDatabaseWrapper):
        self.connection = connection
        self.tables: dict[str, tuple[list[str], list[tuple]]] = {}

    def take(self) -> TableSnapshot:
        """Read every table the models own (history, sessions and task tables included)."""
        quote = self.connection.ops.quote_name
        tables = self.connection.introspection.django_table_names(only_existing=True)
        with self.connection.cursor() as cursor:
            for table in sorted(tables):
                cursor.execute(f"SELECT * FROM {quote(table)}")
                columns = [column[0] for column in cursor.description]
                self.tables[table] = (columns, cursor.fetchall())
        return self

    def restore(self) -> None:
        """Empty the tables and write the rows back, in one transaction; foreign keys are
        checked once at the end (deferred on PostgreSQL, checked explicitly on SQLite)."""
        connection = self.connection
        flush = connection.ops.sql_flush(no_style(), list(self.tables), allow_cascade=True)
        with connection.constraint_checks_disabled(), transaction.atomic(using=connection.alias):
            with connection.cursor() as cursor:
                for statement in flush:
                    cursor.execute(statement)
                for table, (columns, rows) in self.tables.items():
                    self._insert(cursor, table, columns, rows)
            connection.check_constraints(table_names=list(self.tables))

    def _insert(self, cursor, table: str, columns: list[str], rows: list[tuple]) -> None:
        quote = self.connection.ops.quote_name
        head = f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) VALUES "
        one = "(" + ", ".join(["%s"] * len(columns)) + ")"
        batch = max(1, MAX_PARAMETERS // max(1, len(columns)))
        for start in range(0, len(rows), batch):
            chunk = rows[start:start + batch]
            cursor.execute(head + ", ".join([one] * len(chunk)),
                           [value for row in chunk for value in row])
