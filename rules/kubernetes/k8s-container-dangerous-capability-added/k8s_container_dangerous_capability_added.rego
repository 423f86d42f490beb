# METADATA
# title: Container adds a dangerous Linux capability
# description: |
#   Some capabilities amount to root on the node: SYS_ADMIN (mount, namespaces, most of
#   what a privileged container can do), SYS_MODULE (load kernel modules), SYS_PTRACE
#   (inspect and inject into other processes), NET_ADMIN (reconfigure the node's network
#   when combined with the host network), BPF and PERFMON (kernel tracing), and ALL. A
#   container that adds one is one bug away from controlling the node.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: k8s-container-dangerous-capability-added
#   target: kubernetes
#   severity: high
#   checkov: [CKV_K8S_39]
package converge.rules.kubernetes.k8s_container_dangerous_capability_added

import rego.v1

import data.converge.lib.k8s

dangerous := {
	"ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_PTRACE", "SYS_RAWIO", "SYS_BOOT", "SYS_TIME",
	"NET_ADMIN", "BPF", "PERFMON", "DAC_READ_SEARCH", "MAC_ADMIN", "MAC_OVERRIDE", "SYSLOG",
}

findings contains f if {
	some entry in k8s.containers
	added := k8s.container_value(entry.container, ["securityContext", "capabilities", "add"], [])
	is_array(added)
	some k, cap in added
	is_string(cap)
	name := trim_prefix(upper(cap), "CAP_")
	name in dangerous
	f := {
		"msg": sprintf("container %q adds the %s capability", [entry.container.name, name]),
		"route": k8s.container_route(entry, ["securityContext", "capabilities", "add", k]),
	}
}
