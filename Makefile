# make lab: create .venv, install from uv.lock, open the default lab.  make test: same, whole suite.
# Needs only python3 and make: uv (pinned below) is installed into the venv from PyPI.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
UV := UV_PROJECT_ENVIRONMENT=$(VENV) $(BIN)/uv
PYTHONS ?= 3.11 3.12 3.13

.PHONY: lab test test-latest test-pythons bench instructions lint tables lock venv clean fidelity

# this Python against uv.lock (one line and exit 1 if the lock cannot serve it), and the venv
# against this Python (made again if another Python made it)
venv:
	@$(PY) tools/venv.py $(VENV)

# byte-compile after installing: with PYTHONDONTWRITEBYTECODE set (this project's machines) the
# package would otherwise be compiled again on every start
$(BIN)/.lab-installed: uv.lock pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(UV) sync --locked --inexact --quiet
	$(BIN)/python -m compileall -q asa_emulator
	touch $@

$(BIN)/.test-installed: $(BIN)/.lab-installed
	$(UV) sync --locked --inexact --quiet --extra test
	touch $@

# the stamps are made by a second make, after `venv` may have made the venv again
lab: venv
	@$(MAKE) --no-print-directory $(BIN)/.lab-installed
	$(BIN)/asa-emulator lab

test: venv
	@$(MAKE) --no-print-directory $(BIN)/.test-installed
	$(BIN)/python -m pytest

# the suite against the newest release of everything pyproject.toml admits (not the lock), in a
# venv of its own: drift is seen here on purpose, not by a newcomer.  Not part of .ci/run.
test-latest:
	@$(PY) tools/venv.py .venv-latest
	.venv-latest/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	.venv-latest/bin/uv pip install --quiet --python .venv-latest/bin/python --upgrade --refresh -e '.[test]'
	.venv-latest/bin/uv pip list --python .venv-latest/bin/python --outdated || true
	.venv-latest/bin/python -m pytest

# the suite, from the lock, on every Python in PYTHONS the machine has (one venv each)
test-pythons:
	@for v in $(PYTHONS); do \
	    if p=$$(tools/find-python $$v); then \
	        echo "== Python $$v: $$p"; $(MAKE) --no-print-directory test PY=$$p VENV=.venv-$$v || exit 1; \
	    else echo "== Python $$v: not on this machine, not run"; fi; \
	done

# after editing pyproject.toml's dependencies: resolve uv.lock again (commit it)
lock: venv
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(UV) lock

# after editing grammar/*.lark: compose them into the package's asa.lark and rebuild the shipped
# parse tables (commit both)
tables: venv
	@$(MAKE) --no-print-directory $(BIN)/.test-installed
	$(BIN)/python -m asa_emulator.syntax.build_tables

# Genie's ASA parsers as judges (optional extra: pyats and genie are large)
fidelity: venv
	@$(MAKE) --no-print-directory $(BIN)/.test-installed
	$(UV) sync --locked --inexact --quiet --extra test --extra fidelity
	$(BIN)/python -m pytest tests/fidelity

bench: venv
	@$(MAKE) --no-print-directory $(BIN)/.test-installed
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/classroom_bench.py --trainees 50 --typing 10 --seconds 10

# the same workloads counted in CPU instructions (valgrind's callgrind): load does not move them
instructions: venv
	@$(MAKE) --no-print-directory $(BIN)/.test-installed
	$(BIN)/python benchmarks/instructions.py

lint: venv
	@$(MAKE) --no-print-directory $(BIN)/.test-installed
	$(BIN)/ruff check asa_emulator tests benchmarks tools
	$(BIN)/mypy asa_emulator

clean:
	rm -rf $(VENV) .venv-latest .venv-3.* build *.egg-info
