"""Benchmark: the registry list and search pages at about 4,000 and 100,000 persons.

Builds a fresh SQLite database per size with the demo generator (in a temporary
directory), then requests each page through Django's test client (in-process: server
time, no network) as a logged-in tracing officer, and prints min/median/p95.

    .venv/bin/python bench/registry_pages.py [--sizes 3500,85000] [--repeat 30]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PAGES = [
    ("registry, first page", "/registry/"),
    ("registry, page 40", "/registry/?page=40"),
    ("search 'Aliyev' (Latin)", "/registry/?q=Aliyev"),
    ("search 'Алиев' (Cyrillic)", "/registry/?q=%D0%90%D0%BB%D0%B8%D0%B5%D0%B2"),
    ("search 'Petrosyan Armen'", "/registry/?q=Petrosyan+Armen"),
    ("filter status + years", "/registry/?status=open&status=being_traced&from=1991&to=1993"),
    ("htmx partial search 'Mamedov'", "/registry/?q=Mamedov"),
]


def run(families: int, repeat: int) -> None:
    tmp = tempfile.mkdtemp(prefix="kintrace-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ["KINTRACE_VAR_DIR"] = tmp
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    for conn in connections.all():
        conn.close()
    settings.DATABASES["default"]["NAME"] = f"{tmp}/bench.sqlite3"
    call_command("migrate", verbosity=0)
    from casework.demo.generator import build_demo
    from casework.tracing.models import Case

    t = time.perf_counter()
    build_demo(families=families)
    n = Case.objects.count()
    print(f"\n{n} cases ({families} families) built in {time.perf_counter() - t:.0f} s")
    from _common import summary

    client = Client()
    client.force_login(
        __import__("casework.core.models", fromlist=["User"]).User.objects.get(username="tracer")
    )
    for label, url in PAGES:
        headers = {"HTTP_HX_REQUEST": "true"} if "htmx" in label else {}
        client.get(url, **headers)
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            r = client.get(url, **headers)
            times.append(time.perf_counter() - t)
            assert r.status_code == 200
        print(f"  {label:34s} {summary(times)}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="3500,85000")
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args()
    from _common import machine

    print(f"machine: {machine()}")
    # Each size in its own process: Django is set up once per process.
    sizes = [int(x) for x in args.sizes.split(",")]
    if len(sizes) > 1:
        import subprocess

        for s in sizes:
            subprocess.run(
                [sys.executable, __file__, "--sizes", str(s), "--repeat", str(args.repeat)],
                check=True,
            )
        return
    run(sizes[0], args.repeat)


if __name__ == "__main__":
    main()
