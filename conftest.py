"""Environment for the test run, set before Django loads its settings."""

import os
import tempfile

os.environ.setdefault("THIDUA_SECRET_KEY", "test-secret-key-not-for-production")
os.environ.setdefault("THIDUA_JOBS_INLINE", "1")
os.environ.setdefault("THIDUA_SECURE_COOKIES", "0")
os.environ.setdefault("THIDUA_MEDIA_ROOT", tempfile.mkdtemp(prefix="thidua-media-"))
