# METADATA
# title: Key vault turns soft delete off (soft_delete_enabled = false)
# description: |
#   Without soft delete, a deleted vault, secret, key or certificate cannot be recovered. Azure
#   now enforces soft delete on every vault: azurerm 2.x still exposes soft_delete_enabled, and
#   azurerm 3.0 removed the argument, so a configuration that sets it to false is either unsafe
#   (2.x) or no longer valid (3.x and later).
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/key-vault/general/soft-delete-overview
# custom:
#   id: azure-key-vault-soft-delete-disabled
#   target: terraform
#   severity: medium
#   checkov: [CKV_AZURE_111]
package converge.rules.terraform.azure_key_vault_soft_delete_disabled

import rego.v1

import data.converge.lib.azure
import data.converge.lib.terraform as tf

findings contains f if {
	some kv in tf.resources("azurerm_key_vault")
	azure.is_false(kv.body.soft_delete_enabled)
	f := {
		"msg": sprintf("azurerm_key_vault.%s sets soft_delete_enabled = false", [kv.name]),
		"route": array.concat(kv.route, ["soft_delete_enabled"]),
		"case": version_case,
	}
}

# azurerm 3.0 removed the argument; when the version is unknown, the file's use of the 2.x
# argument says it runs on 2.x.
version_case := "removed" if {
	azure.major_known
	not azure.below(3)
} else := "legacy"
