package io.github.camelzoho.attachments.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmarks' arguments, each {@code name=value}. A name no benchmark reads, or a value that is not a number where one is
 * needed, is an error naming it, rather than a run that silently measures something else.
 */
final class Settings {

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> read = new LinkedHashSet<>();

    Settings(String[] args) {
        for (String arg : args) {
            if (arg.isBlank()) {
                continue;
            }
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("argument '" + arg + "' is not name=value");
            }
            values.put(arg.substring(0, eq).trim(), arg.substring(eq + 1).trim());
        }
    }

    String string(String name, String defaultValue) {
        read.add(name);
        String value = values.get(name);
        return value == null || value.isEmpty() ? defaultValue : value;
    }

    int integer(String name, int defaultValue) {
        String value = string(name, null);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + value + " is not a whole number");
        }
    }

    boolean bool(String name, boolean defaultValue) {
        String value = string(name, null);
        if (value == null) {
            return defaultValue;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(name + "=" + value + " is neither true nor false");
        }
        return Boolean.parseBoolean(value);
    }

    List<String> list(String name, String defaultValue) {
        List<String> items = new ArrayList<>();
        for (String item : string(name, defaultValue).split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    List<Integer> integers(String name, String defaultValue) {
        List<Integer> numbers = new ArrayList<>();
        for (String item : list(name, defaultValue)) {
            try {
                numbers.add(Integer.parseInt(item));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": '" + item + "' is not a whole number");
            }
        }
        return numbers;
    }

    /** Fails on names that nothing read: a typo would otherwise silently run the defaults. */
    void rejectUnknown() {
        Set<String> unknown = new LinkedHashSet<>(values.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown argument(s) " + unknown + "; known: " + read);
        }
    }

    /** The arguments as given, for the report. */
    Map<String, String> given() {
        return values;
    }
}
