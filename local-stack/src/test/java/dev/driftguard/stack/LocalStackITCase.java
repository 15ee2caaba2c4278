package dev.driftguard.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.pg.ConnectionSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

class LocalStackITCase {

    @Test
    void upReplicatesTheDriftguardDatabaseAndDownLeavesNoServerRunning() throws Exception {
        long sourcePostmaster;
        long targetPostmaster;
        try (LocalStack stack = LocalStack.start()) {
            sourcePostmaster = OrphanedServers.postmasterPid(
                            stack.postgres().source().dataDirectory())
                    .orElseThrow();
            targetPostmaster = OrphanedServers.postmasterPid(
                            stack.postgres().target().dataDirectory())
                    .orElseThrow();
            ConnectionSpec source = ConnectionSpec.parse(stack.sourceUri());
            ConnectionSpec target = ConnectionSpec.parse(stack.targetUri());
            assertThat(source.database()).isEqualTo("driftguard");
            assertThat(target.port()).isNotEqualTo(source.port());

            stack.postgres().executeOnBoth(LocalStack.DATABASE, "CREATE TABLE orders (id int PRIMARY KEY)");
            stack.postgres().refresh(LocalStack.DATABASE);
            try (Connection c = source.connect();
                    Statement s = c.createStatement()) {
                s.execute("INSERT INTO orders VALUES (1)");
            }
            stack.postgres().awaitCaughtUp(LocalStack.DATABASE, Duration.ofSeconds(60));
            try (Connection c = target.connect();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM orders WHERE id = 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            try (Admin admin =
                    Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
                assertThat(admin.describeCluster().nodes().get()).hasSize(1);
            }
        }
        assertThat(OrphanedServers.isRunning(sourcePostmaster)).isFalse();
        assertThat(OrphanedServers.isRunning(targetPostmaster)).isFalse();
    }
}
