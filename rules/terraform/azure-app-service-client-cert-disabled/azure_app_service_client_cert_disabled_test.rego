package converge.rules.terraform.azure_app_service_client_cert_disabled_test

import rego.v1

import data.converge.rules.terraform.azure_app_service_client_cert_disabled as rule

test_each_type_is_reported_under_its_attribute_name if {
	doc := {"resource": {
		"azurerm_app_service": {"old": {"client_cert_enabled": false}},
		"azurerm_linux_web_app": {"linux": {}},
		"azurerm_windows_web_app": {"windows": {"client_certificate_enabled": false, "client_certificate_mode": "Optional"}},
	}}
	fs := rule.findings with input as doc
	{f.route | some f in fs} == {
		["resource", "azurerm_app_service", "old", "client_cert_enabled"],
		["resource", "azurerm_linux_web_app", "linux", "client_certificate_enabled"],
		["resource", "azurerm_windows_web_app", "windows", "client_certificate_enabled"],
	}
}

test_the_other_types_attribute_name_does_not_count if {
	doc := {"resource": {"azurerm_windows_web_app": {"w": {"client_cert_enabled": true}}}}
	count(rule.findings) == 1 with input as doc
}

test_enabled_in_any_mode_and_variables_are_clean if {
	doc := {"resource": {
		"azurerm_app_service": {"a": {"client_cert_enabled": true}},
		"azurerm_linux_web_app": {
			"b": {"client_certificate_enabled": true, "client_certificate_mode": "Optional"},
			"c": {"client_certificate_enabled": "${var.mtls}"},
		},
	}}
	count(rule.findings) == 0 with input as doc
}
