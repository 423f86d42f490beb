package converge.rules.terraform.azure_storage_account_blob_soft_delete_disabled_test

import rego.v1

import data.converge.rules.terraform.azure_storage_account_blob_soft_delete_disabled as rule

test_missing_policy_is_reported if {
	doc := {"resource": {"azurerm_storage_account": {
		"a": {},
		"b": {"blob_properties": [{"versioning_enabled": true}]},
	}}}
	fs := rule.findings with input as doc
	count(fs) == 2
	some f in fs
	f.route == ["resource", "azurerm_storage_account", "b", "blob_properties", 0, "delete_retention_policy", 0, "days"]
}

test_policy_file_storage_and_dynamic_blocks_are_clean if {
	doc := {"resource": {"azurerm_storage_account": {
		"a": {"blob_properties": [{"delete_retention_policy": [{"days": 14}]}]},
		"b": {"account_kind": "FileStorage"},
		"c": {"dynamic": {"blob_properties": [{"for_each": "${var.x}"}]}},
	}}}
	count(rule.findings) == 0 with input as doc
}
