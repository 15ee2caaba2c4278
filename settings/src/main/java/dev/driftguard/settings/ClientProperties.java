package dev.driftguard.settings;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Client properties read from a file (a Kafka client's {@code security.protocol}, {@code sasl.*}, {@code ssl.*}), with
 * secrets as environment references {@code ${env:NAME}} (the syntax of Kafka's EnvVarConfigProvider) resolved when
 * read, so that the file itself holds none. Immutable; {@link #toString()} never shows a secret.
 */
public final class ClientProperties {

    /** No properties: the clients' defaults. */
    public static final ClientProperties NONE = new ClientProperties(null, Map.of());

    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern SECRET = Pattern.compile("password|secret|jaas|token|credential|key$");

    private final Path file;
    private final Map<String, String> properties;

    private ClientProperties(Path file, Map<String, String> properties) {
        this.file = file;
        this.properties = Map.copyOf(properties);
    }

    /** Reads {@code file}, resolving {@code ${env:NAME}} from the environment. */
    public static ClientProperties load(Path file) {
        return load(file, System::getenv);
    }

    /** Reads {@code file}, resolving {@code ${env:NAME}} with {@code environment} (null: not set). */
    static ClientProperties load(Path file, UnaryOperator<String> environment) {
        Properties read = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            read.load(in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(
                    file + " does not exist: give the path of a Kafka client properties file", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read " + file + " (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                            + "): give a readable Kafka client properties file",
                    e);
        }
        Map<String, String> resolved = new TreeMap<>();
        for (String key : read.stringPropertyNames()) {
            if (key.equals("bootstrap.servers")) {
                throw new IllegalArgumentException(file + " sets bootstrap.servers: give the servers with --kafka and"
                        + " only the client settings (security.protocol, sasl.*, ssl.*) in the file");
            }
            resolved.put(key, resolve(file, key, read.getProperty(key), environment));
        }
        return new ClientProperties(file, resolved);
    }

    private static String resolve(Path file, String key, String value, UnaryOperator<String> environment) {
        Matcher m = ENV.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String variable = environment.apply(m.group(1));
            if (variable == null) {
                throw new IllegalArgumentException(file + ": " + key + " refers to ${env:" + m.group(1)
                        + "}, which is not set; export " + m.group(1) + " before running");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(variable));
        }
        return m.appendTail(out).toString();
    }

    /** The properties, secrets resolved: for the clients only, never for printing. */
    public Map<String, String> asMap() {
        return properties;
    }

    /** The file they came from, "none" when there is none. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        properties.forEach((key, value) ->
                shown.put(key, SECRET.matcher(key.toLowerCase(Locale.ROOT)).find() ? "****" : value));
        return (file == null ? "no client properties" : file.toString()) + " " + shown;
    }
}
