package converge.rules.terraform.azure_app_service_health_check_missing_test

import rego.v1

import data.converge.rules.terraform.azure_app_service_health_check_missing as rule

test_apps_without_a_path_are_reported if {
	doc := {"resource": {
		"azurerm_app_service": {"old": {}},
		"azurerm_linux_web_app": {"linux": {"site_config": [{}]}},
		"azurerm_windows_web_app": {"windows": {"site_config": [{"health_check_path": ""}]}},
	}}
	fs := rule.findings with input as doc
	{f.route | some f in fs} == {
		["resource", "azurerm_app_service", "old", "site_config", 0, "health_check_path"],
		["resource", "azurerm_linux_web_app", "linux", "site_config", 0, "health_check_path"],
		["resource", "azurerm_windows_web_app", "windows", "site_config", 0, "health_check_path"],
	}
}

test_paths_variables_and_dynamic_blocks_are_clean if {
	doc := {"resource": {"azurerm_linux_web_app": {
		"path": {"site_config": [{"health_check_path": "/healthz", "health_check_eviction_time_in_min": 5}]},
		"var": {"site_config": [{"health_check_path": "${var.health_path}"}]},
		"dyn": {"dynamic": {"site_config": [{"for_each": [1], "content": [{}]}]}},
	}}}
	count(rule.findings) == 0 with input as doc
}
