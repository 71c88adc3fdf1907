import pytest
from django.core.checks import run_checks

from thidua.core.checks import check_legal_values_in_force, check_settings
from thidua.core.models import LegalValue


def test_bad_import_size_and_broker_are_reported(settings):
    settings.THIDUA_IMPORT_MAX_MB = 0
    settings.CELERY_BROKER_URL = "http://example"
    assert [e.id for e in check_settings(None)] == ["thidua.E001", "thidua.E002"]


def test_a_bad_evidence_size_is_reported(settings):
    settings.THIDUA_EVIDENCE_MAX_MB = 0
    assert [e.id for e in check_settings(None)] == ["thidua.E003"]


@pytest.mark.django_db
def test_a_key_without_a_value_today_is_a_warning():
    LegalValue.objects.filter(key="base_salary").delete()
    warnings = check_legal_values_in_force(None, databases=["default"])
    assert [(w.id, w.msg) for w in warnings] == [
        ("thidua.W001", "No legal value in force today for: base_salary.")
    ]


@pytest.mark.django_db
def test_the_seeded_installation_passes_every_check():
    assert run_checks(databases=["default"]) == []
