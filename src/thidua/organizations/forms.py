from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.core.forms import StyledForm
from thidua.organizations.enums import Position, UnitKind
from thidua.organizations.models import Person, Unit
from thidua.organizations.services import PERSON_FIELDS

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


class UnitForm(StyledForm):
    code = forms.CharField(label=_("Mã đơn vị"), max_length=40)
    name = forms.CharField(label=_("Tên đơn vị"), max_length=255)
    kind = forms.ChoiceField(label=_("Loại"), choices=UnitKind.choices)
    valid_from = forms.DateField(label=_("Hiệu lực từ ngày"), required=False, widget=DATE_WIDGET)
    valid_to = forms.DateField(label=_("Hiệu lực đến ngày"), required=False, widget=DATE_WIDGET)


class UnitRatingForm(StyledForm):
    year = forms.IntegerField(label=_("Năm"), min_value=1990, max_value=2100)
    task_rating = forms.ChoiceField(label=_("Xếp loại mức độ hoàn thành nhiệm vụ"), required=False)
    party_rating = forms.ChoiceField(label=_("Xếp loại tổ chức đảng"), required=False)

    def __init__(self, *args, task_choices, party_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task_rating"].choices = [("", "—"), *task_choices]
        self.fields["party_rating"].choices = [("", "—"), *party_choices]


class PersonRatingForm(StyledForm):
    year = forms.IntegerField(label=_("Năm"), min_value=1990, max_value=2100)
    task_rating = forms.ChoiceField(label=_("Xếp loại chất lượng"))

    def __init__(self, *args, task_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task_rating"].choices = task_choices


class PersonForm(StyledForm):
    code = forms.CharField(label=_("Mã cá nhân"), max_length=40)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=120)
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    position = forms.ChoiceField(label=_("Vị trí"), choices=Position.choices)
    job_title = forms.CharField(label=_("Chức vụ, chức danh"), max_length=200, required=False)
    female = forms.BooleanField(label=_("Nữ"), required=False)
    direct_reform_work = forms.BooleanField(
        label=_("Trực tiếp làm công tác cải cách hành chính"), required=False
    )
    birth_date = forms.DateField(label=_("Ngày sinh"), required=False, widget=DATE_WIDGET)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=30, required=False)
    active = forms.BooleanField(label=_("Đang công tác"), required=False, initial=True)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class PersonFilterForm(StyledForm):
    q = forms.CharField(label=_("Tìm theo tên hoặc mã"), required=False)
    unit = forms.ModelChoiceField(
        label=_("Đơn vị (gồm cấp dưới)"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Tất cả"),
    )
    position = forms.ChoiceField(
        label=_("Vị trí"), choices=[("", _("Tất cả")), *Position.choices], required=False
    )
    direct = forms.ChoiceField(
        label=_("Trực tiếp làm CCHC"),
        choices=[("", _("Tất cả")), ("1", _("Có")), ("0", _("Không"))],
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Tình trạng"),
        choices=[
            ("active", _("Đang công tác")),
            ("left", _("Đã nghỉ, chuyển")),
            ("all", _("Tất cả")),
        ],
        required=False,
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class BlockForm(StyledForm):
    code = forms.CharField(label=_("Mã khối"), max_length=40)
    name = forms.CharField(label=_("Tên khối"), max_length=255)
    members = forms.ModelMultipleChoiceField(
        label=_("Đơn vị thành viên"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = units


class ImportForm(StyledForm):
    kind = forms.ChoiceField(
        label=_("Loại dữ liệu"),
        choices=[("units", pgettext_lazy("plural", "Đơn vị")), ("people", _("Cá nhân"))],
    )
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )


def person_initial(person: Person) -> dict:
    return {"code": person.code, **{field: getattr(person, field) for field in PERSON_FIELDS}}
