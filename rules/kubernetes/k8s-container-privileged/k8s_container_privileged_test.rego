package converge.rules.kubernetes.k8s_container_privileged_test

import rego.v1

import data.converge.rules.kubernetes.k8s_container_privileged as rule

deployment(sc) := {"kind": "Deployment", "spec": {"template": {"spec": {"containers": [{"name": "a", "securityContext": sc}]}}}}

test_privileged_is_reported if {
	some f in rule.findings with input as deployment({"privileged": true})
	f.route == ["spec", "template", "spec", "containers", 0, "securityContext", "privileged"]
}

test_unprivileged_is_clean if {
	count(rule.findings) == 0 with input as deployment({"privileged": false})
	count(rule.findings) == 0 with input as deployment({})
}
