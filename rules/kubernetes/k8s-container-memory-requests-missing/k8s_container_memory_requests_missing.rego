# METADATA
# title: Container sets no memory request
# description: |
#   The scheduler places pods by their requests: a container without a memory request counts
#   as needing none, nodes get overcommitted, and under memory pressure the kubelet evicts
#   pods that use more than they requested first. A memory limit without a request is not
#   reported: Kubernetes uses the limit as the request. A LimitRange of the namespace may
#   also fill in a default, which this rule cannot see.
# related_resources:
#   - https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
# custom:
#   id: k8s-container-memory-requests-missing
#   target: kubernetes
#   severity: medium
#   checkov: [CKV_K8S_12]
package converge.rules.kubernetes.k8s_container_memory_requests_missing

import rego.v1

import data.converge.lib.k8s

findings contains f if {
	some entry in k8s.containers
	k8s.container_list(entry) != "ephemeralContainers" # Kubernetes forbids resources there
	not given(k8s.container_value(entry.container, ["resources", "requests", "memory"], null))
	not given(k8s.container_value(entry.container, ["resources", "limits", "memory"], null)) # a limit alone is also the request
	f := {
		"msg": sprintf("container %q sets no memory request", [entry.container.name]),
		"route": k8s.container_route(entry, ["resources", "requests", "memory"]),
	}
}

given(v) if not v in {null, "", 0}
