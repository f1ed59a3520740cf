package io.authwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.authwatch.config.AuthwatchConfig;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The deploy/ files hang together: they parse, and every port, path, label, file and config key
 * one of them names exists where it is named. (What needs a cluster or a container engine to
 * check, a kubectl dry run or docker compose up, is not run here.)
 */
class DeployFilesTest {

    @Test
    void shouldParseEveryYamlAndJsonFile() throws IOException {
        try (Stream<Path> files = Files.walk(DeployFiles.root().resolve("deploy"))) {
            final List<Path> all = files.filter(Files::isRegularFile).toList();
            assertThat(all).isNotEmpty();
            for (final Path f : all) {
                final String name = f.getFileName().toString();
                if (name.endsWith(".yml") || name.endsWith(".yaml")) {
                    assertThat(DeployFiles.yaml(f)).as(f.toString()).isNotNull();
                } else if (name.endsWith(".json")) {
                    assertThat(DeployFiles.json(f).isObject()).as(f.toString()).isTrue();
                }
            }
        }
    }

    @Test
    void shouldShipTheSameAlertRulesToPrometheusAndToTheOperator() {
        final JsonNode plain = DeployFiles.yaml(DeployFiles.deploy("prometheus/alerts.yml"));
        final JsonNode operator = DeployFiles.yaml(DeployFiles.deploy("k8s/prometheusrule.yaml"));
        assertThat(operator.get("kind").asText()).isEqualTo("PrometheusRule");
        assertThat(operator.get("spec").get("groups")).isEqualTo(plain.get("groups"));
    }

    @Test
    void shouldWireComposeToFilesAndKeysThatExist() {
        final JsonNode compose = DeployFiles.yaml(DeployFiles.deploy("docker-compose.yml"));
        final JsonNode services = compose.get("services");
        assertThat(services.get("kafka").get("image").asText()).isEqualTo("apache/kafka:4.4.0");
        assertThat(services.get("schema-registry").get("image").asText()).startsWith("confluentinc/cp-schema-registry:");
        // the image is built from the repository root with deploy/Dockerfile
        final JsonNode build = services.get("authwatch").get("build");
        final Path context = DeployFiles.deploy(build.get("context").asText()).normalize();
        assertThat(context).isEqualTo(DeployFiles.root());
        assertThat(context.resolve(build.get("dockerfile").asText())).isRegularFile();
        // every mounted file or folder is in the repository
        for (final String service : List.of("prometheus", "grafana")) {
            for (final JsonNode volume : services.get(service).get("volumes")) {
                final String source = volume.asText().split(":")[0];
                assertThat(DeployFiles.deploy(source)).as(volume.asText()).exists();
            }
        }
        // every AUTHWATCH_* variable names a config key
        final Set<String> envNames = new HashSet<>();
        services.get("authwatch").get("environment").fieldNames().forEachRemaining(envNames::add);
        assertThat(envNames).allSatisfy(env -> assertThat(configKeyOf(env)).as(env).isNotNull());
        assertThat(services.get("authwatch").get("ports").get(0).asText()).isEqualTo("8080:8080");
        // Prometheus scrapes the monitor's port and loads the mounted rule file
        final JsonNode prometheus = DeployFiles.yaml(DeployFiles.deploy("prometheus/prometheus.yml"));
        assertThat(prometheus.get("scrape_configs").get(0).get("static_configs").get(0).get("targets").get(0).asText())
                .isEqualTo("authwatch:8080");
        assertThat(prometheus.get("scrape_configs").get(0).get("metrics_path").asText()).isEqualTo("/metrics");
        assertThat(services.get("prometheus").get("volumes").toString())
                .contains(":" + prometheus.get("rule_files").get(0).asText());
    }

