package converge.rules.terraform.azure_aks_disk_encryption_set_missing_test

import rego.v1

import data.converge.rules.terraform.azure_aks_disk_encryption_set_missing as rule

test_missing_and_empty_sets_are_reported if {
	doc := {"resource": {"azurerm_kubernetes_cluster": {"a": {}, "b": {"disk_encryption_set_id": ""}}}}
	fs := rule.findings with input as doc
	{f.route | some f in fs} == {
		["resource", "azurerm_kubernetes_cluster", "a", "disk_encryption_set_id"],
		["resource", "azurerm_kubernetes_cluster", "b", "disk_encryption_set_id"],
	}
}

test_sets_are_clean if {
	doc := {"resource": {"azurerm_kubernetes_cluster": {
		"a": {"disk_encryption_set_id": "${azurerm_disk_encryption_set.aks.id}"},
		"b": {"count": 0},
	}}}
	count(rule.findings) == 0 with input as doc
}
