package dev.driftguard.cli;

import dev.driftguard.capture.CaptureSettings;
import dev.driftguard.capture.connect.ConnectDeployer;
import dev.driftguard.capture.connect.ConnectorConfig;
import dev.driftguard.capture.prepare.CapturePreparer;
import dev.driftguard.capture.prepare.PrepareReport;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "connect-config",
        sortOptions = false,
        description = {
            "Prepare the database (as capture prepare) and print the Kafka Connect connector config (JSON) that runs"
                    + " the same capture on a Connect cluster: Debezium PostgreSQL connector + the driftguard transform"
                    + " (plugin jar cdc-connectors/target/driftguard-connect-plugin.jar on the worker's plugin.path)."
                    + " With --deploy, PUT it to <url>/connectors/<name>/config (creates or updates).",
            "The password is never printed: database.password is a config-provider reference (--password-ref).",
            "Exit code 0: printed or deployed; 2: error."
        })
final class CaptureConnectConfigCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CaptureOptions capture;

    @Option(names = "--deploy", paramLabel = "URL", description = "Kafka Connect REST URL, e.g. http://host:8083.")
    URI deploy;

    @Option(
            names = "--password-ref",
            paramLabel = "REF",
            description =
                    "Value of database.password, resolved by the worker (default ${env:DRIFTGUARD_DB_PASSWORD} when the connection has a password; the worker needs config.providers=env).")
    String passwordRef;

    @Option(
            names = "--set-replica-identity-full",
            description = "ALTER TABLE ... REPLICA IDENTITY FULL on selected tables that lack it.")
    boolean setReplicaIdentityFull;

    @Override
    public Integer call() {
        CaptureSettings settings = capture.settings();
        PrepareReport prepared = new CapturePreparer(settings, setReplicaIdentityFull).prepare();
        String password = passwordRef != null
                ? passwordRef
                : settings.database().hasPassword() ? ConnectorConfig.DEFAULT_PASSWORD_REFERENCE : null;
        Map<String, String> config = ConnectorConfig.of(settings, prepared, password);
        PrintWriter out = spec.commandLine().getOut();
        if (deploy == null) {
            out.println(ConnectDeployer.toJson(config));
            return ExitCodes.OK;
        }
        boolean created = new ConnectDeployer(deploy).deploy(config);
        out.println("connector " + config.get("name") + (created ? " created on " : " updated on ") + deploy);
        return ExitCodes.OK;
    }
}
