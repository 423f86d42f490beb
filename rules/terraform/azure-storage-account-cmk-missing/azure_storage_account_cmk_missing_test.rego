package converge.rules.terraform.azure_storage_account_cmk_missing_test

import rego.v1

import data.converge.rules.terraform.azure_storage_account_cmk_missing as rule

test_accounts_without_a_key_are_reported if {
	doc := {"resource": {"azurerm_storage_account": {"a": {}, "b": {"identity": [{"type": "SystemAssigned"}]}}}}
	fs := rule.findings with input as doc
	{f.route | some f in fs} == {
		["resource", "azurerm_storage_account", "a", "customer_managed_key", 0, "key_vault_key_id"],
		["resource", "azurerm_storage_account", "b", "customer_managed_key", 0, "key_vault_key_id"],
	}
}

test_inline_and_companion_keys_are_clean if {
	accounts := {
		"a": {"customer_managed_key": [{"key_vault_key_id": "${azurerm_key_vault_key.k.id}", "user_assigned_identity_id": "${azurerm_user_assigned_identity.i.id}"}]},
		"b": {"customer_managed_key": [{"managed_hsm_key_id": "${var.hsm_key}"}]},
		"c": {},
		"d": {"dynamic": {"customer_managed_key": [{"for_each": "${var.cmk}"}]}},
	}
	doc := {
		"resource": {"azurerm_storage_account": accounts},
		"__converge": {"module": {"resource": {
			"azurerm_storage_account": accounts,
			"azurerm_storage_account_customer_managed_key": {"c": {"storage_account_id": "${azurerm_storage_account.c.id}"}},
		}}},
	}
	count(rule.findings) == 0 with input as doc
}
