package converge.rules.kubernetes.k8s_container_image_pull_policy_not_always_test

import rego.v1

import data.converge.rules.kubernetes.k8s_container_image_pull_policy_not_always as rule

pod(c) := {"kind": "Pod", "spec": {"containers": [object.union({"name": "a"}, c)]}}

test_tagged_image_without_policy_is_reported if {
	some f in rule.findings with input as pod({"image": "registry.example.com:5000/team/app:1.2"})
	f.route == ["spec", "containers", 0, "imagePullPolicy"]
}

test_if_not_present_is_reported if {
	count(rule.findings) == 1 with input as pod({"image": "nginx:latest", "imagePullPolicy": "IfNotPresent"})
}

test_defaults_to_always_is_clean if {
	count(rule.findings) == 0 with input as pod({"image": "nginx"})
	count(rule.findings) == 0 with input as pod({"image": "nginx:latest"})
}

test_always_or_digest_is_clean if {
	count(rule.findings) == 0 with input as pod({"image": "nginx:1.25", "imagePullPolicy": "Always"})
	count(rule.findings) == 0 with input as pod({"image": "nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31", "imagePullPolicy": "IfNotPresent"})
}
