package converge.rules.terraform.azure_storage_account_sas_expiration_missing_test

import rego.v1

import data.converge.rules.terraform.azure_storage_account_sas_expiration_missing as rule

test_missing_policies_are_reported if {
	doc := {"resource": {"azurerm_storage_account": {
		"a": {},
		"b": {"shared_access_key_enabled": true},
		"c": {"sas_policy": [{"expiration_action": "Log"}]},
		"d": {"sas_policy": [{"expiration_period": "1.00:00:00"}]},
	}}}
	fs := rule.findings with input as doc
	{[f.route, f.case] | some f in fs} == {
		[["resource", "azurerm_storage_account", "a", "sas_policy", 0, "expiration_period"], "no_policy"],
		[["resource", "azurerm_storage_account", "b", "sas_policy", 0, "expiration_period"], "no_policy"],
		[["resource", "azurerm_storage_account", "c", "sas_policy", 0, "expiration_period"], "policy_block"],
		[["resource", "azurerm_storage_account", "d", "shared_access_key_enabled"], "key_flag"],
	}
}

test_policies_disabled_keys_and_variables_are_clean if {
	doc := {"resource": {"azurerm_storage_account": {
		"a": {"shared_access_key_enabled": true, "sas_policy": [{"expiration_period": "7.00:00:00"}]},
		"b": {"shared_access_key_enabled": false},
		"c": {"shared_access_key_enabled": "${var.shared_key}"},
		"d": {"shared_access_key_enabled": true, "dynamic": {"sas_policy": [{"for_each": "${var.sas}"}]}},
		"e": {"shared_access_key_enabled": true, "sas_policy": [{"expiration_period": "${var.sas_period}"}]},
	}}}
	count(rule.findings) == 0 with input as doc
}
