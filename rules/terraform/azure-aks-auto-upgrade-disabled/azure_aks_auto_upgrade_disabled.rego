# METADATA
# title: AKS cluster has no automatic upgrade channel
# description: |
#   Without an upgrade channel the cluster stays on its Kubernetes version until someone upgrades
#   it by hand, missing the security fixes of new patch releases, and falls out of support when
#   the minor version is retired. The setting is automatic_channel_upgrade up to azurerm 3.x and
#   automatic_upgrade_channel from 4.0 on; left out, it is "none".
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/aks/auto-upgrade-cluster
# custom:
#   id: azure-aks-auto-upgrade-disabled
#   target: terraform
#   severity: medium
#   checkov: [CKV_AZURE_171]
package converge.rules.terraform.azure_aks_auto_upgrade_disabled

import rego.v1

import data.converge.lib.aks
import data.converge.lib.terraform as tf

# The attribute names, azurerm < 4 and azurerm >= 4.
names := ["automatic_channel_upgrade", "automatic_upgrade_channel"]

# A channel other than "none" is set (expressions included, as checkov reads them).
channel_set(body) if {
	some name in names
	v := body[name]
	v != null
	v != "none"
}

findings contains f if {
	some c in tf.live_resources("azurerm_kubernetes_cluster")
	not channel_set(c.body)
	name := aks.renamed(c.body, "automatic_channel_upgrade", "automatic_upgrade_channel")
	f := {
		"msg": sprintf("azurerm_kubernetes_cluster.%s sets no automatic upgrade channel (%s)", [c.name, name]),
		"route": array.concat(c.route, [name]),
		"case": pin_case(c.name),
	}
}

# A literal MAJOR.MINOR.PATCH version: once AKS upgrades the patch release, Terraform would plan
# a downgrade back to it, which AKS refuses.
patch_version(v) if {
	is_string(v)
	regex.match(`^[0-9]+\.[0-9]+\.[0-9]+$`, v)
}

pinned(body) if patch_version(body.kubernetes_version)

pinned(body) if patch_version(aks.default_pool(body).orchestrator_version)

# Clusters (by resource name) pinned to a patch version, by themselves or by one of the module's
# azurerm_kubernetes_cluster_node_pool.
pinned_clusters := {c.name |
	some c in tf.live_resources("azurerm_kubernetes_cluster")
	pinned(c.body)
} | {name |
	some pool in input.__converge.module.resource.azurerm_kubernetes_cluster_node_pool
	is_object(pool)
	patch_version(pool.orchestrator_version)
	some name in aks.cluster_names(pool)
}

pin_case(name) := "pinned_patch" if name in pinned_clusters

else := "unpinned"
