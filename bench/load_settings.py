"""Settings of the load benchmark's server (`bench/load.py`): the product's settings, with a
URL configuration that adds one bare view for comparison. Never used by the product."""

from thidua.settings import *  # noqa: F403

ROOT_URLCONF = "bench.load_urls"