    @Test
    void shouldProvisionTheDashboardWithTheDatasourceItUses() {
        final JsonNode datasource = DeployFiles.yaml(DeployFiles.deploy("grafana/provisioning/datasources/prometheus.yml"))
                .get("datasources").get(0);
        final JsonNode provider = DeployFiles.yaml(DeployFiles.deploy("grafana/provisioning/dashboards/authwatch.yml"))
                .get("providers").get(0);
        final JsonNode compose = DeployFiles.yaml(DeployFiles.deploy("docker-compose.yml"));
        assertThat(compose.get("services").get("grafana").get("volumes").toString())
                .contains("./grafana/dashboards:" + provider.get("options").get("path").asText());
        final JsonNode dashboard = DeployFiles.json(DeployFiles.deploy("grafana/dashboards/authwatch.json"));
        final Set<Integer> ids = new HashSet<>();
        int targets = 0;
        for (final JsonNode panel : dashboard.get("panels")) {
            assertThat(ids.add(panel.get("id").asInt())).as("unique panel id %s", panel.get("id")).isTrue();
            for (final JsonNode target : panel.path("targets")) {
                assertThat(target.get("datasource").get("uid").asText()).isEqualTo("${datasource}");
                assertThat(target.get("expr").asText()).isNotBlank();
                targets++;
            }
        }
        assertThat(targets).isGreaterThan(20);
        // the datasource is a variable (no uid written in), and the provisioned one is of its type
        assertThat(dashboard.toString()).doesNotContain("\"uid\":\"" + datasource.get("uid").asText() + "\"");
        final JsonNode variables = dashboard.get("templating").get("list");
        assertThat(variables.get(0).get("name").asText()).isEqualTo("datasource");
        assertThat(variables.get(0).get("query").asText()).isEqualTo(datasource.get("type").asText());
        assertThat(variables.get(1).get("name").asText()).isEqualTo("job");
    }

    /** A metric selector of authwatch's, Kafka's or the JVM's, with its label matchers if any. */
    private static final java.util.regex.Pattern SELECTOR = java.util.regex.Pattern.compile(
            "\\b((?:authwatch|kafka|jvm|process|up)\\w*)(\\{[^}]*\\})?(?!\\w|\\()");

    @Test
    void shouldFilterEveryDashboardQueryByTheJobVariableAndEveryAlertByTheJob() {
        final JsonNode dashboard = DeployFiles.json(DeployFiles.deploy("grafana/dashboards/authwatch.json"));
        for (final JsonNode panel : dashboard.get("panels")) {
            for (final JsonNode target : panel.path("targets")) {
                assertEverySelectorHas(target.get("expr").asText(), "job=~\"$job\"");
            }
        }
        final JsonNode rules = DeployFiles.yaml(DeployFiles.deploy("prometheus/alerts.yml"));
        for (final JsonNode rule : rules.get("groups").get(0).get("rules")) {
            assertEverySelectorHas(rule.get("expr").asText(), "job=\"authwatch\"");
        }
    }

    @Test
    void shouldLinkEveryAlertToItsOwnHeadingOfTheRunbook() {
        final String runbook = DeployFiles.text(DeployFiles.root().resolve("docs/operations.md"));
        final JsonNode rules = DeployFiles.yaml(DeployFiles.deploy("prometheus/alerts.yml"));
        final Set<String> anchors = new HashSet<>();
        for (final JsonNode rule : rules.get("groups").get(0).get("rules")) {
            final String alert = rule.get("alert").asText();
            final String url = rule.get("annotations").get("runbook_url").asText();
            assertThat(url).as(alert).isEqualTo("docs/operations.md#" + alert.toLowerCase(Locale.ROOT));
            assertThat(runbook).as("a heading for %s", alert).containsPattern("(?m)^#{2,4} " + alert + "$");
            assertThat(anchors.add(url)).as(url).isTrue();
        }
        assertThat(anchors).hasSizeGreaterThanOrEqualTo(9);
    }

    private static void assertEverySelectorHas(String expr, String matcher) {
        final java.util.regex.Matcher m = SELECTOR.matcher(expr);
        int selectors = 0;
        while (m.find()) {
            final String before = expr.substring(0, m.start());
            if (before.chars().filter(c -> c == '{').count() > before.chars().filter(c -> c == '}').count()) {
                continue; // a label value inside a matcher
            }
            assertThat(m.group(2)).as("%s in %s", m.group(1), expr).isNotNull().contains(matcher);
            selectors++;
        }
        assertThat(selectors).as(expr).isPositive();
    }

