# METADATA
# title: Virtual machine allows extension operations
# description: |
#   VM extensions run code as root or SYSTEM inside the machine, installed through the Azure
#   control plane: anyone who can write to the VM resource can run commands in it without a
#   login. azurerm_linux_virtual_machine and azurerm_windows_virtual_machine allow extension
#   operations unless allow_extension_operations = false.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/virtual-machines/extensions/overview
# custom:
#   id: azure-vm-extension-operations-allowed
#   target: terraform
#   severity: low
#   checkov: [CKV_AZURE_50]
package converge.rules.terraform.azure_vm_extension_operations_allowed

import rego.v1

import data.converge.lib.azure
import data.converge.lib.terraform as tf

vm_types := ["azurerm_linux_virtual_machine", "azurerm_windows_virtual_machine"]

# An azurerm_virtual_machine_extension of the module installs into this VM.
has_extension(kind, name) if {
	some ext in input.__converge.module.resource.azurerm_virtual_machine_extension
	is_string(ext.virtual_machine_id)
	contains(ext.virtual_machine_id, sprintf("%s.%s.", [kind, name]))
}

extension_case(kind, name) := "extensions" if has_extension(kind, name)

else := "none"

findings contains f if {
	some kind in vm_types
	some vm in tf.resources(kind)
	not azure.is_false(vm.body.allow_extension_operations)
	not azure.is_expr(vm.body.allow_extension_operations)
	f := {
		"msg": sprintf("%s.%s allows VM extension operations", [kind, vm.name]),
		"route": array.concat(vm.route, ["allow_extension_operations"]),
		"case": extension_case(kind, vm.name),
	}
}
