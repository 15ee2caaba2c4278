package dev.driftguard.cli;

import dev.driftguard.settings.Setting;
import dev.driftguard.settings.Settings;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command's declared {@link Setting}s as picocli options: the option's name, value label, help (with the default)
 * and conversion all come from the declaration, so {@code --help} cannot disagree with the libraries, the {@code flink
 * run} usage or the docs. A command lists its settings ({@link SettingsCommand}); {@link DriftguardCommand} adds them.
 */
final class SettingOptions {

    private SettingOptions() {}

    /**
     * Gives every command of {@code commandLine} (recursively) {@code --help} and {@code --version}, and its declared
     * settings as options.
     */
    static void addAll(CommandLine commandLine) {
        if (!commandLine.getCommandSpec().mixinStandardHelpOptions()) {
            commandLine.getCommandSpec().mixinStandardHelpOptions(true);
        }
        if (commandLine.getCommand() instanceof SettingsCommand command) {
            for (Setting<?> setting : command.settings()) {
                commandLine.getCommandSpec().addOption(option(setting));
            }
        }
        commandLine.getSubcommands().values().forEach(SettingOptions::addAll);
    }

    /** The values given on the command line (what was not given reads as its default). */
    static Settings read(CommandSpec spec, List<Setting<?>> settings) {
        Settings.Builder values = Settings.builder();
        for (Setting<?> setting : settings) {
            if (spec.commandLine().getParseResult().hasMatchedOption(setting.option())) {
                copy(setting, spec.findOption(setting.option()), values);
            }
        }
        return values.build();
    }

    @SuppressWarnings("unchecked")
    private static <T> void copy(Setting<T> setting, OptionSpec option, Settings.Builder values) {
        if (setting.repeatable()) {
            values.setAll(setting, (List<T>) option.getValue());
        } else {
            values.set(setting, (T) option.getValue());
        }
    }

    private static OptionSpec option(Setting<?> setting) {
        OptionSpec.Builder option = OptionSpec.builder(setting.option())
                .description(setting.help().replace("%", "%%").replace("${", "$${"))
                .required(setting.required());
        if (setting.isSwitch()) {
            return option.arity("0").type(boolean.class).build();
        }
        CommandLine.ITypeConverter<Object> converter = text -> convert(setting, text);
        option.paramLabel(setting.label()).converters(converter);
        if (setting.repeatable()) {
            return option.type(List.class).auxiliaryTypes(setting.type()).build();
        }
        return option.type(setting.type()).build();
    }

    /** picocli prefixes the option's name to a conversion error: the message says only what is wrong. */
    private static <T> T convert(Setting<T> setting, String text) {
        T value;
        try {
            value = setting.read(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
        String problem = setting.problemWith(value);
        if (problem != null) {
            throw new CommandLine.TypeConversionException(problem);
        }
        return value;
    }
}
