# METADATA
# title: AKS cluster does not encrypt node disks with a customer-managed key
# description: |
#   Without disk_encryption_set_id, node OS disks (and the data disks of persistent volumes
#   provisioned by AKS) are encrypted with keys Microsoft manages. A disk encryption set uses a
#   key from your Key Vault, which you can rotate, audit and revoke to make the data unreadable.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/aks/azure-disk-customer-managed-keys
# custom:
#   id: azure-aks-disk-encryption-set-missing
#   target: terraform
#   severity: low
#   checkov: [CKV_AZURE_117]
package converge.rules.terraform.azure_aks_disk_encryption_set_missing

import rego.v1

import data.converge.lib.terraform as tf

# checkov accepts any non-empty value, expressions included.
has_set(body) if {
	is_string(body.disk_encryption_set_id)
	body.disk_encryption_set_id != ""
}

findings contains f if {
	some c in tf.live_resources("azurerm_kubernetes_cluster")
	not has_set(c.body)
	f := {
		"msg": sprintf("azurerm_kubernetes_cluster.%s sets no disk_encryption_set_id: node disks use platform-managed keys", [c.name]),
		"route": array.concat(c.route, ["disk_encryption_set_id"]),
	}
}
