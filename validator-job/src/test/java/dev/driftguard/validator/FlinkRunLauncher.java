package dev.driftguard.validator;

import java.io.File;
import java.util.Arrays;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.program.MiniClusterClient;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.client.program.PackagedProgramUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

/**
 * What {@code flink run JAR ARGS} does against a cluster, in a JVM whose classpath holds only what a Flink
 * distribution provides: start a MiniCluster, run the jar's main class on the client side to build the job graph,
 * submit it with the jar as user jar, then keep running until killed. Arguments: the cluster's configuration entries
 * ({@code key=value}, as in its config.yaml), the jar, then the job's arguments.
 * Prints {@code submitted <job id>} once the job is accepted.
 */
public final class FlinkRunLauncher {

    private FlinkRunLauncher() {}

    public static void main(String[] args) throws Exception {
        Configuration config = new Configuration();
        int jar = 0;
        while (args[jar].contains("=")) {
            String[] entry = args[jar++].split("=", 2);
            config.setString(entry[0], entry[1]);
        }
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(config)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(4)
                .build());
        cluster.start();
        try {
            submitAndWait(cluster, config, args, jar);
        } catch (Exception e) {
            // As flink run: the client's error, exit code 1 (the cluster's threads would keep this JVM alive).
            e.printStackTrace(System.out);
            System.out.flush();
            cluster.close();
            System.exit(1);
        }
    }

    private static void submitAndWait(MiniCluster cluster, Configuration config, String[] args, int jar)
            throws Exception {
        PackagedProgram program = PackagedProgram.newBuilder()
                .setJarFile(new File(args[jar]))
                .setArguments(Arrays.copyOfRange(args, jar + 1, args.length))
                .setConfiguration(config)
                .build();
        JobGraph jobGraph = PackagedProgramUtils.createJobGraph(program, config, 2, false);
        if (jobGraph.getUserJars().isEmpty()) {
            throw new IllegalStateException("the job graph carries no user jar");
        }
        try (MiniClusterClient client = new MiniClusterClient(config, cluster)) {
            JobID job = client.submitJob(jobGraph).get();
            System.out.println("submitted " + job);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
