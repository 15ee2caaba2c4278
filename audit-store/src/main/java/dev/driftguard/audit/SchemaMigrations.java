package dev.driftguard.audit;

import dev.driftguard.pg.ConnectionSpec;
import dev.driftguard.pg.PgErrors;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfoService;
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

    /**
     * One line: the database's own error with what to do about it (Flyway's message spans a dozen lines of SQL state
     * and error code), else the first line of Flyway's message followed by {@code fix}.
     */
    private static String describe(FlywayException e, String fix) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return PgErrors.explain(sql);
            }
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse("").strip() + fix;
    }

    /** Applies pending migrations and returns the schema version afterwards. */
    static String apply(ConnectionSpec spec) {
        Flyway flyway = configure(spec);
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
                    "cannot migrate the audit store schema " + AuditStore.SCHEMA + " in " + spec + ": "
                            + describe(
                                    e,
                                    " (the user needs CREATE on the database, or the schema must exist"
                                            + " and be owned by it)"),
                    e);
        }
    }

    /**
     * The version of an existing, up-to-date schema, changing nothing: for commands that only read. A database without
     * the schema, or with an older one, is an error naming what creates or upgrades it.
     */
    static String existing(ConnectionSpec spec) {
        MigrationInfoService info;
        try {
            info = configure(spec).info();
        } catch (FlywayException e) {
            throw new AuditStoreException(
                    "cannot read the audit store schema " + AuditStore.SCHEMA + " in " + spec + ": "
                            + describe(e, " (check --audit-db)"),
                    e);
        }
        if (info.current() == null) {
            throw new AuditStoreException("database " + spec + " has no driftguard audit store (schema "
                    + AuditStore.SCHEMA + "): check --audit-db; the store is created by the commands that write"
                    + " to it (compare or validate with --audit-db)");
        }
        String version = info.current().getVersion().getVersion();
        if (info.pending().length > 0) {
            throw new AuditStoreException("the audit store in " + spec + " is at version " + version
                    + ", older than this driftguard's: run a command that writes to it (compare or validate with"
                    + " --audit-db) once to upgrade it");
        }
        return version;
    }

    private static Flyway configure(ConnectionSpec spec) {
        return Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(new ConnectionSpecDataSource(spec))
                .schemas(AuditStore.SCHEMA)
                .defaultSchema(AuditStore.SCHEMA)
                .createSchemas(true)
                .table(HISTORY_TABLE)
                .locations(LOCATION)
                .placeholderReplacement(false)
                .validateMigrationNaming(true)
                .load();
    }
}
