# METADATA
# title: kubernetes_pod or kubernetes_deployment shares the host's PID namespace (host_pid = true)
# description: |
#   A pod in the host's PID namespace sees every process on the node, can read their
#   environment and memory maps through /proc, and can signal them; with root in the container
#   that is a path to the node.
#
#   Like checkov's CKV_K8S_17, the rule reads host_pid in the pod spec of kubernetes_pod and
#   kubernetes_deployment (and their _v1 versions).
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/pod_v1#host_pid
# custom:
#   id: tf-k8s-pod-host-pid-shared
#   target: terraform
#   severity: high
#   checkov: [CKV_K8S_17]
package converge.rules.terraform.tf_k8s_pod_host_pid_shared

import rego.v1

import data.converge.lib.terraform as tf
import data.converge.lib.tfk8s

findings contains f if {
	some w in tfk8s.resources(tfk8s.pod_and_deployment_types)
	s := tfk8s.pod_spec(w)
	tf.is_true(object.get(s.body, "host_pid", false))
	f := {
		"msg": sprintf("%s sets host_pid = true", [tfk8s.address(w)]),
		"route": array.concat(s.route, ["host_pid"]),
	}
}
