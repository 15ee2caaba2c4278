package dev.driftguard.capture.connect;

import dev.driftguard.capture.CaptureNames;
import dev.driftguard.capture.CaptureSettings;
import dev.driftguard.capture.debezium.DebeziumSettings;
import dev.driftguard.capture.prepare.PrepareReport;
import dev.driftguard.settings.ClientProperties;
import dev.driftguard.settings.Setting;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kafka Connect connector config of one capture side: the same Debezium settings as the embedded engine, plus
 * the {@link CanonicalRowChange} transform and byte-array converters, so that Connect writes exactly the records the
 * embedded capture writes. The worker needs the driftguard plugin jar and the Debezium PostgreSQL connector plugin.
 */
public final class ConnectorConfig {

    /**
     * The password is never written into the config: the default reference makes the worker read it from its
     * environment (the worker needs {@code config.providers=env} and
     * {@code config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider}).
     */
    public static final String DEFAULT_PASSWORD_REFERENCE = "${env:DRIFTGUARD_DB_PASSWORD}";

    public static final Setting<String> PASSWORD_REF = Setting.text("password-ref", "REF")
            .description("Value of database.password, resolved by the worker (without it: "
                    + DEFAULT_PASSWORD_REFERENCE + " when the connection has a password; the worker then needs"
                    + " config.providers=env).")
            .build();

    public static final Setting<URI> DEPLOY = Setting.of(
                    "deploy", URI.class, "URL", ConnectorConfig::connectUrl, URI::toString)
            .description("Kafka Connect REST URL, e.g. http://host:8083: PUT the config to <url>/connectors/<name>/"
                    + "config.")
            .build();

    public static final String TRANSFORM = "driftguard";

    /** The {@code --deploy} value: an http(s) URL with a host. */
    static URI connectUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null
                || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException("'" + text + "' is not a Kafka Connect REST URL: give http://host:port"
                    + " (or https://), e.g. http://connect:8083");
        }
        return uri;
    }

    private ConnectorConfig() {}

    /**
     * @param passwordReference the {@code database.password} value (a config-provider reference), or null for none
     */
    public static Map<String, String> of(CaptureSettings settings, PrepareReport prepared, String passwordReference) {
        return of(settings, prepared, passwordReference, ClientProperties.NONE);
    }

    /**
     * The config, with the Kafka client properties as per-connector producer overrides ({@code producer.override.*},
     * secrets as {@code ${env:NAME}} references the worker resolves); the worker must allow them
     * ({@code connector.client.config.override.policy=All}).
     */
    public static Map<String, String> of(
            CaptureSettings settings, PrepareReport prepared, String passwordReference, ClientProperties kafka) {
        CaptureNames names = settings.names();
        Map<String, String> config = new LinkedHashMap<>(
                DebeziumSettings.connectorProperties(settings, prepared.capturedTables(), passwordReference));
        config.put("name", names.connectorName());
        config.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("transforms", TRANSFORM);
        CanonicalRowChange.settings(names, settings.hashOnly(), prepared.domainTypes(), false)
                .forEach((key, value) -> config.put("transforms." + TRANSFORM + "." + key, value));
        // the record topic, if the worker creates topics (KIP-158); per-key order needs no more than one partition
        config.put("topic.creation.default.partitions", "1");
        config.put("topic.creation.default.replication.factor", "-1");
        // a failed conversion must stop the task, never skip a change
        config.put("errors.tolerance", "none");
        kafka.asReferences().forEach((key, value) -> config.put("producer.override." + key, value));
        return config;
    }
}
