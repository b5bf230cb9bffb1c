from django.contrib import admin

from workplan.core.admin import ReadOnlyAdmin
from workplan.meetings.models import Body, Meeting

admin.site.register([Body, Meeting], ReadOnlyAdmin)
