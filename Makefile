# NSCL — two commands: `make run` and `make test`. Everything else is installed by them.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-redis smoke-production lint serve demo system-deps clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[test]"
	touch $(STAMP)

## make run — install, migrate the embedded SQLite database, load the demo data, serve on :8000
## with the task worker beside it (stopped with the server)
run: $(STAMP)
	env -u DATABASE_URL $(BIN)/nscl migrate --noinput
	env -u DATABASE_URL $(BIN)/nscl load_demo
	env -u DATABASE_URL BIN=$(BIN) sh scripts/run-dev.sh

## make test — the whole suite on SQLite, then again on PostgreSQL when DATABASE_URL points at one;
## each run spread over TEST_WORKERS processes (pytest-xdist; `auto`: one per CPU)
TEST_WORKERS ?= auto
test: $(STAMP) system-deps
	$(BIN)/ruff check .
	env -u DATABASE_URL $(BIN)/nscl makemigrations --check --dry-run
	env -u DATABASE_URL $(BIN)/nscl spectacular --validate --fail-on-warn --file /dev/null
	env -u DATABASE_URL $(BIN)/pytest -p no:cacheprovider -n $(TEST_WORKERS)
	@case "$${DATABASE_URL:-}" in \
	  postgres*) echo "== PostgreSQL: $$DATABASE_URL"; $(BIN)/pytest -p no:cacheprovider -n $(TEST_WORKERS) ;; \
	  *) echo "== DATABASE_URL does not point at PostgreSQL: SQLite run only" ;; \
	esac
	$(MAKE) --no-print-directory test-redis smoke-production

## make test-redis — the tasks, cache and resolver tests again with the Redis cache and the RQ
## task backend (Redis on 127.0.0.1:6379, database REDIS_DB)
REDIS_DB ?= 3
REDIS_TESTS := nscl/traceability/tests/test_roll_worker.py nscl/traceability/tests/test_rate_limit.py \
  nscl/jobs/tests/test_jobs.py -k "worker or health or silent or one_active or killed or servers"
# the resolver's shared memory (rate limit, repeat scans, kept stamp facts) on Redis, in one
# process: its tests empty the Redis database between them
REDIS_KEPT_TESTS := nscl/traceability/tests/test_kept.py nscl/core/tests/test_cache.py
test-redis: $(STAMP)
	@echo "== Redis: cache and RQ tasks on redis://127.0.0.1:6379/$(REDIS_DB)"
	CACHE_URL=redis://127.0.0.1:6379/$(REDIS_DB) CACHE_KEY_PREFIX=nscl_test \
	  NSCL_TASKS=rq RQ_URL=redis://127.0.0.1:6379/$(REDIS_DB) \
	  $(BIN)/pytest -p no:cacheprovider $(REDIS_TESTS)
	CACHE_URL=redis://127.0.0.1:6379/$(REDIS_DB) CACHE_KEY_PREFIX=nscl_test \
	  $(BIN)/pytest -p no:cacheprovider -n 0 $(REDIS_KEPT_TESTS)

## make smoke-production — gunicorn, the worker and production settings as processes against
## the local PostgreSQL and Redis (scripts/production-local.sh), then a smoke test
smoke-production: $(STAMP)
	sh scripts/production-local.sh smoke

system-deps:
	sh scripts/ensure-system-deps.sh

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) var artifacts
