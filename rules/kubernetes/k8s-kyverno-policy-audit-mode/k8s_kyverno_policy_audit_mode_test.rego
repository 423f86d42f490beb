package converge.rules.kubernetes.k8s_kyverno_policy_audit_mode_test

import rego.v1

import data.converge.rules.kubernetes.k8s_kyverno_policy_audit_mode as rule

policy(spec) := {"apiVersion": "kyverno.io/v1", "kind": "ClusterPolicy", "metadata": {"name": "p"}, "spec": spec}

validate_rule := {"name": "r", "validate": {"message": "m", "pattern": {}}}

test_audit_is_reported if {
	some f in rule.findings with input as policy({"validationFailureAction": "Audit", "rules": [validate_rule]})
	f.route == ["spec", "validationFailureAction"]
}

test_missing_action_defaults_to_audit if {
	count(rule.findings) == 1 with input as policy({"rules": [validate_rule, validate_rule]})
}

test_rule_level_audit_is_reported if {
	r := {"name": "r", "validate": {"failureAction": "Audit", "pattern": {}}}
	some f in rule.findings with input as policy({"validationFailureAction": "Enforce", "rules": [validate_rule, r]})
	f.route == ["spec", "rules", 1, "validate", "failureAction"]
}

test_enforce_is_clean if {
	count(rule.findings) == 0 with input as policy({"validationFailureAction": "enforce", "rules": [validate_rule]})
}

test_mutate_only_policies_are_clean if {
	count(rule.findings) == 0 with input as policy({"rules": [{"name": "m", "mutate": {}}]})
}
