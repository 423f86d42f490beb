# METADATA
# title: RDS DB instance is not Multi-AZ
# description: |
#   A Single-AZ instance is down while its host or its Availability Zone fails and during much
#   of its maintenance, until it is repaired or restored. A Multi-AZ instance keeps a
#   synchronous standby in another zone and fails over to it automatically, usually within a
#   minute or two.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html
# custom:
#   id: aws-rds-multi-az-disabled
#   target: terraform
#   severity: medium
#   checkov: [CKV_AWS_157]
package converge.rules.terraform.aws_rds_multi_az_disabled

import rego.v1

import data.converge.lib.terraform as tf

findings contains f if {
	some r in tf.live_resources("aws_db_instance")
	tf.bool_not_true(r.body, "multi_az")
	f := {
		"msg": sprintf("aws_db_instance.%s is not Multi-AZ", [r.name]),
		"route": array.concat(r.route, ["multi_az"]),
		"case": instance_case(r.body),
	}
}

# SQL Server Express and Web editions have no Multi-AZ deployment; an instance pinned to one
# Availability Zone cannot be Multi-AZ until the zone is removed.
instance_case(body) := "unsupported" if body.engine in {"sqlserver-ex", "sqlserver-web"}

instance_case(body) := "zone_pinned" if {
	not body.engine in {"sqlserver-ex", "sqlserver-web"}
	body.availability_zone != null
}

instance_case(body) := "standard" if {
	not body.engine in {"sqlserver-ex", "sqlserver-web"}
	object.get(body, "availability_zone", null) == null
}
