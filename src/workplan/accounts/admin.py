from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from workplan.accounts.models import User


@admin.register(User)
class WorkPlanUserAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "party", "is_active"]
    list_filter = ["role", "party", "is_active"]
    fieldsets = [
        *UserAdmin.fieldsets,
        ("Work Plan Monitor", {"fields": ["role", "party"]}),
    ]
