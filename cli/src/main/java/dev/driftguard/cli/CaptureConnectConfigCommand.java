package dev.driftguard.cli;

import dev.driftguard.capture.CaptureSettings;
import dev.driftguard.capture.connect.ConnectDeployer;
import dev.driftguard.capture.connect.ConnectorConfig;
import dev.driftguard.capture.engine.PreparedUndo;
import dev.driftguard.capture.prepare.CapturePreparer;
import dev.driftguard.capture.prepare.PrepareReport;
import dev.driftguard.settings.ClientProperties;
import dev.driftguard.settings.CommonSettings;
import dev.driftguard.settings.Settings;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Map;
import picocli.CommandLine.Command;

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
final class CaptureConnectConfigCommand extends SettingsCommand {

    CaptureConnectConfigCommand() {
        super(
                CaptureSettings.SETTINGS,
                ConnectorConfig.DEPLOY,
                ConnectorConfig.PASSWORD_REF,
                CommonSettings.KAFKA_CONFIG,
                CaptureSettings.SET_REPLICA_IDENTITY_FULL);
    }

    @Override
    public Integer call() {
        Settings given = given();
        CaptureSettings settings = CaptureSettings.from(given);
        ClientProperties kafka = given.find(CommonSettings.KAFKA_CONFIG).orElse(ClientProperties.NONE);
        kafka.asReferences(); // a secret in clear is refused before the database is prepared
        URI deploy = given.get(ConnectorConfig.DEPLOY);
        ConnectDeployer deployer = deploy == null ? null : new ConnectDeployer(deploy);
        if (deployer != null) {
            deployer.checkReachable();
        }
        PrepareReport prepared =
                new CapturePreparer(settings, given.get(CaptureSettings.SET_REPLICA_IDENTITY_FULL)).prepare();
        String passwordRef = given.get(ConnectorConfig.PASSWORD_REF);
        String password = passwordRef != null
                ? passwordRef
                : settings.database().hasPassword() ? ConnectorConfig.DEFAULT_PASSWORD_REFERENCE : null;
        Map<String, String> config = ConnectorConfig.of(settings, prepared, password, kafka);
        PrintWriter out = spec.commandLine().getOut();
        if (deploy == null) {
            out.println(ConnectDeployer.toJson(config));
            return ExitCodes.OK;
        }
        boolean created;
        try {
            created = deployer.deploy(config);
        } catch (RuntimeException e) {
            // A slot made by this run for a connector that does not exist would pin WAL.
            throw PreparedUndo.undo(settings, prepared, e);
        }
        out.println("connector " + config.get("name") + (created ? " created on " : " updated on ") + deploy);
        return ExitCodes.OK;
    }
}
