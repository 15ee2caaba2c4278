package dev.driftguard.cli;

import dev.driftguard.settings.Setting;
import dev.driftguard.settings.Settings;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * A command whose options are declared {@link Setting}s (the libraries declare them; a command lists the ones it
 * takes). {@link DriftguardCommand} adds them as picocli options ({@link SettingOptions}); {@link #given()} reads
 * what the user gave.
 */
public abstract class SettingsCommand implements Callable<Integer> {

    @CommandLine.Spec
    protected CommandLine.Model.CommandSpec spec;

    private final List<Setting<?>> settings;

    /** The command takes {@code declared} and then {@code more}, in that order in its help. */
    protected SettingsCommand(List<Setting<?>> declared, Setting<?>... more) {
        this.settings = Stream.concat(declared.stream(), Arrays.stream(more)).toList();
    }

    /** Its settings, in the order help lists them. */
    public final List<Setting<?>> settings() {
        return settings;
    }

    /** The values given on the command line (what was not given reads as its default). */
    protected final Settings given() {
        return SettingOptions.read(spec, settings);
    }
}
