package converge.rules.terraform.azure_aks_network_policy_missing_test

import rego.v1

import data.converge.rules.terraform.azure_aks_network_policy_missing as rule

test_missing_policy_is_reported_with_the_plugin_case if {
	doc := {"resource": {"azurerm_kubernetes_cluster": {
		"none": {},
		"azure": {"network_profile": [{"network_plugin": "azure"}]},
		"kubenet": {"network_profile": [{"network_plugin": "kubenet", "network_policy": ""}]},
		"cilium": {"network_profile": [{"network_plugin": "azure", "network_data_plane": "cilium"}]},
		"byo": {"network_profile": [{"network_plugin": "none"}]},
	}}}
	fs := rule.findings with input as doc
	{[f.route[2], f.case] | some f in fs} == {
		["none", "no_profile"],
		["azure", "calico"],
		["kubenet", "calico"],
		["cilium", "cilium"],
		["byo", "other_plugin"],
	}
}

test_configured_policy_is_clean if {
	doc := {"resource": {"azurerm_kubernetes_cluster": {
		"a": {"network_profile": [{"network_plugin": "azure", "network_policy": "azure"}]},
		"b": {"network_profile": [{"network_plugin": "azure", "network_policy": "${var.policy}"}]},
	}}}
	count(rule.findings) == 0 with input as doc
}
