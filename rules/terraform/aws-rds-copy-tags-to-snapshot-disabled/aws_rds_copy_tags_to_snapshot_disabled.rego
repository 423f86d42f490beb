# METADATA
# title: RDS database does not copy its tags to snapshots
# description: |
#   Snapshots without the database's tags escape the tag-based policies that apply to the
#   database: cost allocation, access control with tag conditions, backup and retention
#   policies, and ownership lookups.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Tagging.html#USER_Tagging.CopyTags
# custom:
#   id: aws-rds-copy-tags-to-snapshot-disabled
#   target: terraform
#   severity: low
#   checkov: [CKV2_AWS_60, CKV_AWS_313]
package converge.rules.terraform.aws_rds_copy_tags_to_snapshot_disabled

import rego.v1

import data.converge.lib.terraform as tf

findings contains f if {
	some kind in ["aws_db_instance", "aws_rds_cluster"]
	some r in tf.live_resources(kind)
	not exempt(kind, r.body)
	tf.bool_not_true(r.body, "copy_tags_to_snapshot")
	f := {
		"msg": sprintf("%s.%s does not copy its tags to snapshots", [kind, r.name]),
		"route": array.concat(r.route, ["copy_tags_to_snapshot"]),
	}
}

# CKV2_AWS_60 does not check DB instances of these engines (their snapshots belong to the cluster).
exempt("aws_db_instance", body) if body.engine in {"neptune", "aurora", "docdb"}
