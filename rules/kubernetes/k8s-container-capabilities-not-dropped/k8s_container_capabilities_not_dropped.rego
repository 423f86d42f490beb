# METADATA
# title: Container keeps the default Linux capabilities
# description: |
#   Container runtimes grant a default set of capabilities (NET_RAW, CHOWN, SETUID, …) that few
#   workloads need; NET_RAW alone allows spoofing traffic on the node's network. Dropping ALL
#   and adding back only what is needed is the restricted baseline.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container
# custom:
#   id: k8s-container-capabilities-not-dropped
#   target: kubernetes
#   severity: medium
#   checkov: [CKV_K8S_37]
package converge.rules.kubernetes.k8s_container_capabilities_not_dropped

import rego.v1

import data.converge.lib.k8s

findings contains f if {
	some entry in k8s.containers
	drop := k8s.container_value(entry.container, ["securityContext", "capabilities", "drop"], [])
	not drops_all(drop)
	f := {
		"msg": sprintf("container %q does not drop ALL capabilities", [entry.container.name]),
		"route": k8s.container_route(entry, ["securityContext", "capabilities", "drop"]),
	}
}

drops_all(drop) if {
	is_array(drop)
	some c in drop
	upper(c) == "ALL"
}
