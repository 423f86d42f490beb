package converge.rules.kubernetes.k8s_container_capabilities_not_dropped_test

import rego.v1

import data.converge.rules.kubernetes.k8s_container_capabilities_not_dropped as rule

pod(sc) := {"kind": "Pod", "spec": {"containers": [{"name": "a", "securityContext": sc}]}}

test_partial_drop_is_reported if {
	some f in rule.findings with input as pod({"capabilities": {"drop": ["NET_RAW"]}})
	f.route == ["spec", "containers", 0, "securityContext", "capabilities", "drop"]
}

test_missing_is_reported if {
	count(rule.findings) == 1 with input as pod({})
}

test_all_in_any_case_is_clean if {
	count(rule.findings) == 0 with input as pod({"capabilities": {"drop": ["all"]}})
}
