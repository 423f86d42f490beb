package converge.rules.terraform.azure_storage_account_http_allowed_test

import rego.v1

import data.converge.rules.terraform.azure_storage_account_http_allowed as rule

test_both_names_set_to_false_are_reported if {
	doc := {"resource": {"azurerm_storage_account": {
		"v3": {"enable_https_traffic_only": false},
		"v4": {"https_traffic_only_enabled": false},
	}}}
	fs := rule.findings with input as doc
	{f.route | some f in fs} == {
		["resource", "azurerm_storage_account", "v3", "enable_https_traffic_only"],
		["resource", "azurerm_storage_account", "v4", "https_traffic_only_enabled"],
	}
}

test_default_true_and_variables_are_clean if {
	doc := {"resource": {"azurerm_storage_account": {
		"a": {},
		"b": {"enable_https_traffic_only": true},
		"c": {"https_traffic_only_enabled": "${var.https_only}"},
	}}}
	count(rule.findings) == 0 with input as doc
}
