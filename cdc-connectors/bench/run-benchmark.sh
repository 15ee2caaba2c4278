#!/usr/bin/env bash
# Capture throughput vs the pg_recvlogical floor on one pgbench write workload. Prints figures; asserts nothing.
# Usage: cdc-connectors/bench/run-benchmark.sh [transactions] [clients]   (default 200000 4: shorter runs still measure JIT compilation and GC warm-up)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"
mkdir -p "$here/target"
# One reactor build: the modules it depends on come from their target/classes, and nothing is installed into the
# local repository (where another checkout's build would pick it up), as the other benchmarks do.
./mvnw -B -q -pl cdc-connectors -am test-compile dependency:build-classpath -Dspotless.check.skip=true \
  -Dmdep.outputFile="$here/target/bench.classpath" -Dmdep.includeScope=test >&2
cp="$here/target/test-classes:$here/target/classes:$(cat "$here/target/bench.classpath")"
exec java -Xmx2g -Dlogback.configurationFile="$here/bench/logback-bench.xml" -cp "$cp" \
  dev.driftguard.capture.bench.CaptureBenchmark "$@"
