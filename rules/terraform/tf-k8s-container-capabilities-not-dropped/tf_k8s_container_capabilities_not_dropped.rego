# METADATA
# title: Container of a kubernetes_pod or kubernetes_deployment sets capabilities without dropping ALL
# description: |
#   Container runtimes grant a default set of capabilities (NET_RAW, CHOWN, SETUID, …) that few
#   workloads need. Dropping ALL and adding back only what is needed is the restricted
#   baseline.
#
#   Like checkov's CKV_K8S_37, the rule reads the `container` blocks (not `init_container`) of
#   kubernetes_pod and kubernetes_deployment (and their _v1 versions) whose security_context
#   has a capabilities block, and reports those whose drop list has no "ALL" (or "all").
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container
#   - https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/pod_v1#capabilities
# custom:
#   id: tf-k8s-container-capabilities-not-dropped
#   target: terraform
#   severity: medium
#   checkov: [CKV_K8S_37]
package converge.rules.terraform.tf_k8s_container_capabilities_not_dropped

import rego.v1

import data.converge.lib.tfk8s

findings contains f if {
	some w in tfk8s.resources(tfk8s.pod_and_deployment_types)
	some c in tfk8s.checked_containers(w)
	not tfk8s.generated_security_context(c)
	tfk8s.capabilities(c)
	drop := tfk8s.capability_list(c, "drop")
	not drops_all(drop)
	not tfk8s.unknown_list(drop)
	f := {
		"msg": sprintf("%s %s does not drop ALL capabilities (%s)", [tfk8s.address(w), tfk8s.describe_container(c), describe(drop)]),
		"route": array.concat(c.route, ["security_context", 0, "capabilities", 0, "drop"]),
	}
}

drops_all(drop) if {
	is_array(drop)
	some x in drop
	x in {"ALL", "all"}
}

describe(null) := "no drop list"

describe(drop) := sprintf("drop = %s", [json.marshal(drop)]) if drop != null
