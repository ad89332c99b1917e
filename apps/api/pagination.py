from rest_framework import pagination, serializers

from apps.api.common import validate_query


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
