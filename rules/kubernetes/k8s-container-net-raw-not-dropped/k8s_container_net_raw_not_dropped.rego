# METADATA
# title: Container keeps the NET_RAW capability
# description: |
#   Container runtimes grant NET_RAW by default. It lets a process craft raw packets: spoof
#   ARP and DNS answers, or sniff traffic of other pods on the same node network. Few
#   workloads need it (ping does, on old kernels); drop it, or drop ALL capabilities.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container
# custom:
#   id: k8s-container-net-raw-not-dropped
#   target: kubernetes
#   severity: medium
#   checkov: [CKV_K8S_28]
package converge.rules.kubernetes.k8s_container_net_raw_not_dropped

import rego.v1

import data.converge.lib.k8s

findings contains f if {
	some entry in k8s.containers
	drop := k8s.container_value(entry.container, ["securityContext", "capabilities", "drop"], [])
	not drops_net_raw(drop)
	f := {
		"msg": sprintf("container %q does not drop NET_RAW", [entry.container.name]),
		"route": k8s.container_route(entry, ["securityContext", "capabilities", "drop"]),
	}
}

# As checkov reads the list: an entry naming ALL (upper or lower case) or NET_RAW.
drops_net_raw(drop) if {
	is_array(drop)
	some c in drop
	is_string(c)
	some name in ["ALL", "all", "NET_RAW"]
	contains(c, name)
}
