package converge.rules.terraform.azure_app_service_http2_disabled_test

import rego.v1

import data.converge.rules.terraform.azure_app_service_http2_disabled as rule

test_missing_and_false_are_reported_on_every_type if {
	doc := {"resource": {
		"azurerm_app_service": {"old": {}},
		"azurerm_linux_web_app": {"linux": {"site_config": [{}]}},
		"azurerm_windows_web_app": {"windows": {"site_config": [{"http2_enabled": false}]}},
	}}
	fs := rule.findings with input as doc
	{f.route | some f in fs} == {
		["resource", "azurerm_app_service", "old", "site_config", 0, "http2_enabled"],
		["resource", "azurerm_linux_web_app", "linux", "site_config", 0, "http2_enabled"],
		["resource", "azurerm_windows_web_app", "windows", "site_config", 0, "http2_enabled"],
	}
}

test_message_names_the_value if {
	doc := {"resource": {"azurerm_windows_web_app": {"w": {"site_config": [{"http2_enabled": false}]}}}}
	some f in rule.findings with input as doc
	f.msg == "azurerm_windows_web_app.w does not enable HTTP/2: site_config.http2_enabled = false"
}

test_enabled_is_clean if {
	doc := {"resource": {
		"azurerm_app_service": {"a": {"site_config": [{"http2_enabled": true}]}},
		"azurerm_linux_web_app": {"b": {"site_config": [{"http2_enabled": "true"}]}},
	}}
	count(rule.findings) == 0 with input as doc
}

test_variables_and_dynamic_blocks_are_not_reported if {
	doc := {"resource": {"azurerm_linux_web_app": {
		"var": {"site_config": [{"http2_enabled": "${var.http2}"}]},
		"dyn": {"dynamic": {"site_config": [{"for_each": [1], "content": [{"always_on": true}]}]}},
	}}}
	count(rule.findings) == 0 with input as doc
}

test_disabled_resources_and_other_types_are_ignored if {
	doc := {"resource": {
		"azurerm_linux_web_app": {"off": {"count": 0, "site_config": [{}]}},
		"azurerm_linux_function_app": {"f": {"site_config": [{}]}},
	}}
	count(rule.findings) == 0 with input as doc
}

test_apps_that_request_client_certificates_get_their_own_case if {
	doc := {"resource": {
		"azurerm_app_service": {"old": {"client_cert_enabled": true}},
		"azurerm_linux_web_app": {
			"mtls": {"client_certificate_enabled": "${var.mtls}", "site_config": [{}]},
			"plain": {"client_certificate_enabled": false, "site_config": [{}]},
		},
	}}
	fs := rule.findings with input as doc
	{[f.route[2], f.case] | some f in fs} == {
		["old", "client_certificates"],
		["mtls", "client_certificates"],
		["plain", "plain"],
	}
}
