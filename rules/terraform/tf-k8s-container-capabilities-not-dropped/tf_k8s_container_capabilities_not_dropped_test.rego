package converge.rules.terraform.tf_k8s_container_capabilities_not_dropped_test

import rego.v1

import data.converge.rules.terraform.tf_k8s_container_capabilities_not_dropped as rule

pod(sc) := {"resource": {"kubernetes_pod": {"p": {"spec": [{"container": [{"name": "a", "security_context": [sc]}]}]}}}}

test_partial_and_missing_drops_are_reported if {
	some f in rule.findings with input as pod({"capabilities": [{"drop": ["NET_RAW"]}]})
	f.route == ["resource", "kubernetes_pod", "p", "spec", 0, "container", 0, "security_context", 0, "capabilities", 0, "drop"]
	f.msg == `kubernetes_pod.p container "a" does not drop ALL capabilities (drop = ["NET_RAW"])`
	some g in rule.findings with input as pod({"capabilities": [{"add": ["NET_BIND_SERVICE"]}]})
	g.msg == `kubernetes_pod.p container "a" does not drop ALL capabilities (no drop list)`
}

test_all_is_clean if {
	count(rule.findings) == 0 with input as pod({"capabilities": [{"drop": ["ALL"]}]})
	count(rule.findings) == 0 with input as pod({"capabilities": [{"drop": ["all"]}]})
}

test_no_capabilities_block_is_clean if {
	count(rule.findings) == 0 with input as pod({"privileged": false})
	count(rule.findings) == 0 with input as {"resource": {"kubernetes_pod": {"p": {"spec": [{"container": [{"name": "a"}]}]}}}}
}

test_expressions_and_dynamic_blocks_are_not_reported if {
	count(rule.findings) == 0 with input as pod({"capabilities": [{"drop": "${var.drop}"}]})
	count(rule.findings) == 0 with input as pod({"dynamic": {"capabilities": [{"content": [{}]}]}})
}
