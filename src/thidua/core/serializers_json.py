"""Django's JSON serializer with times to the microsecond, for `thidua backup`.

Django's own encoder writes times to the millisecond (as ECMAScript does), so a restored
installation would hold every timestamp a little different from the one backed up. Its
deserializer reads microseconds, so the archive still loads with `loaddata` as plain JSON.
"""

from __future__ import annotations

import datetime as dt

from django.core.serializers.json import Deserializer as Deserializer
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, dt.datetime):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        if isinstance(o, dt.time):
            return o.isoformat()
        return super().default(o)


class Serializer(JSONSerializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactJSONEncoder
