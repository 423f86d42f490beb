package converge.rules.kubernetes.k8s_gatekeeper_constraint_dryrun_test

import rego.v1

import data.converge.rules.kubernetes.k8s_gatekeeper_constraint_dryrun as rule

constraint(spec) := {"apiVersion": "constraints.gatekeeper.sh/v1beta1", "kind": "K8sRequiredLabels", "metadata": {"name": "c"}, "spec": spec}

test_dryrun_is_reported if {
	some f in rule.findings with input as constraint({"enforcementAction": "dryrun"})
	f.route == ["spec", "enforcementAction"]
}

test_warn_is_reported if {
	count(rule.findings) == 1 with input as constraint({"enforcementAction": "warn"})
}

test_deny_or_default_is_clean if {
	count(rule.findings) == 0 with input as constraint({"enforcementAction": "deny"})
	count(rule.findings) == 0 with input as constraint({"match": {}})
}

test_other_api_groups_are_ignored if {
	other := object.union(constraint({"enforcementAction": "dryrun"}), {"apiVersion": "example.com/v1"})
	count(rule.findings) == 0 with input as other
}
