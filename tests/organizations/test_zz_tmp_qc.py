from django.db import connection
from django.test.utils import CaptureQueriesContext
from tests.organizations.test_imports import people_file, person_line
from thidua.accounts.models import User
from thidua.organizations import imports

def test_show(trio):
    for count in (10, 200, 1000):
        rows = [person_line(f"Q{count}-{n}", "TB-BA") for n in range(count)]
        actor = User.objects.get(pk=trio["standing"].pk)
        with CaptureQueriesContext(connection) as c:
            imports.import_people(actor=actor, source=people_file(rows))
        print(count, len(c.captured_queries), [q["sql"][:60] for q in c.captured_queries if not q["sql"].startswith("INSERT")])
