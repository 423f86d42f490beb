package converge.rules.terraform.azure_key_vault_soft_delete_disabled_test

import rego.v1

import data.converge.rules.terraform.azure_key_vault_soft_delete_disabled as rule

doc(major) := {
	"resource": {"azurerm_key_vault": {"a": {"soft_delete_enabled": false}, "b": {"soft_delete_enabled": true}, "c": {}}},
	"__converge": {"providers": {"azurerm": {"constraint": "x", "locked": null, "major": major}}},
}

test_disabled_is_reported_as_legacy_on_azurerm_2_and_unknown if {
	fs := rule.findings with input as doc(2)
	count(fs) == 1
	some f in fs
	f.case == "legacy"
	f.route == ["resource", "azurerm_key_vault", "a", "soft_delete_enabled"]
	some g in rule.findings with input as doc(null)
	g.case == "legacy"
}

test_disabled_is_reported_as_removed_on_azurerm_3 if {
	some f in rule.findings with input as doc(3)
	f.case == "removed"
}

test_enabled_and_absent_are_clean if {
	d := {"resource": {"azurerm_key_vault": {"b": {"soft_delete_enabled": true}, "c": {}}}}
	count(rule.findings) == 0 with input as d
}
