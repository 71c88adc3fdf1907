"""Issue 10, done when: a restore from a backup made of the demo province passes the identity
checks. Everything an operator runs, in subprocesses: installation A is migrated and given the
demo as `make demo` does (manage.py migrate, manage.py seed_demo), `thidua backup` writes the
archive; installation B is only migrated, `thidua restore` reads the archive into it. Then each
installation prints its snapshot (tests/core/backup_checks.py) and the two must be equal: every
model's rows, every campaign's package export, every decision with its awards and amounts, the
certificate codes, every stored file with its sha256, the signed PDF still verified in B.

On SQLite each installation has its own file; when the suite runs on PostgreSQL (DATABASE_URL),
two databases with a random suffix are made on the same server and dropped afterwards.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

from tests.core.backup_checks import differences

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
THIDUA = str(Path(sys.executable).with_name("thidua"))
MANAGE = str(ROOT / "manage.py")
SNAPSHOT = "import django; django.setup(); from tests.core.backup_checks import main; main()"
TIMEOUT = 300
DEMO_DECISION = "12/QĐ-UBND"


def installation_env(home: Path, database_url: str) -> dict[str, str]:
    """A development installation in `home`, as `make demo` runs it (THIDUA_DEBUG=1); none
    of the test run's own settings (thidua.testing) leak into it."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("THIDUA_", "DJANGO_")) and key != "DATABASE_URL"
    }
    env.update(
        THIDUA_DEBUG="1",
        THIDUA_VAR_DIR=str(home),
        THIDUA_MEDIA_ROOT=str(home / "media"),
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="thidua.settings",
    )
    return env


class Step:
    """A command started in the background, its output in files (no pipe to fill up)."""

    def __init__(self, name: str, args: list[str], env: dict[str, str], logs: Path):
        self.name = name
        self.out = logs / f"{name}.out"
        self.err = logs / f"{name}.err"
        with self.out.open("wb") as out, self.err.open("wb") as err:
            self.process = subprocess.Popen(args, env=env, cwd=ROOT, stdout=out, stderr=err)

    def wait(self) -> str:
        code = self.process.wait(timeout=TIMEOUT)
        assert code == 0, f"{self.name} exited {code}:\n{self.err.read_text()[-4000:]}"
        return self.out.read_text()


def run(name: str, args: list[str], env: dict[str, str], logs: Path) -> str:
    return Step(name, args, env, logs).wait()


@contextlib.contextmanager
def started(name: str, args: list[str], env: dict[str, str], logs: Path) -> Iterator[Step]:
    """A step that runs while the test goes on; killed if the test fails before waiting."""
    step = Step(name, args, env, logs)
    try:
        yield step
    finally:
        if step.process.poll() is None:
            step.process.kill()
            step.process.wait()


