package converge.rules.terraform.azure_app_service_managed_identity_missing_test

import rego.v1

import data.converge.rules.terraform.azure_app_service_managed_identity_missing as rule

test_apps_without_identity_are_reported if {
	doc := {"resource": {
		"azurerm_app_service": {"old": {}},
		"azurerm_linux_web_app": {"linux": {"site_config": [{}]}},
		"azurerm_windows_web_app": {"windows": {"site_config": [{}]}},
	}}
	fs := rule.findings with input as doc
	{f.route | some f in fs} == {
		["resource", "azurerm_app_service", "old", "identity"],
		["resource", "azurerm_linux_web_app", "linux", "identity"],
		["resource", "azurerm_windows_web_app", "windows", "identity"],
	}
}

test_any_identity_type_variables_and_dynamic_blocks_are_clean if {
	doc := {"resource": {"azurerm_linux_web_app": {
		"system": {"identity": [{"type": "SystemAssigned"}]},
		"user": {"identity": [{"type": "UserAssigned", "identity_ids": ["${azurerm_user_assigned_identity.app.id}"]}]},
		"var": {"identity": [{"type": "${var.identity_type}"}]},
		"dyn": {"dynamic": {"identity": [{"for_each": "${var.identities}", "content": [{"type": "UserAssigned"}]}]}},
	}}}
	count(rule.findings) == 0 with input as doc
}
