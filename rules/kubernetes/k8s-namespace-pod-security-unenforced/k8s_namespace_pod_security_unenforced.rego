# METADATA
# title: Namespace does not enforce a Pod Security Standard
# description: |
#   Pod Security Admission only rejects pods that break a Pod Security Standard in
#   namespaces labelled `pod-security.kubernetes.io/enforce` with `baseline` or
#   `restricted`. Without the label (unless the cluster sets a default) or with
#   `privileged`, any pod is admitted: privileged containers, host namespaces, host paths.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-admission/
# custom:
#   id: k8s-namespace-pod-security-unenforced
#   target: kubernetes
#   severity: medium
#   checkov: []
package converge.rules.kubernetes.k8s_namespace_pod_security_unenforced

import rego.v1

import data.converge.lib.k8s

label := "pod-security.kubernetes.io/enforce"

# Namespaces of the control plane and node components, which need privileged pods.
system_namespaces := {"kube-system", "kube-node-lease", "kube-public"}

findings contains f if {
	input.kind == "Namespace"
	level := object.get(input, ["metadata", "labels", label], "")
	not level in {"baseline", "restricted"}
	f := {
		"msg": message(level),
		"route": ["metadata", "labels", label],
		"case": case,
	}
}

message("") := sprintf("Namespace %q has no %s label", [k8s.object_name, label])

message(level) := sprintf("Namespace %q enforces the %q Pod Security Standard", [k8s.object_name, level]) if level != ""

case := "system" if k8s.object_name in system_namespaces

else := "plain"
