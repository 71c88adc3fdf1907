from django import forms

from thidua.core.forms import StyledForm
from thidua.organizations.enums import Position, UnitKind
from thidua.organizations.models import Person, Unit

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


class UnitForm(StyledForm):
    code = forms.CharField(label="Mã đơn vị", max_length=40)
    name = forms.CharField(label="Tên đơn vị", max_length=255)
    kind = forms.ChoiceField(label="Loại", choices=UnitKind.choices)
    valid_from = forms.DateField(label="Hiệu lực từ ngày", required=False, widget=DATE_WIDGET)
    valid_to = forms.DateField(label="Hiệu lực đến ngày", required=False, widget=DATE_WIDGET)


class UnitRatingForm(StyledForm):
    year = forms.IntegerField(label="Năm", min_value=1990, max_value=2100)
    task_rating = forms.ChoiceField(label="Xếp loại mức độ hoàn thành nhiệm vụ", required=False)
    party_rating = forms.ChoiceField(label="Xếp loại tổ chức đảng", required=False)

    def __init__(self, *args, task_choices, party_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task_rating"].choices = [("", "—"), *task_choices]
        self.fields["party_rating"].choices = [("", "—"), *party_choices]


class PersonRatingForm(StyledForm):
    year = forms.IntegerField(label="Năm", min_value=1990, max_value=2100)
    task_rating = forms.ChoiceField(label="Xếp loại chất lượng")

    def __init__(self, *args, task_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task_rating"].choices = task_choices


class PersonForm(StyledForm):
    code = forms.CharField(label="Mã cá nhân", max_length=40)
    full_name = forms.CharField(label="Họ và tên", max_length=120)
    unit = forms.ModelChoiceField(label="Đơn vị", queryset=Unit.objects.none())
    position = forms.ChoiceField(label="Vị trí", choices=Position.choices)
    job_title = forms.CharField(label="Chức vụ, chức danh", max_length=200, required=False)
    female = forms.BooleanField(label="Nữ", required=False)
    direct_reform_work = forms.BooleanField(
        label="Trực tiếp làm công tác cải cách hành chính", required=False
    )
    birth_date = forms.DateField(label="Ngày sinh", required=False, widget=DATE_WIDGET)
    email = forms.EmailField(label="Thư điện tử", required=False)
    phone = forms.CharField(label="Điện thoại", max_length=30, required=False)
    active = forms.BooleanField(label="Đang công tác", required=False, initial=True)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class PersonFilterForm(StyledForm):
    q = forms.CharField(label="Tìm theo tên hoặc mã", required=False)
    unit = forms.ModelChoiceField(
        label="Đơn vị (gồm cấp dưới)", queryset=Unit.objects.none(), required=False
    )
    position = forms.ChoiceField(
        label="Vị trí", choices=[("", "Tất cả"), *Position.choices], required=False
    )
    direct = forms.ChoiceField(
        label="Trực tiếp làm CCHC",
        choices=[("", "Tất cả"), ("1", "Có"), ("0", "Không")],
        required=False,
    )
    status = forms.ChoiceField(
        label="Tình trạng",
        choices=[("active", "Đang công tác"), ("left", "Đã nghỉ, chuyển"), ("all", "Tất cả")],
        required=False,
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class BlockForm(StyledForm):
    code = forms.CharField(label="Mã khối", max_length=40)
    name = forms.CharField(label="Tên khối", max_length=255)
    members = forms.ModelMultipleChoiceField(
        label="Đơn vị thành viên",
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = units


class ImportForm(StyledForm):
    kind = forms.ChoiceField(
        label="Loại dữ liệu", choices=[("units", "Đơn vị"), ("people", "Cá nhân")]
    )
    file = forms.FileField(
        label="Tệp Excel (.xlsx)",
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )


def person_initial(person: Person) -> dict:
    return {
        field: getattr(person, field)
        for field in (
            "code",
            "full_name",
            "unit",
            "position",
            "job_title",
            "female",
            "direct_reform_work",
            "birth_date",
            "email",
            "phone",
            "active",
        )
    }
