from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Unit, User


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "valid_from", "valid_until", "successor"]
    list_filter = ["kind"]
    search_fields = ["search_key", "code"]
    raw_id_fields = ["parent", "successor"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "role", "unit", "is_active"]
    list_filter = ["role", "is_active"]
    raw_id_fields = ["unit"]
    fieldsets = [*BaseUserAdmin.fieldsets, ("NSCL", {"fields": ["full_name", "role", "unit",
                                                                 "position"]})]
