"""Backup and restore of an installation: the database and the stored files in one .tar.gz.

The archive holds `data.json` (Django's dumpdata of every app, foreign keys to content types,
permissions and groups by natural key so they load into another installation), every file of
the default storage under `files/` with its relative path, and `manifest.json` (format version,
creation time, the migration state, row counts per model, sha256 of data.json and of each file).
Files are streamed from storage into the archive and back; nothing holds the archive in memory.

A restore goes only into an empty installation: migrated to the same state, no row in any
table the backup fills except the legal values the migrations seed (the backup's replace them),
no stored file that differs from the backup's. Every checksum is verified before anything is
written; the data loads in one transaction; the files are written and checked again inside it,
so a failure leaves neither rows nor files behind.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import posixpath
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = "thidua-backup"
FORMAT_VERSION = 1
DATA_NAME = "data.json"
MANIFEST_NAME = "manifest.json"
FILES_DIR = "files/"
CHUNK = 1024 * 1024

# Not backed up: rebuilt by migrate (content types, permissions) or worthless elsewhere (sessions,
# log-in attempts).
EXCLUDED = ("contenttypes", "auth.permission", "sessions", "admin.logentry", "axes")
# Rows a freshly migrated installation already holds (core/migrations/0002_seed_legal_values):
# they do not make it "not empty"; the backup's rows replace them.
SEEDED = ("core.legalvalue", "core.legalbasis")  # in the order they are deleted


class BackupError(Exception):
    """A refusal with a message for the operator; nothing was changed."""


@dataclass
class RestoreResult:
    counts: dict[str, int]
    files: int
    replaced_seed_rows: int = 0
    notes: list[str] = field(default_factory=list)


def _excluded(model: type[Model]) -> bool:
    label = model._meta.label_lower
    return label in EXCLUDED or model._meta.app_label in EXCLUDED


def backed_up_models() -> list[type[Model]]:
    """The concrete, managed models whose rows dumpdata writes (auto-created m2m tables go
    with their owner)."""
    return [
        model
        for model in apps.get_models()
        if not _excluded(model)
        and model._meta.managed
        and not model._meta.proxy
        and not model._meta.auto_created
    ]


def migration_state() -> dict[str, str]:
    """App label → the last applied migration."""
    state: dict[str, str] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        state[app] = max(state.get(app, ""), name)
    return state


def _sha256_file(fileobj: IO[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: fileobj.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


class _HashingReader:
    """A file object that hashes what it hands out (tarfile reads it in chunks)."""

    def __init__(self, fileobj: IO[bytes]):
        self._fileobj = fileobj
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self._fileobj.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


def storage_files(storage: Storage, path: str = "") -> Iterator[str]:
    """Every file name under `path` of the storage, relative to its root, sorted."""
    try:
        directories, files = storage.listdir(path)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield posixpath.join(path, name) if path else name
    for directory in sorted(directories):
        yield from storage_files(storage, posixpath.join(path, directory) if path else directory)


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes, mtime: float) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(mtime)
    info.mode = 0o644
    archive.addfile(info, io.BytesIO(data))


def _begin_snapshot() -> None:
    """Every read of the backup sees one moment: counts and dump agree. (Inside an outer
    transaction, a test's, the outer one's snapshot rules.)"""
    if connection.vendor == "postgresql" and len(connection.atomic_blocks) == 1:
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")


def create_backup(target: Path, *, storage: Storage | None = None) -> dict[str, Any]:
    """Write the archive to `target`; return its manifest."""
    storage = storage or default_storage
    created = timezone.now()
    target = Path(target)
    with tempfile.TemporaryDirectory(prefix="thidua-backup-") as tmp:
        data_path = Path(tmp) / DATA_NAME
        with transaction.atomic():
            _begin_snapshot()
            counts = {
                model._meta.label: model._base_manager.count() for model in backed_up_models()
            }
            call_command(
                "dumpdata",
                exclude=list(EXCLUDED),
                natural_foreign=True,
                format="json-exact",  # times to the microsecond (core/serializers_json.py)
                output=str(data_path),
                verbosity=0,
            )
        with data_path.open("rb") as fh:
            data_sha = _sha256_file(fh)
        files: dict[str, dict[str, Any]] = {}
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(data_path, arcname=DATA_NAME)
            for name in storage_files(storage):
                info = tarfile.TarInfo(FILES_DIR + name)
                info.size = storage.size(name)
                info.mode = 0o644
                info.mtime = int(created.timestamp())
                with storage.open(name, "rb") as fh:
                    reader = _HashingReader(fh)
                    archive.addfile(info, reader)
                if reader.size != info.size:
                    raise BackupError(
                        _("Tệp %(name)s thay đổi trong khi sao lưu; hãy chạy lại.") % {"name": name}
                    )
                files[name] = {"sha256": reader.digest.hexdigest(), "size": reader.size}
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "created_at": created.isoformat(),
                "database_vendor": connection.vendor,
                "migrations": migration_state(),
                "counts": counts,
                "data": {"name": DATA_NAME, "sha256": data_sha},
                "files": files,
            }
            _add_bytes(
                archive,
                MANIFEST_NAME,
                json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode(),
                created.timestamp(),
            )
        partial.replace(target)
    return manifest


# --- restore ---------------------------------------------------------------------------


def _safe_name(name: str) -> bool:
    normal = posixpath.normpath(name)
    return not (name.startswith("/") or normal.startswith("..") or normal != name or "\\" in name)


def read_manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = archive.getmember(MANIFEST_NAME)
        manifest = json.load(archive.extractfile(member))
    except (KeyError, ValueError, TypeError) as exc:
        raise BackupError(_("Tệp sao lưu không có bản kê (manifest.json) hợp lệ.")) from exc
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            _("Tệp sao lưu có định dạng %(format)s phiên bản %(version)s, không đọc được.")
            % {"format": manifest.get("format"), "version": manifest.get("format_version")}
        )
    return manifest


def verify_archive(archive: tarfile.TarFile, manifest: dict[str, Any], data_out: Path) -> None:
    """Check every member against the manifest (data.json is copied to `data_out` on the way);
    no member missing, none unexpected, no path leaving the storage."""
    expected = {DATA_NAME: manifest["data"]["sha256"], MANIFEST_NAME: None}
    for name, entry in manifest["files"].items():
        if not _safe_name(name):
            raise BackupError(
                _("Tệp sao lưu có đường dẫn không hợp lệ: %(name)s.") % {"name": name}
            )
        expected[FILES_DIR + name] = entry["sha256"]
    seen = set()
    for member in archive:
        if member.name not in expected or not member.isfile():
            raise BackupError(
                _("Tệp sao lưu chứa %(name)s không có trong bản kê.") % {"name": member.name}
            )
        seen.add(member.name)
        if member.name == MANIFEST_NAME:
            continue
        source = archive.extractfile(member)
        if member.name == DATA_NAME:
            with data_out.open("wb") as out:
                reader = _HashingReader(source)
                for chunk in iter(lambda: reader.read(CHUNK), b""):  # noqa: B023
                    out.write(chunk)
                actual = reader.digest.hexdigest()
        else:
            actual = _sha256_file(source)
        if actual != expected[member.name]:
            raise BackupError(
                _(
                    "Tệp %(name)s trong bản sao lưu không khớp mã kiểm tra (sha256): bản sao lưu "
                    "đã bị hỏng hoặc bị sửa. Chưa khôi phục gì."
                )
                % {"name": member.name}
            )
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(
            _("Tệp sao lưu thiếu %(names)s. Chưa khôi phục gì.") % {"names": ", ".join(missing)}
        )


def check_migrations(manifest: dict[str, Any]) -> None:
    here = migration_state()
    there = manifest["migrations"]
    if here != there:
        differing = sorted(
            f"{app} ({there.get(app, '—')} ≠ {here.get(app, '—')})"
            for app in set(here) | set(there)
            if here.get(app) != there.get(app)
        )
        raise BackupError(
            _(
                "Cơ sở dữ liệu chưa ở cùng trạng thái di trú với bản sao lưu: %(apps)s. Hãy cài "
                "đúng phiên bản phần mềm và chạy migrate trước khi khôi phục."
            )
            % {"apps": "; ".join(differing)}
        )


def check_empty(manifest: dict[str, Any], storage: Storage) -> None:
    busy = [
        f"{model._meta.label} ({model._base_manager.count()})"
        for model in backed_up_models()
        if model._meta.label_lower not in SEEDED and model._base_manager.exists()
    ]
    if busy:
        raise BackupError(
            _(
                "Chỉ khôi phục vào một cài đặt trống; cơ sở dữ liệu này đã có dữ liệu: %(tables)s. "
                "Không thay đổi gì."
            )
            % {"tables": ", ".join(busy[:8]) + (" …" if len(busy) > 8 else "")}
        )
    clashes = []
    for name, entry in manifest["files"].items():
        if storage.exists(name):
            with storage.open(name, "rb") as fh:
                if _sha256_file(fh) != entry["sha256"]:
                    clashes.append(name)
    if clashes:
        raise BackupError(
            _(
                "Kho tệp đã có tệp khác cùng tên với tệp trong bản sao lưu: %(names)s. "
                "Không thay đổi gì."
            )
            % {"names": ", ".join(sorted(clashes)[:8])}
        )


def reset_sequences() -> None:
    """On PostgreSQL, what `sqlsequencereset` prints for every app, executed: new rows take
    ids after the restored ones."""
    if connection.vendor != "postgresql":
        return
    models = [m for m in apps.get_models(include_auto_created=True) if m._meta.managed]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def restore_backup(
    source: Path,
    *,
    storage: Storage | None = None,
    progress: Callable[[str], None] | None = None,
) -> RestoreResult:
    storage = storage or default_storage
    say = progress or (lambda _message: None)
    try:
        archive = tarfile.open(source, "r:gz")  # noqa: SIM115 (closed by the with below)
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(
            _("Không đọc được tệp sao lưu %(path)s: %(error)s") % {"path": source, "error": exc}
        ) from exc
    with archive, tempfile.TemporaryDirectory(prefix="thidua-restore-") as tmp:
        manifest = read_manifest(archive)
        data_path = Path(tmp) / DATA_NAME
        verify_archive(archive, manifest, data_path)
        say(_("Đã kiểm tra mã sha256 của dữ liệu và %(n)d tệp.") % {"n": len(manifest["files"])})
        check_migrations(manifest)
        check_empty(manifest, storage)

        written: list[str] = []
        try:
            with transaction.atomic():
                replaced = 0
                for label in SEEDED:
                    replaced += apps.get_model(label)._base_manager.all().delete()[0]
                call_command("loaddata", str(data_path), verbosity=0)
                reset_sequences()
                counts = {
                    model._meta.label: model._base_manager.count() for model in backed_up_models()
                }
                wrong = {
                    label: (count, counts.get(label))
                    for label, count in manifest["counts"].items()
                    if counts.get(label) != count
                }
                if wrong:
                    raise BackupError(
                        _("Số bản ghi sau khi nạp không khớp bản kê: %(wrong)s.") % {"wrong": wrong}
                    )
                for name, entry in manifest["files"].items():
                    if storage.exists(name):
                        continue  # the same content (checked above)
                    with archive.extractfile(FILES_DIR + name) as fh:
                        saved = storage.save(name, File(fh, name=posixpath.basename(name)))
                    written.append(saved)
                    if saved != name:
                        raise BackupError(
                            _("Kho tệp lưu %(name)s dưới tên khác (%(saved)s).")
                            % {"name": name, "saved": saved}
                        )
                    with storage.open(name, "rb") as fh:
                        if _sha256_file(fh) != entry["sha256"]:
                            raise BackupError(
                                _("Tệp %(name)s ghi vào kho không khớp mã sha256.") % {"name": name}
                            )
        except BaseException:
            for name in written:
                storage.delete(name)
            raise
    return RestoreResult(counts=counts, files=len(manifest["files"]), replaced_seed_rows=replaced)


def describe(manifest: dict[str, Any]) -> str:
    created = dt.datetime.fromisoformat(manifest["created_at"])
    return _("sao lưu lúc %(when)s, %(rows)d bản ghi, %(files)d tệp") % {
        "when": timezone.localtime(created).strftime("%d/%m/%Y %H:%M"),
        "rows": sum(manifest["counts"].values()),
        "files": len(manifest["files"]),
    }
