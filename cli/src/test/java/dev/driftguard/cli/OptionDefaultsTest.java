package dev.driftguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.compare.CompareSettings;
import dev.driftguard.settings.Setting;
import dev.driftguard.validator.ValidatorLaunch;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every option is declared once ({@link Setting}); these tests hold the places that show it to that one declaration:
 * each command's {@code --help}, the validator's {@code flink run} usage, and the usage blocks of the docs.
 */
class OptionDefaultsTest {

    /** A usage block in a document: from the line starting with {@code start} to the end of the code block. */
    private record DocBlock(String file, String start, List<Setting<?>> settings, boolean complete) {}

    private static final List<DocBlock> DOC_BLOCKS = List.of(
            new DocBlock("docs/validator.md", "./driftguard validate --migration", ValidatorLaunch.SETTINGS, true),
            new DocBlock("docs/validator.md", "flink run -d validator-job", ValidatorLaunch.SETTINGS, true),
            new DocBlock("README.md", "flink run -d validator-job", ValidatorLaunch.SETTINGS, false),
            new DocBlock("docs/batch-compare.md", "./driftguard compare --source", CompareSettings.SETTINGS, true),
            new DocBlock("README.md", "./driftguard compare --source", CompareSettings.SETTINGS, false));

    @Test
    void everyCommandsHelpShowsTheDeclaredDefaultOfEachOfItsOptions() {
        List<CommandLine> commands = new ArrayList<>();
        collect(DriftguardCommand.newCommandLine(), commands);
        assertThat(commands).extracting(CommandLine::getCommandName).contains("validate", "compare", "capture", "demo");
        for (CommandLine command : commands) {
            String help = help(command);
            for (Setting<?> setting : ((SettingsCommand) command.getCommand()).settings()) {
                assertThat(help)
                        .as("%s --help lists %s", command.getCommandName(), setting)
                        .contains(setting.option());
                if (setting.defaultText() != null) {
                    String shown = setting.help().substring(setting.help().lastIndexOf("(default: "));
                    assertThat(shown).contains(setting.defaultText());
                    assertThat(help)
                            .as("%s --help shows the default of %s", command.getCommandName(), setting)
                            .contains(shown.substring(0, shown.indexOf(')') + 1));
                }
            }
        }
    }

    @Test
    void everyCommandAndSubcommandAnswersHelp() {
        List<CommandLine> all = new ArrayList<>();
        collectAll(DriftguardCommand.newCommandLine(), all);
        assertThat(all).extracting(CommandLine::getCommandName).contains("capture", "prepare", "up", "version");
        for (CommandLine command : all) {
            List<String> path = new ArrayList<>();
            for (CommandLine c = command; c.getParent() != null; c = c.getParent()) {
                path.add(0, c.getCommandName());
            }
            path.add("--help");
            StringWriter out = new StringWriter();
            CommandLine root = DriftguardCommand.newCommandLine();
            root.setOut(new PrintWriter(out, true));
            assertThat(root.execute(path.toArray(String[]::new)))
                    .as("driftguard %s", path)
                    .isZero();
            assertThat(out.toString()).as("driftguard %s", path).contains("Usage: driftguard");
        }
    }

    @Test
    void theFlinkRunUsageShowsEveryOptionWithItsDeclaredDefault() {
        for (Setting<?> setting : ValidatorLaunch.SETTINGS) {
            assertThat(ValidatorLaunch.USAGE).contains(setting.usage());
        }
        assertThat(ValidatorLaunch.USAGE).contains("[--tolerance 10s]", "[--checkpoint-interval 5s]");
    }

    @Test
    void theDocsShowEachOptionWithItsDeclaredDefaultOrItsKindOfValue() throws IOException {
        for (DocBlock block : DOC_BLOCKS) {
            String text = block(block);
            for (Setting<?> setting : block.settings()) {
                Matcher m = Pattern.compile(Pattern.quote(setting.option()) + "(?=[\\s\\]])( ([^\\s\\]]+))?")
                        .matcher(text);
                if (!m.find()) {
                    assertThat(block.complete())
                            .as("%s (%s) lists %s", block.file(), block.start(), setting)
                            .isFalse();
                    continue;
                }
                String shown = m.group(2);
                if (setting.isSwitch() || shown == null || shown.startsWith("--")) {
                    continue;
                }
                if (setting.defaultText() != null) {
                    assertThat(shown)
                            .as(
                                    "%s (%s) shows %s with its default %s or its kind %s",
                                    block.file(), block.start(), setting, setting.defaultText(), setting.label())
                            .isIn(setting.defaultText(), setting.label());
                }
            }
        }
    }

    private static String block(DocBlock block) throws IOException {
        String doc = Files.readString(Path.of("..").resolve(block.file()));
        int start = doc.indexOf(block.start());
        assertThat(start)
                .as("%s has a block starting %s", block.file(), block.start())
                .isNotNegative();
        int end = doc.indexOf("```", start);
        return doc.substring(start, end < 0 ? doc.length() : end);
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        if (command.getCommand() instanceof SettingsCommand) {
            into.add(command);
        }
        command.getSubcommands().values().forEach(sub -> collect(sub, into));
    }

    private static void collectAll(CommandLine command, List<CommandLine> into) {
        if (!command.getCommandName().equals("help")) {
            into.add(command);
        }
        command.getSubcommands().values().forEach(sub -> collectAll(sub, into));
    }

    private static String help(CommandLine command) {
        StringWriter out = new StringWriter();
        command.usage(new PrintWriter(out, true));
        // Help wraps long descriptions: join the lines before looking for a default.
        return out.toString().replaceAll("\\s*\\n\\s+", " ");
    }
}