@contextlib.contextmanager
def two_databases(tmp_path: Path) -> Iterator[tuple[str, str, str]]:
    """The vendor and the DATABASE_URLs of two empty databases on the backend the suite runs
    on."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://", "pgsql://")):
        yield "sqlite", *(f"sqlite:///{tmp_path / name / 'db.sqlite3'}" for name in ("A", "B"))
        return
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    server = {
        "host": config["HOST"] or None,
        "port": config["PORT"] or None,
        "user": config["USER"] or None,
        "password": config["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    suffix = secrets.token_hex(4)
    names = (f"thidua_backup_a_{suffix}", f"thidua_backup_b_{suffix}")
    with psycopg.connect(**server) as connection:
        for name in names:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield "postgresql", *(urlsplit(url)._replace(path=f"/{name}").geturl() for name in names)
    finally:
        with psycopg.connect(**server) as connection:
            for name in names:
                connection.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )


def restore_counts(output: str) -> dict[str, int]:
    """The rows per model `thidua restore` reports ("  awards.Award: 16")."""
    return {
        label: int(count)
        for label, count in (
            line.strip().split(": ") for line in output.splitlines() if line.startswith("  ")
        )
    }


def snapshot(env: dict[str, str], logs: Path, name: str, code: str = SNAPSHOT) -> dict:
    return json.loads(run(name, [PYTHON, "-c", code], env, logs))


def test_restore_of_the_demo_backup_gives_back_the_same_installation(tmp_path):
    logs = tmp_path / "logs"
    logs.mkdir()
    archive = tmp_path / "sao-luu-demo.tar.gz"
    with two_databases(tmp_path) as (vendor, url_a, url_b):
        env_a = installation_env(tmp_path / "A", url_a)
        env_b = installation_env(tmp_path / "B", url_b)
        with started("migrate-b", [PYTHON, MANAGE, "migrate", "--noinput"], env_b, logs) as b:
            run("migrate-a", [PYTHON, MANAGE, "migrate", "--noinput"], env_a, logs)
            run("seed-demo-a", [PYTHON, MANAGE, "seed_demo"], env_a, logs)
            b.wait()
        backed_up = run("backup-a", [THIDUA, "backup", str(archive)], env_a, logs)
        with started("snapshot-a", [PYTHON, "-c", SNAPSHOT], env_a, logs) as a:
            restored = run("restore-b", [THIDUA, "restore", str(archive)], env_b, logs)
            before = json.loads(a.wait())
        after = snapshot(env_b, logs, "snapshot-b")

        # The demo is really there: Tiền Giang's plan, Châu Thành's plan under it and its cycle
        # ending in the signed decision with 16 awards and certificates, the files they wrote.
        packages = [json.loads(text)["campaign"] for text in before["packages"].values()]
        numbers = {package["number"] for package in packages}
        assert {"35/KH-UBND", "138/KH-UBND"} <= numbers
        (decision_id,) = (
            pk for pk, facts in before["decisions"].items() if facts["number"] == DEMO_DECISION
        )
        decision = before["decisions"][decision_id]
        assert (decision["state"], decision["signed_on"]) == ("issued", "2022-01-20")
        amounts = [award[4] for award in decision["awards"]]
        assert len(amounts) == 16 and None not in amounts and sum(amounts) > 0
        assert len(before["certificates"]) == 16
        assert {decision["pdf"], decision["docx"]} <= set(before["files"])
        assert decision["pdf_bytes_sha256"] == decision["pdf_sha256"]
        assert before["counts"]["organizations.Unit"] > 100
        assert f"{len(before['files'])} tệp" in backed_up
        with tarfile.open(archive, "r:gz") as tar:
            assert json.load(tar.extractfile("manifest.json"))["database_vendor"] == vendor
        assert restored.splitlines()[-1].startswith("Đã khôi phục ")
        reported = restore_counts(restored)
        assert reported == {label: after["counts"][label] for label in reported}
        assert reported["awards.Certificate"] == 16

        assert differences(before, after) == []

        # B's own trusted roots still verify the signature, and the public verification finds
        # the decision by the PDF and every certificate by its code.
        check = after["signatures"][decision_id]
        assert (
            check["signed"],
            check["intact"],
            check["trusted"],
            check["covers_whole_file"],
            check["problems"],
            check["decision"],
        ) == (True, True, True, True, [], int(decision_id))
        assert all(row["genuine"] for row in after["certificates"].values())

        # The checks catch a broken restore: one byte of the signed PDF in B's storage and one
        # award's amount in B's database changed.
        pdf = tmp_path / "B" / "media" / decision["pdf"]
        content = pdf.read_bytes()
        middle = len(content) // 2
        pdf.write_bytes(content[:middle] + bytes([content[middle] ^ 1]) + content[middle + 1 :])
        tampered = snapshot(
            env_b,
            logs,
            "snapshot-b-tampered",
            "import django; django.setup()\n"
            "from django.db.models import F\n"
            "from thidua.awards.models import Award\n"
            f"award = Award.objects.filter(decision_id={decision_id}).order_by('pk').first()\n"
            "Award.objects.filter(pk=award.pk).update(amount=F('amount') + 1)\n" + SNAPSHOT,
        )

        found = differences(before, tampered)
        assert [line.split(": ")[:2] for line in found] == [
            ["decisions", decision_id],
            ["files", decision["pdf"]],
            ["rows", "awards.Award"],
            ["signatures", decision_id],
        ], found
        assert tampered["signatures"][decision_id]["intact"] is False
