package dev.driftguard.validator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.audit.AuditStore;
import dev.driftguard.audit.Finding;
import dev.driftguard.avro.DriftEvent;
import dev.driftguard.avro.DriftKind;
import dev.driftguard.avro.RowChange;
import dev.driftguard.avro.Side;
import dev.driftguard.stack.LocalKafka;
import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.junit.LocalStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the validator (SIGKILL, in its own JVM) in the middle of a stream with drifts being detected, restarts it
 * from its last checkpoint and checks the outputs: the drift topic read with read_committed holds every drift and
 * resolution exactly once, and the audit store one row per drift.
 */
@ExtendWith(LocalStackExtension.class)
class ValidatorRestoreITCase {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int KEYS_PER_PHASE = 300;
    private static final Duration TOLERANCE = Duration.ofSeconds(2);

    @Test
    void aKilledValidatorRestoredFromItsCheckpointReportsEveryDriftExactlyOnce(
            LocalKafka kafka, LocalPostgres postgres, @TempDir Path work) throws Exception {
        String migration = "restore-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaTopics topics = new KafkaTopics(kafka, migration, 2);
        String auditDb = postgres.createUniqueDatabase("validator_restore");
        TestChanges src = TestChanges.of(migration, Side.SOURCE, false);
        TestChanges tgt = TestChanges.of(migration, Side.TARGET, false);
        List<String> args = List.of(
                "--migration",
                migration,
                "--kafka",
                kafka.bootstrapServers(),
                "--audit-db",
                postgres.uri(auditDb),
                "--tolerance",
                TOLERANCE.toSeconds() + "s",
                "--checkpoint-interval",
                "1s",
                "--status-interval",
                "1s",
                "--parallelism",
                "2",
                "--checkpoint-dir",
                work.resolve("checkpoints").toString());
        Path log = work.resolve("validator.log");
        Set<Integer> firstDrifts = range(1, 10);
        Set<Integer> secondDrifts = range(KEYS_PER_PHASE + 1, KEYS_PER_PHASE + 10);

        try (ValidatorProcess first = ValidatorProcess.start(args, log)) {
            topics.send(phase(src, tgt, 1, KEYS_PER_PHASE, firstDrifts, 0));
            topics.awaitDrifts(events -> events.size() >= 10, WAIT);
            first.requireAlive();
            topics.send(phase(src, tgt, KEYS_PER_PHASE + 1, 2 * KEYS_PER_PHASE, secondDrifts, 0));
            topics.send(repairs(tgt, range(1, 5), 10_000));
            // Kill while the second phase's drifts and the first resolutions are being reported.
            topics.awaitDrifts(events -> events.size() >= 12, WAIT);
            first.kill();
        }
        assertThat(Files.list(work.resolve("checkpoints")).count()).isPositive();

        try (ValidatorProcess second = ValidatorProcess.start(args, log)) {
            topics.send(repairs(tgt, range(6, 10), 20_000));
            topics.send(phase(src, tgt, 2 * KEYS_PER_PHASE + 1, 3 * KEYS_PER_PHASE, Set.of(), 30_000));
            topics.awaitDrifts(events -> events.size() >= 30, WAIT);
            // Give a duplicate every chance to appear: two more checkpoints past the tolerance.
            TestCheckpoints.awaitCompletedAfter(
                    work.resolve("checkpoints"), Instant.now().plus(TOLERANCE), 2, WAIT);
            second.requireAlive();
            List<DriftEvent> events = topics.awaitDrifts(e -> e.size() >= 30, WAIT);
            assertThat(Files.readString(log)).contains("resumes from checkpoint");

            List<DriftEvent> drifts = events.stream()
                    .filter(e -> e.getKind() != DriftKind.RESOLVED)
                    .toList();
            List<DriftEvent> resolutions = events.stream()
                    .filter(e -> e.getKind() == DriftKind.RESOLVED)
                    .toList();
            assertThat(events).as("no duplicate, no missing event").hasSize(30);
            assertThat(keys(drifts)).containsExactlyInAnyOrderElementsOf(union(firstDrifts, secondDrifts));
            assertThat(drifts).allSatisfy(d -> assertThat(d.getKind()).isEqualTo(DriftKind.VALUE_MISMATCH));
            assertThat(keys(resolutions)).containsExactlyInAnyOrderElementsOf(firstDrifts);
            Set<String> driftIds = drifts.stream().map(DriftEvent::getDriftId).collect(Collectors.toSet());
            assertThat(driftIds).hasSize(20);
            assertThat(resolutions).allSatisfy(r -> assertThat(driftIds).contains(r.getDriftId()));

            try (AuditStore store = AuditStore.open(postgres.connectionSpec(auditDb))) {
                List<Finding> findings = awaitResolvedFindings(store, migration, 10);
                assertThat(findings).hasSize(20);
                assertThat(findings).extracting(Finding::findingId).containsExactlyInAnyOrderElementsOf(driftIds);
                assertThat(findings.stream()
                                .filter(f -> !f.isOpen())
                                .map(f -> Integer.parseInt(f.key().values().get(0))))
                        .containsExactlyInAnyOrderElementsOf(firstDrifts);
            }
        }
    }

    /** Keys {@code from..to} on both sides, equal except {@code drifting} (a different amount on the target). */
    private static List<RowChange> phase(
            TestChanges src, TestChanges tgt, int from, int to, Set<Integer> drifting, long lsnOffset) {
        List<RowChange> changes = new ArrayList<>();
        for (int id = from; id <= to; id++) {
            String key = Integer.toString(id);
            changes.add(src.insert(id, lsnOffset + id, "amount", "10", "id", key));
            String targetAmount = drifting.contains(id) ? "11" : "10";
            changes.add(tgt.insert(id, lsnOffset + id, "amount", targetAmount, "id", key));
        }
        return changes;
    }

    private static List<RowChange> repairs(TestChanges tgt, Set<Integer> ids, long lsnOffset) {
        List<RowChange> changes = new ArrayList<>();
        for (int id : ids) {
            changes.add(tgt.update(id, lsnOffset + id, "amount", "10", "id", Integer.toString(id)));
        }
        return changes;
    }

    private static List<Finding> awaitResolvedFindings(AuditStore store, String migration, int resolved)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<Finding> findings = store.findings(migration, false);
            if (findings.stream().filter(f -> !f.isOpen()).count() >= resolved) {
                return findings;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "the audit store did not reach " + resolved + " resolved findings: " + findings);
            }
            Thread.sleep(200);
        }
    }

    private static List<Integer> keys(List<DriftEvent> events) {
        return events.stream()
                .map(e -> Integer.parseInt(e.getKey().get(0).getValue()))
                .toList();
    }

    private static Set<Integer> range(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().collect(Collectors.toSet());
    }

    private static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
        Set<Integer> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
