package converge.rules.terraform.azure_aks_rbac_disabled_test

import rego.v1

import data.converge.rules.terraform.azure_aks_rbac_disabled as rule

test_both_forms_are_reported if {
	doc := {"resource": {"azurerm_kubernetes_cluster": {
		"old": {"role_based_access_control": [{"enabled": false}]},
		"new": {"role_based_access_control_enabled": false},
	}}}
	fs := rule.findings with input as doc
	{f.route | some f in fs} == {
		["resource", "azurerm_kubernetes_cluster", "old", "role_based_access_control", 0, "enabled"],
		["resource", "azurerm_kubernetes_cluster", "new", "role_based_access_control_enabled"],
	}
}

test_defaults_and_enabled_are_clean if {
	doc := {"resource": {"azurerm_kubernetes_cluster": {
		"a": {},
		"b": {"role_based_access_control_enabled": true},
		"c": {"role_based_access_control": [{"enabled": true}]},
	}}}
	count(rule.findings) == 0 with input as doc
}
