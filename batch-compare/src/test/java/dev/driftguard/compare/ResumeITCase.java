package dev.driftguard.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftguard.row.TableId;
import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.junit.LocalStackExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An interrupted run, resumed with --resume, gives the result an uninterrupted run gives, without redoing segments. */
@ExtendWith(LocalStackExtension.class)
class ResumeITCase {

    private static final String MIGRATION = "m-resume";

    /** Cancels the run once {@code after} segments have been compared, and counts compared segments. */
    private static final class CancelAfter implements CompareListener {
        final AtomicInteger compared = new AtomicInteger();
        final int after;
        BatchCompare compare;

        CancelAfter(int after) {
            this.after = after;
        }

        @Override
        public void segmentFinished(TableId table, int segment) {
            if (compared.incrementAndGet() == after) {
                compare.cancel();
            }
        }
    }

    @Test
    void resumedRunGivesTheSameResultAsAnUninterruptedOne(LocalPostgres postgres) throws SQLException {
        ComparePair pair = ComparePair.create(postgres, "resume");
        String audit = postgres.createUniqueDatabase("resume_audit");
        pair.onBoth(
                "CREATE TABLE a (id int PRIMARY KEY, v text)",
                "INSERT INTO a SELECT g, md5(g::text) FROM generate_series(1, 6000) g",
                "CREATE TABLE b (k text COLLATE \"C\" PRIMARY KEY, n numeric)",
                "INSERT INTO b SELECT 'key' || g, g / 3.0 FROM generate_series(1, 4000) g",
                "ANALYZE a",
                "ANALYZE b");
        pair.onTarget(
                "UPDATE a SET v = 'x' WHERE id % 700 = 0",
                "DELETE FROM a WHERE id % 1100 = 1",
                "UPDATE b SET n = n + 1 WHERE k IN ('key7', 'key3999')",
                "INSERT INTO b VALUES ('zzz', 0)");

        CancelAfter cancel = new CancelAfter(4);
        CompareOptions interrupted = options(pair, postgres, audit).build();
        cancel.compare = new BatchCompare(interrupted, cancel);
        CompareInterruptedException stopped = org.assertj.core.api.Assertions.catchThrowableOfType(
                cancel.compare::run, CompareInterruptedException.class);
        assertThat(stopped).isNotNull();
        String runId = stopped.runId();
        assertThat(runStatus(postgres, audit, runId)).isEqualTo("interrupted");
        Map<String, Integer> states = segmentStates(postgres, audit, runId);
        assertThat(states.get("pending"))
                .as("segments left for the resumed run")
                .isPositive();
        int finishedBefore = states.getOrDefault("matched", 0) + states.getOrDefault("mismatched", 0);
        assertThat(finishedBefore).isGreaterThanOrEqualTo(4);

        AtomicInteger computedOnResume = new AtomicInteger();
        CompareResult resumed = new BatchCompare(
                        options(pair, postgres, audit).resumeRunId(runId).build(), new CompareListener() {
                            @Override
                            public void segmentFinished(TableId table, int segment) {
                                computedOnResume.incrementAndGet();
                            }
                        })
                .run();
        CompareResult uninterrupted =
                new BatchCompare(options(pair, postgres, audit).build(), CompareListener.NONE).run();

        assertThat(resumed.summary().runId()).isEqualTo(runId);
        assertThat(resumed.summary().resumed()).isTrue();
        assertThat(resumed.summary().segmentsResumed()).isEqualTo(finishedBefore);
        assertThat(computedOnResume.get()).isEqualTo(uninterrupted.summary().segments() - finishedBefore);
        assertThat(describe(resumed)).isEqualTo(describe(uninterrupted));
        assertThat(uninterrupted.summary().differences()).isEqualTo(new DifferenceCounts(6, 1, 10));
        assertThat(runStatus(postgres, audit, runId)).isEqualTo("completed");
        assertThat(segmentStates(postgres, audit, runId)).doesNotContainKey("pending");
        assertThat(findings(postgres, audit, runId)).isEqualTo(17);
    }

    @Test
    void resumeWithOtherOptionsIsRefused(LocalPostgres postgres) {
        ComparePair pair = ComparePair.create(postgres, "resume_options");
        String audit = postgres.createUniqueDatabase("resume_options_audit");
        pair.onBoth("CREATE TABLE t (id int PRIMARY KEY)");
        String runId = new BatchCompare(options(pair, postgres, audit).build(), CompareListener.NONE)
                .run()
                .summary()
                .runId();

        assertThatThrownBy(() -> new BatchCompare(
                                options(pair, postgres, audit)
                                        .resumeRunId(runId)
                                        .hashOnly(true)
                                        .build(),
                                CompareListener.NONE)
                        .run())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--resume " + runId)
                .hasMessageContaining("hashOnly");
        assertThatThrownBy(() -> new BatchCompare(
                                options(pair, postgres, audit)
                                        .resumeRunId("no-such-run")
                                        .build(),
                                CompareListener.NONE)
                        .run())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no such run");
    }

    private static CompareOptionsBuilder options(ComparePair pair, LocalPostgres postgres, String audit) {
        return pair.options()
                .threads(1)
                .segmentRows(800)
                .auditDb(postgres.connectionSpec(audit))
                .migrationId(MIGRATION);
    }

    /** Everything of a result that must not depend on interruption (not run ids, times or resume counters). */
    private static List<String> describe(CompareResult result) {
        List<String> lines = new ArrayList<>();
        for (TableResult t : result.tables()) {
            lines.add(t.table() + " " + t.status() + " " + t.sourceRows() + "/" + t.targetRows() + " " + t.counts()
                    + " segments=" + t.segments());
            t.differences().forEach(d -> lines.add("  " + d));
        }
        return lines;
    }

    private static String runStatus(LocalPostgres postgres, String audit, String runId) throws SQLException {
        try (Connection c = postgres.connect(audit);
                PreparedStatement ps =
                        c.prepareStatement("SELECT status FROM driftguard.batch_runs WHERE run_id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    private static Map<String, Integer> segmentStates(LocalPostgres postgres, String audit, String runId)
            throws SQLException {
        Map<String, Integer> states = new TreeMap<>();
        try (Connection c = postgres.connect(audit);
                PreparedStatement ps = c.prepareStatement(
                        "SELECT state, count(*) FROM driftguard.batch_segments WHERE run_id = ? GROUP BY state")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    states.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return states;
    }

    private static int findings(LocalPostgres postgres, String audit, String runId) throws SQLException {
        try (Connection c = postgres.connect(audit);
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM driftguard.findings WHERE run_id = ? AND origin = 'batch'"
                                + " AND migration_id = '" + MIGRATION + "' AND resolved_at IS NULL")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
