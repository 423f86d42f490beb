package converge.rules.terraform.azure_app_service_http_logs_disabled_test

import rego.v1

import data.converge.rules.terraform.azure_app_service_http_logs_disabled as rule

test_apps_without_http_logs_are_reported if {
	doc := {"resource": {
		"azurerm_app_service": {"old": {}},
		"azurerm_linux_web_app": {"linux": {"logs": [{"detailed_error_messages": true}]}},
		"azurerm_windows_web_app": {"windows": {"logs": [{}]}},
	}}
	fs := rule.findings with input as doc
	{f.route | some f in fs} == {
		["resource", "azurerm_app_service", "old", "logs", 0, "http_logs"],
		["resource", "azurerm_linux_web_app", "linux", "logs", 0, "http_logs"],
		["resource", "azurerm_windows_web_app", "windows", "logs", 0, "http_logs"],
	}
}

test_any_destination_and_dynamic_blocks_are_clean if {
	doc := {"resource": {"azurerm_linux_web_app": {
		"fs": {"logs": [{"http_logs": [{"file_system": [{"retention_in_days": 7, "retention_in_mb": 35}]}]}]},
		"blob": {"logs": [{"http_logs": [{"azure_blob_storage": [{"sas_url": "${var.sas_url}"}]}]}]},
		"dyn_logs": {"dynamic": {"logs": [{"for_each": [1], "content": [{}]}]}},
		"dyn_http": {"logs": [{"dynamic": {"http_logs": [{"for_each": "${var.http_logs}", "content": [{}]}]}}]},
	}}}
	count(rule.findings) == 0 with input as doc
}
