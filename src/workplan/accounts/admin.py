from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from workplan.accounts import actions
from workplan.accounts.models import User


@admin.register(User)
class WorkPlanUserAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "party", "is_active"]
    list_filter = ["role", "party", "is_active"]
    fieldsets = [
        *UserAdmin.fieldsets,
        ("Work Plan Monitor", {"fields": ["role", "party"]}),
    ]

    def save_model(self, request, obj, form, change):
        """A new role or party, and (de)activation, go through the account actions, which
        revoke the account's API tokens and record the change; the rest is saved as usual."""
        if not change:
            super().save_model(request, obj, form, change)
            return
        stored = User.objects.get(pk=obj.pk)
        role, party, active = obj.role, obj.party, obj.is_active
        obj.role, obj.party, obj.is_active = stored.role, stored.party, stored.is_active
        super().save_model(request, obj, form, change)
        actions.change_role(obj, role, party, actor=request.user)
        if active != stored.is_active:
            set_active = actions.reactivate_user if active else actions.deactivate_user
            set_active(obj, actor=request.user)
