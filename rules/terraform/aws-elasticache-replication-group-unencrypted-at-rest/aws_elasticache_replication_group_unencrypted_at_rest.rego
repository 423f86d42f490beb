# METADATA
# title: ElastiCache replication group is not encrypted at rest
# description: |
#   Without encryption at rest, the cache data on disk (swap, backups and snapshots exported to
#   S3) is stored in the clear. It can only be chosen when the replication group is created.
#   Members of a global datastore are not reported: they take the setting from the global
#   datastore.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonElastiCache/latest/red-ug/at-rest-encryption.html
# custom:
#   id: aws-elasticache-replication-group-unencrypted-at-rest
#   target: terraform
#   severity: high
#   checkov: [CKV_AWS_29]
package converge.rules.terraform.aws_elasticache_replication_group_unencrypted_at_rest

import rego.v1

import data.converge.lib.terraform as tf

findings contains f if {
	some kind in ["aws_elasticache_replication_group"]
	some r in tf.live_resources(kind)
	not r.body.global_replication_group_id
	tf.bool_not_true(r.body, "at_rest_encryption_enabled")
	f := {
		"msg": sprintf("%s.%s is not encrypted at rest", [kind, r.name]),
		"route": array.concat(r.route, ["at_rest_encryption_enabled"]),
	}
}
