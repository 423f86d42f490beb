# METADATA
# title: Container of a kubernetes_pod or kubernetes_deployment runs privileged
# description: |
#   A privileged container has every capability and access to all host devices; escaping it
#   to the node is trivial. Like checkov's CKV_K8S_16, the rule reads the `container` blocks
#   (not `init_container`) of kubernetes_pod and kubernetes_deployment (and their _v1
#   versions).
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/pod_v1#privileged
# custom:
#   id: tf-k8s-container-privileged
#   target: terraform
#   severity: critical
#   checkov: [CKV_K8S_16]
package converge.rules.terraform.tf_k8s_container_privileged

import rego.v1

import data.converge.lib.terraform as tf
import data.converge.lib.tfk8s

findings contains f if {
	some w in tfk8s.resources(tfk8s.pod_and_deployment_types)
	some c in tfk8s.checked_containers(w)
	tf.is_true(tfk8s.security_setting(c, "privileged"))
	f := {
		"msg": sprintf("%s %s runs privileged", [tfk8s.address(w), tfk8s.describe_container(c)]),
		"route": array.concat(c.route, ["security_context", 0, "privileged"]),
	}
}
