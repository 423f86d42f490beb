package converge.rules.terraform.azure_sql_server_auditing_disabled_test

import rego.v1

import data.converge.rules.terraform.azure_sql_server_auditing_disabled as rule

with_module(doc) := object.union(doc, {"__converge": {"module": {"resource": doc.resource}}})

test_servers_without_auditing_are_reported if {
	doc := {"resource": {"azurerm_mssql_server": {"a": {}}, "azurerm_sql_server": {"b": {}}}}
	fs := rule.findings with input as with_module(doc)
	{f.route | some f in fs} == {
		["resource", "azurerm_mssql_server", "a"],
		["resource", "azurerm_sql_server", "b"],
	}
}

test_inline_and_companion_policies_are_clean if {
	doc := {"resource": {
		"azurerm_mssql_server": {
			"a": {"extended_auditing_policy": [{"storage_endpoint": "${x}"}]},
			"b": {},
		},
		"azurerm_mssql_server_extended_auditing_policy": {"b": {"server_id": "${azurerm_mssql_server.b.id}"}},
	}}
	count(rule.findings) == 0 with input as with_module(doc)
}
