# METADATA
# title: AKS node pool allows fewer than 50 pods per node
# description: |
#   max_pods is fixed when a node pool is created. With a low limit, the DaemonSet pods every node
#   runs (networking, monitoring, log and security agents) take a large share of it, nodes run out
#   of pod slots before CPU or memory, and the cluster needs more nodes than the workloads call
#   for. When max_pods is left out, AKS uses the network plugin's default: 30 with Azure CNI
#   (node-subnet IPs), 110 with kubenet, 250 with Azure CNI Overlay; checkov assumes 30 and asks
#   for the value to be written down.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/aks/azure-cni-overview#maximum-pods-per-node
# custom:
#   id: azure-aks-max-pods-low
#   target: terraform
#   severity: low
#   checkov: [CKV_AZURE_168]
package converge.rules.terraform.azure_aks_max_pods_low

import rego.v1

import data.converge.lib.aks

minimum := 50

number(v) := v if is_number(v)

number(v) := to_number(v) if {
	is_string(v)
	regex.match(`^[0-9]+$`, v)
}

findings contains f if {
	some pool in aks.pools
	n := number(pool.body.max_pods)
	n < minimum
	f := {
		"msg": sprintf("%s sets max_pods = %v (at least %d expected)", [pool.label, n, minimum]),
		"route": array.concat(pool.route, ["max_pods"]),
		"case": "raise",
	}
}

findings contains f if {
	some pool in aks.pools
	object.get(pool.body, "max_pods", null) == null
	kase := missing_case(pool)
	f := {
		"msg": sprintf("%s leaves max_pods to the network plugin's default (%s)", [pool.label, defaults[kase]]),
		"route": array.concat(pool.route, ["max_pods"]),
		"case": kase,
	}
}

defaults := {
	"kubenet": "110 with kubenet",
	"overlay": "250 with Azure CNI Overlay",
	"raise": "30 with Azure CNI",
	"unknown_plugin": "not known from this file",
}

missing_case(pool) := "kubenet" if {
	aks.default_max_pods(pool.cluster, pool.body) == 110
} else := "overlay" if {
	aks.default_max_pods(pool.cluster, pool.body) == 250
} else := "raise" if {
	aks.default_max_pods(pool.cluster, pool.body) == 30
} else := "unknown_plugin"
