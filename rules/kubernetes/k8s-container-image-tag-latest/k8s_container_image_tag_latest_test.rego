package converge.rules.kubernetes.k8s_container_image_tag_latest_test

import rego.v1

import data.converge.rules.kubernetes.k8s_container_image_tag_latest as rule

pod(image) := {"kind": "Pod", "spec": {"containers": [{"name": "a", "image": image}]}}

test_latest_is_reported if {
	some f in rule.findings with input as pod("nginx:latest")
	f.route == ["spec", "containers", 0, "image"]
}

test_untagged_is_reported if {
	count(rule.findings) == 1 with input as pod("registry.example.com:5000/team/app")
}

test_release_tag_or_digest_is_clean if {
	count(rule.findings) == 0 with input as pod("registry.example.com:5000/team/app:1.4.2")
	count(rule.findings) == 0 with input as pod("nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31")
}
