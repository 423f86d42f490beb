package converge.rules.terraform.azure_storage_account_public_network_enabled_test

import rego.v1

import data.converge.rules.terraform.azure_storage_account_public_network_enabled as rule

endpoint(target) := {"private_service_connection": [{
	"name": "blob",
	"private_connection_resource_id": target,
	"subresource_names": ["blob"],
}]}

test_public_accounts_are_reported_with_the_endpoint_case if {
	accounts := {
		"a": {},
		"b": {"public_network_access_enabled": true},
		"c": {"public_network_access": "Enabled"},
		"d": {"public_network_access_enabled": true},
	}
	endpoints := {
		"a": endpoint("${azurerm_storage_account.a.id}"),
		"b": endpoint("${azurerm_storage_account.b[0].id}"),
		"c": endpoint("${azurerm_storage_account.c.id}"),
		"other": endpoint("${azurerm_storage_account.dd.id}"),
	}
	doc := {
		"resource": {"azurerm_storage_account": accounts},
		"__converge": {"module": {"resource": {"azurerm_storage_account": accounts, "azurerm_private_endpoint": endpoints}}},
	}
	fs := rule.findings with input as doc
	{[f.route, f.case] | some f in fs} == {
		[["resource", "azurerm_storage_account", "a", "public_network_access_enabled"], "enabled_flag"],
		[["resource", "azurerm_storage_account", "b", "public_network_access_enabled"], "enabled_flag"],
		[["resource", "azurerm_storage_account", "c", "public_network_access"], "access_mode"],
		[["resource", "azurerm_storage_account", "d", "public_network_access_enabled"], "no_private_endpoint"],
	}
}

test_private_accounts_and_variables_are_clean if {
	doc := {"resource": {"azurerm_storage_account": {
		"a": {"public_network_access_enabled": false},
		"b": {"public_network_access_enabled": "${var.public}"},
		"c": {"public_network_access": "Disabled"},
		"d": {"public_network_access": "SecuredByPerimeter"},
		"e": {"count": 0},
	}}}
	count(rule.findings) == 0 with input as doc
}
