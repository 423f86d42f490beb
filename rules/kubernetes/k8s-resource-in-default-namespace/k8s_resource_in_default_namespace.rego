# METADATA
# title: Resource is placed in the default namespace
# description: |
#   The `default` namespace is where everything without a namespace lands: RBAC bindings,
#   quotas, NetworkPolicies and Pod Security labels written for it apply to all of it at
#   once, and a mistyped `kubectl apply` shares it too. Give each application its own
#   namespace. A manifest without `metadata.namespace` is reported as well: it lands in
#   whatever namespace the client is set to, `default` unless told otherwise (drop this
#   rule for directories that kustomize or Helm place in a namespace). The `default`
#   ServiceAccount and the `kubernetes` Service are not reported.
# related_resources:
#   - https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/
# custom:
#   id: k8s-resource-in-default-namespace
#   target: kubernetes
#   severity: low
#   checkov: [CKV_K8S_21]
package converge.rules.kubernetes.k8s_resource_in_default_namespace

import rego.v1

import data.converge.lib.k8s

namespaced_kinds := {
	"Pod", "Deployment", "DaemonSet", "StatefulSet", "ReplicaSet", "ReplicationController",
	"Job", "CronJob", "Service", "Secret", "ServiceAccount", "Role", "RoleBinding",
	"ConfigMap", "Ingress",
}

built_in(kind, name) if [kind, name] in {["ServiceAccount", "default"], ["Service", "kubernetes"]}

findings contains f if {
	input.kind in namespaced_kinds
	namespace := object.get(input, ["metadata", "namespace"], "")
	namespace in {"", "default"}
	not built_in(input.kind, k8s.object_name)
	f := {
		"msg": sprintf("%s %q %s", [input.kind, k8s.object_name, where(namespace)]),
		"route": ["metadata", "namespace"],
	}
}

where("") := "sets no namespace (it lands in default)"

where("default") := "is in the default namespace"
