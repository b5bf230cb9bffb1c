from django.contrib import admin

from workplan.core.admin import ReadOnlyAdmin
from workplan.parties.models import Party

admin.site.register(Party, ReadOnlyAdmin)
