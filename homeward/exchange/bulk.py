"""Multi-row INSERT … ON CONFLICT and UPDATE for plain row dicts, on SQLite and PostgreSQL.

The loader writes hundreds of thousands of rows; building a model instance per row and letting
``bulk_create`` prepare each value costs more than parsing the file. Rows here are dicts of
attname → Python value; each column's value is adapted once by the backend's own adapter, and
columns a file does not carry get the model field's default, prepared once per load.
"""

from collections.abc import Callable
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any

from django.db import connection, models

# Stay under SQLite's historical 32,766 and PostgreSQL's 65,535 parameters per statement.
MAX_PARAMS = 30_000


def _sqlite_datetime(value: datetime | None) -> str | None:
    """What Django's SQLite backend stores for an aware datetime (naive UTC text), made faster."""
    return None if value is None else str(value.astimezone(UTC).replace(tzinfo=None))


def _adapter(field: models.Field) -> Callable[[Any], Any] | None:
    """How a Python value of the field is handed to the driver; None when as it is."""
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        if connection.vendor == "sqlite":
            return _sqlite_datetime
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.JSONField):
        return lambda value: field.get_db_prep_save(value, connection)
    return None


class BulkWriter:
    """Writes row dicts into one model's table; ``given`` are the attnames rows carry.

    Columns are ordered given first, then the constant rest, so a row's values are one
    itemgetter call, a few adapted positions and the same constant tail.
    """

    def __init__(self, model: type[models.Model], *, given: tuple[str, ...], now: datetime):
        self.model = model
        self.table = connection.ops.quote_name(model._meta.db_table)
        concrete = [f for f in model._meta.concrete_fields if not f.primary_key]
        by_attname = {f.attname: f for f in concrete}
        given_fields = [by_attname[name] for name in given]
        self.fields = given_fields + [f for f in concrete if f.attname not in given]
        self.given = given
        self.now = now
        self.constants = {
            f.attname: self._default(f) for f in self.fields if f.attname not in given
        }
        self._get = itemgetter(*given)
        self._adapt = [
            (i, adapt) for i, f in enumerate(given_fields) if (adapt := _adapter(f)) is not None
        ]
        self._tail = list(self.constants.values())

    def _default(self, field: models.Field) -> Any:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            adapt = _adapter(field)
            return adapt(self.now) if adapt else self.now
        return field.get_db_prep_save(field.get_default(), connection)

    def _values(self, row: dict) -> list:
        values = list(self._get(row))
        for i, adapt in self._adapt:
            values[i] = adapt(values[i])
        values.extend(self._tail)
        return values

    def insert(self, rows: list[dict], *, conflict: tuple[str, ...] = ()) -> None:
        """INSERT the rows; with ``conflict`` columns, UPDATE the given fields of a stored row."""
        if not rows:
            return
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in self.fields)
        placeholder = "(" + ", ".join(["%s"] * len(self.fields)) + ")"
        suffix = ""
        if conflict:
            updated = [
                f.column
                for f in self.fields
                if f.attname in self.given
                and f.attname not in conflict
                or f.name in ("version", "updated_at")
            ]
            sets = ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in updated)
            suffix = f" ON CONFLICT ({', '.join(map(quote, conflict))}) DO UPDATE SET {sets}"
        if connection.vendor == "postgresql":
            self._insert_postgresql(columns, placeholder + suffix, rows, copy=not conflict)
            return
        # The sqlite3 cursor itself, with its own ? marks, in Django's transaction: Django's
        # cursor would rewrite each long statement's %s marks with a regular expression.
        placeholder = placeholder.replace("%s", "?")
        per_statement = max(1, MAX_PARAMS // len(self.fields))
        connection.ensure_connection()
        cursor = connection.connection.cursor()
        try:
            for start in range(0, len(rows), per_statement):
                chunk = rows[start : start + per_statement]
                params = [value for row in chunk for value in self._values(row)]
                values = ", ".join([placeholder] * len(chunk))
                cursor.execute(
                    f"INSERT INTO {self.table} ({columns}) VALUES {values}{suffix}", params
                )
        finally:
            cursor.close()

    def _insert_postgresql(self, columns: str, values: str, rows: list[dict], *, copy: bool):
        """COPY new rows; upsert the others with one statement pipelined by executemany.

        Both on a plain psycopg cursor over Django's connection (so in its transaction): Django's
        psycopg cursors bind client-side, re-parsing every long statement in Python.
        """
        import psycopg

        connection.ensure_connection()
        with psycopg.Cursor(connection.connection) as cursor:
            if copy:
                with cursor.copy(f"COPY {self.table} ({columns}) FROM STDIN") as out:
                    for row in rows:
                        out.write_row(self._values(row))
            else:
                sql = f"INSERT INTO {self.table} ({columns}) VALUES {values}"
                cursor.executemany(sql, [self._values(row) for row in rows])

    def update(self, rows: list[dict]) -> None:
        """UPDATE the given fields (and ``updated_at``) of stored rows, found by ``pk``."""
        if not rows:
            return
        quote = connection.ops.quote_name
        fields = [f for f in self.fields if f.attname in self.given]
        sets = ", ".join(f"{quote(f.column)} = %s" for f in fields)
        extra = []
        if "updated_at" in self.constants:
            sets += f", {quote('updated_at')} = %s"
            extra.append(self.constants["updated_at"])
        pk = quote(self.model._meta.pk.column)
        sql = f"UPDATE {self.table} SET {sets} WHERE {pk} = %s"
        params = [self._values(row)[: len(fields)] + extra + [row["pk"]] for row in rows]
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)


def select_in(
    model: type[models.Model],
    columns: tuple[str, ...],
    key: str,
    values: list,
    *,
    where: dict[str, Any] | None = None,
) -> list[tuple]:
    """SELECT the columns (attnames) of rows whose ``key`` is in ``values``, plus ``where``.

    Raw SQL: for lookups of thousands of keys, building a queryset (each IN value prepared)
    and converting each datetime costs more than the query. Datetimes come back aware (UTC).
    """
    if not values:
        return []
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in columns]
    conditions = [f"{quote(model._meta.get_field(k).column)} = %s" for k in where or {}]
    params = list((where or {}).values())
    key_column = quote(model._meta.get_field(key).column)
    select = ", ".join(quote(f.column) for f in fields)
    table = quote(model._meta.db_table)
    if connection.vendor == "postgresql":
        import psycopg

        where_sql = " AND ".join([*conditions, f"{key_column} = ANY(%s)"])
        sql = f"SELECT {select} FROM {table} WHERE {where_sql}"
        connection.ensure_connection()
        with psycopg.Cursor(connection.connection) as cursor:
            rows = cursor.execute(sql, [*params, list(values)]).fetchall()
    else:
        marks = ", ".join(["%s"] * len(values))
        where_sql = " AND ".join([*conditions, f"{key_column} IN ({marks})"])
        sql = f"SELECT {select} FROM {table} WHERE {where_sql}"
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *values])
            rows = cursor.fetchall()
    datetimes = [i for i, f in enumerate(fields) if isinstance(f, models.DateTimeField)]
    if datetimes and connection.vendor != "postgresql":
        rows = [_aware(row, datetimes) for row in rows]
    return rows


def _aware(row: tuple, positions: list[int]) -> tuple:
    """SQLite returns naive UTC datetimes (Django stores them so): make them aware."""
    values = list(row)
    for i in positions:
        if values[i] is not None:
            values[i] = values[i].replace(tzinfo=UTC)
    return tuple(values)
