// Validates Kubernetes manifests against the API's JSON schemas, as kubeconform does: every
// document of every file given is looked up by apiVersion and kind among the models generated from
// the Kubernetes OpenAPI schemas (kubernetes-models) and the Prometheus Operator's CRDs, and checked
// with their validators (types, required fields, enums, formats such as quantities and ports).
// A kind it has no schema for is an error, except kustomize's Kustomization, which is not an API object.
// Prints one line per document and exits 1 when any document is invalid.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const groups = {
  "v1": "kubernetes-models/v1",
  "apps/v1": "kubernetes-models/apps/v1",
  "batch/v1": "kubernetes-models/batch/v1",
  "policy/v1": "kubernetes-models/policy/v1",
  "networking.k8s.io/v1": "kubernetes-models/networking.k8s.io/v1",
  "autoscaling/v2": "kubernetes-models/autoscaling/v2",
  "monitoring.coreos.com/v1": "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1",
};

let failures = 0;
for (const file of process.argv.slice(2)) {
  const docs = parseAllDocuments(readFileSync(file, "utf8"));
  for (const [i, doc] of docs.entries()) {
    const where = `${file}#${i}`;
    if (doc.errors.length > 0) {
      console.log(`INVALID ${where}: ${doc.errors.map((e) => e.message).join("; ")}`);
      failures++;
      continue;
    }
    const object = doc.toJS();
    if (object === null) {
      continue;
    }
    const { apiVersion, kind } = object;
    if (apiVersion === "kustomize.config.k8s.io/v1beta1" && kind === "Kustomization") {
      console.log(`SKIPPED ${where}: ${kind} is kustomize's own file, not a Kubernetes API object`);
      continue;
    }
    const group = groups[apiVersion];
    let model;
    try {
      model = group && (await import(`${group}/${kind}`))[kind];
    } catch {
      model = undefined;
    }
    if (!model) {
      console.log(`INVALID ${where}: no schema for apiVersion ${apiVersion}, kind ${kind}`);
      failures++;
      continue;
    }
    try {
      new model(object).validate();
      console.log(`VALID ${where}: ${apiVersion} ${kind} ${object.metadata?.name ?? ""}`);
    } catch (e) {
      console.log(`INVALID ${where}: ${apiVersion} ${kind}: ${e.message}`);
      failures++;
    }
  }
}
process.exit(failures === 0 ? 0 : 1);
