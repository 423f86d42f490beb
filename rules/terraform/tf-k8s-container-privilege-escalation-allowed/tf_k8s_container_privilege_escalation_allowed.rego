# METADATA
# title: Container of a kubernetes_pod or kubernetes_deployment sets allow_privilege_escalation = true
# description: |
#   With privilege escalation allowed, a process in the container can gain more privileges
#   than its parent through setuid binaries or file capabilities, a common step from code
#   execution to root in the container.
#
#   Like checkov's CKV_K8S_20, the rule reports the `container` blocks (not `init_container`)
#   of kubernetes_pod and kubernetes_deployment (and their _v1 versions) that set
#   allow_privilege_escalation = true. (The provider also sends true when a security_context
#   block leaves the attribute out; checkov passes that, and so does the rule.)
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
#   - https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/pod_v1#allow_privilege_escalation
# custom:
#   id: tf-k8s-container-privilege-escalation-allowed
#   target: terraform
#   severity: high
#   checkov: [CKV_K8S_20]
package converge.rules.terraform.tf_k8s_container_privilege_escalation_allowed

import rego.v1

import data.converge.lib.terraform as tf
import data.converge.lib.tfk8s

findings contains f if {
	some w in tfk8s.resources(tfk8s.pod_and_deployment_types)
	some c in tfk8s.checked_containers(w)
	tf.is_true(tfk8s.security_setting(c, "allow_privilege_escalation"))
	f := {
		"msg": sprintf("%s %s allows privilege escalation", [tfk8s.address(w), tfk8s.describe_container(c)]),
		"route": array.concat(c.route, ["security_context", 0, "allow_privilege_escalation"]),
		"case": case(c),
	}
}

# Kubernetes rejects allowPrivilegeEscalation false on a privileged container and on one that
# adds CAP_SYS_ADMIN.
case(c) := "privileged" if {
	tf.is_true(tfk8s.security_setting(c, "privileged"))
} else := "sys_admin" if {
	adds_sys_admin(c)
} else := "plain"

adds_sys_admin(c) if {
	added := tfk8s.capability_list(c, "add")
	is_array(added)
	"CAP_SYS_ADMIN" in added
}
