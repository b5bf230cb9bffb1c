"""The Django admin: for superusers only, and read-only for domain data, whose changes must go
through actions so that each is on record."""

from django.contrib import admin

from workplan.core.models import ChangeLog

admin.site.site_header = "Work Plan Monitor administration"
admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ChangeLog)
class ChangeLogAdmin(ReadOnlyAdmin):
    list_display = ["timestamp", "actor_label", "kind", "object_repr"]
    list_filter = ["kind", "content_type"]
    search_fields = ["object_repr", "actor_label", "message"]
