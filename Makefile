# make lab: create .venv, install, open the default lab.  make test: same install, whole suite.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: lab test bench lint install tables clean fidelity

# byte-compile after installing: with PYTHONDONTWRITEBYTECODE set (this project's machines) the
# package would otherwise be compiled again on every start
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m compileall -q asa_emulator
	touch $(STAMP)

install: $(STAMP)
	$(BIN)/python -m compileall -q asa_emulator

# after editing grammar/asa.lark: rebuild the shipped parse tables (commit the result)
tables: $(STAMP)
	$(BIN)/python -m asa_emulator.syntax.build_tables

lab: $(STAMP)
	$(BIN)/asa-emulator lab

test: $(STAMP)
	$(BIN)/python -m pytest

# Genie's ASA parsers as judges (optional extra: pyats and genie are large)
fidelity: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,fidelity]'
	$(BIN)/python -m pytest tests/fidelity

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

lint: $(STAMP)
	$(BIN)/ruff check asa_emulator tests benchmarks
	$(BIN)/mypy asa_emulator

clean:
	rm -rf $(VENV) build *.egg-info
