"""The Swagger UI page, served entirely from this server (drf-spectacular-sidecar's assets) and
ready for a strict Content-Security-Policy: drf-spectacular's default page runs its start-up
code as an inline <script> and styles itself with an inline <style>; the split view fetches the
start-up code as a separate script (`?script`) and our template links a stylesheet instead."""

from drf_spectacular.views import SpectacularSwaggerSplitView

# Only this server's own files; Swagger UI's logo and icons are data: URIs it draws itself.
DOCS_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)


class SwaggerDocsView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response.headers.setdefault("Content-Security-Policy", DOCS_CSP)
        return response
