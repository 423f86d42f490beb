package converge.rules.terraform.azure_storage_account_tls_outdated_test

import rego.v1

import data.converge.rules.terraform.azure_storage_account_tls_outdated as rule

test_missing_and_old_versions_are_reported if {
	doc := {"resource": {"azurerm_storage_account": {
		"a": {"name": "a"},
		"b": {"min_tls_version": "TLS1_0"},
	}}}
	fs := rule.findings with input as doc
	{f.case | some f in fs} == {"missing", "outdated"}
	some f in fs
	f.route == ["resource", "azurerm_storage_account", "b", "min_tls_version"]
}

test_tls12_tls13_and_variables_are_clean if {
	doc := {"resource": {"azurerm_storage_account": {
		"a": {"min_tls_version": "TLS1_2"},
		"b": {"min_tls_version": "TLS1_3"},
		"c": {"min_tls_version": "${var.tls}"},
	}}}
	count(rule.findings) == 0 with input as doc
}
