package converge.rules.terraform.azure_app_service_http_allowed_test

import rego.v1

import data.converge.rules.terraform.azure_app_service_http_allowed as rule

test_missing_and_false_are_reported if {
	doc := {"resource": {
		"azurerm_app_service": {"old": {}},
		"azurerm_linux_web_app": {"linux": {"https_only": false}},
		"azurerm_windows_web_app": {"windows": {"https_only": "false"}},
	}}
	fs := rule.findings with input as doc
	{f.route | some f in fs} == {
		["resource", "azurerm_app_service", "old", "https_only"],
		["resource", "azurerm_linux_web_app", "linux", "https_only"],
		["resource", "azurerm_windows_web_app", "windows", "https_only"],
	}
}

test_message_names_the_value if {
	doc := {"resource": {"azurerm_linux_web_app": {"w": {}}}}
	some f in rule.findings with input as doc
	f.msg == "azurerm_linux_web_app.w accepts plain HTTP: https_only is not set"
}

test_https_only_and_variables_are_clean if {
	doc := {"resource": {
		"azurerm_app_service": {"a": {"https_only": true}},
		"azurerm_linux_web_app": {"b": {"https_only": "${var.https_only}"}},
		"azurerm_windows_web_app": {"c": {"https_only": "true"}},
	}}
	count(rule.findings) == 0 with input as doc
}

test_other_types_are_ignored if {
	doc := {"resource": {"azurerm_linux_web_app_slot": {"s": {}}, "azurerm_function_app": {"f": {}}}}
	count(rule.findings) == 0 with input as doc
}
