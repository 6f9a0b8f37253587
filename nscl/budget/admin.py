from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Appendix, BudgetLine


@admin.register(Appendix)
class AppendixAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "code", "start_year", "end_year", "source_name"]


@admin.register(BudgetLine)
class BudgetLineAdmin(SimpleHistoryAdmin):
    list_display = ["appendix", "code", "content", "quantity", "unit_price", "total"]
    list_filter = ["appendix"]
