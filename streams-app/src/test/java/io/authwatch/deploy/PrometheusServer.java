package io.authwatch.deploy;

import static io.authwatch.testing.Ports.freePort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authwatch.testing.Processes;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Prometheus (Debian's {@code prometheus} binary) on a loopback port, scraping given targets
 * every second as job {@code authwatch}, with deploy/'s alert rules loaded. Its log goes to
 * {@code prometheus.log} in its work dir.
 */
public final class PrometheusServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper mapper = new ObjectMapper();

    private PrometheusServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static PrometheusServer start(Path workDir, List<String> targets) throws IOException {
        final String binary = Tools.find("prometheus");
        Files.createDirectories(workDir);
        final Path rules = workDir.resolve("alerts.yml");
        Files.copy(DeployFiles.deploy("prometheus/alerts.yml"), rules,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        final Path config = workDir.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  evaluation_interval: 1s",
                "rule_files:",
                "  - " + rules.toAbsolutePath(),
                "scrape_configs:",
                "  - job_name: authwatch",
                "    metrics_path: /metrics",
                "    static_configs:",
                "      - targets: [" + String.join(", ", targets.stream().map(t -> "\"" + t + "\"").toList()) + "]",
                ""));
        final int port = freePort();
        final Process process = new ProcessBuilder(binary,
                "--config.file=" + config.toAbsolutePath(),
                "--storage.tsdb.path=" + workDir.resolve("data").toAbsolutePath(),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("prometheus.log").toFile())
                .start();
        return new PrometheusServer(process, port);
    }

    /** The {@code data.result} array of an instant query (empty when Prometheus is not up yet). */
    public JsonNode query(String promQl) {
        final URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
                + URLEncoder.encode(promQl, StandardCharsets.UTF_8));
        try {
            final HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            final JsonNode body = mapper.readTree(response.body());
            if (!"success".equals(body.path("status").asText())) {
                throw new AssertionError("query failed: " + promQl + " -> " + response.body());
            }
            return body.get("data").get("result");
        } catch (IOException e) {
            return mapper.createArrayNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every loaded rule as {@code name -> health} ("ok", "err", "unknown" before its first evaluation). */
    public java.util.Map<String, String> ruleHealth() {
        final java.util.Map<String, String> out = new java.util.TreeMap<>();
        try {
            final HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/rules")).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            for (final JsonNode group : mapper.readTree(response.body()).path("data").path("groups")) {
                for (final JsonNode rule : group.path("rules")) {
                    out.put(rule.path("name").asText(), rule.path("health").asText()
                            + (rule.hasNonNull("lastError") ? ": " + rule.get("lastError").asText() : ""));
                }
            }
        } catch (IOException e) {
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(10));
    }
}
