# METADATA
# title: Storage account accepts TLS versions older than 1.2
# description: |
#   TLS 1.0 and 1.1 have known weaknesses and are retired by Azure. A storage account whose
#   min_tls_version is unset (TLS1_0 on azurerm 2.x) or below TLS1_2 still lets clients negotiate
#   them.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/storage/common/transport-layer-security-configure-minimum-version
# custom:
#   id: azure-storage-account-tls-outdated
#   target: terraform
#   severity: medium
#   checkov: [CKV_AZURE_44]
package converge.rules.terraform.azure_storage_account_tls_outdated

import rego.v1

import data.converge.lib.azure
import data.converge.lib.terraform as tf

accepted := {"TLS1_2", "TLS1_3"}

findings contains f if {
	some sa in tf.resources("azurerm_storage_account")
	not "min_tls_version" in object.keys(sa.body)
	f := {
		"msg": sprintf("azurerm_storage_account.%s does not set min_tls_version (TLS1_2 or newer)", [sa.name]),
		"route": array.concat(sa.route, ["min_tls_version"]),
		"case": "missing",
	}
}

findings contains f if {
	some sa in tf.resources("azurerm_storage_account")
	v := sa.body.min_tls_version
	not azure.is_expr(v)
	not v in accepted
	f := {
		"msg": sprintf("azurerm_storage_account.%s sets min_tls_version %v (TLS1_2 or newer required)", [sa.name, v]),
		"route": array.concat(sa.route, ["min_tls_version"]),
		"case": "outdated",
	}
}
