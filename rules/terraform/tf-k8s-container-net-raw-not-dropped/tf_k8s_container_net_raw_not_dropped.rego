# METADATA
# title: Container of a kubernetes_pod or kubernetes_deployment keeps the NET_RAW capability
# description: |
#   Container runtimes grant NET_RAW by default. It lets a process craft raw packets: spoof
#   ARP and DNS answers, or sniff traffic of other pods on the same node network. Few
#   workloads need it (ping does, on old kernels); drop it, or drop ALL capabilities, in
#   security_context.capabilities.drop. Like checkov, the rule reads the `container` blocks
#   (not `init_container`) of kubernetes_pod and kubernetes_deployment (and their _v1
#   versions), and takes only "ALL" and "NET_RAW", spelled so.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container
#   - https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/pod_v1#capabilities
# custom:
#   id: tf-k8s-container-net-raw-not-dropped
#   target: terraform
#   severity: medium
#   checkov: [CKV_K8S_28]
package converge.rules.terraform.tf_k8s_container_net_raw_not_dropped

import rego.v1

import data.converge.lib.tfk8s

findings contains f if {
	some w in tfk8s.resources(tfk8s.pod_and_deployment_types)
	some c in tfk8s.checked_containers(w)
	not tfk8s.generated_security_context(c)
	drop := tfk8s.capability_list(c, "drop")
	not drops_net_raw(drop)
	not tfk8s.unknown_list(drop)
	k := drop_case(c, drop)
	f := {
		"msg": sprintf("%s %s does not drop NET_RAW (%s)", [tfk8s.address(w), tfk8s.describe_container(c), describe(drop)]),
		"route": route(c, k),
		"case": k,
	}
}

# checkov fails a resource without a spec, or whose pod spec has no container.
findings contains f if {
	some w in tfk8s.resources(tfk8s.pod_and_deployment_types)
	tfk8s.missing_spec(w)
	f := {
		"msg": sprintf("%s has no spec block, so no container drops NET_RAW", [tfk8s.address(w)]),
		"route": array.concat(w.route, ["spec"]),
		"case": "no_container",
	}
}

findings contains f if {
	some w in tfk8s.resources(tfk8s.pod_and_deployment_types)
	tfk8s.containerless(w)
	f := {
		"msg": sprintf("%s has no container block, so no container drops NET_RAW", [tfk8s.address(w)]),
		"route": array.concat(tfk8s.pod_spec(w).route, ["container"]),
		"case": "no_container",
	}
}

# As checkov reads the list: an item "ALL" or "NET_RAW" (case-sensitive).
drops_net_raw(drop) if {
	is_array(drop)
	some c in drop
	c in {"ALL", "NET_RAW"}
}

# A container without a security_context block: the block has to be written first (by
# tf-k8s-container-security-context-missing), or the fix would add a finding of
# tf-k8s-container-root-filesystem-writable.
drop_case(c, _) := "no_security_context" if not tfk8s.security_context(c)

drop_case(c, null) := "missing" if tfk8s.security_context(c)

drop_case(c, []) := "missing" if tfk8s.security_context(c)

drop_case(c, drop) := "other_drops" if {
	tfk8s.security_context(c)
	is_array(drop)
	count(drop) > 0
}

# A missing list is created from the container down (the route stays the same when a
# security_context is added); a list of other capabilities is named.
route(c, "no_security_context") := c.route

route(c, "missing") := c.route

route(c, "other_drops") := array.concat(c.route, ["security_context", 0, "capabilities", 0, "drop"])

describe(null) := "no capabilities.drop"

describe(drop) := sprintf("capabilities.drop = %s", [json.marshal(drop)]) if drop != null
