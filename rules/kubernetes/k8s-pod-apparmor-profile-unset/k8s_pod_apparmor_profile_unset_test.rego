package converge.rules.kubernetes.k8s_pod_apparmor_profile_unset_test

import rego.v1

import data.converge.rules.kubernetes.k8s_pod_apparmor_profile_unset as rule

test_unset_is_reported if {
	d := {"kind": "Deployment", "spec": {"template": {"spec": {"containers": [{"name": "a"}]}}}}
	some f in rule.findings with input as d
	f.route == ["spec", "template", "spec", "securityContext", "appArmorProfile", "type"]
}

test_pod_level_profile_is_clean if {
	p := {"kind": "Pod", "spec": {"securityContext": {"appArmorProfile": {"type": "RuntimeDefault"}}, "containers": [{"name": "a"}]}}
	count(rule.findings) == 0 with input as p
}

test_every_container_confined_is_clean if {
	p := {"kind": "Pod", "metadata": {"annotations": {"container.apparmor.security.beta.kubernetes.io/b": "runtime/default"}}, "spec": {"containers": [
		{"name": "a", "securityContext": {"appArmorProfile": {"type": "Localhost", "localhostProfile": "k8s-a"}}},
		{"name": "b"},
	]}}
	count(rule.findings) == 0 with input as p
}

test_one_unconfined_container_is_reported if {
	p := {"kind": "Pod", "spec": {"containers": [
		{"name": "a", "securityContext": {"appArmorProfile": {"type": "RuntimeDefault"}}},
		{"name": "b"},
	]}}
	count(rule.findings) == 1 with input as p
}

test_windows_pods_are_ignored if {
	p := {"kind": "Pod", "spec": {"os": {"name": "windows"}, "containers": [{"name": "a"}]}}
	count(rule.findings) == 0 with input as p
}