    @Test
    void shouldPointKubernetesProbesPortsAndVolumesAtWhatTheMonitorServes() throws IOException {
        final JsonNode sts = DeployFiles.yaml(DeployFiles.deploy("k8s/statefulset.yaml"));
        final JsonNode headless = DeployFiles.yaml(DeployFiles.deploy("k8s/service-headless.yaml"));
        final JsonNode service = DeployFiles.yaml(DeployFiles.deploy("k8s/service.yaml"));
        final JsonNode monitor = DeployFiles.yaml(DeployFiles.deploy("k8s/servicemonitor.yaml"));
        final Properties props = configMapProperties();
        final JsonNode pod = sts.get("spec").get("template");
        final JsonNode container = pod.get("spec").get("containers").get(0);

        // the config file parses as authwatch config and the container listens on its http.port
        final Map<String, String> overrides = new HashMap<>();
        props.stringPropertyNames().forEach(k -> overrides.put(k, props.getProperty(k)));
        final AuthwatchConfig config = AuthwatchConfig.of(overrides);
        final JsonNode port = container.get("ports").get(0);
        assertThat(port.get("containerPort").asInt()).isEqualTo(config.intValue("http.port"));
        final String portName = port.get("name").asText();
        for (final String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(container.get(probe).get("httpGet").get("port").asText()).isEqualTo(portName);
        }
        assertThat(container.get("readinessProbe").get("httpGet").get("path").asText()).isEqualTo("/readyz");
        assertThat(container.get("livenessProbe").get("httpGet").get("path").asText()).isEqualTo("/healthz");
        // the state dir is the mounted volume, from the claim template
        final String stateMount = mountPath(container, "state");
        assertThat(config.string("state.dir")).isEqualTo(stateMount);
        assertThat(sts.get("spec").get("volumeClaimTemplates").get(0).get("metadata").get("name").asText())
                .isEqualTo("state");
        assertThat(mountPath(container, "config") + "/authwatch.properties")
                .isEqualTo(container.get("args").get(2).asText());
        // the headless service gives pods the DNS names they advertise, on the http port
        assertThat(sts.get("spec").get("serviceName").asText()).isEqualTo(headless.get("metadata").get("name").asText());
        assertThat(headless.get("spec").get("clusterIP").asText()).isEqualTo("None");
        final String advertised = env(container, "AUTHWATCH_APPLICATION_SERVER");
        assertThat(advertised).contains("." + headless.get("metadata").get("name").asText() + ".")
                .endsWith(":" + config.intValue("http.port"));
        for (final JsonNode svc : List.of(headless, service)) {
            assertThat(svc.get("spec").get("ports").get(0).get("targetPort").asText()).isEqualTo(portName);
            assertThat(svc.get("spec").get("selector")).isEqualTo(pod.get("metadata").get("labels"));
        }
        // the ServiceMonitor selects the headless service only, on a port it has
        final JsonNode selector = monitor.get("spec").get("selector").get("matchLabels");
        selector.fields().forEachRemaining(e ->
                assertThat(headless.get("metadata").get("labels").get(e.getKey()).asText()).isEqualTo(e.getValue().asText()));
        assertThat(service.get("metadata").get("labels").has("authwatch.io/metrics")).isFalse();
        assertThat(monitor.get("spec").get("endpoints").get(0).get("port").asText())
                .isEqualTo(headless.get("spec").get("ports").get(0).get("name").asText());
        assertThat(monitor.get("spec").get("endpoints").get(0).get("path").asText()).isEqualTo("/metrics");
        // every AUTHWATCH_* variable names a config key, and the limits leave room above the requests
        for (final JsonNode e : container.get("env")) {
            if (e.get("name").asText().startsWith("AUTHWATCH_")) {
                assertThat(configKeyOf(e.get("name").asText())).as(e.get("name").asText()).isNotNull();
            }
        }
        final JsonNode resources = container.get("resources");
        assertThat(resources.get("limits").has("memory")).isTrue();
        assertThat(resources.get("requests").has("memory")).isTrue();
        // kustomize lists every manifest of the folder
        final JsonNode kustomization = DeployFiles.yaml(DeployFiles.deploy("k8s/kustomization.yaml"));
        try (Stream<Path> files = Files.list(DeployFiles.deploy("k8s"))) {
            final Set<String> manifests = new HashSet<>(files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("kustomization.yaml") && !n.endsWith(".example.yaml")).toList());
            final Set<String> listed = new HashSet<>();
            kustomization.get("resources").forEach(r -> listed.add(r.asText()));
            assertThat(listed).isEqualTo(manifests);
        }
    }

    @Test
    void shouldGiveRocksDbAWritableTmpdirUnderTheReadOnlyRootFileSystem() {
        final JsonNode pod = DeployFiles.yaml(DeployFiles.deploy("k8s/statefulset.yaml")).get("spec").get("template");
        final JsonNode container = pod.get("spec").get("containers").get(0);

        // the root is read-only, so java.io.tmpdir must be a mounted, writable emptyDir
        assertThat(container.get("securityContext").get("readOnlyRootFilesystem").asBoolean()).isTrue();
        final String options = env(container, "JAVA_TOOL_OPTIONS");
        assertThat(options).contains("-Djava.io.tmpdir=" + mountPath(container, "tmp"));
        assertThat(volume(pod, "tmp").has("emptyDir")).isTrue();
        assertThat(mount(container, "tmp").path("readOnly").asBoolean(false)).isFalse();
        // and the state dir is a writable volume too
        assertThat(mount(container, "state").path("readOnly").asBoolean(false)).isFalse();
    }

    @Test
    void shouldTakeEveryCredentialFromTheSecretAndNoneFromTheConfigMap() throws IOException {
        final JsonNode container = DeployFiles.yaml(DeployFiles.deploy("k8s/statefulset.yaml")).get("spec")
                .get("template").get("spec").get("containers").get(0);
        final JsonNode secret = DeployFiles.yaml(DeployFiles.deploy("k8s/secret.example.yaml"));

        for (final String variable : List.of("AUTHWATCH_USER_REF_SECRET", "AUTHWATCH_KAFKA_SASL_JAAS_CONFIG",
                "AUTHWATCH_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "AUTHWATCH_HTTP_AUTH_TOKEN")) {
            final JsonNode ref = envEntry(container, variable).get("valueFrom").get("secretKeyRef");
            assertThat(ref.get("name").asText()).as(variable).isEqualTo(secret.get("metadata").get("name").asText());
            assertThat(secret.get("stringData").has(ref.get("key").asText())).as(variable).isTrue();
        }
        configMapProperties().stringPropertyNames().forEach(k ->
                assertThat(io.authwatch.config.Defaults.isSecret(k)).as(k).isFalse());
    }

    @Test
    void shouldProvisionTheContractTopicsDurablyWithAJobInsteadOfCreatingThemAtStart() throws IOException {
        // Given the monitor's config as the ConfigMap has it, loaded and checked as the monitor loads it
        final Path file = Files.createTempFile("authwatch", ".properties");
        final Properties props = configMapProperties();
        try (java.io.Writer w = Files.newBufferedWriter(file)) {
            props.store(w, null);
        }
        // with the variables the Secret sets
        final AuthwatchConfig config = AuthwatchConfig.load(file, Map.of(
                "AUTHWATCH_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "authwatch:pw",
                "AUTHWATCH_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required;"));
        Files.delete(file);
        final String job = DeployFiles.yaml(DeployFiles.deploy("k8s/topics-job.yaml")).get("spec").get("template")
                .get("spec").get("containers").get(0).get("args").get(0).asText();

        // Then the monitor creates nothing, and the Job creates each of its five topics, replicated
        assertThat(config.bool("topics.create")).isFalse();
        for (final String topic : new io.authwatch.runtime.TopicSetup(config).required().values()) {
            assertThat(job).as(topic).containsPattern("create " + java.util.regex.Pattern.quote(topic) + "\\b");
        }
        assertThat(job).contains("--replication-factor 3", "--config min.insync.replicas=2")
                .contains("create " + config.string("topic.policy") + " --config cleanup.policy=compact");
        // and Kafka Streams' own topics are as durable
        assertThat(config.kafkaPassThrough()).containsEntry("replication.factor", "3")
                .containsEntry("topic.min.insync.replicas", "2");
    }

    @Test
    void shouldSizeTheContainerAboveWhatTheBenchmarkMeasured() {
        final JsonNode container = DeployFiles.yaml(DeployFiles.deploy("k8s/statefulset.yaml")).get("spec")
                .get("template").get("spec").get("containers").get(0);
        final long limit = mebibytes(container.get("resources").get("limits").get("memory").asText());
        final java.util.regex.Matcher percent = java.util.regex.Pattern.compile("MaxRAMPercentage=(\\d+)")
                .matcher(env(container, "JAVA_TOOL_OPTIONS"));
        assertThat(percent.find()).isTrue();

        // docs/benchmarks.md: peak heap 456 MiB and process RSS at most 886 MiB at 11.4 M users
        assertThat(limit * Integer.parseInt(percent.group(1)) / 100).isGreaterThan(456);
        assertThat(limit).isGreaterThan(886);
        assertThat(DeployFiles.text(DeployFiles.root().resolve("docs/benchmarks.md"))).contains("peak heap 456 MiB",
                "process RSS at most 886 MiB");
    }

    private static long mebibytes(String quantity) {
        if (quantity.endsWith("Gi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2)) * 1024;
        }
        assertThat(quantity).endsWith("Mi");
        return Long.parseLong(quantity.substring(0, quantity.length() - 2));
    }

    @Test
    void shouldBuildTheJarTheShadePluginWritesAndExposeTheHttpPort() {
        final String dockerfile = DeployFiles.text(DeployFiles.deploy("Dockerfile"));
        final String pom = DeployFiles.text(DeployFiles.root().resolve("streams-app/pom.xml"));
        assertThat(pom).contains("<outputFile>${project.build.directory}/authwatch.jar</outputFile>");
        assertThat(dockerfile).contains("/src/streams-app/target/authwatch.jar").contains("EXPOSE 8080")
                .contains("AUTHWATCH_STATE_DIR=/var/lib/authwatch/state");
        assertThat(AuthwatchConfig.defaults().string("http.port")).isEqualTo("8080");
    }

    private static Properties configMapProperties() throws IOException {
        final JsonNode cm = DeployFiles.yaml(DeployFiles.deploy("k8s/configmap.yaml"));
        final Properties props = new Properties();
        props.load(new StringReader(cm.get("data").get("authwatch.properties").asText()));
        return props;
    }

    private static String mountPath(JsonNode container, String volume) {
        for (final JsonNode m : container.get("volumeMounts")) {
            if (m.get("name").asText().equals(volume)) {
                return m.get("mountPath").asText();
            }
        }
        throw new AssertionError("no volume mount " + volume);
    }

    private static JsonNode mount(JsonNode container, String volume) {
        for (final JsonNode m : container.get("volumeMounts")) {
            if (m.get("name").asText().equals(volume)) {
                return m;
            }
        }
        throw new AssertionError("no volume mount " + volume);
    }

    private static JsonNode volume(JsonNode pod, String name) {
        for (final JsonNode v : pod.get("spec").get("volumes")) {
            if (v.get("name").asText().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    private static JsonNode envEntry(JsonNode container, String name) {
        for (final JsonNode e : container.get("env")) {
            if (e.get("name").asText().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no env " + name);
    }

    private static String env(JsonNode container, String name) {
        for (final JsonNode e : container.get("env")) {
            if (e.get("name").asText().equals(name)) {
                return e.get("value").asText();
            }
        }
        throw new AssertionError("no env " + name);
    }

    /** The config key an AUTHWATCH_* variable sets (dots and dashes as underscores), or null. */
    static String configKeyOf(String env) {
        if (!env.startsWith("AUTHWATCH_")) {
            return null;
        }
        final String wanted = env.substring("AUTHWATCH_".length());
        if (wanted.startsWith("KAFKA_")) {
            return "kafka." + wanted.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
        }
        return AuthwatchConfig.defaults().asMap().keySet().stream()
                .filter(k -> k.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT).equals(wanted))
                .findFirst().orElse(null);
    }
}
