package converge.rules.terraform.azure_sql_server_tls_outdated_test

import rego.v1

import data.converge.rules.terraform.azure_sql_server_tls_outdated as rule

test_missing_old_and_disabled_are_reported if {
	doc := {"resource": {"azurerm_mssql_server": {
		"a": {},
		"b": {"minimum_tls_version": "1.0"},
		"c": {"minimum_tls_version": "Disabled"},
	}}}
	fs := rule.findings with input as doc
	{[f.route[2], f.case] | some f in fs} == {["a", "missing"], ["b", "outdated"], ["c", "outdated"]}
}

test_tls12_and_variables_are_clean if {
	doc := {"resource": {"azurerm_mssql_server": {
		"a": {"minimum_tls_version": "1.2"},
		"b": {"minimum_tls_version": "${var.tls}"},
	}}}
	count(rule.findings) == 0 with input as doc
}
