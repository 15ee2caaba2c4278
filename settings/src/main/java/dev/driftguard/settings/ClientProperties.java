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
 * secrets as environment references {@code ${env:NAME}} (the syntax of Kafka's EnvVarConfigProvider), so that the file
 * itself holds none: resolved for this process's clients ({@link #asMap()}), kept for a configuration another process
 * resolves ({@link #asReferences()}). Immutable; {@link #toString()} never shows a secret.
 */
public final class ClientProperties {

    /** No properties: the clients' defaults. */
    public static final ClientProperties NONE = new ClientProperties(null, Map.of(), name -> null);

    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern SECRET = Pattern.compile("password|secret|jaas|token|credential|key$");

    private final Path file;
    private final Map<String, String> asWritten;
    private final UnaryOperator<String> environment;

    private ClientProperties(Path file, Map<String, String> asWritten, UnaryOperator<String> environment) {
        this.file = file;
        this.asWritten = Map.copyOf(asWritten);
        this.environment = environment;
    }

    /** Reads {@code file}; {@code ${env:NAME}} references are resolved from the environment when used. */
    public static ClientProperties load(Path file) {
        return load(file, System::getenv);
    }

    /** Reads {@code file}; references are resolved with {@code environment} (null: not set) when used. */
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
        Map<String, String> asWritten = new TreeMap<>();
        for (String key : read.stringPropertyNames()) {
            if (key.equals("bootstrap.servers")) {
                throw new IllegalArgumentException(file + " sets bootstrap.servers: give the servers with --kafka and"
                        + " only the client settings (security.protocol, sasl.*, ssl.*) in the file");
            }
            asWritten.put(key, read.getProperty(key));
        }
        return new ClientProperties(file, asWritten, environment);
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

    /**
     * The properties with their references resolved: for this process's clients only, never for printing. A reference
     * to a variable that is not set is an error naming the key and the variable.
     */
    public Map<String, String> asMap() {
        Map<String, String> resolved = new TreeMap<>();
        asWritten.forEach((key, value) -> resolved.put(key, resolve(file, key, value, environment)));
        return resolved;
    }

    /**
     * The properties as the file writes them, {@code ${env:NAME}} references kept: for a configuration another process
     * resolves (a Kafka Connect worker with {@code config.providers=env}). A secret written in clear is refused: such a
     * configuration is printed and stored.
     */
    public Map<String, String> asReferences() {
        asWritten.forEach((key, value) -> {
            if (isSecret(key) && !ENV.matcher(value).find()) {
                throw new IllegalArgumentException(file + ": " + key + " holds a secret in clear; write it as"
                        + " ${env:NAME} (the generated configuration is printed and stored by the worker)");
            }
        });
        return asWritten;
    }

    private static boolean isSecret(String key) {
        return SECRET.matcher(key.toLowerCase(Locale.ROOT)).find();
    }

    /** The file they came from, "none" when there is none. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        asWritten.forEach((key, value) -> shown.put(key, isSecret(key) ? "****" : value));
        return (file == null ? "no client properties" : file.toString()) + " " + shown;
    }
}
