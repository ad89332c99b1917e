"""Querysets compiled to SQL once, then run again and again with other ids.

Django compiles a queryset to SQL every time it is evaluated, and for a small indexed read the
compiling costs far more than the read: the session player's "last time's sets of this move"
took 1.5 ms of Python to build and 0.05 ms in SQLite (docs/performance.md). A `PreparedQuery`
builds its queryset once per database connection from placeholder ids, keeps the SQL, its
parameters and the columns' converters, and each call runs that SQL with the real ids in the
placeholders' places and makes model instances as the queryset would (`Model.from_db`, the
fields' converters applied: a Decimal stays a Decimal, a boolean a boolean on SQLite).

Only whole numbers (ids) can be placeholders, and the queryset must select its model's own
columns (no `values()`, `annotate()` or `select_related()`): what fits the hot reads it is for.
tests/core/test_prepared.py checks the rows against the ORM's on both databases."""

import inspect
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db import connections
from django.db.models import Model, QuerySet

# Placeholder ids: far below any id a database hands out, and unlike any constant a queryset
# compiles to (a role, a flag, a limit), so each is found again in the compiled parameters.
_FIRST_PLACEHOLDER = -(2**62)
# What a 64-bit integer column holds: an id outside it matches no row (the database driver would
# refuse it, as the ORM's lookups would find nothing).
_ID_RANGE = range(-(2**63), 2**63)


@dataclass(frozen=True)
class _Compiled:
    model: type[Model]
    sql: str
    params: tuple
    # (position in params, name of the value that goes there)
    slots: tuple[tuple[int, str], ...]
    field_names: tuple[str, ...]
    # (column position, the converters and the column they convert), as the ORM applies them
    converters: tuple[tuple[int, tuple[list, object]], ...]


class PreparedQuery:
    """`build` takes ids by keyword and returns a queryset; calling the PreparedQuery with the
    same keywords returns the queryset's rows."""

    def __init__(self, build: Callable[..., QuerySet]):
        self.build = build
        self.names = tuple(inspect.signature(build).parameters)
        # One compiled form per connection: each thread has its own, and the converters belong
        # to it.
        self._compiled: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def __call__(self, *, using: str = "default", **ids: int) -> Iterator[Model]:
        if set(ids) != set(self.names):
            raise TypeError(f"{self.build.__name__} takes exactly: {', '.join(self.names)}")
        if any(int(value) not in _ID_RANGE for value in ids.values()):
            return iter(())
        connection = connections[using]
        compiled = self._compiled.get(connection) or self._compile(connection, using)
        params = list(compiled.params)
        for position, name in compiled.slots:
            params[position] = int(ids[name])
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        return iter(
            [
                compiled.model.from_db(using, compiled.field_names, row)
                for row in _converted(rows, compiled.converters, connection)
            ]
        )

    def _compile(self, connection, using: str) -> _Compiled:
        placeholders = {name: _FIRST_PLACEHOLDER + n for n, name in enumerate(self.names)}
        queryset = self.build(**placeholders)
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        columns = [column for column, _, _ in compiler.select]
        own = {field.attname for field in queryset.model._meta.concrete_fields}
        field_names = tuple(getattr(getattr(c, "target", None), "attname", None) for c in columns)
        if (
            compiler.klass_info is None
            or compiler.klass_info.get("related_klass_infos")
            or (not set(field_names) <= own)
        ):
            raise ValueError(f"{self.build.__name__} must select its model's own columns only")
        names = {value: name for name, value in placeholders.items()}
        slots = tuple(
            (position, names[value])
            for position, value in enumerate(params)
            if type(value) is int and value in names
        )
        missing = set(self.names) - {name for _, name in slots}
        if missing:
            raise ValueError(f"{self.build.__name__} never uses {', '.join(sorted(missing))}")
        compiled = _Compiled(
            model=queryset.model,
            sql=sql,
            params=tuple(params),
            slots=slots,
            field_names=field_names,
            converters=tuple(compiler.get_converters(columns).items()),
        )
        self._compiled[connection] = compiled
        return compiled


def prepared(build: Callable[..., QuerySet]) -> PreparedQuery:
    """Decorator: `@prepared def sets_of(session_id): return SetEntry.objects.filter(...)`."""
    return PreparedQuery(build)


def _converted(rows: list[tuple], converters, connection) -> list:
    # As SQLCompiler.apply_converters: each converter takes the value, the column, the connection.
    if not converters:
        return rows
    converted = []
    for row in rows:
        row = list(row)
        for position, (functions, column) in converters:
            value = row[position]
            for convert in functions:
                value = convert(value, column, connection)
            row[position] = value
        converted.append(row)
    return converted
