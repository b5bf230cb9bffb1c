"""The production settings with the floor views added: what `make bench` serves."""

from workplan.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
