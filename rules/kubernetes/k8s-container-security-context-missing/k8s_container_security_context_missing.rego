# METADATA
# title: Container has no securityContext
# description: |
#   A container without a `securityContext` runs with every runtime default: privilege
#   escalation allowed, the image's user, the default capabilities. Each hardening rule
#   reports its own setting; this one flags containers nobody has looked at yet. The fix
#   starts the context with `allowPrivilegeEscalation: false`, the setting no ordinary
#   workload depends on.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
# custom:
#   id: k8s-container-security-context-missing
#   target: kubernetes
#   severity: low
#   checkov: [CKV_K8S_30]
package converge.rules.kubernetes.k8s_container_security_context_missing

import rego.v1

import data.converge.lib.k8s

findings contains f if {
	some entry in k8s.containers
	k8s.container_value(entry.container, ["securityContext"], null) in {null, {}}
	f := {
		"msg": sprintf("container %q has no securityContext", [entry.container.name]),
		"route": k8s.container_route(entry, ["securityContext"]),
		"case": case,
	}
}

case := "windows" if k8s.windows_pod

else := "linux"
