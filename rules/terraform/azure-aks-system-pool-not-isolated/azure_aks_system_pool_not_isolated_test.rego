package converge.rules.terraform.azure_aks_system_pool_not_isolated_test

import rego.v1

import data.converge.rules.terraform.azure_aks_system_pool_not_isolated as rule

test_shared_system_pools_are_reported_with_the_user_pool_case if {
	clusters := {
		"a": {"default_node_pool": [{"name": "system"}]},
		"b": {"default_node_pool": [{"only_critical_addons_enabled": false}]},
	}
	pools := {"user": {"kubernetes_cluster_id": "${azurerm_kubernetes_cluster.a.id}"}}
	doc := {
		"resource": {"azurerm_kubernetes_cluster": clusters, "azurerm_kubernetes_cluster_node_pool": pools},
		"__converge": {"module": {"resource": {"azurerm_kubernetes_cluster": clusters, "azurerm_kubernetes_cluster_node_pool": pools}}},
	}
	fs := rule.findings with input as doc
	{[f.route, f.case] | some f in fs} == {
		[["resource", "azurerm_kubernetes_cluster", "a", "default_node_pool", 0, "only_critical_addons_enabled"], "user_pool"],
		[["resource", "azurerm_kubernetes_cluster", "b", "default_node_pool", 0, "only_critical_addons_enabled"], "no_user_pool"],
	}
}

test_isolated_pools_variables_and_missing_pools_are_clean if {
	doc := {"resource": {"azurerm_kubernetes_cluster": {
		"a": {"default_node_pool": [{"only_critical_addons_enabled": true}]},
		"b": {"default_node_pool": [{"only_critical_addons_enabled": "${var.critical_only}"}]},
		"c": {"only_critical_addons_enabled": true},
	}}}
	count(rule.findings) == 0 with input as doc
}
