# METADATA
# title: GKE cluster enables legacy ABAC authorization
# description: |
#   Legacy attribute-based access control grants broad, static permissions outside Kubernetes
#   RBAC: with it on, service accounts and users can get far more access than their role
#   bindings say, and RBAC policies cannot restrict them.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster#leave_abac_disabled_default_for_110
# custom:
#   id: gcp-gke-legacy-abac-enabled
#   target: terraform
#   severity: high
#   checkov: [CKV_GCP_7]
package converge.rules.terraform.gcp_gke_legacy_abac_enabled

import rego.v1

import data.converge.lib.terraform as tf

findings contains f if {
	some c in tf.resources("google_container_cluster")
	tf.is_true(c.body.enable_legacy_abac)
	f := {
		"msg": sprintf("google_container_cluster.%s sets enable_legacy_abac = true", [c.name]),
		"route": array.concat(c.route, ["enable_legacy_abac"]),
	}
}
