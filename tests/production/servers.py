"""Real processes for the production tests: gunicorn app servers, Celery workers, a Redis of
their own and an S3-compatible object store (moto's server, which speaks S3's HTTP API), on
localhost ports, all against the PostgreSQL database of the test run."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

PROJECT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate, *, timeout: float = 30, every: float = 0.1, what: str = ""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout}s waiting for {what or predicate}")


@dataclass
class Process:
    name: str
    popen: subprocess.Popen
    log: Path
    port: int | None = None
    extra: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def kill(self, sig=signal.SIGKILL) -> None:
        """The whole process group: gunicorn's or Celery's workers die with their master."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=10)

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.kill(signal.SIGTERM)
        if self.popen.poll() is None:
            self.kill(signal.SIGKILL)


def spawn(name: str, args: list[str], env: dict, log_dir: Path, port: int | None = None):
    log = log_dir / f"{name}.log"
    handle = log.open("ab")
    popen = subprocess.Popen(
        args,
        cwd=PROJECT,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    handle.close()
    return Process(name=name, popen=popen, log=log, port=port)


def start_app_server(name: str, env: dict, log_dir: Path, *, workers: int = 2) -> Process:
    port = free_port()
    process = spawn(
        name,
        [
            str(VENV_BIN / "gunicorn"),
            "thidua.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "60",
            "--graceful-timeout",
            "5",
        ],
        env,
        log_dir,
        port,
    )

    def ready():
        if process.popen.poll() is not None:
            raise AssertionError(f"{name} exited:\n{process.output()}")
        try:
            return requests.get(f"{process.url}/healthz", timeout=10).status_code in (200, 503)
        except requests.RequestException:
            return False

    wait_until(ready, timeout=60, what=f"{name} to answer")
    return process


def start_worker(name: str, env: dict, log_dir: Path) -> Process:
    return spawn(
        name,
        [
            str(VENV_BIN / "celery"),
            "-A",
            "thidua",
            "worker",
            "--concurrency",
            "1",
            "--pool",
            "prefork",
            "--loglevel",
            "INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        env,
        log_dir,
    )


def start_redis(log_dir: Path) -> Process:
    """A Redis of the test's own, which it may kill (the machine's serves everything else)."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise AssertionError("redis-server is not installed")
    port = free_port()
    process = spawn(
        "redis",
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        dict(os.environ),
        log_dir,
        port,
    )

    def ready():
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return True
        return False

    wait_until(ready, what="redis")
    return process


def login(session: requests.Session, base: str, username: str, password: str):
    """Log in through the real form, as a browser does. The test run hashes passwords with a
    fast hasher that a production server does not accept, so the account gets its password
    again with the production hasher first."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import PBKDF2PasswordHasher
    from django.utils.crypto import get_random_string

    get_user_model().objects.filter(username=username).update(
        password=PBKDF2PasswordHasher().encode(password, get_random_string(22))
    )
    page = session.get(f"{base}/dang-nhap/", timeout=10)
    token = CSRF.search(page.text).group(1)
    return session.post(
        f"{base}/dang-nhap/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/dang-nhap/"},
        allow_redirects=False,
        timeout=10,
    )


def csrf_of(session: requests.Session, base: str, path: str) -> str:
    page = session.get(f"{base}{path}", timeout=10)
    assert page.status_code == 200, page.status_code
    return CSRF.search(page.text).group(1)


def postgres_cluster() -> tuple[str, str]:
    """The machine's PostgreSQL cluster (version, name), as pg_lsclusters lists it."""
    for line in subprocess.run(
        ["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=True
    ).stdout.splitlines():
        version, name, port, *_ = line.split()
        if port == "5432":
            return version, name
    raise AssertionError("no PostgreSQL cluster on port 5432")


def pg_ctlcluster(action: str) -> None:
    version, name = postgres_cluster()
    args = ["pg_ctlcluster", "--skip-systemctl-redirect", version, name, action]
    if action == "stop":
        args += ["-m", "fast"]
    subprocess.run(args, check=True, capture_output=True, timeout=60)
