# METADATA
# title: GKE nodes expose the Compute Engine metadata server to pods
# description: |
#   Unless node_config.workload_metadata_config selects the GKE metadata server, any pod can read
#   the node's service account token and instance attributes (kube-env with kubelet credentials
#   on older clusters) from the Compute Engine metadata server. The GKE metadata server serves
#   Workload Identity credentials instead. google provider 4.x and later set mode =
#   "GKE_METADATA"; 3.x set node_metadata = "GKE_METADATA_SERVER".
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/protecting-cluster-metadata
# custom:
#   id: gcp-gke-metadata-server-disabled
#   target: terraform
#   severity: high
#   checkov: [CKV_GCP_69]
package converge.rules.terraform.gcp_gke_metadata_server_disabled

import rego.v1

import data.converge.lib.gcp
import data.converge.lib.terraform as tf

gke_metadata(nc) if {
	some w in nc.workload_metadata_config
	w.mode == "GKE_METADATA"
}

gke_metadata(nc) if {
	some w in nc.workload_metadata_config
	w.node_metadata == "GKE_METADATA_SERVER"
}

unknown(body) if gcp.has_dynamic(body, "node_config")

unknown(body) if gcp.has_dynamic(body.node_config[0], "workload_metadata_config")

unknown(body) if {
	some w in body.node_config[0].workload_metadata_config
	some v in [object.get(w, "mode", ""), object.get(w, "node_metadata", "")]
	gcp.is_expr(v)
}

# Clusters whose node settings GKE manages (Autopilot) or whose default node pool is deleted.
skipped("google_container_cluster", body) if gcp.autopilot(body)

skipped("google_container_cluster", body) if tf.is_true(body.remove_default_node_pool)

findings contains f if {
	some kind in ["google_container_cluster", "google_container_node_pool"]
	some r in tf.resources(kind)
	not skipped(kind, r.body)
	not unknown(r.body)
	nc := object.get(r.body, ["node_config", 0], {})
	not gke_metadata(nc)
	[attribute, kase] := setting(nc)
	f := {
		"msg": sprintf("%s.%s does not use the GKE metadata server (workload_metadata_config)", [kind, r.name]),
		"route": array.concat(r.route, ["node_config", 0, "workload_metadata_config", 0, attribute]),
		"case": wi_case(kind, r.body, kase),
	}
}

# The attribute the file already uses, else the one for the provider version.
setting(nc) := ["node_metadata", "node_metadata"] if {
	"node_metadata" in object.keys(nc.workload_metadata_config[0])
} else := ["mode", "mode"] if {
	"mode" in object.keys(nc.workload_metadata_config[0])
} else := ["node_metadata", "missing"] if {
	gcp.below(4)
} else := ["mode", "missing"]

# GKE rejects the GKE metadata server on clusters without Workload Identity (a node pool's
# cluster is checked when it is in the module).
wi_case(kind, body, kase) := "no_workload_identity" if {
	no_wi(kind, body)
} else := kase

no_wi("google_container_cluster", body) if not gcp.workload_identity(body)

no_wi("google_container_node_pool", body) if {
	cluster := gcp.pool_cluster(body)
	not gcp.workload_identity(cluster)
}
