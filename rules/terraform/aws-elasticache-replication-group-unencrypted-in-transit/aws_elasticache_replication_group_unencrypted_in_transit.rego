# METADATA
# title: ElastiCache replication group does not encrypt traffic in transit
# description: |
#   Without in-transit encryption, Redis/Valkey commands and data, including AUTH passwords,
#   cross the network in the clear between clients and nodes and between nodes. Members of a
#   global datastore are not reported: they take the setting from the global datastore.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonElastiCache/latest/red-ug/in-transit-encryption.html
# custom:
#   id: aws-elasticache-replication-group-unencrypted-in-transit
#   target: terraform
#   severity: high
#   checkov: [CKV_AWS_30]
package converge.rules.terraform.aws_elasticache_replication_group_unencrypted_in_transit

import rego.v1

import data.converge.lib.terraform as tf

findings contains f if {
	some kind in ["aws_elasticache_replication_group"]
	some r in tf.live_resources(kind)
	not r.body.global_replication_group_id
	tf.bool_not_true(r.body, "transit_encryption_enabled")
	f := {
		"msg": sprintf("%s.%s does not encrypt traffic in transit", [kind, r.name]),
		"route": array.concat(r.route, ["transit_encryption_enabled"]),
	}
}
