package converge.rules.terraform.azure_aks_max_pods_low_test

import rego.v1

import data.converge.rules.terraform.azure_aks_max_pods_low as rule

cluster(profile) := {"default_node_pool": [{"name": "system"}], "network_profile": [profile]}

test_low_values_are_reported if {
	doc := {"resource": {
		"azurerm_kubernetes_cluster": {"a": {"default_node_pool": [{"max_pods": 30}]}},
		"azurerm_kubernetes_cluster_node_pool": {"b": {"max_pods": "20"}},
	}}
	fs := rule.findings with input as doc
	{[f.route, f.case] | some f in fs} == {
		[["resource", "azurerm_kubernetes_cluster", "a", "default_node_pool", 0, "max_pods"], "raise"],
		[["resource", "azurerm_kubernetes_cluster_node_pool", "b", "max_pods"], "raise"],
	}
}

test_missing_values_get_the_network_plugin_case if {
	clusters := {
		"kubenet": cluster({"network_plugin": "kubenet"}),
		"overlay": cluster({"network_plugin": "azure", "network_plugin_mode": "overlay"}),
		"cni": cluster({"network_plugin": "azure"}),
		"podsubnet": {"default_node_pool": [{"pod_subnet_id": "${azurerm_subnet.pods.id}"}], "network_profile": [{"network_plugin": "azure"}]},
		"noprofile": {"default_node_pool": [{"name": "system"}]},
		"variable": cluster({"network_plugin": "${var.plugin}"}),
	}
	pools := {
		"user": {"kubernetes_cluster_id": "${azurerm_kubernetes_cluster.overlay.id}"},
		"elsewhere": {"kubernetes_cluster_id": "${var.cluster_id}"},
	}
	doc := {
		"resource": {"azurerm_kubernetes_cluster": clusters, "azurerm_kubernetes_cluster_node_pool": pools},
		"__converge": {"module": {"resource": {"azurerm_kubernetes_cluster": clusters, "azurerm_kubernetes_cluster_node_pool": pools}}},
	}
	fs := rule.findings with input as doc
	{[f.route[1], f.route[2], f.case] | some f in fs} == {
		["azurerm_kubernetes_cluster", "kubenet", "kubenet"],
		["azurerm_kubernetes_cluster", "overlay", "overlay"],
		["azurerm_kubernetes_cluster", "cni", "raise"],
		["azurerm_kubernetes_cluster", "podsubnet", "unknown_plugin"],
		["azurerm_kubernetes_cluster", "noprofile", "unknown_plugin"],
		["azurerm_kubernetes_cluster", "variable", "unknown_plugin"],
		["azurerm_kubernetes_cluster_node_pool", "user", "overlay"],
		["azurerm_kubernetes_cluster_node_pool", "elsewhere", "unknown_plugin"],
	}
}

test_enough_pods_and_variables_are_clean if {
	doc := {"resource": {
		"azurerm_kubernetes_cluster": {
			"a": {"default_node_pool": [{"max_pods": 50}]},
			"b": {"default_node_pool": [{"max_pods": "${var.max_pods}"}]},
			"c": {"dynamic": {"default_node_pool": [{"for_each": "${var.pools}"}]}},
		},
		"azurerm_kubernetes_cluster_node_pool": {
			"d": {"max_pods": 110},
			"e": {"count": 0},
		},
	}}
	count(rule.findings) == 0 with input as doc
}
