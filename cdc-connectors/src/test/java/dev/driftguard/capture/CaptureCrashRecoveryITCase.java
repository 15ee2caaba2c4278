package dev.driftguard.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.avro.ColumnValue;
import dev.driftguard.avro.Op;
import dev.driftguard.avro.RowChange;
import dev.driftguard.stack.LocalKafka;
import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.junit.LocalStackExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the capture JVM with SIGKILL in the middle of a write workload, restarts it, and checks that every committed
 * change is in Kafka, with duplicates only of the same change at the same LSN.
 */
@ExtendWith(LocalStackExtension.class)
class CaptureCrashRecoveryITCase {

    /** One committed change: the row's key, the op and the row's version (its value of v; -1 for a delete). */
    private record Change(int id, Op op, int version) {}

    @Test
    void killedCaptureResumesWithoutLoss(LocalPostgres pg, LocalKafka kafka, @TempDir Path logs) throws Exception {
        String db = pg.createUniqueDatabase("crash");
        pg.execute(db, "CREATE TABLE w (id int PRIMARY KEY, v int NOT NULL, pad text)");
        String migration = "crash";
        List<Change> committed = java.util.Collections.synchronizedList(new ArrayList<>());
        Process first = startCapture(pg, db, kafka, migration, logs.resolve("first.log"));
        Process second = null;
        CompletableFuture<Void> workload = CompletableFuture.runAsync(() -> {
            try (Connection c = pg.connect(db)) {
                runWorkload(c, 6000, new Random(42), committed);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        try {
            awaitCommitted(committed, 1500);
            // SIGKILL in the middle of the workload: no shutdown hook, no final offset flush
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            awaitCommitted(committed, 3000);
            second = startCapture(pg, db, kafka, migration, logs.resolve("second.log"));
            workload.get(300, TimeUnit.SECONDS);

            Set<Change> expected = new HashSet<>(committed);
            List<TopicRecords.Captured> records = TopicRecords.readUntil(
                    kafka.bootstrapServers(),
                    "driftguard." + migration + ".source",
                    got -> changesOf(got).keySet().containsAll(expected),
                    Duration.ofSeconds(120));

            Map<Change, Set<Long>> lsns = changesOf(records);
            assertThat(lsns.keySet())
                    .as("every committed change, and nothing else")
                    .isEqualTo(expected);
            assertThat(lsns).as("a change captured twice has one LSN").allSatisfy((change, at) -> assertThat(at)
                    .hasSize(1));
            assertThat(records.size()).isGreaterThanOrEqualTo(committed.size());
        } finally {
            workload.cancel(true);
            first.destroyForcibly();
            if (second != null) {
                second.destroy();
                second.waitFor(60, TimeUnit.SECONDS);
            }
        }
    }

    private static void awaitCommitted(List<Change> committed, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (committed.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("workload committed only " + committed.size() + " changes");
            }
            Thread.sleep(10);
        }
    }

    private static void runWorkload(Connection c, int steps, Random random, List<Change> committed) throws Exception {
        Map<Integer, Integer> live = new HashMap<>();
        int[] nextId = {1};
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO w VALUES (?, 0, repeat('x', 100))");
                PreparedStatement update = c.prepareStatement("UPDATE w SET v = ? WHERE id = ?");
                PreparedStatement delete = c.prepareStatement("DELETE FROM w WHERE id = ?")) {
            for (int i = 0; i < steps; i++) {
                int dice = random.nextInt(10);
                if (live.isEmpty() || dice < 4) {
                    int id = nextId[0]++;
                    insert.setInt(1, id);
                    insert.executeUpdate();
                    live.put(id, 0);
                    committed.add(new Change(id, Op.INSERT, 0));
                } else {
                    List<Integer> ids = new ArrayList<>(live.keySet());
                    int id = ids.get(random.nextInt(ids.size()));
                    if (dice < 9) {
                        int version = live.get(id) + 1;
                        update.setInt(1, version);
                        update.setInt(2, id);
                        update.executeUpdate();
                        live.put(id, version);
                        committed.add(new Change(id, Op.UPDATE, version));
                    } else {
                        delete.setInt(1, id);
                        delete.executeUpdate();
                        live.remove(id);
                        committed.add(new Change(id, Op.DELETE, -1));
                    }
                }
            }
        }
    }

    private static Map<Change, Set<Long>> changesOf(List<TopicRecords.Captured> records) {
        Map<Change, Set<Long>> out = new HashMap<>();
        for (TopicRecords.Captured record : records) {
            RowChange change = record.change();
            int id = Integer.parseInt(change.getKey().get(0).getValue());
            int version = change.getOp() == Op.DELETE ? -1 : Integer.parseInt(value(change, "v"));
            out.computeIfAbsent(new Change(id, change.getOp(), version), k -> new HashSet<>())
                    .add(change.getPosition().getLsn());
        }
        return out;
    }

    private static String value(RowChange change, String column) {
        return change.getColumns().stream()
                .filter(c -> c.getName().equals(column))
                .map(ColumnValue::getValue)
                .findFirst()
                .orElseThrow();
    }

    private static Process startCapture(LocalPostgres pg, String db, LocalKafka kafka, String migration, Path log)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(
                        java,
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CaptureProcess.class.getName(),
                        pg.uri(db),
                        kafka.bootstrapServers(),
                        migration,
                        "w")
                .redirectErrorStream(true)
                .start();
        CompletableFuture<Void> streaming = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                    var writer = Files.newBufferedWriter(log)) {
                String line;
                while ((line = out.readLine()) != null) {
                    writer.write(line);
                    writer.newLine();
                    writer.flush();
                    if (line.equals("STREAMING")) {
                        streaming.complete(null);
                    }
                }
            } catch (IOException e) {
                streaming.completeExceptionally(e);
            }
            streaming.completeExceptionally(new AssertionError("capture process ended before streaming; see " + log));
        });
        pump.setDaemon(true);
        pump.start();
        try {
            streaming.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new AssertionError("capture process did not start streaming: " + Files.readString(log), e);
        }
        return process;
    }
}
