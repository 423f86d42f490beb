# METADATA
# title: Kubernetes resource of the Terraform kubernetes provider is in the default namespace
# description: |
#   The default namespace is shared by everything that names no namespace: its RBAC, quotas
#   and network policies cannot be fitted to one application, and a mistake in one
#   deployment touches the others. Give every application its own namespace.
#
#   Like checkov's CKV_K8S_21, the rule reads metadata.namespace of the workloads (pods,
#   deployments, daemon sets, stateful sets, replication controllers, jobs, cron jobs) and of
#   services, secrets, service accounts, role bindings, config maps and ingresses, and reports
#   a missing, empty or "default" namespace.
# related_resources:
#   - https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/
# custom:
#   id: tf-k8s-resource-in-default-namespace
#   target: terraform
#   severity: low
#   checkov: [CKV_K8S_21]
package converge.rules.terraform.tf_k8s_resource_in_default_namespace

import rego.v1

import data.converge.lib.terraform as tf
import data.converge.lib.tfk8s

# The resource types checkov's CKV_K8S_21 supports.
types := tfk8s.workload_types | {
	"kubernetes_service", "kubernetes_service_v1",
	"kubernetes_secret", "kubernetes_secret_v1",
	"kubernetes_service_account", "kubernetes_service_account_v1",
	"kubernetes_role_binding", "kubernetes_role_binding_v1",
	"kubernetes_config_map", "kubernetes_config_map_v1",
	"kubernetes_ingress", "kubernetes_ingress_v1",
}

findings contains f if {
	some r in tfk8s.resources(types)
	not tfk8s.generated(r.body, "metadata")
	namespace := object.get(tf.first_block(r.body, "metadata"), "namespace", null)
	namespace in {null, "", "default"}
	f := {
		"msg": sprintf("%s %s", [tfk8s.address(r), where(namespace)]),
		"route": array.concat(r.route, ["metadata", 0, "namespace"]),
	}
}

where(namespace) := "is in the default namespace" if namespace == "default"

else := "sets no namespace (it lands in default)"
