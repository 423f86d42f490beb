# METADATA
# title: AKS cluster has no network policy engine
# description: |
#   Without network_profile.network_policy, Kubernetes NetworkPolicy objects are accepted but
#   never enforced: every pod can reach every other pod, so one compromised workload can reach
#   them all.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/aks/use-network-policies
# custom:
#   id: azure-aks-network-policy-missing
#   target: terraform
#   severity: medium
#   checkov: [CKV_AZURE_7]
package converge.rules.terraform.azure_aks_network_policy_missing

import rego.v1

import data.converge.lib.azure
import data.converge.lib.terraform as tf

has_policy(profile) if {
	v := profile.network_policy
	v != ""
	v != null
}

findings contains f if {
	some aks in tf.resources("azurerm_kubernetes_cluster")
	not azure.has_dynamic(aks.body, "network_profile")
	profile := object.get(aks.body, ["network_profile", 0], {})
	not has_policy(profile)
	f := {
		"msg": sprintf("azurerm_kubernetes_cluster.%s sets no network_profile.network_policy", [aks.name]),
		"route": array.concat(aks.route, ["network_profile", 0, "network_policy"]),
		"case": policy_case(aks.body),
	}
}

cilium(profile) if profile.network_data_plane == "cilium"

cilium(profile) if profile.ebpf_data_plane == "cilium"

# Which policy engine fits the network plugin: Cilium data plane → cilium; Azure CNI or
# kubenet → calico (supported by both); no network_profile, plugin "none" or unknown → manual.
policy_case(body) := "no_profile" if {
	count(object.get(body, "network_profile", [])) == 0
} else := "cilium" if {
	cilium(body.network_profile[0])
} else := "calico" if {
	body.network_profile[0].network_plugin in {"azure", "kubenet"}
} else := "other_plugin"
