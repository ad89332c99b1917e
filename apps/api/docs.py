"""The Swagger UI page, served entirely from this server (drf-spectacular-sidecar's assets) and
working under the site's strict Content-Security-Policy (apps/ops/middleware.py): drf-spectacular's
default page runs its start-up code as an inline <script> and styles itself with an inline
<style>; the split view fetches the start-up code as a separate script (`?script`) and our
template links a stylesheet instead."""

from drf_spectacular.views import SpectacularSwaggerSplitView


class SwaggerDocsView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
