# METADATA
# title: AKS cluster runs on the Free tier, without an uptime SLA
# description: |
#   On the Free tier the Kubernetes API server has no financially backed availability SLA and
#   fewer control plane resources, which Microsoft does not recommend for production. The
#   Standard tier (called Paid before azurerm 3.51) adds the uptime SLA; Premium includes it too.
#   sku_tier defaults to Free.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/aks/free-standard-pricing-tiers
# custom:
#   id: azure-aks-free-tier
#   target: terraform
#   severity: low
#   checkov: [CKV_AZURE_170]
package converge.rules.terraform.azure_aks_free_tier

import rego.v1

import data.converge.lib.terraform as tf

# Tiers with the uptime SLA. checkov accepts only Standard; Premium includes everything Standard
# has and is not reported.
sla_tiers := {"Standard", "Premium"}

findings contains f if {
	some aks in tf.live_resources("azurerm_kubernetes_cluster")
	v := object.get(aks.body, "sku_tier", null)
	not v in sla_tiers
	not tf.is_expression(v)
	f := {
		"msg": message(aks.name, v),
		"route": array.concat(aks.route, ["sku_tier"]),
		"case": tier_case(v),
	}
}

tier_case("Paid") := "paid"

tier_case(v) := "free" if v != "Paid"

message(name, null) := sprintf("azurerm_kubernetes_cluster.%s leaves sku_tier to its default, Free (no uptime SLA)", [name])

message(name, v) := sprintf("azurerm_kubernetes_cluster.%s sets sku_tier = %v; the AKS API now calls this tier Standard", [name, v]) if {
	v == "Paid"
}

message(name, v) := sprintf("azurerm_kubernetes_cluster.%s sets sku_tier = %v (no uptime SLA)", [name, v]) if {
	v != null
	v != "Paid"
}
