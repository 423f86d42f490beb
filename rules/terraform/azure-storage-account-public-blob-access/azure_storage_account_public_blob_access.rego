# METADATA
# title: Storage account allows anonymous public access to blobs
# description: |
#   When the account allows it, any container can be switched to anonymous "blob" or "container"
#   access and its data read by anyone with the URL. azurerm 3.x and later call the setting
#   allow_nested_items_to_be_public and default it to true; azurerm 2.x called it
#   allow_blob_public_access and defaulted it to false.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/storage/blobs/anonymous-read-access-prevent
# custom:
#   id: azure-storage-account-public-blob-access
#   target: terraform
#   severity: high
#   checkov: [CKV_AZURE_190, CKV2_AZURE_47]
package converge.rules.terraform.azure_storage_account_public_blob_access

import rego.v1

import data.converge.lib.azure
import data.converge.lib.terraform as tf

# azurerm 2.x: known from the constraints, or (version unknown) the file uses the 2.x name only.
legacy(body) if azure.below(3)

legacy(body) if {
	not azure.major_known
	"allow_blob_public_access" in object.keys(body)
	not "allow_nested_items_to_be_public" in object.keys(body)
}

findings contains f if {
	some sa in tf.resources("azurerm_storage_account")
	legacy(sa.body)
	tf.is_true(sa.body.allow_blob_public_access)
	f := {
		"msg": sprintf("azurerm_storage_account.%s sets allow_blob_public_access = true", [sa.name]),
		"route": array.concat(sa.route, ["allow_blob_public_access"]),
		"case": "legacy",
	}
}

findings contains f if {
	some sa in tf.resources("azurerm_storage_account")
	not legacy(sa.body)
	v := object.get(sa.body, "allow_nested_items_to_be_public", true)
	not azure.is_false(v)
	not azure.is_expr(v)
	f := {
		"msg": sprintf("azurerm_storage_account.%s allows public blobs (allow_nested_items_to_be_public is not false)", [sa.name]),
		"route": array.concat(sa.route, ["allow_nested_items_to_be_public"]),
		"case": "nested_items",
	}
}
