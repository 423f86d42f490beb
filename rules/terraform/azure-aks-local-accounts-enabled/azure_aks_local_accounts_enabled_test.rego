package converge.rules.terraform.azure_aks_local_accounts_enabled_test

import rego.v1

import data.converge.rules.terraform.azure_aks_local_accounts_enabled as rule

test_local_accounts_are_reported_with_the_aad_case if {
	doc := {"resource": {"azurerm_kubernetes_cluster": {
		"a": {"azure_active_directory_role_based_access_control": [{"azure_rbac_enabled": true}]},
		"b": {"local_account_disabled": false},
		"c": {"role_based_access_control": [{"enabled": true, "azure_active_directory": [{"managed": true}]}]},
	}}}
	fs := rule.findings with input as doc
	{[f.route[2], f.case] | some f in fs} == {["a", "aad"], ["b", "no_aad"], ["c", "aad"]}
}

test_disabled_local_accounts_are_clean if {
	doc := {"resource": {"azurerm_kubernetes_cluster": {"a": {"local_account_disabled": true}}}}
	count(rule.findings) == 0 with input as doc
}
