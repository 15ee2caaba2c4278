package dev.driftguard.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One option of a driftguard command, declared once: its key (on the command line {@code --key}), its value type (a
 * parser from text), its default, its description and the checks a value must pass. The command line's help, the
 * {@code flink run} entry point's usage and parser ({@link SettingArgs}), the docs test and the error messages of the
 * libraries all read the declaration, so they cannot disagree (as Flink's {@code ConfigOption}s are read by a
 * connector factory's validation). Immutable; build one with the static factories.
 *
 * @param <T> the type of one value (of each value, for a {@linkplain #repeatable() repeatable} setting)
 */
public final class Setting<T> {

    /** Turns a value's text into the value; throws {@link IllegalArgumentException} saying why it cannot. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String text);
    }

    /** A condition every value must meet, with the requirement in words ("must be at least 1s"). */
    record Check<T>(Predicate<T> holds, String requirement) {}

    private final String key;
    private final Class<T> type;
    private final String label;
    private final String description;
    private final Parser<T> parser;
    private final Function<T, String> formatter;
    private final String defaultText;
    private final T defaultValue;
    private final String defaultExplained;
    private final boolean required;
    private final boolean repeatable;
    private final List<Check<T>> checks;

    Setting(SettingBuilder<T> b) {
        this.key = b.key;
        this.type = b.type;
        this.label = b.label;
        this.description = Objects.requireNonNull(b.description, () -> "setting " + b.key + " has no description");
        this.parser = b.parser;
        this.formatter = b.formatter;
        this.defaultText = b.defaultText;
        this.defaultExplained = b.defaultExplained;
        this.required = b.required;
        this.repeatable = b.repeatable;
        this.checks = List.copyOf(b.checks);
        this.defaultValue = b.defaultText == null ? b.switchDefault : parse(b.defaultText);
    }

    /** A duration ({@link Durations}). */
    public static SettingBuilder<Duration> duration(String key) {
        return new SettingBuilder<>(key, Duration.class, "DURATION", Durations::parse, Durations::format);
    }

    /** A whole number. */
    public static SettingBuilder<Integer> integer(String key) {
        return new SettingBuilder<>(key, Integer.class, "N", text -> number(text, Integer::parseInt), String::valueOf);
    }

    /** A whole number that may exceed an int. */
    public static SettingBuilder<Long> longInteger(String key) {
        return new SettingBuilder<>(key, Long.class, "N", text -> number(text, Long::parseLong), String::valueOf);
    }

    /** Free text (a URI, an id, a predicate); {@code label} names it in the usage. */
    public static SettingBuilder<String> text(String key, String label) {
        return new SettingBuilder<>(key, String.class, label, text -> text, text -> "'" + text + "'");
    }

    /** A file or directory path. */
    public static SettingBuilder<Path> path(String key, String label) {
        return new SettingBuilder<>(key, Path.class, label, Path::of, Path::toString);
    }

    /** One of an enum's constants, written in lower case (case does not matter when read). */
    public static <E extends Enum<E>> SettingBuilder<E> choice(String key, Class<E> type) {
        E[] constants = type.getEnumConstants();
        String names = Arrays.stream(constants).map(Setting::lowerCase).collect(Collectors.joining("|"));
        Parser<E> parser = text -> Arrays.stream(constants)
                .filter(c -> c.name().equalsIgnoreCase(text.trim()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not one of " + names));
        return new SettingBuilder<>(key, type, names, parser, Setting::lowerCase);
    }

    /** A value of any type: {@code parser} reads it (its errors say what is wrong), {@code formatter} writes it. */
    public static <T> SettingBuilder<T> of(
            String key, Class<T> type, String label, Parser<T> parser, Function<T, String> formatter) {
        return new SettingBuilder<>(key, type, label, parser, formatter);
    }

    /** A switch without a value: given means true. */
    public static SettingBuilder<Boolean> flag(String key) {
        SettingBuilder<Boolean> b =
                new SettingBuilder<>(key, Boolean.class, null, Boolean::parseBoolean, String::valueOf);
        b.switchDefault = Boolean.FALSE;
        return b;
    }

    /** The key: the command line option is {@code --key}. */
    public String key() {
        return key;
    }

    /** {@code --key}, as the command line and the {@code flink run} arguments spell it. */
    public String option() {
        return "--" + key;
    }

    /** The key in words with its option, for messages: "idle key retention (--idle-key-retention)". */
    public String named() {
        return key.replace('-', ' ') + " (" + option() + ")";
    }

    public Class<T> type() {
        return type;
    }

    /** How the usage names the value (DURATION, N, URI, hashmap|rocksdb); null for a switch. */
    public String label() {
        return label;
    }

    public boolean isSwitch() {
        return label == null;
    }

    public boolean required() {
        return required;
    }

    public boolean repeatable() {
        return repeatable;
    }

    public String description() {
        return description;
    }

    /** The description with the default, as help shows it: "... (default: 10s)". */
    public String help() {
        if (defaultText == null) {
            return description;
        }
        String shown = defaultExplained == null ? defaultText : defaultExplained + "; here " + defaultText;
        boolean sentence = description.endsWith(".");
        String text = sentence ? description.substring(0, description.length() - 1) : description;
        return text + " (default: " + shown + ")" + (sentence ? "." : "");
    }

    /** The default as text, or null when there is none (a switch's default, false, is not shown either). */
    public String defaultText() {
        return defaultText;
    }

    /** The default value: null when there is none, false for a switch. */
    public T defaultValue() {
        return defaultValue;
    }

    /** In a usage line: {@code --key LABEL} when required, {@code [--key DEFAULT]}, {@code [--key LABEL]}, {@code [--key]}. */
    public String usage() {
        String shown = isSwitch() ? option() : option() + " " + (defaultText != null ? defaultText : label);
        String once = required ? shown : "[" + shown + "]";
        return repeatable ? once + "..." : once;
    }

    /**
     * Reads a value given as text and checks it; errors name the option, the value and what to write instead, e.g.
     * "--tolerance '10x': '10x' is not a duration: write e.g. 500ms, ...".
     */
    public T parse(String text) {
        T value;
        try {
            value = read(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option() + " " + e.getMessage(), e);
        }
        return check(value);
    }

    /**
     * Reads a value given as text, unchecked; the error says only what is wrong with the text ("'10x' is not a
     * duration: write e.g. ..."), for a caller that names the option itself (the command line does).
     */
    public T read(String text) {
        return parser.parse(Objects.requireNonNull(text, "text"));
    }

    /** What is wrong with {@code value} ("must be at least 1s, got 0s"), or null when it passes every check. */
    public String problemWith(T value) {
        for (Check<T> c : checks) {
            if (!c.holds().test(value)) {
                return c.requirement() + ", got " + format(value);
            }
        }
        return null;
    }

    /** Returns {@code value} if it passes every check; else throws naming the setting, the requirement and the value. */
    public T check(T value) {
        String problem = value == null ? null : problemWith(value);
        if (problem != null) {
            throw new IllegalArgumentException(named() + " " + problem);
        }
        return value;
    }

    /** A value written the way this setting reads it. */
    public String format(T value) {
        return formatter.apply(value);
    }

    /** This setting, required (a command that cannot run without it). */
    public Setting<T> asRequired() {
        SettingBuilder<T> b = toBuilder();
        b.required = true;
        b.defaultText = null;
        return b.build();
    }

    /** This setting with another description (the same key, type, default and checks), for a command's own wording. */
    public Setting<T> describedAs(String otherDescription) {
        SettingBuilder<T> b = toBuilder();
        b.description = otherDescription;
        return b.build();
    }

    /** This setting with another default, for a command that runs it differently (the demo's shorter tolerance). */
    public Setting<T> withDefault(String otherDefault) {
        SettingBuilder<T> b = toBuilder();
        b.defaultText = Objects.requireNonNull(otherDefault, "default");
        b.defaultExplained = null;
        return b.build();
    }

    private SettingBuilder<T> toBuilder() {
        SettingBuilder<T> b = new SettingBuilder<>(key, type, label, parser, formatter);
        b.description = description;
        b.defaultText = defaultText;
        b.defaultExplained = defaultExplained;
        b.switchDefault = defaultText == null ? defaultValue : null;
        b.required = required;
        b.repeatable = repeatable;
        b.checks.addAll(checks);
        return b;
    }

    @Override
    public String toString() {
        return option();
    }

    private static <N> N number(String text, Function<String, N> parse) {
        try {
            return parse.apply(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number", e);
        }
    }

    private static String lowerCase(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }
}
