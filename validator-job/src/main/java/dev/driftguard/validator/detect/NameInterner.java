package dev.driftguard.validator.detect;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Replaces a name (a column name) by an equal string it has seen before, so that millions of tracked keys share one
 * String per column. Bounded: past its capacity, new names pass through unshared. Not thread-safe.
 */
final class NameInterner implements UnaryOperator<String> {

    private final int capacity;
    private final Map<String, String> names = new HashMap<>();

    NameInterner(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public String apply(String name) {
        if (name == null) {
            return null;
        }
        String interned = names.get(name);
        if (interned != null) {
            return interned;
        }
        if (names.size() < capacity) {
            names.put(name, name);
        }
        return name;
    }

    String[] applyToAll(String[] names) {
        for (int i = 0; i < names.length; i++) {
            names[i] = apply(names[i]);
        }
        return names;
    }
}
