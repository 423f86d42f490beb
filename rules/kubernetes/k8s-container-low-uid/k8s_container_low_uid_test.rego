package converge.rules.kubernetes.k8s_container_low_uid_test

import rego.v1

import data.converge.rules.kubernetes.k8s_container_low_uid as rule

pod(pod_sc, sc) := {"kind": "Pod", "spec": {"securityContext": pod_sc, "containers": [{"name": "a", "securityContext": sc}]}}

test_unset_is_reported if {
	some f in rule.findings with input as pod({}, {})
	f.route == ["spec", "containers", 0, "securityContext", "runAsUser"]
	f.case == "plain"
}

test_container_override_below_the_minimum_is_reported if {
	count(rule.findings) == 1 with input as pod({"runAsUser": 20000}, {"runAsUser": 1000})
}

test_root_gets_its_own_case if {
	some f in rule.findings with input as pod({"runAsUser": 0}, {})
	f.case == "root_uid"
}

test_high_uid_is_clean if {
	count(rule.findings) == 0 with input as pod({"runAsUser": 10001}, {})
	count(rule.findings) == 0 with input as pod({"runAsUser": 100}, {"runAsUser": 65532})
}

test_user_namespace_is_clean if {
	p := {"kind": "Pod", "spec": {"hostUsers": false, "containers": [{"name": "a"}]}}
	count(rule.findings) == 0 with input as p
}
