package dev.driftguard.capture.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Creates or updates a connector through the Kafka Connect REST API: {@code PUT /connectors/<name>/config} is
 * idempotent (201 when created, 200 when updated).
 */
public final class ConnectDeployer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI connectUrl;
    private final HttpClient http;

    public ConnectDeployer(URI connectUrl) {
        String base = connectUrl.toString();
        this.connectUrl = URI.create(base.endsWith("/") ? base : base + "/");
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * Fails unless the worker's REST listener answers {@code GET /}: called before the database is prepared, so that an
     * unreachable or wrong {@code --deploy} URL leaves no slot or publication behind.
     */
    public void checkReachable() {
        HttpRequest request = HttpRequest.newBuilder(connectUrl)
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response = send(request, "checking Kafka Connect at " + connectUrl);
        if (response.statusCode() != 200) {
            throw new ConnectDeployException(
                    "Kafka Connect at " + connectUrl + " answered HTTP " + response.statusCode()
                            + " to GET / (check --deploy: it takes the worker's REST URL, e.g. http://connect:8083)",
                    null);
        }
    }

    /** Whether the PUT created the connector (false: it existed and its config was replaced). */
    public boolean deploy(Map<String, String> config) {
        String name = config.get("name");
        if (name == null) {
            throw new IllegalArgumentException("connector config has no name");
        }
        URI uri = connectUrl.resolve(
                "connectors/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20") + "/config");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(toJson(config)))
                .build();
        HttpResponse<String> response = send(request, "deploying connector " + name);
        if (response.statusCode() == 201) {
            return true;
        }
        if (response.statusCode() == 200) {
            return false;
        }
        throw new ConnectDeployException(
                "Kafka Connect at " + connectUrl + " refused connector " + name + ": HTTP " + response.statusCode()
                        + " " + response.body(),
                null);
    }

    /** {@code request}'s answer; an unreachable worker is named with what to check ({@code doing}: for interrupts). */
    private HttpResponse<String> send(HttpRequest request, String doing) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new ConnectDeployException(
                    "cannot reach Kafka Connect at " + connectUrl + ": " + why
                            + " (check --deploy and that the worker's REST listener runs)",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectDeployException("interrupted while " + doing, e);
        }
    }

    /** The connector config as the JSON object the REST API takes. */
    public static String toJson(Map<String, String> config) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render connector config as JSON", e);
        }
    }

    /** The deployment failed; the message carries the worker's answer. */
    public static class ConnectDeployException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ConnectDeployException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
