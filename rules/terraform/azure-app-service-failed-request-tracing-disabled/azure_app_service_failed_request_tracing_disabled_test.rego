package converge.rules.terraform.azure_app_service_failed_request_tracing_disabled_test

import rego.v1

import data.converge.rules.terraform.azure_app_service_failed_request_tracing_disabled as rule

test_each_type_is_reported_under_its_attribute_name if {
	doc := {"resource": {
		"azurerm_app_service": {"old": {"logs": [{"failed_request_tracing_enabled": false}]}},
		"azurerm_linux_web_app": {"linux": {"site_config": [{}]}},
		"azurerm_windows_web_app": {"windows": {"logs": [{"detailed_error_messages": true}]}},
	}}
	fs := rule.findings with input as doc
	{f.route | some f in fs} == {
		["resource", "azurerm_app_service", "old", "logs", 0, "failed_request_tracing_enabled"],
		["resource", "azurerm_linux_web_app", "linux", "logs", 0, "failed_request_tracing"],
		["resource", "azurerm_windows_web_app", "windows", "logs", 0, "failed_request_tracing"],
	}
}

test_message_names_the_value if {
	doc := {"resource": {"azurerm_app_service": {"a": {"logs": [{"failed_request_tracing_enabled": false}]}}}}
	some f in rule.findings with input as doc
	f.msg == "azurerm_app_service.a does not trace failed requests: logs.failed_request_tracing_enabled = false"
}

test_enabled_is_clean if {
	doc := {"resource": {
		"azurerm_app_service": {"a": {"logs": [{"failed_request_tracing_enabled": true}]}},
		"azurerm_linux_web_app": {"b": {"logs": [{"failed_request_tracing": true}]}},
	}}
	count(rule.findings) == 0 with input as doc
}

test_variables_and_dynamic_blocks_are_not_reported if {
	doc := {"resource": {"azurerm_windows_web_app": {
		"var": {"logs": [{"failed_request_tracing": "${local.tracing}"}]},
		"dyn": {"dynamic": {"logs": [{"for_each": [1], "content": [{"failed_request_tracing": true}]}]}},
	}}}
	count(rule.findings) == 0 with input as doc
}
