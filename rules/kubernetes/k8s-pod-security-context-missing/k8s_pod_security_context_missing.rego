# METADATA
# title: Pod has no securityContext
# description: |
#   The pod-level `securityContext` is where settings shared by every container belong: the
#   seccomp profile, runAsNonRoot, fsGroup. A pod without one runs every container with the
#   runtime's defaults unless each container sets its own. The fix starts the context with
#   the `RuntimeDefault` seccomp profile.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
# custom:
#   id: k8s-pod-security-context-missing
#   target: kubernetes
#   severity: low
#   checkov: [CKV_K8S_29]
package converge.rules.kubernetes.k8s_pod_security_context_missing

import rego.v1

import data.converge.lib.k8s

findings contains f if {
	is_object(k8s.pod_spec)
	object.get(k8s.pod_spec_object, "securityContext", null) in {null, {}}
	f := {
		"msg": sprintf("%s %q has no pod securityContext", [input.kind, k8s.object_name]),
		"route": array.concat(k8s.pod_spec_route, ["securityContext"]),
		"case": case,
	}
}

case := "windows" if k8s.windows_pod

else := "linux"
