package converge.rules.terraform.azure_aks_logging_disabled_test

import rego.v1

import data.converge.rules.terraform.azure_aks_logging_disabled as rule

test_missing_and_disabled_agents_are_reported if {
	doc := {"resource": {"azurerm_kubernetes_cluster": {
		"a": {},
		"b": {"addon_profile": [{"oms_agent": [{"enabled": false}]}]},
		"c": {"addon_profile": [{"kube_dashboard": [{"enabled": false}]}]},
	}}}
	fs := rule.findings with input as doc
	{f.route | some f in fs} == {
		["resource", "azurerm_kubernetes_cluster", "a", "oms_agent", 0, "log_analytics_workspace_id"],
		["resource", "azurerm_kubernetes_cluster", "b", "addon_profile", 0, "oms_agent", 0, "enabled"],
		["resource", "azurerm_kubernetes_cluster", "c", "oms_agent", 0, "log_analytics_workspace_id"],
	}
}

test_agents_variables_and_dynamic_blocks_are_clean if {
	doc := {"resource": {"azurerm_kubernetes_cluster": {
		"a": {"oms_agent": [{"log_analytics_workspace_id": "${azurerm_log_analytics_workspace.main.id}"}]},
		"b": {"addon_profile": [{"oms_agent": [{"enabled": true, "log_analytics_workspace_id": "${var.ws}"}]}]},
		"c": {"addon_profile": [{"oms_agent": [{"enabled": "${var.monitoring}"}]}]},
		"d": {"dynamic": {"oms_agent": [{"for_each": "${var.ws}"}]}},
	}}}
	count(rule.findings) == 0 with input as doc
}
