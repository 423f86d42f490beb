# METADATA
# title: RDS instance is publicly accessible
# description: |
#   `publicly_accessible = true` gives the database a public DNS name and address; its only
#   remaining protection is the security group and the password.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html
# custom:
#   id: aws-rds-instance-publicly-accessible
#   target: terraform
#   severity: critical
#   checkov: [CKV_AWS_17]
package converge.rules.terraform.aws_rds_instance_publicly_accessible

import rego.v1

import data.converge.lib.terraform as tf

findings contains f if {
	some kind in ["aws_db_instance", "aws_rds_cluster_instance"]
	some db in tf.resources(kind)
	tf.is_true(object.get(db.body, "publicly_accessible", false))
	f := {
		"msg": sprintf("%s.%s is publicly accessible", [kind, db.name]),
		"route": array.concat(db.route, ["publicly_accessible"]),
	}
}
