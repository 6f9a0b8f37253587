# NSCL — two commands: `make run` and `make test`. Everything else is installed by them.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint serve demo system-deps clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[test]"
	touch $(STAMP)

## make run — install, migrate the embedded SQLite database, load the demo data, serve on :8000
run: $(STAMP)
	env -u DATABASE_URL $(BIN)/nscl migrate --noinput
	env -u DATABASE_URL $(BIN)/nscl load_demo
	env -u DATABASE_URL $(BIN)/nscl runserver 127.0.0.1:8000

## make test — the whole suite on SQLite, then again on PostgreSQL when DATABASE_URL points at one
test: $(STAMP) system-deps
	$(BIN)/ruff check .
	env -u DATABASE_URL $(BIN)/nscl makemigrations --check --dry-run
	env -u DATABASE_URL $(BIN)/nscl spectacular --validate --fail-on-warn --file /dev/null
	env -u DATABASE_URL $(BIN)/pytest -p no:cacheprovider
	@case "$${DATABASE_URL:-}" in \
	  postgres*) echo "== PostgreSQL: $$DATABASE_URL"; $(BIN)/pytest -p no:cacheprovider ;; \
	  *) echo "== DATABASE_URL does not point at PostgreSQL: SQLite run only" ;; \
	esac

system-deps:
	sh scripts/ensure-system-deps.sh

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) var artifacts
