# Two commands: `make demo` (parse the bundled articles, run the notebooks, write reports)
# and `make test` (the whole test suite). Both create or reuse .venv from requirements.lock.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
UV     := $(VENV)/bin/uv
STAMP  := $(VENV)/.installed

.PHONY: setup demo test notebooks eval bench lock clean

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml tools/bootstrap-requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@test -x $(UV) || $(PY) -m pip install -q --disable-pip-version-check --require-hashes --no-deps -r tools/bootstrap-requirements.txt
	$(UV) pip sync -q --python $(PY) --require-hashes requirements.lock
	$(UV) pip install -q --python $(PY) --no-deps -e .
	@touch $(STAMP)

demo: $(STAMP)
	$(PY) -m toolkit.cli demo

test: $(STAMP)
	$(PY) -m pytest tests notebooks --nbval --nbval-current-env --nbval-sanitize-with $(CURDIR)/notebooks/sanitize.cfg -p no:cacheprovider

# Re-execute the curated notebooks in place (after a deliberate change of outputs).
notebooks: $(STAMP)
	$(PY) -m toolkit.cli notebooks --in-place

eval: $(STAMP)
	$(PY) -m toolkit.cli eval ../shared/gold/*.json --per-file

lock:
	$(UV) pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements.lock

clean:
	rm -rf data/processed reports
