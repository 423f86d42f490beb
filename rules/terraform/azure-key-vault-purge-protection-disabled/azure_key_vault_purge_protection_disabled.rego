# METADATA
# title: Key vault purge protection is not enabled
# description: |
#   Without purge protection, a deleted vault or secret, key or certificate can be purged before
#   its soft-delete retention ends, by mistake or by an attacker holding the right role, and is
#   then lost for good.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/key-vault/general/soft-delete-overview#purge-protection
# custom:
#   id: azure-key-vault-purge-protection-disabled
#   target: terraform
#   severity: medium
#   checkov: [CKV_AZURE_110, CKV_AZURE_42]
package converge.rules.terraform.azure_key_vault_purge_protection_disabled

import rego.v1

import data.converge.lib.azure
import data.converge.lib.terraform as tf

findings contains f if {
	some kv in tf.resources("azurerm_key_vault")
	v := object.get(kv.body, "purge_protection_enabled", false)
	not tf.is_true(v)
	not azure.is_expr(v)
	f := {
		"msg": sprintf("azurerm_key_vault.%s does not enable purge protection", [kv.name]),
		"route": array.concat(kv.route, ["purge_protection_enabled"]),
	}
}
