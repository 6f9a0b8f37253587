"""gunicorn for NSCL behind nginx (docs/deploy.md). Sync workers: the pages are short and the
long work runs in `nscl worker`; 2 × cores + 1 processes, recycled now and then."""

import multiprocessing
import os

bind = os.environ.get("NSCL_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("NSCL_WEB_WORKERS", multiprocessing.cpu_count() * 2 + 1))
timeout = 60  # nothing long runs in a request any more: PDFs and imports are jobs
graceful_timeout = 30  # time for the scan log to write what it gathered
max_requests, max_requests_jitter = 5000, 500
forwarded_allow_ips = "127.0.0.1"
accesslog = os.environ.get("NSCL_ACCESS_LOG", "-")
errorlog = "-"
