# METADATA
# title: AKS cluster does not run the Azure Policy add-on
# description: |
#   Without the Azure Policy add-on, policy assignments (no privileged containers, allowed
#   registries, required labels…) are not audited or enforced inside the cluster. azurerm 2.97
#   and later set it with azure_policy_enabled; earlier versions with
#   addon_profile { azure_policy { enabled } }, removed in 3.0.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/governance/policy/concepts/policy-for-kubernetes
# custom:
#   id: azure-aks-azure-policy-disabled
#   target: terraform
#   severity: low
#   checkov: [CKV_AZURE_116]
package converge.rules.terraform.azure_aks_azure_policy_disabled

import rego.v1

import data.converge.lib.azure
import data.converge.lib.terraform as tf

enabled(body) if tf.is_true(body.azure_policy_enabled)

enabled(body) if tf.is_true(body.addon_profile[0].azure_policy[0].enabled)

unknown(body) if azure.is_expr(body.azure_policy_enabled)

unknown(body) if azure.is_expr(body.addon_profile[0].azure_policy[0].enabled)

unknown(body) if azure.has_dynamic(body, "addon_profile")

findings contains f if {
	some aks in tf.resources("azurerm_kubernetes_cluster")
	not enabled(aks.body)
	not unknown(aks.body)
	[route, kase] := where(aks.body)
	f := {
		"msg": sprintf("azurerm_kubernetes_cluster.%s does not enable the Azure Policy add-on", [aks.name]),
		"route": array.concat(aks.route, route),
		"case": kase,
	}
}

# The setting the file already uses, else the one for the provider version.
where(body) := [["azure_policy_enabled"], "attribute"] if {
	"azure_policy_enabled" in object.keys(body)
} else := [["addon_profile", 0, "azure_policy", 0, "enabled"], "addon_profile"] if {
	count(body.addon_profile[0].azure_policy) > 0
} else := [["addon_profile", 0, "azure_policy", 0, "enabled"], "missing"] if {
	azure.below(3)
} else := [["azure_policy_enabled"], "missing"]
