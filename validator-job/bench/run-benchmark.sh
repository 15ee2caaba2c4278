#!/usr/bin/env bash
# Validator throughput vs a pass-through floor, detection latency and state size per key, over an in-process Kafka
# pre-loaded with N canonical changes per side (~1 % drift). Prints figures; asserts nothing.
# Usage: validator-job/bench/run-benchmark.sh [changes-per-side] [injected-drifts] [hashmap|rocksdb]
#        (default 2000000 200 hashmap)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"
./mvnw -B -q -pl validator-job -am install -DskipTests -Dspotless.check.skip=true >&2
./mvnw -B -q -pl validator-job test-compile dependency:build-classpath -Dmdep.outputFile="$here/target/bench.classpath" \
  -Dmdep.includeScope=test >&2
cp="$here/target/test-classes:$here/target/classes:$(cat "$here/target/bench.classpath")"
exec java -Xmx8g -XX:+UseParallelGC -Dlogback.configurationFile="$here/bench/logback-bench.xml" -cp "$cp" \
  dev.driftguard.validator.bench.ValidatorBenchmark "$@"
