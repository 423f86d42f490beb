package converge.rules.terraform.azure_vm_extension_operations_allowed_test

import rego.v1

import data.converge.rules.terraform.azure_vm_extension_operations_allowed as rule

test_vms_allowing_extensions_are_reported_with_the_case if {
	doc := {
		"resource": {
			"azurerm_linux_virtual_machine": {"a": {}, "b": {"allow_extension_operations": true}},
			"azurerm_windows_virtual_machine": {"w": {}},
		},
		"__converge": {"module": {"resource": {"azurerm_virtual_machine_extension": {"ama": {"virtual_machine_id": "${azurerm_windows_virtual_machine.w.id}"}}}}},
	}
	fs := rule.findings with input as doc
	{[f.route[2], f.case] | some f in fs} == {["a", "none"], ["b", "none"], ["w", "extensions"]}
}

test_disabled_and_unknown_are_clean if {
	doc := {"resource": {"azurerm_linux_virtual_machine": {
		"a": {"allow_extension_operations": false},
		"b": {"allow_extension_operations": "${var.allow_extensions}"},
	}}}
	count(rule.findings) == 0 with input as doc
}
