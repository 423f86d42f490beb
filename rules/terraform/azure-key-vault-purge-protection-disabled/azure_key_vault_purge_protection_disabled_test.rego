package converge.rules.terraform.azure_key_vault_purge_protection_disabled_test

import rego.v1

import data.converge.rules.terraform.azure_key_vault_purge_protection_disabled as rule

test_missing_and_false_are_reported if {
	doc := {"resource": {"azurerm_key_vault": {"a": {}, "b": {"purge_protection_enabled": false}}}}
	fs := rule.findings with input as doc
	count(fs) == 2
	some f in fs
	f.route == ["resource", "azurerm_key_vault", "b", "purge_protection_enabled"]
}

test_enabled_and_variables_are_clean if {
	doc := {"resource": {"azurerm_key_vault": {
		"a": {"purge_protection_enabled": true},
		"b": {"purge_protection_enabled": "${var.purge_protection}"},
	}}}
	count(rule.findings) == 0 with input as doc
}
