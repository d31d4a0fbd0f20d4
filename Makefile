# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install generate demo test lint clean bench profile docs

# pycanon checks anonymise's output independently in the tests. Every release pins exact versions
# of typer, numpy, pandas and typing_extensions (older than pydantic needs), so it cannot sit in the
# test extra: it is installed without its pins (pycanon.anonymity needs only numpy and pandas).
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	$(PY) -m pip install --quiet --no-deps 'pycanon>=1.3,<2'
	touch $(STAMP)

install: $(STAMP)

## Regenerate every artifact (models, JSON Schema, SHACL, JSON-LD context, OWL, Table Schemas, docs).
generate: $(STAMP)
	$(PY) -m upsides_data.generate

## Validate, merge, export and report on the bundled examples.
demo: $(STAMP)
	$(VENV)/bin/upsides demo

## The whole test suite.
test: $(STAMP)
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/linkml lint --config .linkmllint.yaml schema/upsides.yaml

clean:
	rm -rf $(VENV) build dist .pytest_cache site

## Benchmarks against the reference tools (not part of `make test`); see bench/run.py.
bench: $(STAMP)
	$(PY) bench/run.py
	$(PY) bench/pii.py

## A pyinstrument profile of `upsides validate` on the 100k-quote bench corpus (run `make bench` first).
PROFILE_SIZE ?= 100000
profile: $(STAMP)
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) -m pyinstrument --show '*upsides_data*' -o bench/profile-validate.txt \
	  $(VENV)/bin/upsides validate bench/work/$(PROFILE_SIZE)/packages/*
	head -80 bench/profile-validate.txt

## The documentation site in site/ (open site/index.html); --strict fails on any warning.
DOCS_STAMP := $(VENV)/.docs-installed

$(DOCS_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[docs]'
	touch $(DOCS_STAMP)

EXAMPLE := examples/upsides-mhw-2019

docs: $(DOCS_STAMP)
	$(VENV)/bin/upsides report $(EXAMPLE)/codebook $(EXAMPLE)/ulm $(EXAMPLE)/uke $(EXAMPLE)/bu \
	  $(EXAMPLE)/ds $(EXAMPLE)/bgu $(EXAMPLE)/ad -o build/docs-report --force
	cp build/docs-report/3-theme-site-heatmap.png docs/assets/report/
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict -d site
