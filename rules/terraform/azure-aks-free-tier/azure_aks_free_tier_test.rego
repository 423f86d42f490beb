package converge.rules.terraform.azure_aks_free_tier_test

import rego.v1

import data.converge.rules.terraform.azure_aks_free_tier as rule

test_free_missing_and_paid_are_reported if {
	doc := {"resource": {"azurerm_kubernetes_cluster": {
		"a": {},
		"b": {"sku_tier": "Free"},
		"c": {"sku_tier": "Paid"},
	}}}
	fs := rule.findings with input as doc
	{[f.route, f.case] | some f in fs} == {
		[["resource", "azurerm_kubernetes_cluster", "a", "sku_tier"], "free"],
		[["resource", "azurerm_kubernetes_cluster", "b", "sku_tier"], "free"],
		[["resource", "azurerm_kubernetes_cluster", "c", "sku_tier"], "paid"],
	}
}

test_sla_tiers_variables_and_disabled_resources_are_clean if {
	doc := {"resource": {"azurerm_kubernetes_cluster": {
		"a": {"sku_tier": "Standard"},
		"b": {"sku_tier": "Premium"},
		"c": {"sku_tier": "${var.sku_tier}"},
		"d": {"count": 0},
	}}}
	count(rule.findings) == 0 with input as doc
}
