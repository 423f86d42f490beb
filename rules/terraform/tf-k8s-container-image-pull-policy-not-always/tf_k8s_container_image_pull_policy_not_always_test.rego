package converge.rules.terraform.tf_k8s_container_image_pull_policy_not_always_test

import rego.v1

import data.converge.rules.terraform.tf_k8s_container_image_pull_policy_not_always as rule

pod(containers) := {"resource": {"kubernetes_pod_v1": {"p": {"spec": [{"container": containers}]}}}}

test_tagged_image_without_policy_is_reported if {
	fs := rule.findings with input as pod([{"name": "a", "image": "nginx:1.25"}])
	count(fs) == 1
	some f in fs
	f.route == ["resource", "kubernetes_pod_v1", "p", "spec", 0, "container", 0, "image_pull_policy"]
	f.msg == `kubernetes_pod_v1.p container "a" pulls its image with no image_pull_policy (IfNotPresent for a tagged image), not Always`
}

test_other_policies_are_reported if {
	some f in rule.findings with input as pod([{"name": "a", "image": "nginx:latest", "image_pull_policy": "IfNotPresent"}])
	f.msg == `kubernetes_pod_v1.p container "a" pulls its image with image_pull_policy = "IfNotPresent", not Always`
}

test_always_latest_and_digests_are_clean if {
	count(rule.findings) == 0 with input as pod([{"name": "a", "image": "nginx:1.25", "image_pull_policy": "Always"}])
	count(rule.findings) == 0 with input as pod([{"name": "a", "image": "nginx:latest"}])
	count(rule.findings) == 0 with input as pod([{"name": "a", "image": "nginx@sha256:0123"}])
}

test_only_the_first_container_counts if {
	count(rule.findings) == 0 with input as pod([{"name": "a", "image": "nginx:1", "image_pull_policy": "Always"}, {"name": "b", "image": "redis:7"}])
	count(rule.findings) == 1 with input as pod([{"name": "a", "image": "nginx:1"}, {"name": "b", "image": "redis:7"}])
}

test_expression_policy_is_not_reported if {
	count(rule.findings) == 0 with input as pod([{"name": "a", "image": "nginx:1", "image_pull_policy": "${var.policy}"}])
}

test_deployment_template_is_read if {
	doc := {"resource": {"kubernetes_deployment": {"d": {"spec": [{"template": [{"spec": [{"container": [{"name": "a", "image": "${var.image}"}]}]}]}]}}}}
	some f in rule.findings with input as doc
	f.route == ["resource", "kubernetes_deployment", "d", "spec", 0, "template", 0, "spec", 0, "container", 0, "image_pull_policy"]
}

test_missing_and_empty_spec_are_reported if {
	doc := {"resource": {"kubernetes_pod": {"a": {"metadata": [{"name": "a"}]}, "b": {"spec": [{}]}, "c": {"spec": [{"host_pid": false}]}}}}
	fs := rule.findings with input as doc
	{[f.route[2], f.case] | some f in fs} == {["a", "no_container"], ["b", "no_container"]}
}
