# METADATA
# title: GKE cluster has no resource labels
# description: |
#   Resource labels identify a cluster's owner, environment and cost center in billing exports,
#   inventories and organization policies; an unlabelled cluster is hard to attribute and easy
#   to miss in an incident.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/creating-managing-labels
# custom:
#   id: gcp-gke-resource-labels-missing
#   target: terraform
#   severity: low
#   checkov: [CKV_GCP_21]
package converge.rules.terraform.gcp_gke_resource_labels_missing

import rego.v1

import data.converge.lib.gcp
import data.converge.lib.terraform as tf

labelled(body) if count(body.resource_labels) > 0

labelled(body) if gcp.is_expr(body.resource_labels)

findings contains f if {
	some c in tf.resources("google_container_cluster")
	not labelled(c.body)
	f := {
		"msg": sprintf("google_container_cluster.%s has no resource_labels", [c.name]),
		"route": array.concat(c.route, ["resource_labels"]),
	}
}
