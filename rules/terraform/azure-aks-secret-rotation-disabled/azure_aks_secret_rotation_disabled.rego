# METADATA
# title: AKS Key Vault secrets provider does not rotate secrets
# description: |
#   Without rotation, the Secrets Store CSI driver reads a Key Vault secret once, when the pod
#   mounts it: a secret rotated or revoked in Key Vault stays in use until every pod that mounted
#   it is restarted. With key_vault_secrets_provider { secret_rotation_enabled = true } the driver
#   polls Key Vault (every 2 minutes by default) and updates mounted files and synced Kubernetes
#   Secrets. checkov also reports clusters that do not use the add-on at all.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/aks/csi-secrets-store-configuration-options
# custom:
#   id: azure-aks-secret-rotation-disabled
#   target: terraform
#   severity: low
#   checkov: [CKV_AZURE_172]
package converge.rules.terraform.azure_aks_secret_rotation_disabled

import rego.v1

import data.converge.lib.azure
import data.converge.lib.terraform as tf

provider_block(body) := b if {
	is_array(body.key_vault_secrets_provider)
	b := body.key_vault_secrets_provider[0]
	is_object(b)
}

findings contains f if {
	some c in tf.live_resources("azurerm_kubernetes_cluster")
	block := provider_block(c.body)
	tf.bool_not_true(block, "secret_rotation_enabled")
	f := {
		"msg": sprintf("azurerm_kubernetes_cluster.%s runs the Key Vault secrets provider without secret rotation", [c.name]),
		"route": array.concat(c.route, ["key_vault_secrets_provider", 0, "secret_rotation_enabled"]),
		"case": "addon",
	}
}

findings contains f if {
	some c in tf.live_resources("azurerm_kubernetes_cluster")
	count(object.get(c.body, "key_vault_secrets_provider", [])) == 0
	not azure.has_dynamic(c.body, "key_vault_secrets_provider")
	f := {
		"msg": sprintf("azurerm_kubernetes_cluster.%s has no key_vault_secrets_provider with secret rotation", [c.name]),
		"route": array.concat(c.route, ["key_vault_secrets_provider", 0, "secret_rotation_enabled"]),
		"case": "no_addon",
	}
}
