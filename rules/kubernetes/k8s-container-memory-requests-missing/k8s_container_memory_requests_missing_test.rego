package converge.rules.kubernetes.k8s_container_memory_requests_missing_test

import rego.v1

import data.converge.rules.kubernetes.k8s_container_memory_requests_missing as rule

pod(resources) := {"kind": "Pod", "spec": {
	"initContainers": [{"name": "init", "resources": resources}],
	"containers": [{"name": "app", "resources": resources}],
	"ephemeralContainers": [{"name": "debug"}],
}}

test_missing_is_reported_for_every_container_but_ephemeral_ones if {
	fs := rule.findings with input as pod({"requests": {"cpu": "1"}})
	count(fs) == 2
	some f in fs
	f.route == ["spec", "containers", 0, "resources", "requests", "memory"]
}

test_null_resources_are_reported if {
	count(rule.findings) == 2 with input as pod(null)
}

test_set_is_clean if {
	count(rule.findings) == 0 with input as pod({"requests": {"memory": "512Mi"}})
}

test_a_limit_alone_is_also_the_request if {
	count(rule.findings) == 0 with input as pod({"limits": {"memory": "512Mi"}})
}
