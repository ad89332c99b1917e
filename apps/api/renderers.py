from rest_framework import renderers


class JSONRenderer(renderers.JSONRenderer):
    """DRF's JSON renderer (UTF-8), falling back to \\u escapes for a body that cannot be UTF-8:
    an error message quoting the client's input can hold a lone surrogate ("\\ud800" is valid
    JSON), which would otherwise turn a 400 into a 500."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        try:
            return super().render(data, accepted_media_type, renderer_context)
        except UnicodeEncodeError:
            escaping = type(self)()
            escaping.ensure_ascii = True
            return escaping.render(data, accepted_media_type, renderer_context)
