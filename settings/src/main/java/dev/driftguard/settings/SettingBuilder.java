package dev.driftguard.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Collects the declaration of a {@link Setting}; {@link #build()} validates it (its default must parse and pass its own
 * checks). Its fields are read by the setting's constructor.
 */
public final class SettingBuilder<T> {
    final String key;
    final Class<T> type;
    String label;
    final Setting.Parser<T> parser;
    final Function<T, String> formatter;
    String description;
    String defaultText;
    String defaultExplained;
    T switchDefault;
    boolean required;
    boolean repeatable;
    final List<Setting.Check<T>> checks = new ArrayList<>();

    SettingBuilder(String key, Class<T> type, String label, Setting.Parser<T> parser, Function<T, String> formatter) {
        if (key == null || !key.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("setting key '" + key + "' must be lower-case words joined by -");
        }
        this.key = key;
        this.type = type;
        this.label = label;
        this.parser = parser;
        this.formatter = formatter;
    }

    public SettingBuilder<T> label(String value) {
        this.label = Objects.requireNonNull(value, "label");
        return this;
    }

    public SettingBuilder<T> description(String value) {
        this.description = value;
        return this;
    }

    /** The default, as the command line would take it (and help and usage show it). */
    public SettingBuilder<T> defaultValue(String text) {
        this.defaultText = Objects.requireNonNull(text, "default");
        return this;
    }

    /** A default that depends on the machine: help says how it is chosen, and the value here. */
    public SettingBuilder<T> defaultValue(String text, String explained) {
        this.defaultExplained = explained;
        return defaultValue(text);
    }

    public SettingBuilder<T> required() {
        this.required = true;
        return this;
    }

    /** May be given several times; all values are kept, in order ({@link Settings#all}). */
    public SettingBuilder<T> repeatable() {
        this.repeatable = true;
        return this;
    }

    public SettingBuilder<T> check(Predicate<T> holds, String requirement) {
        checks.add(new Setting.Check<>(holds, requirement));
        return this;
    }

    /** Values below {@code minimum} are refused, naming it. */
    public SettingBuilder<T> atLeast(T minimum) {
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
