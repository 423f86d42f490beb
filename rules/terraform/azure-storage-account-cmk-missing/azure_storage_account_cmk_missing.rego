# METADATA
# title: Storage account is not encrypted with a customer-managed key
# description: |
#   By default the account's data is encrypted with keys Microsoft manages. With a
#   customer-managed key from Key Vault (a customer_managed_key block, or an
#   azurerm_storage_account_customer_managed_key resource), you control rotation, every use of the
#   key is logged, and disabling the key makes the data unreadable.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/storage/common/customer-managed-keys-overview
# custom:
#   id: azure-storage-account-cmk-missing
#   target: terraform
#   severity: low
#   checkov: [CKV2_AZURE_1]
package converge.rules.terraform.azure_storage_account_cmk_missing

import rego.v1

import data.converge.lib.azure
import data.converge.lib.terraform as tf

# A key in the account's customer_managed_key block (checkov reads key_vault_key_id; a Managed
# HSM key is a customer-managed key too).
inline_key(body) if {
	is_array(body.customer_managed_key)
	some block in body.customer_managed_key
	is_object(block)
	some attribute in ["key_vault_key_id", "managed_hsm_key_id"]
	attribute in object.keys(block)
}

inline_key(body) if azure.has_dynamic(body, "customer_managed_key")

findings contains f if {
	some sa in tf.live_resources("azurerm_storage_account")
	not inline_key(sa.body)
	not tf.referenced_by("azurerm_storage_account_customer_managed_key", "storage_account_id", concat(".", ["azurerm_storage_account", sa.name]))
	f := {
		"msg": sprintf("azurerm_storage_account.%s is not encrypted with a customer-managed key", [sa.name]),
		"route": array.concat(sa.route, ["customer_managed_key", 0, "key_vault_key_id"]),
	}
}
