from django.contrib import admin

from workplan.core.admin import ReadOnlyAdmin
from workplan.statements.models import Statement


@admin.register(Statement)
class StatementAdmin(ReadOnlyAdmin):
    list_display = ["title", "published", "created_by", "created_at"]
    search_fields = ["title", "text"]
