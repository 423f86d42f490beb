# METADATA
# title: Pod shares the host's IPC namespace
# description: |
#   With `hostIPC: true` the pod's containers share System V IPC and POSIX shared memory with
#   every process on the node: they can read and tamper with other processes' shared memory
#   segments and message queues. Almost no workload needs it.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: k8s-pod-host-ipc-shared
#   target: kubernetes
#   severity: high
#   checkov: [CKV_K8S_18]
package converge.rules.kubernetes.k8s_pod_host_ipc_shared

import rego.v1

import data.converge.lib.k8s

findings contains f if {
	k8s.is_true(object.get(k8s.pod_spec_object, "hostIPC", false))
	f := {
		"msg": sprintf("%s %q sets hostIPC: true", [input.kind, k8s.object_name]),
		"route": array.concat(k8s.pod_spec_route, ["hostIPC"]),
	}
}
