package converge.rules.kubernetes.k8s_container_root_filesystem_writable_test

import rego.v1

import data.converge.rules.kubernetes.k8s_container_root_filesystem_writable as rule

pod(sc) := {"kind": "Pod", "spec": {"ephemeralContainers": [{"name": "dbg", "securityContext": sc}]}}

test_false_is_reported if {
	some f in rule.findings with input as pod({"readOnlyRootFilesystem": false})
	f.route == ["spec", "ephemeralContainers", 0, "securityContext", "readOnlyRootFilesystem"]
}

test_true_is_clean if {
	count(rule.findings) == 0 with input as pod({"readOnlyRootFilesystem": true})
}
