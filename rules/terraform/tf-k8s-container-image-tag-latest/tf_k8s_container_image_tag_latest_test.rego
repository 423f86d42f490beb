package converge.rules.terraform.tf_k8s_container_image_tag_latest_test

import rego.v1

import data.converge.rules.terraform.tf_k8s_container_image_tag_latest as rule

pod(containers) := {"resource": {"kubernetes_pod": {"p": {"spec": [{"container": containers}]}}}}

test_latest_untagged_and_missing_images_are_reported if {
	fs := rule.findings with input as pod([{"name": "a", "image": "nginx:latest"}, {"name": "b", "image": "redis"}, {"name": "c"}, {"name": "d", "image": "nginx:1.25"}])
	{f.msg | some f in fs} == {
		`kubernetes_pod.p container "a" runs "nginx:latest", a moving tag`,
		`kubernetes_pod.p container "b" runs "redis", an untagged (latest) image`,
		`kubernetes_pod.p container "c" names no image`,
	}
	some f in fs
	f.route == ["resource", "kubernetes_pod", "p", "spec", 0, "container", 0, "image"]
}

test_tags_digests_and_expressions_are_clean if {
	count(rule.findings) == 0 with input as pod([{"name": "a", "image": "nginx:1.25"}])
	count(rule.findings) == 0 with input as pod([{"name": "a", "image": "nginx@sha256:abc"}])
	count(rule.findings) == 0 with input as pod([{"name": "a", "image": "registry:5000/app"}])
	count(rule.findings) == 0 with input as pod([{"name": "a", "image": "${var.image}"}])
}

test_a_pod_spec_without_containers_is_reported if {
	doc := {"resource": {"kubernetes_deployment": {"d": {"spec": [{"template": [{"spec": [{"host_pid": false}]}]}]}}}}
	some f in rule.findings with input as doc
	f.route == ["resource", "kubernetes_deployment", "d", "spec", 0, "template", 0, "spec", 0, "container"]
}
