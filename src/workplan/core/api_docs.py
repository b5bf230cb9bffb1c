"""The API's description (OpenAPI) and interactive documentation (Swagger UI), served by the app
from the sidecar's files: no CDN, and no inline script or style (its set-up script is a separate
request)."""

from django.contrib.auth.views import redirect_to_login
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.renderers import JSONRenderer

from workplan.core import api_schema  # noqa: F401  (registers the description's extensions)


class JsonErrorsMixin:
    """A refusal (a wrong method, an unknown format) is JSON, as everywhere under /api/, instead
    of being rendered as an OpenAPI document or a page."""

    def handle_exception(self, exc):
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)


class ApiSchemaView(JsonErrorsMixin, SpectacularAPIView):
    pass


class ApiDocsView(JsonErrorsMixin, SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
    title = "Work Plan Monitor API"

    def handle_exception(self, exc):
        """A person who is not signed in is sent to sign in, as on every page."""
        if not self.request.user.is_authenticated:
            return redirect_to_login(self.request.get_full_path())
        return super().handle_exception(exc)
