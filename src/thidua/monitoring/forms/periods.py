"""Forms of report periods: the office's period form, and the report form offering the
round's periods as a choice once the office has defined them."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import StyledForm
from thidua.monitoring.forms import ReportForm

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


class ReportPeriodForm(StyledForm):
    name = forms.CharField(
        label=_("Tên kỳ báo cáo"),
        max_length=40,
        help_text=_("Ví dụ: Quý I/2025, 6 tháng đầu năm 2025."),
    )
    due = forms.DateField(label=_("Hạn báo cáo"), widget=DATE_WIDGET, help_text="dd/mm/yyyy")


class PeriodReportForm(ReportForm):
    """The report form; when the round has periods, the period is one of them."""

    def __init__(self, *args, periods=(), **kwargs):
        super().__init__(*args, **kwargs)
        if periods:
            self.fields["period"] = forms.ChoiceField(
                label=_("Kỳ báo cáo"),
                choices=[
                    (
                        period.name,
                        gettext("%(name)s (hạn %(due)s)")
                        % {"name": period.name, "due": f"{period.due:%d/%m/%Y}"},
                    )
                    for period in periods
                ],
                widget=forms.Select(attrs={"class": "form-select"}),
            )


def default_period(periods, today) -> str | None:
    """The period a unit most likely reports for: the first not yet due, else the last."""
    if not periods:
        return None
    return next((period.name for period in periods if period.due >= today), periods[-1].name)
