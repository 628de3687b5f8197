#!/usr/bin/env bash
# The bundled campaign A/B study's responses: synthetic, drawn by TrustPath itself from the
# population model Surveys/campaign-ab/population.lav (two campaign variants).
# Run from the repository root after a build:  bash tools/make-campaign-study.sh
set -euo pipefail
trustpath=${TRUSTPATH:-.build/debug/trustpath}
"$trustpath" simulate Surveys/campaign-ab/population.lav \
  --groups live:260,short:240 --group-column variant \
  --standardized-latent --likert 7 --survey-columns --seed 20261125 \
  --out Surveys/campaign-ab/responses.csv
