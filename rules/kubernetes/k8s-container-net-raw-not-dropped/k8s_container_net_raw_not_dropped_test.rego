package converge.rules.kubernetes.k8s_container_net_raw_not_dropped_test

import rego.v1

import data.converge.rules.kubernetes.k8s_container_net_raw_not_dropped as rule

pod(sc) := {"kind": "Pod", "spec": {"containers": [{"name": "a", "securityContext": sc}]}}

test_other_drops_are_reported if {
	some f in rule.findings with input as pod({"capabilities": {"drop": ["SYS_ADMIN"]}})
	f.route == ["spec", "containers", 0, "securityContext", "capabilities", "drop"]
}

test_missing_is_reported if {
	count(rule.findings) == 1 with input as pod({})
}

test_net_raw_or_all_is_clean if {
	count(rule.findings) == 0 with input as pod({"capabilities": {"drop": ["NET_RAW"]}})
	count(rule.findings) == 0 with input as pod({"capabilities": {"drop": ["CHOWN", "all"]}})
}

test_statefulset_init_containers_are_checked if {
	s := {"kind": "StatefulSet", "spec": {"template": {"spec": {"initContainers": [{"name": "i"}], "containers": []}}}}
	some f in rule.findings with input as s
	f.route == ["spec", "template", "spec", "initContainers", 0, "securityContext", "capabilities", "drop"]
}
