"""Throughput of the job queue: N e-mails queued, then one `nscl worker --burst` sends them all;
the database backend against RQ on Redis, the same work.

    NSCL_BENCH_DB=nscl_jobs_bench .venv/bin/python bench/jobs.py --db postgres --count 500
"""

import argparse
import os
import subprocess
import sys
import time

from common import ROOT, URLS, demo_database


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="postgres", choices=["sqlite", "postgres"])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/3")
    args = parser.parse_args()
    os.environ["NSCL_WORKER_PROCESS"] = "1"  # keep the real backend under test settings
    demo_database(args.db)
    from django.conf import settings
    from django.test.utils import override_settings

    from nscl.jobs.models import MailStatus, OutgoingMail
    from nscl.jobs.services import mail_queue

    print("| backend | e-mails | queue (s) | worker --burst (s) | per task (ms) |")
    print("|---|---|---|---|---|")
    for backend, extra in (("database", {}), ("rq", {"RQ_URL": args.redis})):
        tasks = {"default": {"BACKEND": {"database": "django_tasks_db.DatabaseBackend",
                                         "rq": "django_tasks_rq.RQBackend"}[backend]}}
        if backend == "rq":
            os.environ["RQ_URL"] = args.redis
            import django_rq
            settings.RQ_QUEUES["default"]["URL"] = args.redis
            django_rq.get_queue("default").empty()
        with override_settings(TASKS=tasks):
            OutgoingMail.objects.all().delete()
            start = time.perf_counter()
            for n in range(args.count):
                mail_queue(key=f"bench:{backend}:{n}", subject="Thử", body="Nội dung",
                           recipients=[f"u{n}@example.gov.vn"])
            queued = time.perf_counter() - start
        env = dict(os.environ, DATABASE_URL=URLS[args.db], NSCL_TASKS=backend, **extra)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "nscl", "worker", "--burst", "--no-schedule",
                        "-v", "0"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        ran = time.perf_counter() - start
        sent = OutgoingMail.objects.filter(status=MailStatus.SENT).count()
        assert sent == args.count, (backend, sent)
        print(f"| {backend} | {args.count} | {queued:.2f} | {ran:.2f} | "
              f"{1000 * ran / args.count:.1f} |".replace(".", ","), flush=True)


if __name__ == "__main__":
    main()
