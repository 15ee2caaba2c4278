#!/usr/bin/env bash
# The batch-compare benchmark of the README: two local PostgreSQL clusters; at pgbench scales 10, 50 and 200 and on a
# 50-column table, the floor and ./driftguard compare (whole process, default options) alternate, clean and with 550
# differences; prints medians, ratios, spread, peak RSS and load.
# Usage: batch-compare/bench/run-benchmark.sh [--scales 10,50,200] [--wide-rows 1000000] [--repeat 3] [--keep-dir DIR]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"
mkdir -p "$here/target"
# The compares run through ./driftguard, which runs cli/target/driftguard.jar: build it first. One reactor build each
# time: the modules come from their target/classes, and nothing is installed into the local repository (where another
# checkout's build would pick it up).
./mvnw -B -q -pl cli -am package -DskipTests -Dspotless.check.skip=true >&2
./mvnw -B -q -pl batch-compare -am test-compile dependency:build-classpath -Dspotless.check.skip=true \
  -Dmdep.outputFile="$here/target/bench.classpath" -Dmdep.includeScope=test >&2
cp="$here/target/test-classes:$here/target/classes:$(cat "$here/target/bench.classpath")"
exec java -cp "$cp" dev.driftguard.compare.bench.CompareBenchmark --launcher "$root/driftguard" "$@"
