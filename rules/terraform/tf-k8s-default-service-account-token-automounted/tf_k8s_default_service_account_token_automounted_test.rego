package converge.rules.terraform.tf_k8s_default_service_account_token_automounted_test

import rego.v1

import data.converge.rules.terraform.tf_k8s_default_service_account_token_automounted as rule

sa(kind, name, extra) := {"resource": {kind: {"sa": object.union({"metadata": [{"name": name, "namespace": "shop"}]}, extra)}}}

test_default_account_with_token_is_reported if {
	some f in rule.findings with input as sa("kubernetes_service_account", "default", {})
	f.route == ["resource", "kubernetes_service_account", "sa", "automount_service_account_token"]
	f.msg == "kubernetes_service_account.sa is the default service account and mounts its token into pods (automount_service_account_token defaults to true)"
	count(rule.findings) == 1 with input as sa("kubernetes_service_account_v1", "default", {"automount_service_account_token": true})
}

test_false_other_names_and_expressions_are_clean if {
	count(rule.findings) == 0 with input as sa("kubernetes_service_account", "default", {"automount_service_account_token": false})
	count(rule.findings) == 0 with input as sa("kubernetes_service_account", "default", {"automount_service_account_token": "false"})
	count(rule.findings) == 0 with input as sa("kubernetes_service_account", "api", {})
	count(rule.findings) == 0 with input as sa("kubernetes_service_account", "default", {"automount_service_account_token": "${var.mount}"})
}
