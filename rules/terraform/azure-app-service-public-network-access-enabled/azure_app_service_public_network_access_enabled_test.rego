package converge.rules.terraform.azure_app_service_public_network_access_enabled_test

import rego.v1

import data.converge.rules.terraform.azure_app_service_public_network_access_enabled as rule

test_missing_and_true_are_reported if {
	doc := {"resource": {
		"azurerm_linux_web_app": {"linux": {}},
		"azurerm_windows_web_app": {"windows": {"public_network_access_enabled": true}},
	}}
	fs := rule.findings with input as doc
	{f.route | some f in fs} == {
		["resource", "azurerm_linux_web_app", "linux", "public_network_access_enabled"],
		["resource", "azurerm_windows_web_app", "windows", "public_network_access_enabled"],
	}
}

test_message_names_the_value if {
	doc := {"resource": {"azurerm_windows_web_app": {"w": {"public_network_access_enabled": true}}}}
	some f in rule.findings with input as doc
	f.msg == "azurerm_windows_web_app.w allows public network access: public_network_access_enabled = true"
}

test_disabled_and_variables_are_clean if {
	doc := {"resource": {"azurerm_linux_web_app": {
		"a": {"public_network_access_enabled": false},
		"b": {"public_network_access_enabled": "false"},
		"c": {"public_network_access_enabled": "${var.public}"},
	}}}
	count(rule.findings) == 0 with input as doc
}

test_azurerm_app_service_is_not_judged if {
	doc := {"resource": {"azurerm_app_service": {"old": {}}}}
	count(rule.findings) == 0 with input as doc
}
