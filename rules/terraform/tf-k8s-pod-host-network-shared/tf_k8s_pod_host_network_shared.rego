# METADATA
# title: kubernetes_pod or kubernetes_deployment shares the host's network namespace (host_network = true)
# description: |
#   A pod on the host's network can bind any port of the node, reach services that listen on
#   localhost only (the kubelet's, cloud metadata proxies) and sniff the node's traffic, and
#   network policies no longer apply to it.
#
#   Like checkov's CKV_K8S_19, the rule reads host_network in the pod spec of kubernetes_pod and
#   kubernetes_deployment (and their _v1 versions).
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/pod_v1#host_network
# custom:
#   id: tf-k8s-pod-host-network-shared
#   target: terraform
#   severity: high
#   checkov: [CKV_K8S_19]
package converge.rules.terraform.tf_k8s_pod_host_network_shared

import rego.v1

import data.converge.lib.terraform as tf
import data.converge.lib.tfk8s

findings contains f if {
	some w in tfk8s.resources(tfk8s.pod_and_deployment_types)
	s := tfk8s.pod_spec(w)
	tf.is_true(object.get(s.body, "host_network", false))
	f := {
		"msg": sprintf("%s sets host_network = true", [tfk8s.address(w)]),
		"route": array.concat(s.route, ["host_network"]),
	}
}
