# METADATA
# title: Storage account accepts plain HTTP requests
# description: |
#   With HTTPS-only traffic turned off, requests and shared-key or SAS signed URLs travel
#   unencrypted and can be read or replayed on the network. The setting is
#   enable_https_traffic_only up to azurerm 3.x and https_traffic_only_enabled from late 3.x on
#   (the old name is removed in 4.0); both default to true.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/storage/common/storage-require-secure-transfer
# custom:
#   id: azure-storage-account-http-allowed
#   target: terraform
#   severity: high
#   checkov: [CKV_AZURE_3]
package converge.rules.terraform.azure_storage_account_http_allowed

import rego.v1

import data.converge.lib.azure
import data.converge.lib.terraform as tf

# The attribute names, azurerm < 4 and azurerm >= 3.x (late) / 4.x.
names := ["enable_https_traffic_only", "https_traffic_only_enabled"]

findings contains f if {
	some sa in tf.resources("azurerm_storage_account")
	some name in names
	azure.is_false(sa.body[name])
	f := {
		"msg": sprintf("azurerm_storage_account.%s sets %s = false: plain HTTP is accepted", [sa.name, name]),
		"route": array.concat(sa.route, [name]),
	}
}
