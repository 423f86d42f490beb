package converge.rules.kubernetes.k8s_rbac_wildcard_permissions_test

import rego.v1

import data.converge.rules.kubernetes.k8s_rbac_wildcard_permissions as rule

role(rules) := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "r"}, "rules": rules}

test_wildcard_verbs_are_reported if {
	r := role([{"apiGroups": [""], "resources": ["pods"], "verbs": ["get"]}, {"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["*"]}])
	fs := rule.findings with input as r
	count(fs) == 1
	some f in fs
	f.route == ["rules", 1, "verbs"]
}

test_subresource_wildcards_are_reported if {
	r := role([{"apiGroups": [""], "resources": ["*/scale"], "verbs": ["get"]}])
	count(rule.findings) == 1 with input as r
}

test_explicit_rules_are_clean if {
	r := role([{"apiGroups": [""], "resources": ["configmaps"], "verbs": ["get", "list"]}])
	count(rule.findings) == 0 with input as r
}

test_bindings_are_ignored if {
	b := {"kind": "ClusterRoleBinding", "rules": [{"verbs": ["*"]}]}
	count(rule.findings) == 0 with input as b
}
