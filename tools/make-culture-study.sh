#!/usr/bin/env bash
# The bundled culture study's responses: synthetic, drawn by TrustPath itself from the population
# model Surveys/culture/population.lav (six countries, one group each, 150 respondents per country).
# Run from the repository root after a build:  bash tools/make-culture-study.sh
set -euo pipefail
trustpath=${TRUSTPATH:-.build/debug/trustpath}
"$trustpath" simulate Surveys/culture/population.lav \
  --groups CN:150,GB:150,ID:150,DE:150,KR:150,FR:150 --group-column country \
  --standardized-latent --likert 7 --survey-columns --seed 20261125 \
  --out Surveys/culture/responses.csv
