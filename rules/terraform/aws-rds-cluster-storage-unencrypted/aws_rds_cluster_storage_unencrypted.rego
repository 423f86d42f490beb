# METADATA
# title: RDS/Aurora cluster storage is not encrypted
# description: |
#   An unencrypted cluster keeps its data, its backups and its snapshots in the clear; anyone
#   who can copy or share a snapshot can read the data. Encryption can only be chosen when the
#   cluster is created. Aurora Serverless v1 clusters (`engine_mode = "serverless"`) are always
#   encrypted and are not reported.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html
# custom:
#   id: aws-rds-cluster-storage-unencrypted
#   target: terraform
#   severity: high
#   checkov: [CKV_AWS_96]
package converge.rules.terraform.aws_rds_cluster_storage_unencrypted

import rego.v1

import data.converge.lib.terraform as tf

findings contains f if {
	some kind in ["aws_rds_cluster"]
	some r in tf.live_resources(kind)
	not object.get(r.body, "engine_mode", "") == "serverless"
	tf.bool_not_true(r.body, "storage_encrypted")
	f := {
		"msg": sprintf("%s.%s does not encrypt its storage", [kind, r.name]),
		"route": array.concat(r.route, ["storage_encrypted"]),
	}
}
