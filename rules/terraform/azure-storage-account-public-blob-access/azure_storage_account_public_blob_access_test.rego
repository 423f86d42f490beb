package converge.rules.terraform.azure_storage_account_public_blob_access_test

import rego.v1

import data.converge.rules.terraform.azure_storage_account_public_blob_access as rule

providers(major) := {"azurerm": {"constraint": "x", "locked": null, "major": major}}

test_missing_setting_is_reported_on_current_providers if {
	doc := {"resource": {"azurerm_storage_account": {"a": {}}}, "__converge": {"providers": providers(3)}}
	some f in rule.findings with input as doc
	f.case == "nested_items"
	f.route == ["resource", "azurerm_storage_account", "a", "allow_nested_items_to_be_public"]
}

test_legacy_name_is_used_on_azurerm_2 if {
	doc := {
		"resource": {"azurerm_storage_account": {"a": {"allow_blob_public_access": true}, "b": {}}},
		"__converge": {"providers": providers(2)},
	}
	fs := rule.findings with input as doc
	count(fs) == 1
	some f in fs
	f.case == "legacy"
}

test_legacy_name_decides_when_the_version_is_unknown if {
	doc := {"resource": {"azurerm_storage_account": {"a": {"allow_blob_public_access": false}}}}
	count(rule.findings) == 0 with input as doc
}

test_disabled_is_clean if {
	doc := {"resource": {"azurerm_storage_account": {"a": {"allow_nested_items_to_be_public": false}}}}
	count(rule.findings) == 0 with input as doc
}
