"""The API's interactive documentation (Swagger UI), served by the app from the sidecar's
files: no CDN, and no inline script or style (its set-up script is a separate request)."""

from django.contrib.auth.views import redirect_to_login
from drf_spectacular.views import SpectacularSwaggerSplitView


class ApiDocsView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
    title = "Work Plan Monitor API"

    def handle_exception(self, exc):
        """A person who is not signed in is sent to sign in, as on every page."""
        if not self.request.user.is_authenticated:
            return redirect_to_login(self.request.get_full_path())
        return super().handle_exception(exc)
