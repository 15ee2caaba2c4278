package dev.driftguard.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The values given for a command's {@link Setting}s (as Flink's {@code Configuration} holds those of its {@code
 * ConfigOption}s): what was not given reads as the declared default. Every value was checked when it was set.
 * Immutable; made by {@link #builder()}, by {@link SettingArgs#parse} or by the command line.
 */
public final class Settings {

    private final Map<Setting<?>, List<?>> values;

    private Settings(Map<Setting<?>, List<?>> values) {
        this.values = Map.copyOf(values);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The value given, else the default (null when there is none). A required setting that was not given is an error
     * naming its option.
     */
    public <T> T get(Setting<T> setting) {
        List<T> given = given(setting);
        if (!given.isEmpty()) {
            return given.get(given.size() - 1);
        }
        if (setting.required()) {
            throw new IllegalArgumentException(
                    setting.option() + " is missing: give " + setting.option() + " " + setting.label());
        }
        return setting.defaultValue();
    }

    /**
     * The value given, else the default; an error naming the option when there is neither. For settings a command
     * needs but cannot mark required (a parent command and its subcommands share them).
     */
    public <T> T require(Setting<T> setting) {
        T value = get(setting);
        if (value == null) {
            throw new IllegalArgumentException("missing " + setting.option() + " " + setting.label());
        }
        return value;
    }

    /** The value given, if any (the default does not count). */
    public <T> Optional<T> find(Setting<T> setting) {
        List<T> given = given(setting);
        return given.isEmpty() ? Optional.empty() : Optional.of(given.get(given.size() - 1));
    }

    /** Every value given for a repeatable setting, in order (empty when none). */
    public <T> List<T> all(Setting<T> setting) {
        return given(setting);
    }

    public boolean isGiven(Setting<?> setting) {
        return values.containsKey(setting);
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> given(Setting<T> setting) {
        return (List<T>) values.getOrDefault(setting, List.of());
    }

    /** Collects values; each is checked against its setting as it is set. */
    public static final class Builder {
        private final Map<Setting<?>, List<?>> values = new LinkedHashMap<>();

        /** Sets (or for a repeatable setting, adds) a value; null leaves the setting as it is. */
        public <T> Builder set(Setting<T> setting, T value) {
            if (value == null) {
                return this;
            }
            T checked = setting.check(value);
            @SuppressWarnings("unchecked")
            List<T> list = (List<T>) values.computeIfAbsent(setting, s -> new ArrayList<>());
            if (!setting.repeatable()) {
                list.clear();
            }
            list.add(checked);
            return this;
        }

        /** Adds every value of a repeatable setting. */
        public <T> Builder setAll(Setting<T> setting, List<T> more) {
            Objects.requireNonNull(more, "values").forEach(value -> set(setting, value));
            return this;
        }

        /** Parses {@code text} with the setting ({@link Setting#parse}) and sets the value. */
        public <T> Builder parse(Setting<T> setting, String text) {
            return set(setting, setting.parse(text));
        }

        public Settings build() {
            Map<Setting<?>, List<?>> copy = new LinkedHashMap<>();
            values.forEach((setting, list) -> copy.put(setting, List.copyOf(list)));
            return new Settings(copy);
        }
    }
}
