# METADATA
# title: Container sets no CPU request
# description: |
#   The scheduler places pods by their requests: a container without a CPU request counts as
#   needing none, so nodes get overcommitted and the container is the first to be starved
#   when the node is busy. A CPU limit without a request is not reported: Kubernetes uses
#   the limit as the request. A LimitRange of the namespace may also fill in a default,
#   which this rule cannot see.
# related_resources:
#   - https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
# custom:
#   id: k8s-container-cpu-requests-missing
#   target: kubernetes
#   severity: medium
#   checkov: [CKV_K8S_10]
package converge.rules.kubernetes.k8s_container_cpu_requests_missing

import rego.v1

import data.converge.lib.k8s

findings contains f if {
	some entry in k8s.containers
	k8s.container_list(entry) != "ephemeralContainers" # Kubernetes forbids resources there
	not given(k8s.container_value(entry.container, ["resources", "requests", "cpu"], null))
	not given(k8s.container_value(entry.container, ["resources", "limits", "cpu"], null)) # a limit alone is also the request
	f := {
		"msg": sprintf("container %q sets no CPU request", [entry.container.name]),
		"route": k8s.container_route(entry, ["resources", "requests", "cpu"]),
	}
}

given(v) if not v in {null, "", 0}
