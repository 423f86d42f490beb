package converge.rules.terraform.azure_aks_host_encryption_disabled_test

import rego.v1

import data.converge.rules.terraform.azure_aks_host_encryption_disabled as rule

providers(major) := {"azurerm": {"constraint": "x", "locked": null, "major": major}}

test_default_and_separate_pools_are_reported if {
	doc := {"resource": {
		"azurerm_kubernetes_cluster": {
			"a": {"default_node_pool": [{"name": "default"}]},
			"b": {"default_node_pool": [{"enable_host_encryption": false}]},
		},
		"azurerm_kubernetes_cluster_node_pool": {
			"c": {"name": "user"},
			"d": {"host_encryption_enabled": false},
		},
	}}
	fs := rule.findings with input as doc
	{f.route | some f in fs} == {
		["resource", "azurerm_kubernetes_cluster", "a", "default_node_pool", 0, "host_encryption_enabled"],
		["resource", "azurerm_kubernetes_cluster", "b", "default_node_pool", 0, "enable_host_encryption"],
		["resource", "azurerm_kubernetes_cluster_node_pool", "c", "host_encryption_enabled"],
		["resource", "azurerm_kubernetes_cluster_node_pool", "d", "host_encryption_enabled"],
	}
}

test_missing_on_azurerm_3_uses_the_old_name if {
	doc := {
		"resource": {"azurerm_kubernetes_cluster_node_pool": {"a": {"name": "user"}}},
		"__converge": {"providers": providers(3)},
	}
	some f in rule.findings with input as doc
	f.route == ["resource", "azurerm_kubernetes_cluster_node_pool", "a", "enable_host_encryption"]
}

test_encrypted_and_variables_are_clean if {
	doc := {"resource": {
		"azurerm_kubernetes_cluster": {
			"a": {"default_node_pool": [{"enable_host_encryption": true}]},
			"b": {"default_node_pool": [{"host_encryption_enabled": "${var.encrypt}"}]},
			"c": {"dynamic": {"default_node_pool": [{"for_each": "${var.pools}"}]}},
		},
		"azurerm_kubernetes_cluster_node_pool": {
			"d": {"host_encryption_enabled": true},
			"e": {"count": 0},
		},
	}}
	count(rule.findings) == 0 with input as doc
}
