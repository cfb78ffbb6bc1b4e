"""Multi-row INSERT … ON CONFLICT and UPDATE for plain row dicts, on SQLite and PostgreSQL.

The loader writes hundreds of thousands of rows; building a model instance per row and letting
``bulk_create`` prepare each value costs more than parsing the file. Rows here are dicts of
attname → Python value; each column's value is adapted once by the backend's own adapter, and
columns a file does not carry get the model field's default, prepared once per load.
"""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.db import connection, models

# Stay under SQLite's historical 32,766 and PostgreSQL's 65,535 parameters per statement.
MAX_PARAMS = 30_000


def _adapter(field: models.Field) -> Callable[[Any], Any]:
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.JSONField):
        return lambda value: field.get_db_prep_save(value, connection)
    return lambda value: value


class BulkWriter:
    """Writes row dicts into one model's table; ``given`` are the attnames rows carry."""

    def __init__(self, model: type[models.Model], *, given: tuple[str, ...], now: datetime):
        self.model = model
        self.table = connection.ops.quote_name(model._meta.db_table)
        self.fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        self.given = given
        self.now = now
        self.adapters = {f.attname: _adapter(f) for f in self.fields}
        self.constants = {
            f.attname: self._default(f) for f in self.fields if f.attname not in given
        }

    def _default(self, field: models.Field) -> Any:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            return self.adapters[field.attname](self.now)
        return field.get_db_prep_save(field.get_default(), connection)

    def _values(self, row: dict) -> list:
        return [
            self.constants[name] if constant else adapt(row[name])
            for name, constant, adapt in self._plan
        ]

    @property
    def _plan(self) -> list[tuple[str, bool, Callable[[Any], Any]]]:
        if not hasattr(self, "_plan_cache"):
            self._plan_cache = [
                (f.attname, f.attname in self.constants, self.adapters[f.attname])
                for f in self.fields
            ]
        return self._plan_cache

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
        per_statement = max(1, MAX_PARAMS // len(self.fields))
        with connection.cursor() as cursor:
            for start in range(0, len(rows), per_statement):
                chunk = rows[start : start + per_statement]
                params = [value for row in chunk for value in self._values(row)]
                values = ", ".join([placeholder] * len(chunk))
                cursor.execute(
                    f"INSERT INTO {self.table} ({columns}) VALUES {values}{suffix}", params
                )

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
        params = [
            [self.adapters[f.attname](row[f.attname]) for f in fields] + extra + [row["pk"]]
            for row in rows
        ]
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
