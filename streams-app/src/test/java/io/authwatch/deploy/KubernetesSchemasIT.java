package io.authwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every manifest of {@code deploy/k8s} passes the Kubernetes API's JSON schemas (and the Prometheus
 * Operator's CRDs for the PrometheusRule and ServiceMonitor), checked by {@code src/test/k8s/validate.mjs}
 * with the schemas of the npm packages pinned there (installed by {@code npm ci} in the build).
 * kubeconform itself is a download from GitHub, which this build cannot reach.
 */
class KubernetesSchemasIT {

    @TempDir
    Path dir;

    @Test
    void shouldValidateEveryManifestAgainstTheKubernetesSchemas() throws Exception {
        final List<Path> manifests;
        try (Stream<Path> files = Files.list(DeployFiles.deploy("k8s"))) {
            manifests = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }

        final AlertRulesTest.Result result = validate(manifests);

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output().lines().filter(l -> l.startsWith("VALID"))).hasSize(manifests.size() - 1);
        assertThat(result.output()).contains("VALID", "apps/v1 StatefulSet authwatch", "batch/v1 Job authwatch-topics",
                "policy/v1 PodDisruptionBudget authwatch", "monitoring.coreos.com/v1 PrometheusRule authwatch",
                "SKIPPED").doesNotContain("INVALID");
    }

    @Test
    void shouldRejectAManifestThatBreaksTheSchema() throws Exception {
        // Given the StatefulSet with a port written as a word and a probe missing its handler's port
        final String sts = Files.readString(DeployFiles.deploy("k8s/statefulset.yaml"))
                .replace("containerPort: 8080", "containerPort: eighty");
        final Path broken = Files.writeString(dir.resolve("statefulset.yaml"), sts);
        final Path unknownKind = Files.writeString(dir.resolve("unknown.yaml"),
                "apiVersion: example.io/v1\nkind: Gadget\nmetadata:\n  name: x\n");

        final AlertRulesTest.Result result = validate(List.of(broken, unknownKind));

        assertThat(result.exit()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("containerPort must be integer",
                "no schema for apiVersion example.io/v1, kind Gadget");
    }

    private static AlertRulesTest.Result validate(List<Path> manifests) throws IOException, InterruptedException {
        final Path schemas = Path.of(System.getProperty("k8s.schemas.dir", "src/test/k8s"));
        assertThat(schemas.resolve("node_modules/kubernetes-models")).as(
                "the schemas are installed in %s (the build runs npm ci there; or run it by hand)", schemas).isDirectory();
        final List<String> command = new ArrayList<>(List.of(Tools.find("node"), "validate.mjs"));
        manifests.forEach(m -> command.add(m.toAbsolutePath().toString()));
        return AlertRulesTest.run(schemas, command.toArray(String[]::new));
    }
}
