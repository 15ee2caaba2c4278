#!/usr/bin/env bash
# The batch-compare benchmark of the README: two local PostgreSQL clusters with pgbench data (scale 50 = 5M rows),
# the floor, a clean compare and a compare with 550 differences, rows/s and peak RSS. Extra arguments go to
# `driftguard bench compare` (see --help: --scale, --threads, --repeat, --jvm-options, --keep-dir).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
exec "$root/driftguard" bench compare "$@"
