from django.contrib import admin

from thidua.organizations.models import Block, Person, Unit, UnitEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    """The registry is changed through its screens and services, which keep the tree, the
    history and the audit consistent; the admin only shows it."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Unit)
class UnitAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "kind", "level", "parent", "valid_from", "valid_to"]
    list_filter = ["kind", "level"]
    search_fields = ["code", "name", "search_name"]


@admin.register(UnitEvent)
class UnitEventAdmin(ReadOnlyAdmin):
    list_display = ["on", "kind", "unit", "successor", "basis"]


@admin.register(Block)
class BlockAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "owner"]


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ["code", "full_name", "unit", "position", "active"]
    list_filter = ["position", "active", "female", "direct_reform_work"]
    search_fields = ["code", "full_name", "search_name"]
    list_select_related = ["unit"]
