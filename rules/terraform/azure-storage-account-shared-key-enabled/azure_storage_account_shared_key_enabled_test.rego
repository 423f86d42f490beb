package converge.rules.terraform.azure_storage_account_shared_key_enabled_test

import rego.v1

import data.converge.rules.terraform.azure_storage_account_shared_key_enabled as rule

test_shared_key_accounts_are_reported_with_the_key_use_case if {
	accounts := {
		"a": {},
		"b": {"shared_access_key_enabled": true},
		"c": {},
		"d": {},
	}
	apps := {"fn": {
		"storage_account_access_key": "${azurerm_storage_account.a.primary_access_key}",
		"site_config": [{"app_settings": {"X": "${azurerm_storage_account.c[0].primary_blob_connection_string}"}}],
	}}
	doc := {
		"resource": {"azurerm_storage_account": accounts},
		"output": {"conn": {"value": "${azurerm_storage_account.d.secondary_connection_string}"}},
		"__converge": {"module": {"resource": {"azurerm_storage_account": accounts, "azurerm_linux_function_app": apps}}},
	}
	fs := rule.findings with input as doc
	{[f.route, f.case] | some f in fs} == {
		[["resource", "azurerm_storage_account", "a", "shared_access_key_enabled"], "keys_in_use"],
		[["resource", "azurerm_storage_account", "b", "shared_access_key_enabled"], "no_key_reference"],
		[["resource", "azurerm_storage_account", "c", "shared_access_key_enabled"], "keys_in_use"],
		[["resource", "azurerm_storage_account", "d", "shared_access_key_enabled"], "keys_in_use"],
	}
}

test_disabled_keys_and_variables_are_clean if {
	doc := {"resource": {"azurerm_storage_account": {
		"a": {"shared_access_key_enabled": false},
		"b": {"shared_access_key_enabled": "${var.shared_key}"},
		"c": {"count": 0},
	}}}
	count(rule.findings) == 0 with input as doc
}
