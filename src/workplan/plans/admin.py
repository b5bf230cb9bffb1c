from django.contrib import admin

from workplan.core.admin import ReadOnlyAdmin
from workplan.plans.models import Activity, Commitment, FundingSource, PriorityArea, WorkPlan

admin.site.register([WorkPlan, PriorityArea, Commitment, FundingSource], ReadOnlyAdmin)


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ["code", "title", "lead_party", "status", "classification", "archived_at"]
    list_filter = ["plan", "area", "status", "classification"]
    search_fields = ["code", "title"]
