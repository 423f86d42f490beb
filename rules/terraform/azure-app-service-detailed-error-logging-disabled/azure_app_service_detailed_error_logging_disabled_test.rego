package converge.rules.terraform.azure_app_service_detailed_error_logging_disabled_test

import rego.v1

import data.converge.rules.terraform.azure_app_service_detailed_error_logging_disabled as rule

test_each_type_is_reported_under_its_attribute_name if {
	doc := {"resource": {
		"azurerm_app_service": {"old": {}},
		"azurerm_linux_web_app": {"linux": {"logs": [{"detailed_error_messages": false}]}},
		"azurerm_windows_web_app": {"windows": {"logs": [{"failed_request_tracing": true}]}},
	}}
	fs := rule.findings with input as doc
	{f.route | some f in fs} == {
		["resource", "azurerm_app_service", "old", "logs", 0, "detailed_error_messages_enabled"],
		["resource", "azurerm_linux_web_app", "linux", "logs", 0, "detailed_error_messages"],
		["resource", "azurerm_windows_web_app", "windows", "logs", 0, "detailed_error_messages"],
	}
}

test_the_other_types_attribute_name_does_not_count if {
	doc := {"resource": {"azurerm_linux_web_app": {"w": {"logs": [{"detailed_error_messages_enabled": true}]}}}}
	count(rule.findings) == 1 with input as doc
}

test_enabled_is_clean if {
	doc := {"resource": {
		"azurerm_app_service": {"a": {"logs": [{"detailed_error_messages_enabled": true}]}},
		"azurerm_windows_web_app": {"b": {"logs": [{"detailed_error_messages": "true"}]}},
	}}
	count(rule.findings) == 0 with input as doc
}

test_variables_and_dynamic_blocks_are_not_reported if {
	doc := {"resource": {"azurerm_linux_web_app": {
		"var": {"logs": [{"detailed_error_messages": "${var.detailed_errors}"}]},
		"dyn": {"dynamic": {"logs": [{"for_each": "${var.logs}", "content": [{}]}]}},
	}}}
	count(rule.findings) == 0 with input as doc
}
