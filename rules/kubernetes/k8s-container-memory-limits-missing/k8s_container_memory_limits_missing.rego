# METADATA
# title: Container sets no memory limit
# description: |
#   Without a memory limit a leaking or compromised container can use all of its node's
#   memory until the kernel's OOM killer picks victims, possibly other pods or node
#   daemons. With a limit, only this container is killed when it exceeds it. A LimitRange
#   of the namespace may also fill in a default, which this rule cannot see.
# related_resources:
#   - https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
# custom:
#   id: k8s-container-memory-limits-missing
#   target: kubernetes
#   severity: medium
#   checkov: [CKV_K8S_13]
package converge.rules.kubernetes.k8s_container_memory_limits_missing

import rego.v1

import data.converge.lib.k8s

findings contains f if {
	some entry in k8s.containers
	k8s.container_list(entry) != "ephemeralContainers" # Kubernetes forbids resources there
	not given(k8s.container_value(entry.container, ["resources", "limits", "memory"], null))
	f := {
		"msg": sprintf("container %q sets no memory limit", [entry.container.name]),
		"route": k8s.container_route(entry, ["resources", "limits", "memory"]),
	}
}

given(v) if not v in {null, "", 0}
