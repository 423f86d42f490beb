# METADATA
# title: Pod shares the host's process namespace
# description: |
#   With `hostPID: true` the pod's containers see every process on the node, can read their
#   environment and command lines (secrets included) and, with enough privilege, signal or
#   trace them. Only node-level debugging and monitoring tools need it.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: k8s-pod-host-pid-shared
#   target: kubernetes
#   severity: high
#   checkov: [CKV_K8S_17]
package converge.rules.kubernetes.k8s_pod_host_pid_shared

import rego.v1

import data.converge.lib.k8s

findings contains f if {
	k8s.is_true(object.get(k8s.pod_spec_object, "hostPID", false))
	f := {
		"msg": sprintf("%s %q sets hostPID: true", [input.kind, k8s.object_name]),
		"route": array.concat(k8s.pod_spec_route, ["hostPID"]),
	}
}
