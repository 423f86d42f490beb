package converge.rules.terraform.azure_aks_os_disk_not_ephemeral_test

import rego.v1

import data.converge.rules.terraform.azure_aks_os_disk_not_ephemeral as rule

test_managed_and_missing_are_reported if {
	doc := {"resource": {"azurerm_kubernetes_cluster": {
		"a": {"default_node_pool": [{"name": "default"}]},
		"b": {"default_node_pool": [{"os_disk_type": "Managed"}]},
	}}}
	fs := rule.findings with input as doc
	{f.route | some f in fs} == {
		["resource", "azurerm_kubernetes_cluster", "a", "default_node_pool", 0, "os_disk_type"],
		["resource", "azurerm_kubernetes_cluster", "b", "default_node_pool", 0, "os_disk_type"],
	}
}

test_ephemeral_variables_and_missing_pools_are_clean if {
	doc := {"resource": {"azurerm_kubernetes_cluster": {
		"a": {"default_node_pool": [{"os_disk_type": "Ephemeral"}]},
		"b": {"default_node_pool": [{"os_disk_type": "${var.os_disk_type}"}]},
		"c": {"dynamic": {"default_node_pool": [{"for_each": "${var.pools}"}]}},
		"d": {},
	}}}
	count(rule.findings) == 0 with input as doc
}
