# METADATA
# title: Container allows privilege escalation
# description: |
#   A process in the container can gain more privileges than its parent (through setuid
#   binaries or file capabilities) unless `securityContext.allowPrivilegeEscalation` is false.
#   That is how a foothold in a container becomes root in it.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: k8s-container-privilege-escalation-allowed
#   target: kubernetes
#   severity: high
#   checkov: [CKV_K8S_20]
package converge.rules.kubernetes.k8s_container_privilege_escalation_allowed

import rego.v1

import data.converge.lib.k8s

findings contains f if {
	some entry in k8s.containers
	k8s.container_value(entry.container, ["securityContext", "allowPrivilegeEscalation"], null) != false
	privileged := k8s.container_value(entry.container, ["securityContext", "privileged"], false) == true
	f := {
		"msg": sprintf("container %q allows privilege escalation", [entry.container.name]),
		"route": k8s.container_route(entry, ["securityContext", "allowPrivilegeEscalation"]),
		"case": case(privileged),
	}
}

case(true) := "privileged"

case(false) := "plain"
