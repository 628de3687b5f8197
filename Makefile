# TrustPath: two commands do everything on a fresh Debian machine: `make run` and `make test`.
SWIFT ?= swift
RELEASE_BIN := .build/release
DEFAULT_STUDY := Surveys/reference/holzinger-swineford-1939.csv

.PHONY: deps build release run reports test bench clean

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product trustpath

## The main job: the bundled cross-border-trust study (Reports/cross-border-trust/), then the
## reference examples (describe, measure, sem) into Reports/.
run: release
	$(RELEASE_BIN)/trustpath run Surveys/cross-border-trust/analysis.yaml
	$(RELEASE_BIN)/trustpath describe $(DEFAULT_STUDY) --categorical school,sex,grade --text id
	$(RELEASE_BIN)/trustpath measure --data Surveys/reference/trust-likert-400.csv --instrument Surveys/reference/trust-instrument.yaml --cmb --out Reports/trust-measure
	$(RELEASE_BIN)/trustpath sem Surveys/reference/trust.lav --data Surveys/reference/trust-simulated-400.csv

## Regenerates every committed report under Reports/ (the tests rerun them and compare byte for byte).
reports: run
	$(RELEASE_BIN)/trustpath run Surveys/culture/analysis.yaml
	$(RELEASE_BIN)/trustpath run Surveys/classic/analysis.yaml
	$(RELEASE_BIN)/trustpath run Surveys/campaign-ab/analysis.yaml
	$(SWIFT) build -c release --product notebook-01-reproduce-the-paper
	$(RELEASE_BIN)/notebook-01-reproduce-the-paper
	$(SWIFT) build -c release --product notebook-02-campaign-test
	$(RELEASE_BIN)/notebook-02-campaign-test
	$(SWIFT) build -c release --product notebook-03-first-cfa-and-sem
	$(RELEASE_BIN)/notebook-03-first-cfa-and-sem
	$(SWIFT) build -c release --product notebook-04-culture-as-moderator
	$(RELEASE_BIN)/notebook-04-culture-as-moderator
	$(SWIFT) build -c release --product notebook-05-planning-sample-size
	$(RELEASE_BIN)/notebook-05-planning-sample-size

## The suite runs in an optimized build with @testable imports kept (-enable-testing): on 2 cores
## the release build takes about 4 minutes and the tests about 35 s, against 80 s and 8 minutes
## for a debug build, where the numeric reference tests are slow.
TEST_FLAGS := -c release -Xswiftc -enable-testing

test: deps
	$(SWIFT) test $(TEST_FLAGS)

## Prints read, compute and whole-process timings of `describe` on a generated 100,000 x 30 file.
bench: deps
	$(SWIFT) build -c release --product trustpath
	$(SWIFT) build -c release --product trustpath-bench
	$(RELEASE_BIN)/trustpath-bench --trustpath $(RELEASE_BIN)/trustpath

clean:
	rm -rf .build
