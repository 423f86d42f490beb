# METADATA
# title: AKS cluster has Kubernetes RBAC turned off
# description: |
#   Without Kubernetes role-based access control every authenticated identity, service accounts
#   included, has full access to the cluster API. azurerm before 2.99 sets it with
#   role_based_access_control { enabled }, later versions with role_based_access_control_enabled;
#   both default to enabled.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/aks/concepts-identity#kubernetes-rbac
# custom:
#   id: azure-aks-rbac-disabled
#   target: terraform
#   severity: high
#   checkov: [CKV_AZURE_5]
package converge.rules.terraform.azure_aks_rbac_disabled

import rego.v1

import data.converge.lib.azure
import data.converge.lib.terraform as tf

# azurerm < 2.99: the block decides when it sets `enabled` (as checkov reads it).
block_decides(body) if "enabled" in object.keys(body.role_based_access_control[0])

findings contains f if {
	some aks in tf.resources("azurerm_kubernetes_cluster")
	azure.is_false(aks.body.role_based_access_control[0].enabled)
	f := {
		"msg": sprintf("azurerm_kubernetes_cluster.%s sets role_based_access_control.enabled = false", [aks.name]),
		"route": array.concat(aks.route, ["role_based_access_control", 0, "enabled"]),
	}
}

findings contains f if {
	some aks in tf.resources("azurerm_kubernetes_cluster")
	not block_decides(aks.body)
	azure.is_false(aks.body.role_based_access_control_enabled)
	f := {
		"msg": sprintf("azurerm_kubernetes_cluster.%s sets role_based_access_control_enabled = false", [aks.name]),
		"route": array.concat(aks.route, ["role_based_access_control_enabled"]),
	}
}
