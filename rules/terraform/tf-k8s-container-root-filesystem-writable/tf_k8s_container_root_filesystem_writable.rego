# METADATA
# title: Container of a kubernetes_pod or kubernetes_deployment has a writable root filesystem
# description: |
#   A writable root filesystem lets an attacker who gets code execution in the container
#   replace binaries, drop tools and persist until the container restarts. With
#   read_only_root_filesystem = true, writes go only to the volumes the pod mounts.
#
#   Like checkov's CKV_K8S_22, the rule reads the `container` blocks (not `init_container`) of
#   kubernetes_pod and kubernetes_deployment (and their _v1 versions) that have a
#   security_context block; a container without one is left to
#   tf-k8s-container-security-context-missing.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
#   - https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/pod_v1#read_only_root_filesystem
# custom:
#   id: tf-k8s-container-root-filesystem-writable
#   target: terraform
#   severity: medium
#   checkov: [CKV_K8S_22]
package converge.rules.terraform.tf_k8s_container_root_filesystem_writable

import rego.v1

import data.converge.lib.terraform as tf
import data.converge.lib.tfk8s

findings contains f if {
	some w in tfk8s.resources(tfk8s.pod_and_deployment_types)
	some c in tfk8s.checked_containers(w)
	tfk8s.security_context(c)
	v := tfk8s.security_setting(c, "read_only_root_filesystem")
	not tf.is_true(v)
	not tf.is_expression(v)
	f := {
		"msg": sprintf("%s %s has a writable root filesystem (%s)", [tfk8s.address(w), tfk8s.describe_container(c), describe(v)]),
		"route": array.concat(c.route, ["security_context", 0, "read_only_root_filesystem"]),
	}
}

describe(null) := "read_only_root_filesystem is not set"

describe(v) := sprintf("read_only_root_filesystem = %v", [json.marshal(v)]) if v != null
