package dev.driftguard.capture.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU time of this JVM over one benchmark phase: the whole process (every thread, GC and JIT included) and per thread
 * group (thread names with digits folded). Threads started during the phase are the capture's own (engine, connector,
 * producer); threads that existed before it are the in-process Kafka broker and the JVM's. Read the snapshot before
 * the engine stops: threads that ended within the phase are not counted per thread (the process total has them).
 * Far less sensitive to the machine's load than wall time.
 */
final class CpuMeter {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long processStart;
    private final Map<Long, Long> threadStart;
    private final String loadStart;
    private final long gcCountStart;
    private final long gcMillisStart;

    private CpuMeter() {
        this.processStart = processCpuNanos();
        this.threadStart = threadCpu();
        this.loadStart = loadAverage();
        this.gcCountStart = gcCount();
        this.gcMillisStart = gcMillis();
    }

    static CpuMeter start() {
        return new CpuMeter();
    }

    /** CPU per event of the phase so far, as printable lines. */
    String report(String phase, long events) {
        long process = processCpuNanos() - processStart;
        Map<String, Long> byGroup = new HashMap<>();
        long newThreads = 0;
        long oldThreads = 0;
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long now = THREADS.getThreadCpuTime(info.getThreadId());
            if (now < 0) {
                continue;
            }
            Long before = threadStart.get(info.getThreadId());
            long used = now - (before == null ? 0 : before);
            if (before == null) {
                newThreads += used;
            } else {
                oldThreads += used;
            }
            byGroup.merge(info.getThreadName().replaceAll("\\d+", "N"), used, Long::sum);
        }
        Map<String, Long> top = byGroup.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(8)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%-8s  cpu: process %.1f us/event (%.2f s): threads started in the phase %.1f, threads already"
                        + " running (Kafka broker, main) %.1f, the rest (GC, JIT, threads that ended) %.1f us/event;"
                        + " %d GCs taking %d ms; load average %s -> %s%n",
                phase,
                process / 1e3 / events,
                process / 1e9,
                newThreads / 1e3 / events,
                oldThreads / 1e3 / events,
                (process - newThreads - oldThreads) / 1e3 / events,
                gcCount() - gcCountStart,
                gcMillis() - gcMillisStart,
                loadStart,
                loadAverage()));
        top.forEach((name, nanos) ->
                out.append(String.format(Locale.ROOT, "          %6.1f us/event  %s%n", nanos / 1e3 / events, name)));
        return out.toString();
    }

    private static Map<Long, Long> threadCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            long nanos = THREADS.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount)
                .sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }
}
