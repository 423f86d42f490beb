# METADATA
# title: Container of a kubernetes_pod, kubernetes_deployment or kubernetes_daemonset has no security_context
# description: |
#   A container without a security_context runs with the runtime's defaults: it may escalate
#   privileges through setuid binaries, keeps every default capability and may run as root.
#   Writing a security_context, even one that only turns off privilege escalation, is the
#   first step to the restricted Pod Security Standard.
#
#   On Terraform resources checkov's CKV_K8S_29 ("apply security context to your pods") and
#   CKV_K8S_30 both look at the security_context block of each `container` (not
#   `init_container`); the pod-level security_context does not satisfy either. CKV_K8S_29 also
#   covers daemon sets, and fails a resource without a spec or without containers.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
#   - https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/pod_v1#security_context
# custom:
#   id: tf-k8s-container-security-context-missing
#   target: terraform
#   severity: low
#   checkov: [CKV_K8S_29, CKV_K8S_30]
package converge.rules.terraform.tf_k8s_container_security_context_missing

import rego.v1

import data.converge.lib.tfk8s

# CKV_K8S_29 covers daemon sets too; CKV_K8S_30 only pods and deployments.
types := tfk8s.pod_and_deployment_types | tfk8s.daemon_set_types

findings contains f if {
	some w in tfk8s.resources(types)
	some c in tfk8s.checked_containers(w)
	not tfk8s.has_security_context(c)
	f := {
		"msg": sprintf("%s %s has no security_context", [tfk8s.address(w), tfk8s.describe_container(c)]),
		"route": array.concat(c.route, ["security_context"]),
		"case": os_case(w),
	}
}

# CKV_K8S_29 fails a resource without a spec, or whose pod spec has no container.
findings contains f if {
	some w in tfk8s.resources(types)
	tfk8s.missing_spec(w)
	f := {
		"msg": sprintf("%s has no spec block, so no container has a security_context", [tfk8s.address(w)]),
		"route": array.concat(w.route, ["spec"]),
		"case": "no_container",
	}
}

findings contains f if {
	some w in tfk8s.resources(types)
	tfk8s.containerless(w)
	f := {
		"msg": sprintf("%s has no container block, so no container has a security_context", [tfk8s.address(w)]),
		"route": array.concat(tfk8s.pod_spec(w).route, ["container"]),
		"case": "no_container",
	}
}

os_case(w) := "windows" if tfk8s.windows(w)

else := "linux"
