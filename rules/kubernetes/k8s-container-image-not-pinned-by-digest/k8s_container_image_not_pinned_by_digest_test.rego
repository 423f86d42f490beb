package converge.rules.kubernetes.k8s_container_image_not_pinned_by_digest_test

import rego.v1

import data.converge.rules.kubernetes.k8s_container_image_not_pinned_by_digest as rule

cronjob(image) := {"kind": "CronJob", "spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "a", "image": image}]}}}}}}

test_tag_is_reported if {
	some f in rule.findings with input as cronjob("example/app:1.0")
	f.route == ["spec", "jobTemplate", "spec", "template", "spec", "containers", 0, "image"]
}

test_digest_is_clean if {
	count(rule.findings) == 0 with input as cronjob("example/app:1.0@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31")
}
