# METADATA
# title: Storage account accepts Shared Key (access key) authorization
# description: |
#   An account access key grants full access to all of the account's data, never expires until it
#   is rotated, and its use cannot be traced to a person or workload; SAS tokens signed with it
#   inherit those flaws. With shared_access_key_enabled = false, requests must be authorized with
#   Microsoft Entra ID (Azure AD) identities and RBAC, or user delegation SAS tokens. The setting
#   defaults to true.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/storage/common/shared-key-authorization-prevent
# custom:
#   id: azure-storage-account-shared-key-enabled
#   target: terraform
#   severity: medium
#   checkov: [CKV2_AZURE_40]
package converge.rules.terraform.azure_storage_account_shared_key_enabled

import rego.v1

import data.converge.lib.azure
import data.converge.lib.terraform as tf

findings contains f if {
	some sa in tf.live_resources("azurerm_storage_account")
	v := object.get(sa.body, "shared_access_key_enabled", null)
	not azure.is_false(v)
	not tf.is_expression(v)
	f := {
		"msg": sprintf("azurerm_storage_account.%s accepts Shared Key authorization (shared_access_key_enabled is not false)", [sa.name]),
		"route": array.concat(sa.route, ["shared_access_key_enabled"]),
		"case": key_case(sa.name),
	}
}

# Storage accounts (by resource name) whose keys or connection strings the module reads: in this
# file (outputs, locals, module arguments) or in any resource of the module.
key_users := {m[1] |
	some doc in [input.__converge.module.resource, object.remove(input, ["__converge"])]
	some m in regex.find_all_string_submatch_n(key_reference, json.marshal(doc), -1)
}

key_reference := `azurerm_storage_account\.([A-Za-z0-9_-]+)(?:\[[^\]]*\])?\.(?:primary|secondary)_(?:blob_)?(?:access_key|connection_string)`

key_case(name) := "keys_in_use" if name in key_users

else := "no_key_reference"
