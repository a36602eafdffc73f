"""KIBS's own settings for benchmarks/pages.py, with its URLs (the project's plus the constant twin pages)."""

from kibs.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.pages_urls"
