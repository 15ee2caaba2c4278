package dev.driftguard.audit;

import dev.driftguard.pg.ConnectionSpec;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the {@value AuditStore#SCHEMA} schema of an audit database up to date with the Flyway migrations in
 * {@code db/driftguard} (V1__audit_store.sql, ...). Flyway's history table lives inside that schema, and Flyway takes
 * a PostgreSQL advisory lock, so concurrent callers (validator and batch compare starting together) are safe.
 */
final class SchemaMigrations {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);
    static final String LOCATION = "classpath:db/driftguard";
    static final String HISTORY_TABLE = "flyway_schema_history";

    private SchemaMigrations() {}

    /** Applies pending migrations and returns the schema version afterwards. */
    static String apply(ConnectionSpec spec) {
        Flyway flyway = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(new ConnectionSpecDataSource(spec))
                .schemas(AuditStore.SCHEMA)
                .defaultSchema(AuditStore.SCHEMA)
                .createSchemas(true)
                .table(HISTORY_TABLE)
                .locations(LOCATION)
                .placeholderReplacement(false)
                .validateMigrationNaming(true)
                .load();
        try {
            MigrateResult result = flyway.migrate();
            String version = result.targetSchemaVersion != null
                    ? result.targetSchemaVersion
                    : flyway.info().current().getVersion().getVersion();
            if (result.migrationsExecuted > 0) {
                LOG.info(
                        "audit store {}: applied {} migration(s), schema {} now at version {}",
                        spec,
                        result.migrationsExecuted,
                        AuditStore.SCHEMA,
                        version);
            }
            return version;
        } catch (FlywayException e) {
            throw new AuditStoreException(
                    "cannot migrate the audit store schema " + AuditStore.SCHEMA + " in " + spec
                            + ": " + e.getMessage()
                            + " (the user needs CREATE on the database, or the schema must exist"
                            + " and be owned by it)",
                    e);
        }
    }
}
