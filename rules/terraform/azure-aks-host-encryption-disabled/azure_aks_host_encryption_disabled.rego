# METADATA
# title: AKS node pool does not encrypt data at the VM host
# description: |
#   Server-side encryption covers managed disks in Azure Storage, but not the node VMs' temporary
#   disks, the OS and data disk caches, or the data flowing between the host and Storage.
#   Encryption at host encrypts those too. The setting is enable_host_encryption up to azurerm
#   3.x and host_encryption_enabled from 4.0 on, on the cluster's default_node_pool and on
#   azurerm_kubernetes_cluster_node_pool; it defaults to false.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/aks/enable-host-encryption
# custom:
#   id: azure-aks-host-encryption-disabled
#   target: terraform
#   severity: medium
#   checkov: [CKV_AZURE_227]
package converge.rules.terraform.azure_aks_host_encryption_disabled

import rego.v1

import data.converge.lib.aks
import data.converge.lib.terraform as tf

names := ["enable_host_encryption", "host_encryption_enabled"]

encrypted(pool) if {
	some name in names
	tf.is_true(pool[name])
}

unknown(pool) if {
	some name in names
	tf.is_expression(pool[name])
}

findings contains f if {
	some pool in aks.pools
	not encrypted(pool.body)
	not unknown(pool.body)
	name := aks.renamed(pool.body, "enable_host_encryption", "host_encryption_enabled")
	f := {
		"msg": sprintf("%s does not enable encryption at host (%s)", [pool.label, name]),
		"route": array.concat(pool.route, [name]),
	}
}
