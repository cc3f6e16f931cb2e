"""gunicorn settings for production (`make serve`). Every value can be set from the environment.

Workers: 2 × cores + 1 is gunicorn's rule of thumb for a mix of database waits and CPU;
on the 2-core reference machine that is 5. Each worker is a separate process with its
own database connection (kept for DB_CONN_MAX_AGE seconds).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 20
max_requests = 50000  # recycle workers now and then (a restart stalls its queue ~1 s)
max_requests_jitter = 5000
accesslog = None  # the app logs one JSON line per request (RequestLogMiddleware)
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Heartbeat files in memory, not on a slow disk (gunicorn docs, "Blocking OS calls").
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
