"""Querysets compiled to SQL once, then run again and again with other ids.

Django compiles a queryset to SQL every time it is evaluated, and for a small indexed read the
compiling costs far more than the read: the session player's "last time's sets of this move"
took 1.5 ms of Python to build and 0.05 ms in SQLite (docs/performance.md). A `PreparedQuery`
builds its queryset once per database from placeholder ids, keeps the SQL and its parameters,
and each call runs that SQL with the real ids in the placeholders' places. It returns model
instances through `Model.objects.raw`, so the fields' converters still apply (a Decimal stays a
Decimal, a boolean a boolean on SQLite).

Only whole numbers (ids) can be placeholders, and the queryset must select whole model rows
(no `values()`, no `select_related`): what fits the hot reads it is for. The results are the
queryset's own, which tests/core/test_prepared.py checks against the ORM on both databases."""

import inspect
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


class PreparedQuery:
    """`build` takes ids by keyword and returns a queryset; calling the PreparedQuery with the
    same keywords returns the queryset's rows."""

    def __init__(self, build: Callable[..., QuerySet]):
        self.build = build
        self.names = tuple(inspect.signature(build).parameters)
        self._compiled: dict[tuple[str, str], _Compiled] = {}

    def __call__(self, *, using: str = "default", **ids: int) -> Iterator[Model]:
        if set(ids) != set(self.names):
            raise TypeError(f"{self.build.__name__} takes exactly: {', '.join(self.names)}")
        if any(int(value) not in _ID_RANGE for value in ids.values()):
            return iter(())
        compiled = self._compile(using)
        params = list(compiled.params)
        for position, name in compiled.slots:
            params[position] = int(ids[name])
        return iter(compiled.model.objects.using(using).raw(compiled.sql, params))

    def _compile(self, using: str) -> _Compiled:
        key = (using, connections[using].vendor)
        compiled = self._compiled.get(key)
        if compiled is None:
            placeholders = {name: _FIRST_PLACEHOLDER + n for n, name in enumerate(self.names)}
            queryset = self.build(**placeholders)
            sql, params = queryset.query.get_compiler(using=using).as_sql()
            names = {value: name for name, value in placeholders.items()}
            slots = tuple(
                (position, names[value])
                for position, value in enumerate(params)
                if type(value) is int and value in names
            )
            missing = set(self.names) - {name for _, name in slots}
            if missing:
                raise ValueError(f"{self.build.__name__} never uses {', '.join(sorted(missing))}")
            compiled = _Compiled(queryset.model, sql, tuple(params), slots)
            self._compiled[key] = compiled
        return compiled


def prepared(build: Callable[..., QuerySet]) -> PreparedQuery:
    """Decorator: `@prepared def sets_of(session_id): return SetEntry.objects.filter(...)`."""
    return PreparedQuery(build)
