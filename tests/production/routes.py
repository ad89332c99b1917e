"""Every route of the site, discovered rather than listed: the URL resolver's patterns and the
OpenAPI schema's operations, so a route added tomorrow is walked by the production tests
without anyone editing them."""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse

PATH_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>|\(\?P<(?P<regex>\w+)>")


@dataclass(frozen=True)
class Route:
    """A URL pattern of the resolver: its full pattern text, its name (with namespace) and the
    names of the parameters it takes."""

    pattern: str
    name: str | None
    view: str
    parameters: tuple[str, ...]

    @property
    def takes_ids(self) -> bool:
        """Whether the URL names some object; a format suffix alone (.json) does not."""
        return bool(set(self.parameters) - {"format"})

    @property
    def is_admin(self) -> bool:
        return self.pattern.startswith("admin/")

    @property
    def is_api(self) -> bool:
        return self.pattern.startswith("api/")

    def url(self, values: dict[str, object]) -> str:
        kwargs = {name: values[name] for name in self.parameters}
        return reverse(self.name, kwargs=kwargs)

    def __str__(self) -> str:
        return self.pattern


@dataclass(frozen=True)
class Operation:
    """An operation of the OpenAPI schema: its path template and method."""

    path: str
    method: str
    parameters: tuple[str, ...]
    body_fields: tuple[str, ...]
    query_parameters: tuple[str, ...] = ()

    def url(self, values: dict[str, object]) -> str:
        return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), self.path)

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.path}"


def site_routes() -> list[Route]:
    routes = []
    for pattern, name, view in _walk(get_resolver().url_patterns, "", None):
        if name is None:
            continue  # an unnamed pattern cannot be reversed; none of ours is unnamed
        parameters = tuple(
            match.group("name") or match.group("regex")
            for match in PATH_PARAMETER.finditer(pattern)
        )
        routes.append(Route(pattern, name, view, parameters))
    return routes


def api_operations() -> list[Operation]:
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, spec in methods.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            parameters = tuple(
                parameter["name"]
                for parameter in spec.get("parameters", [])
                if parameter.get("in") == "path"
            )
            query = tuple(
                parameter["name"]
                for parameter in spec.get("parameters", [])
                if parameter.get("in") == "query"
            )
            body = _body_fields(schema, spec.get("requestBody"))
            operations.append(Operation(path, method, parameters, body, query))
    return operations


def _walk(patterns, prefix: str, namespace: str | None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            yield prefix + str(entry.pattern), name, entry.lookup_str


def _body_fields(schema: dict, request_body: dict | None) -> tuple[str, ...]:
    if not request_body:
        return ()
    names: set[str] = set()
    for media in request_body.get("content", {}).values():
        target = media.get("schema", {})
        if "$ref" in target:
            target = _resolve(schema, target["$ref"])
        names.update(target.get("properties", {}))
    return tuple(sorted(names))


def _resolve(schema: dict, ref: str) -> dict:
    node = schema
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node
