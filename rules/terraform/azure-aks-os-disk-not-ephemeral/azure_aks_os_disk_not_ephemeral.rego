# METADATA
# title: AKS default node pool keeps node OS disks in Azure Storage (not ephemeral)
# description: |
#   With managed OS disks (the default), what nodes write to their OS disk (container layers,
#   logs, temporary files that can hold secrets) is stored and replicated in Azure Storage.
#   Ephemeral OS disks live on the VM's local cache or temporary disk, so none of it leaves the
#   host; nodes also boot, scale and re-image faster, with lower disk latency.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/aks/concepts-storage#ephemeral-os-disk
# custom:
#   id: azure-aks-os-disk-not-ephemeral
#   target: terraform
#   severity: low
#   checkov: [CKV_AZURE_226]
package converge.rules.terraform.azure_aks_os_disk_not_ephemeral

import rego.v1

import data.converge.lib.aks
import data.converge.lib.terraform as tf

findings contains f if {
	some pool in aks.default_pools
	v := object.get(pool.body, "os_disk_type", null)
	v != "Ephemeral"
	not tf.is_expression(v)
	f := {
		"msg": sprintf("%s does not use ephemeral OS disks (os_disk_type is %v)", [pool.label, shown(v)]),
		"route": array.concat(pool.route, ["os_disk_type"]),
	}
}

shown(null) := "Managed by default"

shown(v) := v if v != null
