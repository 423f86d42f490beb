package converge.rules.kubernetes.k8s_pod_seccomp_profile_unset_test

import rego.v1

import data.converge.rules.kubernetes.k8s_pod_seccomp_profile_unset as rule

test_unset_is_reported if {
	some f in rule.findings with input as {"kind": "Pod", "spec": {"containers": [{"name": "a"}]}}
	f.route == ["spec", "securityContext", "seccompProfile", "type"]
}

test_pod_level_runtime_default_is_clean if {
	pod := {"kind": "Pod", "spec": {"securityContext": {"seccompProfile": {"type": "RuntimeDefault"}}, "containers": [{"name": "a"}]}}
	count(rule.findings) == 0 with input as pod
}

test_every_container_confined_is_clean if {
	sc := {"seccompProfile": {"type": "Localhost"}}
	pod := {"kind": "Pod", "spec": {"containers": [{"name": "a", "securityContext": sc}]}}
	count(rule.findings) == 0 with input as pod
}

test_legacy_annotation_is_clean if {
	d := {"kind": "Deployment", "spec": {"template": {
		"metadata": {"annotations": {"seccomp.security.alpha.kubernetes.io/pod": "runtime/default"}},
		"spec": {"containers": [{"name": "a"}]},
	}}}
	count(rule.findings) == 0 with input as d
}

test_explicit_unconfined_is_left_alone if {
	pod := {"kind": "Pod", "spec": {"securityContext": {"seccompProfile": {"type": "Unconfined"}}, "containers": [{"name": "a"}]}}
	count(rule.findings) == 0 with input as pod
}
