package dev.driftguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.validator.ValidatorLaunch;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every default of the validator's options reads the same in {@code validate --help}, the flink run usage and docs. */
class ValidateOptionDefaultsTest {

    private static final List<String> WITH_DEFAULTS = List.of(
            "--tolerance",
            "--checkpoint-interval",
            "--max-failed-checkpoints",
            "--status-interval",
            "--lag-window",
            "--idle-key-retention");

    @Test
    void helpFlinkRunUsageAndDocsShowTheSameDefaults() throws Exception {
        Map<String, String> help = helpDefaults();
        Map<String, String> usage = bracketDefaults(ValidatorLaunch.USAGE);
        String docs = Files.readString(Path.of("..", "docs", "validator.md"));
        String docsLocal =
                docs.substring(docs.indexOf("./driftguard validate"), docs.indexOf("Runs the job in a Flink"));

        for (String option : WITH_DEFAULTS) {
            assertThat(help).as("--help shows a default for %s", option).containsKey(option);
            assertThat(usage.get(option)).as("flink run usage of %s", option).isEqualTo(help.get(option));
            assertThat(bracketDefaults(docsLocal).get(option))
                    .as("docs/validator.md of %s", option)
                    .isEqualTo(help.get(option));
        }
    }

    private static Map<String, String> helpDefaults() {
        StringWriter out = new StringWriter();
        var commandLine = DriftguardCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.execute("validate", "--help");
        // Help wraps long descriptions: join the lines of each option before looking for its default.
        String text = out.toString().replaceAll("\\s*\\n\\s+(?![\\s-])", " ");
        Map<String, String> defaults = new TreeMap<>();
        Matcher m = Pattern.compile("(--[a-z-]+)=\\S+ [^\\n]*?\\(default: ([^)]+)\\)")
                .matcher(text);
        while (m.find()) {
            defaults.put(m.group(1), m.group(2));
        }
        return defaults;
    }

    private static Map<String, String> bracketDefaults(String usage) {
        Map<String, String> defaults = new TreeMap<>();
        Matcher m = Pattern.compile("\\[(--[a-z-]+) ([^\\]|]+)\\]").matcher(usage);
        while (m.find()) {
            defaults.put(m.group(1), m.group(2));
        }
        return defaults;
    }
}
