package converge.rules.kubernetes.k8s_container_security_context_missing_test

import rego.v1

import data.converge.rules.kubernetes.k8s_container_security_context_missing as rule

test_missing_is_reported if {
	j := {"kind": "Job", "spec": {"template": {"spec": {"initContainers": [{"name": "i"}], "containers": [{"name": "a", "securityContext": {"runAsUser": 1}}]}}}}
	fs := rule.findings with input as j
	count(fs) == 1
	some f in fs
	f.route == ["spec", "template", "spec", "initContainers", 0, "securityContext"]
	f.case == "linux"
}

test_empty_is_reported if {
	count(rule.findings) == 1 with input as {"kind": "Pod", "spec": {"containers": [{"name": "a", "securityContext": {}}]}}
}

test_windows_pods_get_their_own_case if {
	p := {"kind": "Pod", "spec": {"os": {"name": "windows"}, "containers": [{"name": "a"}]}}
	some f in rule.findings with input as p
	f.case == "windows"
}

test_any_setting_is_clean if {
	count(rule.findings) == 0 with input as {"kind": "Pod", "spec": {"containers": [{"name": "a", "securityContext": {"readOnlyRootFilesystem": true}}]}}
}
