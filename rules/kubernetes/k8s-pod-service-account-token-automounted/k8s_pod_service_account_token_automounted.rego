# METADATA
# title: Pod mounts a service account token it may not need
# description: |
#   Unless `automountServiceAccountToken` is false, every container gets an API token; one
#   compromised container can then talk to the Kubernetes API with the pod's identity.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/
# custom:
#   id: k8s-pod-service-account-token-automounted
#   target: kubernetes
#   severity: medium
#   checkov: [CKV_K8S_38]
package converge.rules.kubernetes.k8s_pod_service_account_token_automounted

import rego.v1

import data.converge.lib.k8s

findings contains f if {
	is_object(k8s.pod_spec)
	object.get(k8s.pod_spec, "automountServiceAccountToken", null) != false
	f := {
		"msg": sprintf("%s %q mounts a service account token", [input.kind, object.get(input, ["metadata", "name"], "")]),
		"route": array.concat(k8s.pod_spec_route, ["automountServiceAccountToken"]),
	}
}
