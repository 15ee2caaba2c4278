#!/usr/bin/env bash
# Validator throughput vs a pass-through floor, detection latency and state size per key, over an in-process Kafka
# pre-loaded with N canonical changes per side (~1 % drift); then the state per key of narrow and of wide tables.
# Prints figures; asserts nothing.
# Usage: validator-job/bench/run-benchmark.sh [changes-per-side] [injected-drifts] [hashmap|rocksdb] [all|state]
#        (default 2000000 200 hashmap all; "state" runs only the state-per-key part)
# BENCH_JAVA_OPTS adds JVM options (e.g. -XX:StartFlightRecording=filename=bench.jfr); -Dbench.flink='key=value;...'
# in it adds Flink settings to the validator's (e.g. state.backend.rocksdb.timer-service.factory=HEAP).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"
# One reactor build: the modules it depends on come from their target/classes, and nothing is installed into the
# local repository (where another checkout's build would pick it up).
mkdir -p "$here/target"
./mvnw -B -q -pl validator-job -am test-compile dependency:build-classpath -Dspotless.check.skip=true \
  -Dmdep.outputFile="$here/target/bench.classpath" -Dmdep.includeScope=test >&2
cp="$here/target/test-classes:$here/target/classes:$(cat "$here/target/bench.classpath")"
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
exec java -Xmx8g -XX:+UseParallelGC ${BENCH_JAVA_OPTS:-} -Dlogback.configurationFile="$here/bench/logback-bench.xml" -cp "$cp" \
  dev.driftguard.validator.bench.ValidatorBenchmark "$@"
