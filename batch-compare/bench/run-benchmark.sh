#!/usr/bin/env bash
# The batch-compare benchmark of the README: two local PostgreSQL clusters; at pgbench scales 10, 50 and 200 and on a
# 50-column table, the floor and ./driftguard compare (whole process, default options) alternate, clean and with 550
# differences; prints medians, ratios, spread, peak RSS and load. Extra arguments go to `driftguard bench compare`
# (see --help: --scales, --wide-rows, --repeat, --launcher, --keep-dir).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
exec "$root/driftguard" bench compare "$@"
