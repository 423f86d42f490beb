package converge.rules.kubernetes.k8s_webhook_failure_policy_ignore_test

import rego.v1

import data.converge.rules.kubernetes.k8s_webhook_failure_policy_ignore as rule

test_ignore_is_reported if {
	cfg := {"kind": "MutatingWebhookConfiguration", "webhooks": [{"name": "a", "failurePolicy": "Fail"}, {"name": "b", "failurePolicy": "Ignore"}]}
	fs := rule.findings with input as cfg
	count(fs) == 1
	some f in fs
	f.route == ["webhooks", 1, "failurePolicy"]
}

test_other_kinds_are_ignored if {
	count(rule.findings) == 0 with input as {"kind": "ConfigMap", "webhooks": [{"failurePolicy": "Ignore"}]}
}
