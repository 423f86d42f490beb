# METADATA
# title: Kyverno policy only audits (validationFailureAction Audit)
# description: |
#   A Kyverno validation rule in `Audit` mode admits every request that violates it and only
#   writes a policy report. `Audit` is also what a policy gets when it sets no
#   `validationFailureAction`. Rules that set their own `validate.failureAction` (Kyverno
#   1.13 and later) are checked on their own.
# related_resources:
#   - https://kyverno.io/docs/writing-policies/validate/#failure-action
# custom:
#   id: k8s-kyverno-policy-audit-mode
#   target: kubernetes
#   severity: medium
#   checkov: []
package converge.rules.kubernetes.k8s_kyverno_policy_audit_mode

import rego.v1

import data.converge.lib.k8s

kyverno_policy if {
	startswith(object.get(input, "apiVersion", ""), "kyverno.io/")
	input.kind in {"ClusterPolicy", "Policy"}
}

audit(action) if {
	is_string(action)
	lower(action) == "audit"
}

policy_action := object.get(input, ["spec", "validationFailureAction"], "Audit")

policy_action_text := sprintf("validationFailureAction: %v", [action]) if {
	action := input.spec.validationFailureAction
}

else := "no validationFailureAction, so Audit"

# Validation rules that follow the policy-wide action.
follows_policy_action(rule) if {
	is_object(rule.validate)
	object.get(rule.validate, "failureAction", null) == null
}

follows_policy_action(rule) if is_array(rule.verifyImages)

findings contains f if {
	kyverno_policy
	audit(policy_action)
	some rule in object.get(input, ["spec", "rules"], [])
	is_object(rule)
	follows_policy_action(rule)
	f := {
		"msg": sprintf("%s %q only audits violations (%s)", [input.kind, k8s.object_name, policy_action_text]),
		"route": ["spec", "validationFailureAction"],
	}
}

findings contains f if {
	kyverno_policy
	some i, rule in object.get(input, ["spec", "rules"], [])
	is_object(rule)
	action := object.get(rule, ["validate", "failureAction"], "")
	is_string(action)
	audit(action)
	f := {
		"msg": sprintf("rule %q of %s %q only audits violations (failureAction: %s)", [object.get(rule, "name", ""), input.kind, k8s.object_name, action]),
		"route": ["spec", "rules", i, "validate", "failureAction"],
	}
}
