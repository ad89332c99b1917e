from rest_framework import pagination, serializers
from rest_framework.utils.urls import remove_query_param, replace_query_param

from apps.api.common import canonical_path, validate_query


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=2&page_size=50`; at most 100 rows a page, so no request can ask for everything.
    A page or page size that is not a whole number in range is a 400 naming it (DRF would
    quietly ignore it); a page past the end is a 404."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        validate_query(request.query_params, _PageParameters)
        return super().paginate_queryset(queryset, request, view)

    def page_path(self, request, view) -> str:
        """This page's path and query with only what the list reads (the page parameters and
        the view's `query_classes`), in one spelling: the key of a cached page. Its `next` and
        `previous` links are built from it too, and stay relative until `with_absolute_links`,
        so neither a stray parameter nor the Host header makes a new cache entry."""
        defaults = {self.page_query_param: 1, self.page_size_query_param: self.page_size}
        self.base_path = canonical_path(
            request, _PageParameters, *view.query_classes, defaults=defaults
        )
        return self.base_path

    def with_absolute_links(self, request, data: dict) -> dict:
        links = {name: data[name] for name in ("next", "previous") if data[name] is not None}
        return {**data, **{name: request.build_absolute_uri(link) for name, link in links.items()}}

    def get_next_link(self):
        if not self.page.has_next():
            return None
        return replace_query_param(
            self._base_url(), self.page_query_param, self.page.next_page_number()
        )

    def get_previous_link(self):
        if not self.page.has_previous():
            return None
        number = self.page.previous_page_number()
        if number == 1:
            return remove_query_param(self._base_url(), self.page_query_param)
        return replace_query_param(self._base_url(), self.page_query_param, number)

    def _base_url(self) -> str:
        return getattr(self, "base_path", None) or self.request.build_absolute_uri()

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters


class _PageParameters(serializers.Serializer):
    page = serializers.IntegerField(min_value=1, required=False)
    page_size = serializers.IntegerField(
        min_value=1, max_value=PageNumberPagination.max_page_size, required=False
    )
