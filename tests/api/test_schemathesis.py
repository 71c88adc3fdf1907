"""Schemathesis against the API's own schema, with the key of the district's standing officer
over the trio's data: no server error and every response as the schema says. Bounded (a few
examples per operation) so it runs in the normal suite, as CI requires."""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from ninja.responses import NinjaJSONEncoder
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from thidua.api.api import api
from thidua.wsgi import application


def _schema():
    """The schema as /api/openapi.json serves it (read without a request: the settings allow no
    host while tests are collected), sent to the WSGI app."""
    loaded = schemathesis.openapi.from_dict(
        json.loads(json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder))
    )
    loaded.app = application
    loaded.location = "/api/openapi.json"
    return loaded


schema = _schema()


@pytest.fixture
def standing_key(world, settings):
    """The standing officer's key, over the world's data. Django closes the connection around
    each WSGI request (that would end the test's transaction); the test client disconnects
    the same signals while it runs, so does this."""
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield world["keys"]["standing"]
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_api_conforms_to_its_schema(case, standing_key):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {standing_key}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
