# METADATA
# title: AKS cluster keeps its local admin account
# description: |
#   The local cluster-admin account's static credentials bypass Azure AD and Azure RBAC, cannot
#   be audited per user and only stop working when the cluster certificates are rotated. With
#   local_account_disabled = true, every access goes through Azure AD.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/aks/manage-local-accounts-managed-azure-ad
# custom:
#   id: azure-aks-local-accounts-enabled
#   target: terraform
#   severity: medium
#   checkov: [CKV_AZURE_141]
package converge.rules.terraform.azure_aks_local_accounts_enabled

import rego.v1

import data.converge.lib.azure
import data.converge.lib.terraform as tf

# Azure AD integration, without which AKS refuses to disable local accounts.
aad(body) if count(body.azure_active_directory_role_based_access_control) > 0

aad(body) if azure.has_dynamic(body, "azure_active_directory_role_based_access_control")

# azurerm 2.x
aad(body) if {
	some rbac in body.role_based_access_control
	count(rbac.azure_active_directory) > 0
}

findings contains f if {
	some aks in tf.resources("azurerm_kubernetes_cluster")
	v := object.get(aks.body, "local_account_disabled", false)
	not tf.is_true(v)
	not azure.is_expr(v)
	f := {
		"msg": sprintf("azurerm_kubernetes_cluster.%s keeps its local accounts (local_account_disabled is not true)", [aks.name]),
		"route": array.concat(aks.route, ["local_account_disabled"]),
		"case": aad_case(aks.body),
	}
}

aad_case(body) := "aad" if aad(body)

else := "no_aad"
