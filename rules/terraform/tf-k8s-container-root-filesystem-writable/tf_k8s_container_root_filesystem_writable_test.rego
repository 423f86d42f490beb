package converge.rules.terraform.tf_k8s_container_root_filesystem_writable_test

import rego.v1

import data.converge.rules.terraform.tf_k8s_container_root_filesystem_writable as rule

pod(container) := {"resource": {"kubernetes_pod": {"p": {"spec": [{"container": [container]}]}}}}

test_missing_and_false_are_reported if {
	some f in rule.findings with input as pod({"name": "a", "security_context": [{}]})
	f.route == ["resource", "kubernetes_pod", "p", "spec", 0, "container", 0, "security_context", 0, "read_only_root_filesystem"]
	f.msg == `kubernetes_pod.p container "a" has a writable root filesystem (read_only_root_filesystem is not set)`
	some g in rule.findings with input as pod({"name": "a", "security_context": [{"read_only_root_filesystem": false}]})
	g.msg == `kubernetes_pod.p container "a" has a writable root filesystem (read_only_root_filesystem = false)`
}

test_true_is_clean if {
	count(rule.findings) == 0 with input as pod({"name": "a", "security_context": [{"read_only_root_filesystem": true}]})
	count(rule.findings) == 0 with input as pod({"name": "a", "security_context": [{"read_only_root_filesystem": "true"}]})
}

test_containers_without_security_context_are_left_to_another_rule if {
	count(rule.findings) == 0 with input as pod({"name": "a"})
}

test_expressions_and_dynamic_blocks_are_not_reported if {
	count(rule.findings) == 0 with input as pod({"name": "a", "security_context": [{"read_only_root_filesystem": "${var.ro}"}]})
	count(rule.findings) == 0 with input as pod({"name": "a", "dynamic": {"security_context": [{"content": [{}]}]}})
}

test_only_pods_and_deployments_are_checked if {
	doc := {"resource": {"kubernetes_job": {"j": {"spec": [{"template": [{"spec": [{"container": [{"name": "a", "security_context": [{}]}]}]}]}]}}}}
	count(rule.findings) == 0 with input as doc
}
