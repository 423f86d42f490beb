# METADATA
# title: Redshift cluster is not encrypted at rest
# description: |
#   An unencrypted Redshift cluster stores its data blocks, system metadata and snapshots in the
#   clear; anyone who can restore or share a snapshot can read the data.
# related_resources:
#   - https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html
# custom:
#   id: aws-redshift-cluster-unencrypted
#   target: terraform
#   severity: high
#   checkov: [CKV_AWS_64]
package converge.rules.terraform.aws_redshift_cluster_unencrypted

import rego.v1

import data.converge.lib.terraform as tf

findings contains f if {
	some kind in ["aws_redshift_cluster"]
	some r in tf.live_resources(kind)
	tf.bool_not_true(r.body, "encrypted")
	f := {
		"msg": sprintf("%s.%s is not encrypted at rest", [kind, r.name]),
		"route": array.concat(r.route, ["encrypted"]),
	}
}
