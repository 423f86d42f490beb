# METADATA
# title: Storage account accepts connections from public networks
# description: |
#   With public network access on (the default), the account's endpoints answer requests from any
#   network, filtered only by network_rules when they are set: a leaked key or SAS token is usable
#   from anywhere. With public_network_access_enabled = false, only private endpoints reach the
#   account. The setting exists from azurerm 3.21 on; newer 4.x versions also offer
#   public_network_access = "Disabled".
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/storage/common/storage-network-security
# custom:
#   id: azure-storage-account-public-network-enabled
#   target: terraform
#   severity: medium
#   checkov: [CKV_AZURE_59]
package converge.rules.terraform.azure_storage_account_public_network_enabled

import rego.v1

import data.converge.lib.azure
import data.converge.lib.terraform as tf

findings contains f if {
	some sa in tf.live_resources("azurerm_storage_account")
	not "public_network_access" in object.keys(sa.body)
	v := object.get(sa.body, "public_network_access_enabled", null)
	not azure.is_false(v)
	not tf.is_expression(v)
	f := {
		"msg": sprintf("azurerm_storage_account.%s accepts connections from public networks (public_network_access_enabled is not false)", [sa.name]),
		"route": array.concat(sa.route, ["public_network_access_enabled"]),
		"case": endpoint_case(sa.name, "enabled_flag"),
	}
}

findings contains f if {
	some sa in tf.live_resources("azurerm_storage_account")
	sa.body.public_network_access == "Enabled"
	f := {
		"msg": sprintf("azurerm_storage_account.%s sets public_network_access = Enabled", [sa.name]),
		"route": array.concat(sa.route, ["public_network_access"]),
		"case": endpoint_case(sa.name, "access_mode"),
	}
}

# Storage accounts (by resource name) that an azurerm_private_endpoint of the module connects to.
endpoint_targets := {m[1] |
	some pe in input.__converge.module.resource.azurerm_private_endpoint
	is_object(pe)
	is_array(pe.private_service_connection)
	some psc in pe.private_service_connection
	is_string(psc.private_connection_resource_id)
	some m in regex.find_all_string_submatch_n(`azurerm_storage_account\.([A-Za-z0-9_-]+)[.\[]`, psc.private_connection_resource_id, -1)
}

# Without a private endpoint, turning public access off leaves no way in.
endpoint_case(name, attribute) := attribute if name in endpoint_targets

else := "no_private_endpoint"
