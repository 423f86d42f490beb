package converge.rules.terraform.azure_aks_secret_rotation_disabled_test

import rego.v1

import data.converge.rules.terraform.azure_aks_secret_rotation_disabled as rule

test_rotation_off_and_missing_addon_are_reported if {
	doc := {"resource": {"azurerm_kubernetes_cluster": {
		"a": {},
		"b": {"key_vault_secrets_provider": [{"secret_rotation_enabled": false}]},
		"c": {"key_vault_secrets_provider": [{"secret_rotation_interval": "5m"}]},
	}}}
	fs := rule.findings with input as doc
	{[f.route[2], f.case] | some f in fs} == {["a", "no_addon"], ["b", "addon"], ["c", "addon"]}
	some f in fs
	f.route == ["resource", "azurerm_kubernetes_cluster", "b", "key_vault_secrets_provider", 0, "secret_rotation_enabled"]
}

test_rotation_variables_and_dynamic_blocks_are_clean if {
	doc := {"resource": {"azurerm_kubernetes_cluster": {
		"a": {"key_vault_secrets_provider": [{"secret_rotation_enabled": true}]},
		"b": {"key_vault_secrets_provider": [{"secret_rotation_enabled": "${var.rotation}"}]},
		"c": {"dynamic": {"key_vault_secrets_provider": [{"for_each": "${var.kv}"}]}},
	}}}
	count(rule.findings) == 0 with input as doc
}
