from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Beneficiary


@admin.register(Beneficiary)
class BeneficiaryAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "tax_code", "commune"]
    search_fields = ["search_key", "tax_code"]
    raw_id_fields = ["unit", "commune"]
