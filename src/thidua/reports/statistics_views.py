"""The yearly statistics screens (thống kê thi đua, khen thưởng năm): a page with a form to pick
the unit and the year, and the tables as .xlsx; the year-over-year comparison of a unit and of
a block (chart and table).

Thin: the unit is looked up through `stats_units_for`, the block through
`comparison_blocks_for` (the office, leaders and council of the unit or above it); anyone else,
a focal officer included, gets a 404. Nothing here writes."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from thidua.reports import comparison, statistics
from thidua.reports.statistics_exports import yearly_workbook
from thidua.reports.views import XLSX, _download, _visible

FIRST_YEAR = 2000


class YearlyStatsForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Đơn vị"),
        queryset=None,
        empty_label=None,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    year = forms.TypedChoiceField(
        label=_("Năm"), coerce=int, choices=(), widget=forms.Select(attrs={"class": "form-select"})
    )

    def __init__(self, *args, units, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["year"].choices = [(year, year) for year in years]


def _years(year: int | None = None) -> list[int]:
    years = statistics.year_choices(timezone.localdate())
    if year is not None and year not in years and year >= FIRST_YEAR:
        years.append(year)
    return years


def _units(request):
    return statistics.stats_units_for(request.user).order_by("sort_key", "pk")


def _unit(request, pk: int):
    return _visible(_units(request), pk)


@login_required
@require_GET
def yearly_stats_pick(request):
    """The form's target: the page of the unit and year picked (the user's unit and this year
    when nothing is picked yet)."""
    data = request.GET.copy() if request.GET else None
    if data is not None:
        data.setdefault("year", str(timezone.localdate().year))
    form = YearlyStatsForm(data, units=_units(request), years=_years())
    if form.is_bound and form.is_valid():
        unit, year = form.cleaned_data["unit"], form.cleaned_data["year"]
    else:
        unit = _unit(request, request.user.unit_id or 0)
        year = timezone.localdate().year
    return redirect("yearly_stats", pk=unit.pk, year=year)


def _stats(request, pk: int, year: int):
    unit = _unit(request, pk)
    if year < FIRST_YEAR or year > timezone.localdate().year + 1:
        raise Http404(_("Năm không hợp lệ."))
    return statistics.build_yearly_stats(unit, year)


@login_required
@require_GET
def yearly_stats(request, pk: int, year: int):
    stats = _stats(request, pk, year)
    form = YearlyStatsForm(
        initial={"unit": stats.unit.pk, "year": year}, units=_units(request), years=_years(year)
    )
    return render(request, "reports/yearly_stats.html", {"stats": stats, "form": form})


@login_required
@require_GET
def yearly_stats_xlsx(request, pk: int, year: int):
    stats = _stats(request, pk, year)
    return _download(
        yearly_workbook(stats),
        XLSX,
        f"thong-ke-thi-dua-khen-thuong-{stats.unit.code}-{year}",
        "xlsx",
    )


# --- Year-over-year comparison ------------------------------------------------------------------


@login_required
@require_GET
def unit_comparison(request, pk: int):
    unit = _unit(request, pk)
    blocks = (
        comparison.comparison_blocks_for(request.user)
        .filter(Q(owner=unit) | Q(members=unit))
        .select_related("owner")
        .distinct()
    )
    context = {"comparison": comparison.unit_comparison(unit), "unit": unit, "blocks": blocks}
    return render(request, "reports/comparison.html", context)


@login_required
@require_GET
def block_comparison(request, pk: int):
    blocks = comparison.comparison_blocks_for(request.user).select_related("owner")
    block = _visible(blocks, pk)
    context = {"comparison": comparison.block_comparison(block), "emulation_block": block}
    return render(request, "reports/comparison.html", context)
