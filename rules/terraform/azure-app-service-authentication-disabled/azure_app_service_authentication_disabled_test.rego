package converge.rules.terraform.azure_app_service_authentication_disabled_test

import rego.v1

import data.converge.rules.terraform.azure_app_service_authentication_disabled as rule

test_apps_without_authentication_are_reported_at_the_setting if {
	doc := {"resource": {
		"azurerm_app_service": {"old": {"auth_settings": [{"enabled": false}]}},
		"azurerm_linux_web_app": {
			"none": {"site_config": [{}]},
			"v2": {"auth_settings_v2": [{"login": [{}]}]},
		},
		"azurerm_windows_web_app": {"v2_off": {"auth_settings_v2": [{"auth_enabled": false}]}},
	}}
	fs := rule.findings with input as doc
	{f.route | some f in fs} == {
		["resource", "azurerm_app_service", "old", "auth_settings", 0, "enabled"],
		["resource", "azurerm_linux_web_app", "none"],
		["resource", "azurerm_linux_web_app", "v2", "auth_settings_v2", 0, "auth_enabled"],
		["resource", "azurerm_windows_web_app", "v2_off", "auth_settings_v2", 0, "auth_enabled"],
	}
}

test_a_disabled_v1_block_decides_over_v2 if {
	doc := {"resource": {"azurerm_linux_web_app": {"w": {
		"auth_settings": [{"enabled": false}],
		"auth_settings_v2": [{"auth_enabled": true}],
	}}}}
	count(rule.findings) == 1 with input as doc
}

test_enabled_variables_and_dynamic_blocks_are_clean if {
	doc := {"resource": {
		"azurerm_app_service": {"a": {"auth_settings": [{"enabled": true}]}},
		"azurerm_linux_web_app": {
			"b": {"auth_settings_v2": [{"auth_enabled": true, "login": [{}]}]},
			"c": {"auth_settings": [{"enabled": "${var.auth}"}]},
			"d": {"dynamic": {"auth_settings_v2": [{"for_each": [1], "content": [{}]}]}},
		},
	}}
	count(rule.findings) == 0 with input as doc
}
