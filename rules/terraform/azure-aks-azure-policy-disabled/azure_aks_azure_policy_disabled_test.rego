package converge.rules.terraform.azure_aks_azure_policy_disabled_test

import rego.v1

import data.converge.rules.terraform.azure_aks_azure_policy_disabled as rule

test_disabled_and_missing_are_reported if {
	doc := {"resource": {"azurerm_kubernetes_cluster": {
		"a": {},
		"b": {"azure_policy_enabled": false},
		"c": {"addon_profile": [{"azure_policy": [{"enabled": false}]}]},
	}}}
	fs := rule.findings with input as doc
	{[f.route, f.case] | some f in fs} == {
		[["resource", "azurerm_kubernetes_cluster", "a", "azure_policy_enabled"], "missing"],
		[["resource", "azurerm_kubernetes_cluster", "b", "azure_policy_enabled"], "attribute"],
		[["resource", "azurerm_kubernetes_cluster", "c", "addon_profile", 0, "azure_policy", 0, "enabled"], "addon_profile"],
	}
}

test_missing_on_azurerm_2_points_at_the_addon_profile if {
	doc := {
		"resource": {"azurerm_kubernetes_cluster": {"a": {}}},
		"__converge": {"providers": {"azurerm": {"constraint": "~> 2.0", "locked": null, "major": 2}}},
	}
	some f in rule.findings with input as doc
	f.route == ["resource", "azurerm_kubernetes_cluster", "a", "addon_profile", 0, "azure_policy", 0, "enabled"]
}

test_enabled_is_clean if {
	doc := {"resource": {"azurerm_kubernetes_cluster": {
		"a": {"azure_policy_enabled": true},
		"b": {"addon_profile": [{"azure_policy": [{"enabled": true}]}]},
	}}}
	count(rule.findings) == 0 with input as doc
}
