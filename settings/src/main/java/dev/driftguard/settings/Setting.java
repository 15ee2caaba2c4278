package dev.driftguard.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
    private record Check<T>(Predicate<T> holds, String requirement) {}

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

    private Setting(Builder<T> b) {
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
    public static Builder<Duration> duration(String key) {
        return new Builder<>(key, Duration.class, "DURATION", Durations::parse, Durations::format);
    }

    /** A whole number. */
    public static Builder<Integer> integer(String key) {
        return new Builder<>(key, Integer.class, "N", text -> number(text, Integer::parseInt), String::valueOf);
    }

    /** A whole number that may exceed an int. */
    public static Builder<Long> longInteger(String key) {
        return new Builder<>(key, Long.class, "N", text -> number(text, Long::parseLong), String::valueOf);
    }

    /** Free text (a URI, an id, a predicate); {@code label} names it in the usage. */
    public static Builder<String> text(String key, String label) {
        return new Builder<>(key, String.class, label, text -> text, text -> "'" + text + "'");
    }

    /** A file or directory path. */
    public static Builder<Path> path(String key, String label) {
        return new Builder<>(key, Path.class, label, Path::of, Path::toString);
    }

    /** One of an enum's constants, written in lower case (case does not matter when read). */
    public static <E extends Enum<E>> Builder<E> choice(String key, Class<E> type) {
        E[] constants = type.getEnumConstants();
        String names = Arrays.stream(constants).map(Setting::lowerCase).collect(Collectors.joining("|"));
        Parser<E> parser = text -> Arrays.stream(constants)
                .filter(c -> c.name().equalsIgnoreCase(text.trim()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not one of " + names));
        return new Builder<>(key, type, names, parser, Setting::lowerCase);
    }

    /** A value of any type: {@code parser} reads it (its errors say what is wrong), {@code formatter} writes it. */
    public static <T> Builder<T> of(
            String key, Class<T> type, String label, Parser<T> parser, Function<T, String> formatter) {
        return new Builder<>(key, type, label, parser, formatter);
    }

    /** A switch without a value: given means true. */
    public static Builder<Boolean> flag(String key) {
        Builder<Boolean> b = new Builder<>(key, Boolean.class, null, Boolean::parseBoolean, String::valueOf);
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
        Builder<T> b = toBuilder();
        b.required = true;
        b.defaultText = null;
        return b.build();
    }

    /** This setting with another description (the same key, type, default and checks), for a command's own wording. */
    public Setting<T> describedAs(String otherDescription) {
        Builder<T> b = toBuilder();
        b.description = otherDescription;
        return b.build();
    }

    /** This setting with another default, for a command that runs it differently (the demo's shorter tolerance). */
    public Setting<T> withDefault(String otherDefault) {
        Builder<T> b = toBuilder();
        b.defaultText = Objects.requireNonNull(otherDefault, "default");
        b.defaultExplained = null;
        return b.build();
    }

    private Builder<T> toBuilder() {
        Builder<T> b = new Builder<>(key, type, label, parser, formatter);
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

    /** Collects a declaration; {@link #build()} validates it (its default must parse and pass its own checks). */
    public static final class Builder<T> {
        private final String key;
        private final Class<T> type;
        private String label;
        private final Parser<T> parser;
        private final Function<T, String> formatter;
        private String description;
        private String defaultText;
        private String defaultExplained;
        private T switchDefault;
        private boolean required;
        private boolean repeatable;
        private final List<Check<T>> checks = new ArrayList<>();

        private Builder(String key, Class<T> type, String label, Parser<T> parser, Function<T, String> formatter) {
            if (key == null || !key.matches("[a-z][a-z0-9-]*")) {
                throw new IllegalArgumentException("setting key '" + key + "' must be lower-case words joined by -");
            }
            this.key = key;
            this.type = type;
            this.label = label;
            this.parser = parser;
            this.formatter = formatter;
        }

        public Builder<T> label(String value) {
            this.label = Objects.requireNonNull(value, "label");
            return this;
        }

        public Builder<T> description(String value) {
            this.description = value;
            return this;
        }

        /** The default, as the command line would take it (and help and usage show it). */
        public Builder<T> defaultValue(String text) {
            this.defaultText = Objects.requireNonNull(text, "default");
            return this;
        }

        /** A default that depends on the machine: help says how it is chosen, and the value here. */
        public Builder<T> defaultValue(String text, String explained) {
            this.defaultExplained = explained;
            return defaultValue(text);
        }

        public Builder<T> required() {
            this.required = true;
            return this;
        }

        /** May be given several times; all values are kept, in order ({@link Settings#all}). */
        public Builder<T> repeatable() {
            this.repeatable = true;
            return this;
        }

        public Builder<T> check(Predicate<T> holds, String requirement) {
            checks.add(new Check<>(holds, requirement));
            return this;
        }

        /** Values below {@code minimum} are refused, naming it. */
        public Builder<T> atLeast(T minimum) {
            @SuppressWarnings("unchecked")
            Comparable<? super T> min = (Comparable<? super T>) minimum;
            return check(value -> min.compareTo(value) <= 0, "must be at least " + formatter.apply(minimum));
        }

        public Setting<T> build() {
            if (required && defaultText != null) {
                throw new IllegalStateException(key + ": a required setting has no default");
            }
            return new Setting<>(this);
        }
    }
}
