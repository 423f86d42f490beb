# METADATA
# title: RDS instance storage is not encrypted
# description: |
#   An unencrypted DB instance keeps its data, its automated backups, its read replicas and its
#   snapshots in the clear; anyone who can copy or share a snapshot can read the data.
#   Encryption can only be chosen when the instance is created. Read replicas are not reported:
#   they inherit the encryption of their source.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html
# custom:
#   id: aws-rds-instance-storage-unencrypted
#   target: terraform
#   severity: high
#   checkov: [CKV_AWS_16]
package converge.rules.terraform.aws_rds_instance_storage_unencrypted

import rego.v1

import data.converge.lib.terraform as tf

findings contains f if {
	some kind in ["aws_db_instance"]
	some r in tf.live_resources(kind)
	not r.body.replicate_source_db
	tf.bool_not_true(r.body, "storage_encrypted")
	f := {
		"msg": sprintf("%s.%s does not encrypt its storage", [kind, r.name]),
		"route": array.concat(r.route, ["storage_encrypted"]),
	}
}
