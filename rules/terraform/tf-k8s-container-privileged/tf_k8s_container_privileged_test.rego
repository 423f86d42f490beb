package converge.rules.terraform.tf_k8s_container_privileged_test

import rego.v1

import data.converge.rules.terraform.tf_k8s_container_privileged as rule

deployment(sc) := {"resource": {"kubernetes_deployment": {"d": {"spec": [{"template": [{"spec": [{"container": [{"name": "a", "security_context": [sc]}]}]}]}]}}}}

test_privileged_is_reported if {
	some f in rule.findings with input as deployment({"privileged": true})
	f.route == ["resource", "kubernetes_deployment", "d", "spec", 0, "template", 0, "spec", 0, "container", 0, "security_context", 0, "privileged"]
	f.msg == `kubernetes_deployment.d container "a" runs privileged`
}

test_unprivileged_and_expressions_are_clean if {
	count(rule.findings) == 0 with input as deployment({"privileged": false})
	count(rule.findings) == 0 with input as deployment({})
	count(rule.findings) == 0 with input as deployment({"privileged": "${var.privileged}"})
}

test_init_containers_are_not_checked if {
	doc := {"resource": {"kubernetes_pod": {"p": {"spec": [{"init_container": [{"name": "i", "security_context": [{"privileged": true}]}]}]}}}}
	count(rule.findings) == 0 with input as doc
}
