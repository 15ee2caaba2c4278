package dev.driftguard.settings;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code --key value} arguments read against declared {@link Setting}s, for entry points without a command-line
 * library ({@code flink run} of the validator's jar); and their usage line.
 */
public final class SettingArgs {

    private SettingArgs() {}

    /** The usage line of {@code declared}, in order: "--migration ID --kafka HOST:PORT [--tolerance 10s] ...". */
    public static String usage(List<Setting<?>> declared) {
        return declared.stream().map(Setting::usage).collect(Collectors.joining(" "));
    }

    /**
     * Reads {@code args}; an unknown option, a missing value or a bad one is an error naming it, with the usage. A
     * required setting that is missing is an error too.
     */
    public static Settings parse(String[] args, List<Setting<?>> declared) {
        Map<String, Setting<?>> byOption = new HashMap<>();
        declared.forEach(setting -> byOption.put(setting.option(), setting));
        Settings.Builder settings = Settings.builder();
        for (int i = 0; i < args.length; i++) {
            Setting<?> setting = byOption.get(args[i]);
            if (setting == null) {
                throw new IllegalArgumentException("unknown argument " + args[i] + "; usage: " + usage(declared));
            }
            if (setting.isSwitch()) {
                settings.parse(setting, "true");
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value; usage: " + usage(declared));
            }
            settings.parse(setting, args[++i]);
        }
        Settings parsed = settings.build();
        for (Setting<?> setting : declared) {
            if (setting.required() && !parsed.isGiven(setting)) {
                throw new IllegalArgumentException(setting.option() + " is missing; usage: " + usage(declared));
            }
        }
        return parsed;
    }
}
