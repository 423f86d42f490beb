# METADATA
# title: AKS system node pool also runs application pods
# description: |
#   Without only_critical_addons_enabled, application pods are scheduled next to CoreDNS,
#   metrics-server, konnectivity and the other kube-system pods: a misbehaving or compromised
#   workload can starve or evict them and take the whole cluster down. The setting taints the
#   default (system) node pool with CriticalAddonsOnly=true:NoSchedule, so that only system pods
#   run there and applications go to separate user node pools.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/aks/use-system-pools#system-and-user-node-pools
# custom:
#   id: azure-aks-system-pool-not-isolated
#   target: terraform
#   severity: low
#   checkov: [CKV_AZURE_232]
package converge.rules.terraform.azure_aks_system_pool_not_isolated

import rego.v1

import data.converge.lib.aks
import data.converge.lib.terraform as tf

findings contains f if {
	some pool in aks.default_pools
	tf.bool_not_true(pool.body, "only_critical_addons_enabled")
	f := {
		"msg": sprintf("%s does not set only_critical_addons_enabled = true: application pods can run on the system nodes", [pool.label]),
		"route": array.concat(pool.route, ["only_critical_addons_enabled"]),
		"case": pool_case(pool.name),
	}
}

# Once the system pool is tainted, application pods need another node pool to run on.
pool_case(name) := "user_pool" if aks.has_separate_pool(name)

else := "no_user_pool"
