# The two commands of the README: `make run` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: run test test-fast fuzz install install-test messages check clean system-packages-run system-packages-test

$(PY):
	@py=$$(scripts/find-python) || exit 1; \
	echo "Using $$py"; "$$py" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(PY) pyproject.toml constraints.txt
	$(PY) -m pip install --quiet -c constraints.txt -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -c constraints.txt -e ".[test]"
	@touch $@

install: system-packages-run $(VENV)/.installed messages
install-test: system-packages-test $(VENV)/.installed-test messages

# Spelled out: make applies no pattern rule to a .PHONY target.
system-packages-run:
	@bash scripts/install-system-packages run

system-packages-test:
	@bash scripts/install-system-packages test

# Compiled translations are built here, never committed.
messages: $(PY)
	$(PY) manage.py compilemessages --ignore=.venv --verbosity 0

# The background worker (docs/deployment.md) runs beside the development
# server and stops with it.
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@# A Monday of the demo's school year: the demo users' digest and reminders, printed on the console.
	$(PY) manage.py send_reminders --date 2023-09-04
	$(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST)

# Three workers on two cores: much of the suite's time is spent waiting on
# Chromium and the database, and a third worker fills those waits (measured:
# 6 min 24 s with two workers, 6 min 8 s with three, on a quiet 2-core machine,
# when the suite was smaller). The slowest tests are listed: where the time goes.
test: install-test
	$(PY) -m pytest -n 3 --dist loadgroup --durations=25 $(PYTEST_ARGS)

# Everything but the browser tests and the PDF renders, for quick loops.
test-fast: install-test
	$(PY) -m pytest -n 3 --dist loadgroup -m "not browser and not pdf" $(PYTEST_ARGS)

# The long run of tests/test_fuzz.py: many random posts to every form (README, "Fuzzing").
FUZZ_EXAMPLES ?= 200
fuzz: install-test
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest tests/test_fuzz.py $(PYTEST_ARGS)

check: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

clean:
	rm -rf $(VENV) db.sqlite3
