# METADATA
# title: kubernetes_pod or kubernetes_deployment shares the host's IPC namespace (host_ipc = true)
# description: |
#   A pod in the host's IPC namespace can read and write the shared memory and message queues
#   of every process on the node, and so their data.
#
#   Like checkov's CKV_K8S_18, the rule reads host_ipc in the pod spec of kubernetes_pod and
#   kubernetes_deployment (and their _v1 versions).
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/pod_v1#host_ipc
# custom:
#   id: tf-k8s-pod-host-ipc-shared
#   target: terraform
#   severity: high
#   checkov: [CKV_K8S_18]
package converge.rules.terraform.tf_k8s_pod_host_ipc_shared

import rego.v1

import data.converge.lib.terraform as tf
import data.converge.lib.tfk8s

findings contains f if {
	some w in tfk8s.resources(tfk8s.pod_and_deployment_types)
	s := tfk8s.pod_spec(w)
	tf.is_true(object.get(s.body, "host_ipc", false))
	f := {
		"msg": sprintf("%s sets host_ipc = true", [tfk8s.address(w)]),
		"route": array.concat(s.route, ["host_ipc"]),
	}
}
