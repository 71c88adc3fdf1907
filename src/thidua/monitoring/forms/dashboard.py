"""The dashboard's filter: a block of the plan and a search on the unit's name or code."""

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import StyledForm


class DashboardFilterForm(StyledForm):
    khoi = forms.ChoiceField(label=_("Khối thi đua"), required=False)
    q = forms.CharField(
        label=_("Tìm đơn vị"),
        required=False,
        max_length=100,
        help_text=_("Tên (có hoặc không dấu) hoặc mã đơn vị."),
    )

    def __init__(self, *args, blocks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["khoi"].choices = [
            ("", _("Tất cả đơn vị")),
            *((ranking.key, ranking.name) for ranking in blocks),
        ]
